"""Time and size of every handout variant: python bench/handout_bench.py [--runs N] [--json FILE]

For each variant (language x scenario x paper): the cold first build in a fresh process (fonts
not yet prepared, model not yet fitted; imports timed separately) and the median of N warm builds
(after one warm-up, the PDF cache bypassed, so every run lays out and writes the whole PDF).
Targets: under 1 s and under 500 KB per handout on the project's 2-core machines.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LEVEL = 2000.0
VARIANTS = list(itertools.product(("en", "zh", "both"), (None, LEVEL), ("a4", "letter")))
TARGET_SECONDS = 1.0
TARGET_BYTES = 500 * 1024

_COLD = """
import time, json, sys
t0 = time.perf_counter()
import handout, handout.document, handout.pdf, model.benefit, views.results
t1 = time.perf_counter()
data = handout.build_pdf({lang!r}, {pnfh!r}, {paper!r})
t2 = time.perf_counter()
data = handout._build.__wrapped__({lang!r}, {pnfh!r}, {paper!r})
t3 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "first": t2 - t1, "second": t3 - t2}}))
"""


def cold(lang: str, pnfh: float | None, paper: str) -> dict:
    code = _COLD.format(lang=lang, pnfh=pnfh, paper=paper)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm(lang: str, pnfh: float | None, paper: str, runs: int) -> tuple[float, int]:
    from handout import _build

    build = _build.__wrapped__  # no cache: every run builds the whole document
    build(lang, pnfh, paper)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        data = build(lang, pnfh, paper)
        times.append(time.perf_counter() - t)
    return statistics.median(times), len(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--cold",
        choices=("one", "all", "none"),
        default="one",
        help="cold builds in fresh processes: one variant (default), all, or none",
    )
    parser.add_argument(
        "--fresh-fonts",
        action="store_true",
        help="delete the prepared-font cache first, so the cold build prepares them",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    rows = []
    print(f"{'variant':<22}{'warm median s':>14}{'size KB':>9}{'pages':>7}")
    for lang, pnfh, paper in VARIANTS if args.runs > 0 else []:
        seconds, size = warm(lang, pnfh, paper, args.runs)
        import re

        from handout import _build

        data = _build.__wrapped__(lang, pnfh, paper)
        pages = len(re.findall(rb"/Type /Page\b", data))
        name = f"{lang}-{'pnfh' if pnfh else 'none'}-{paper}"
        rows.append({"variant": name, "warm_median_s": seconds, "bytes": size, "pages": pages})
        flag = "" if seconds < TARGET_SECONDS and size < TARGET_BYTES else "  OVER TARGET"
        print(f"{name:<22}{seconds:>14.3f}{size / 1024:>9.0f}{pages:>7}{flag}")

    if args.fresh_fonts:
        import shutil

        from handout.fonts import _cache_dir

        if (folder := _cache_dir()) is not None:
            shutil.rmtree(folder, ignore_errors=True)
    cold_variants = {"one": [("zh", LEVEL, "a4")], "all": VARIANTS, "none": []}[args.cold]
    for lang, pnfh, paper in cold_variants:
        c = cold(lang, pnfh, paper)
        name = f"{lang}-{'pnfh' if pnfh else 'none'}-{paper}"
        print(
            f"cold {name}: imports {c['imports']:.2f} s, first build {c['first']:.2f} s "
            f"(fonts {'prepared' if args.fresh_fonts and (lang, pnfh, paper) == cold_variants[0] else 'read from the cache'}"
            f"{', model fitted' if pnfh else ''}), "
            f"second build {c['second']:.2f} s"
        )
        rows.append({"variant": f"cold {name}", **c})
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    over = [
        r for r in rows if "warm_median_s" in r and (r["warm_median_s"] >= TARGET_SECONDS or r["bytes"] >= TARGET_BYTES)
    ]
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Handout generation time and size per variant.

    python bench/handout_bench.py [--reps 3]

For each variant (language x CSF-pNFH scenario x paper): the command line a clinician would run
(`python -m handout ...`, a fresh process: imports, font parsing and layout), and in one process
the first build (fonts parsed once for the process) and a rebuild with the handout's cache
bypassed (what each new variant costs a running server). Sizes and page counts of the PDFs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, loadavg, median, save

VARIANTS = [
    ("en", None, "a4"), ("zh", None, "a4"), ("both", None, "a4"),
    ("en", 2000, "a4"), ("zh", 2000, "a4"), ("both", 2000, "a4"), ("zh", 2000, "letter"),
]


def _pages(path: Path) -> int | None:
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def cli(lang: str, pnfh: int | None, paper: str, out: Path) -> float:
    cmd = [sys.executable, "-m", "handout", "--lang", lang, "--paper", paper, "--out", str(out)]
    if pnfh is not None:
        cmd += ["--pnfh", str(pnfh)]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - t0


def in_process(reps: int) -> dict:
    """One process: first build of every variant, then rebuilds bypassing handout's lru_cache."""
    code = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
t0 = time.perf_counter()
import handout
imported = time.perf_counter() - t0
variants = {VARIANTS!r}
first, rebuild = {{}}, {{}}
for lang, pnfh, paper in variants:
    t = time.perf_counter(); handout.build_pdf(lang, pnfh, paper); first[f"{{lang}}/{{pnfh}}/{{paper}}"] = time.perf_counter() - t
for lang, pnfh, paper in variants:
    times = []
    for _ in range({reps}):
        t = time.perf_counter(); handout._build.__wrapped__(lang, None if pnfh is None else float(pnfh), paper); times.append(time.perf_counter() - t)
    rebuild[f"{{lang}}/{{pnfh}}/{{paper}}"] = sorted(times)[len(times) // 2]
print(json.dumps({{"import_seconds": imported, "first": first, "rebuild": rebuild}}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    import json

    return json.loads(out.strip().splitlines()[-1])


def run(reps: int) -> dict:
    loads = [loadavg()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang, pnfh, paper in VARIANTS:
            out = Path(tmp) / f"h-{lang}-{pnfh}-{paper}.pdf"
            times = [cli(lang, pnfh, paper, out) for _ in range(reps)]
            rows.append({"variant": f"{lang}/{pnfh}/{paper}", "lang": lang, "pnfh": pnfh, "paper": paper,
                         "cli_seconds_median": median(times), "cli_seconds": times,
                         "bytes": out.stat().st_size, "pages": _pages(out)})
    proc = in_process(reps)
    for row in rows:
        row["first_build_in_process"] = proc["first"][row["variant"]]
        row["rebuild_in_process"] = proc["rebuild"][row["variant"]]
    loads.append(loadavg())
    return {"stage": "handout", "reps": reps, "load": loads, "import_seconds": proc["import_seconds"], "rows": rows}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    result = run(args.reps)
    path = save("handout", result)
    for row in result["rows"]:
        print(f"{row['variant']:>18}  cli {row['cli_seconds_median']:.2f} s  first {row['first_build_in_process']:.2f} s  "
              f"rebuild {row['rebuild_in_process']:.2f} s  {row['bytes'] / 1024:.0f} KiB  {row['pages']} pages")
    print(f"saved {path}")
    return result


if __name__ == "__main__":
    main()

"""Lighthouse (12.2.3, pinned in bench/lighthouse/package.json) on /, /results and /biomarker,
this app (`python serve.py`, the production entry point: compressed static files) beside the floor.

    (cd bench/lighthouse && npm ci)          # once: Lighthouse into bench/lighthouse/node_modules
    python bench/lighthouse_bench.py [--langs en,zh,zh-Hant] [--presets mobile,desktop] [--reps 1]

Not part of the pytest suite (a run takes minutes). Debian's /usr/bin/chromium, headless, on
loopback only; "mobile" is Lighthouse's default (a mid-range phone, simulated slow 4G, 4x CPU
slow-down), "desktop" its `--preset=desktop`. Writes `bench/results/lighthouse.json`; reports
stay in `bench/results/lighthouse/`. Medians when --reps > 1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CHROMIUM, RESULTS, ROOT, TARGETS, loadavg, median, save, serve

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ("/", "/results", "/biomarker")
# The floor has its own two pages; its first page stands for "a Streamlit page with a chart".
FLOOR_PAGES = ("/",)
AUDITS = {
    "fcp_s": "first-contentful-paint",
    "lcp_s": "largest-contentful-paint",
    "speed_index_s": "speed-index",
    "tbt_s": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "bytes": "total-byte-weight",
}


def run_lighthouse(url: str, preset: str, out: Path, timeout: float = 240, attempts: int = 3) -> dict:
    """One Lighthouse run; the figures this bench reports (seconds, score 0-100, CLS, bytes).
    Lighthouse 12.2.3 on Chromium 156 now and then fails to record the load's trace (NO_NAVSTART):
    that run is made again, at most ``attempts`` times, and a last failure is reported as such."""
    for _attempt in range(attempts):
        figures = _run_once(url, preset, out, timeout)
        if "NO_NAVSTART" not in str(figures.get("error", "")):
            break
    return figures


def _run_once(url: str, preset: str, out: Path, timeout: float) -> dict:
    argv = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run",
        "--max-wait-for-load=60000",
    ]
    if preset == "desktop":
        argv.append("--preset=desktop")
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not out.exists():
        return {"error": (done.stderr or done.stdout)[-500:]}
    report = json.loads(out.read_text())
    figures: dict = {"score": round(100 * (report["categories"]["performance"]["score"] or 0))}
    for key, audit in AUDITS.items():
        value = report["audits"].get(audit, {}).get("numericValue")
        if value is not None and key.endswith("_s"):
            value = value / 1000
        figures[key] = value
    if report.get("runtimeError"):
        figures["error"] = report["runtimeError"].get("message")
    return figures


def _median_of(runs: list[dict]) -> dict:
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[-1]
    return {key: median([r[key] for r in ok if r.get(key) is not None]) for key in ok[0]}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", default="en,zh,zh-Hant")
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--desktop-langs", default="en", help="languages also audited with --preset=desktop")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: (cd bench/lighthouse && npm ci)")
    langs = [x for x in args.langs.split(",") if x]
    presets = [x for x in args.presets.split(",") if x]
    desktop_langs = set(args.desktop_langs.split(","))
    folder = RESULTS / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    loads = [loadavg()]
    with serve(TARGETS["floor"]) as floor, serve(TARGETS["app-serve"]) as app:
        jobs = [("floor", floor.url, p, None, preset) for p in FLOOR_PAGES for preset in presets]
        for lang in langs:
            for preset in presets:
                if preset == "desktop" and lang not in desktop_langs:
                    continue
                jobs += [("app-serve", app.url, p, lang, preset) for p in PAGES]
        for target, base, path, lang, preset in jobs:
            query = f"?lang={lang}" if lang else ""
            runs = []
            for rep in range(args.reps):
                name = f"{target}{path.replace('/', '_') or '_'}-{lang or 'floor'}-{preset}-{rep}.json"
                t0 = time.perf_counter()
                figures = run_lighthouse(f"{base}{path}{query}", preset, folder / name)
                figures["wall_s"] = time.perf_counter() - t0
                runs.append(figures)
            row = {
                "target": target,
                "path": path,
                "lang": lang,
                "preset": preset,
                **_median_of(runs),
                "load": loadavg(),
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    loads.append(loadavg())
    result = {
        "stage": "lighthouse",
        "lighthouse": "12.2.3",
        "reps": args.reps,
        "load": loads,
        "rows": rows,
        "command": "python bench/lighthouse_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    save("lighthouse", result)
    return result


if __name__ == "__main__":
    main()

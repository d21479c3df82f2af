"""Where the time goes: pyinstrument over AppTest runs of every page, cold then warm.

    python bench/profile_pages.py [--pages biomarker,results,handout] [--html]

One process: the first run of each page pays the imports and every per-process cache (model fit,
fonts); the second run of the same page is what a rerun costs. Writes text (and optionally HTML)
profiles to bench/results/profile-<page>-<cold|warm>.txt and prints the summary.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS, ROOT, loadavg, save

PROFILES: list = []
_last_app = None


def _profile_script_threads() -> None:
    """AppTest runs each script run in its own thread: profile inside that thread."""
    from pyinstrument import Profiler
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread
    if getattr(original, "_profiled", False):
        return

    def profiled(self) -> None:
        profiler = Profiler(interval=0.001)
        profiler.start()
        try:
            original(self)
        finally:
            profiler.stop()
            PROFILES.append(profiler)

    profiled._profiled = True
    LocalScriptRunner._run_script_thread = profiled


def run_page(slug: str, query: dict[str, str]):
    from streamlit.testing.v1 import AppTest

    from content.site import page

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if slug != "start":
        at.switch_page(page(slug).script)
        at.run()
    if slug == "biomarker":  # the numbers are shown on request: press the button, as a visitor would
        at.button(key="bm_reveal").click().run()
    assert not at.exception, at.exception
    return at


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="start,biomarker,results,handout")
    parser.add_argument("--html", action="store_true")
    args = parser.parse_args(argv)
    _profile_script_threads()
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {"stage": "profile", "load": [loadavg()], "runs": []}
    for slug in [s.strip() for s in args.pages.split(",") if s.strip()]:
        query = {"lang": "en", **({"pnfh": "2000"} if slug == "biomarker" else {})}
        for phase in ("cold", "warm"):
            PROFILES.clear()
            t0 = time.perf_counter()
            global _last_app
            _last_app = run_page(slug, query)
            seconds = time.perf_counter() - t0
            texts = [p.output_text(unicode=False, color=False, show_all=False) for p in PROFILES]
            (RESULTS / f"profile-{slug}-{phase}.txt").write_text("\n".join(texts))
            if args.html:
                for i, p in enumerate(PROFILES):
                    (RESULTS / f"profile-{slug}-{phase}-{i}.html").write_text(p.output_html())
            script = sum(p.last_session.duration for p in PROFILES if p.last_session)
            summary["runs"].append(
                {
                    "page": slug,
                    "phase": phase,
                    "seconds": seconds,
                    "script_seconds": script,
                    "script_runs": len(PROFILES),
                }
            )
            print(f"{slug:>10} {phase}: {seconds:.3f} s  -> bench/results/profile-{slug}-{phase}.txt")
            if slug == "biomarker" and phase == "warm":  # one slider step, as the interaction bench does
                at = _last_app
                PROFILES.clear()
                t0 = time.perf_counter()
                # The server's part of a step: the explorer reports the level, the fragment reruns
                # (AppTest cannot move the browser's slider; the box sets the same level).
                at.number_input(key="bm_number").set_value(2050).run()
                seconds = time.perf_counter() - t0
                (RESULTS / "profile-biomarker-step.txt").write_text(
                    "\n".join(p.output_text(unicode=False, color=False, show_all=False) for p in PROFILES)
                )
                script = sum(p.last_session.duration for p in PROFILES if p.last_session)
                summary["runs"].append(
                    {
                        "page": slug,
                        "phase": "step",
                        "seconds": seconds,
                        "script_seconds": script,
                        "script_runs": len(PROFILES),
                    }
                )
                print(f"{slug:>10} step: {seconds:.3f} s  -> bench/results/profile-biomarker-step.txt")
    summary["load"].append(loadavg())
    save("profile", summary)
    return summary


if __name__ == "__main__":
    main()

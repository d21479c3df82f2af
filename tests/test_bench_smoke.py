"""Fast smoke tests of the benchmark scripts (speed targets are never asserted here)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.servers import ROOT


def test_floor_app_has_one_slider_one_sentence_one_chart() -> None:
    at = AppTest.from_file(str(ROOT / "bench" / "floor" / "floor_app.py"), default_timeout=60)
    at.query_params["pnfh"] = "2000"
    at.run()
    at.switch_page("floor_pages/biomarker.py")
    at.run()
    assert not at.exception
    assert len(at.slider) == 1 and at.slider[0].value == 2000
    assert "At 2000 pg/mL" in at.markdown[0].value
    assert len(at.get("vega_lite_chart")) == 1
    at.slider[0].set_value(2100).run()
    assert "At 2100 pg/mL" in at.markdown[0].value


def test_report_renders_from_results(tmp_path, monkeypatch) -> None:
    import bench.run_all as run_all

    monkeypatch.setattr(run_all, "RESULTS", tmp_path)
    (tmp_path / "machine.json").write_text(json.dumps({"cpu": "X", "nproc": "2", "uptime": "load average: 1.0"}))
    (tmp_path / "pageload.json").write_text(
        json.dumps({"reps": 3, "load": ["1", "2"], "command": "cmd", "median": {"app": 3.0, "floor": 2.0}})
    )
    (tmp_path / "memory.json").write_text(
        json.dumps(
            {
                "sessions": 20,
                "load": ["1"],
                "results": {
                    "app": {"per_additional_session_mb": 0.5, "rss_one_session_mb": 200, "rss_20_sessions_mb": 210},
                    "floor": {"per_additional_session_mb": 0.25, "rss_one_session_mb": 100, "rss_20_sessions_mb": 105},
                },
            }
        )
    )
    burst = {"errors": 0, "error_samples": [], "load_p95": 1.0, "server_cpu_per_session": 0.05}
    (tmp_path / "wsload.json").write_text(
        json.dumps(
            {
                "command": "ws",
                "runs": [
                    {
                        "sessions": 100,
                        "ramp_seconds": 0,
                        "load": ["1"],
                        "results": {
                            "floor": burst,
                            "app-serve": {**burst, "errors": 2, "error_samples": ["TimeoutError: | late", "x"]},
                            "app-nginx2": burst,
                        },
                    }
                ],
            }
        )
    )
    text = run_all.render()
    assert "median of 3 (s) | 3.00 | 2.00 | 1.50 x | ≤ 1.5 x floor | yes |" in text
    # An error count above zero says what failed; a clean run's row is unchanged.
    assert "(all at once, no browser): errors (app's first: `TimeoutError: / late`) | 2 | 0 |" in text
    assert "(all at once, no browser, two replicas behind nginx): errors | 0 | 0 |" in text
    assert "| Memory per additional session, 20 sessions (MB RSS) | 0.50 | 0.25 | 2.00 x | < 5 MB | yes |" in text


@pytest.mark.browser
def test_browser_bench_measures_the_floor(browser, tmp_path, monkeypatch) -> None:
    import bench.common as common
    from bench import browser_bench

    monkeypatch.setattr(common, "RESULTS", tmp_path)
    result = browser_bench.pageload(["floor"], reps=1, browser=browser)
    assert len(result["seconds"]["floor"]) == 1 and result["seconds"]["floor"][0] > 0
    result = browser_bench.interaction(["floor"], reps=1, browser=browser)
    assert result["seconds"]["floor"][0] > 0

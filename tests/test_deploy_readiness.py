"""Readiness: through `python serve.py`, /_stcore/health answers 200 only once the app can serve.

A launcher in a temporary folder runs serve.main() with one extra warm-up step that waits for a
file (so the test decides when warm-up ends) or fails (so the test sees a broken replica stay
unready); the real warm-up steps, the model fit included, run as in production.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

import serve
from content.i18n import gettext_for
from content.site import page as page_info
from harness.local import SERVER_FLAGS
from tests.browser import open_page
from tests.conftest import ARTIFACTS
from tests.servers import ROOT, free_port, stop

pytestmark = pytest.mark.browser

LAUNCHER = """
import pathlib, sys, time
sys.path.insert(0, {root!r})
import serve

mode, gate = sys.argv[1], pathlib.Path(sys.argv[2])

def held():
    while not gate.exists():
        time.sleep(0.05)
    return "test gate opened"

def broken():
    raise RuntimeError("model file unreadable (simulated)")

if mode == "font":  # the handout's bold font replaced by the (damaged or missing) file at `gate`
    import handout.pdf
    handout.fonts.FONT_FILES["B"] = gate
    serve.main(sys.argv[3:], after_ready=())
else:
    step = held if mode == "gate" else broken
    serve.main(sys.argv[3:], warmups=(*serve.REQUIRED_WARMUPS, step), after_ready=())
"""

FLAGS = list(SERVER_FLAGS)  # harness/local.py: one definition for tests and bench


def _get(url: str) -> tuple[int | None, str]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


def _start(tmp_path: Path, argv: list[str], name: str):
    port = free_port()
    log_dir = ARTIFACTS / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = (log_dir / f"{name}-{port}.log").open("wb")
    process = subprocess.Popen(
        [*argv, *FLAGS, "--server.port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    return process, f"http://127.0.0.1:{port}"


def _first_answer(url: str, process: subprocess.Popen, timeout: float = 60) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "server exited"
        status, body = _get(f"{url}/_stcore/health")
        if status is not None:
            return status, body
        time.sleep(0.05)
    raise TimeoutError("server never answered")


def _failed_warm_up(url: str, timeout: float) -> tuple[int | None, str]:
    """Poll health until it reports the failed warm-up; unhealthy (503) on every answer before."""
    deadline = time.monotonic() + timeout
    while True:
        status, body = _get(f"{url}/_stcore/health")
        if body.startswith("warm-up failed"):
            assert status == 503, (status, body)
            return status, body
        assert status == 503, (status, body)
        assert time.monotonic() < deadline, "the failed warm-up was never reported"
        time.sleep(0.05)


def _launcher(tmp_path: Path) -> Path:
    path = tmp_path / "launch_with_test_step.py"
    path.write_text(LAUNCHER.format(root=str(ROOT)))
    return path


def test_health_waits_for_warm_up_then_the_page_answers(tmp_path, page) -> None:
    gate = tmp_path / "open"
    process, url = _start(tmp_path, [sys.executable, str(_launcher(tmp_path)), "gate", str(gate)], "serve-gate")
    try:
        status, body = _first_answer(url, process)
        assert (status, body) == (503, "warming up")
        # Held: the server is up (other routes answer) but says it is not ready, for as long as
        # warm-up lasts.
        for _ in range(10):
            assert _get(f"{url}/_stcore/health") == (503, "warming up")
            time.sleep(0.1)
        ready_status, ready_body = _get(f"{url}/api/ready")
        assert ready_status == 503 and json.loads(ready_body)["ready"] is False
        port = url.rsplit(":", 1)[1]
        assert subprocess.run([sys.executable, "deploy/healthcheck.py", port], cwd=ROOT).returncode == 1
        gate.touch()
        deadline = time.monotonic() + 60
        while _get(f"{url}/_stcore/health")[0] != 200:
            assert time.monotonic() < deadline, "never became healthy after warm-up"
            time.sleep(0.05)
        ready_status, ready_body = _get(f"{url}/api/ready")
        report = json.loads(ready_body)
        assert ready_status == 200 and report["ready"] is True and report["error"] is None
        steps = [s["step"] for s in report["steps"]]
        assert any(s.startswith("model.benefit.estimate(2000)") for s in steps)  # fitted before "healthy"
        assert "visited /biomarker?pnfh=2000&lang=en" in steps  # and the page ran through the server
        # with its numbers revealed, and a handout built (fonts read from disk)
        assert "visited /biomarker?pnfh=2000&lang=en and pressed bm_reveal" in steps
        assert any(s.startswith('handout.build_pdf("both", 2000) (fonts readable') for s in steps)
        assert steps[-1] == "test gate opened"
        assert subprocess.run([sys.executable, "deploy/healthcheck.py", port], cwd=ROOT).returncode == 0
        # And the app serves: the biomarker page through this entry point, with the model's numbers.
        open_page(page, url, "/biomarker?pnfh=2000&lang=en")
        expect(page.locator("h1").first).to_have_text(gettext_for("en", "app")(page_info("biomarker").title))
        page.get_by_role("button", name=gettext_for("en", "clinic")("Show the survival numbers")).click()
        expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
        assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()
    finally:
        stop(process)


def test_failed_warm_up_stays_unhealthy(tmp_path) -> None:
    process, url = _start(
        tmp_path, [sys.executable, str(_launcher(tmp_path)), "fail", str(tmp_path / "x")], "serve-fail"
    )
    try:
        _first_answer(url, process)
        status, body = _failed_warm_up(url, timeout=60)
        assert "RuntimeError: model file unreadable (simulated)" in body
        time.sleep(0.5)
        assert _get(f"{url}/_stcore/health")[0] == 503  # stays unready; the orchestrator replaces it
        assert process.poll() is None
    finally:
        stop(process)


def test_production_entry_point_becomes_healthy_with_the_model_warm(tmp_path) -> None:
    process, url = _start(tmp_path, [sys.executable, "serve.py"], "serve")
    try:
        deadline = time.monotonic() + 90
        while _get(f"{url}/_stcore/health")[0] != 200:
            assert process.poll() is None, "serve.py exited"
            assert time.monotonic() < deadline, "serve.py never became healthy"
            time.sleep(0.1)
        report = json.loads(_get(f"{url}/api/ready")[1])
        assert report["ready"] is True
        assert any(s["step"].startswith("model.benefit.estimate(2000)") for s in report["steps"])
    finally:
        stop(process)


def test_flags_are_read_like_streamlit_run() -> None:
    assert serve.parse_flags(["--server.port", "8502", "--server.headless=true", "--server.address", "0.0.0.0"]) == {
        "server.port": 8502,
        "server.headless": True,
        "server.address": "0.0.0.0",
    }
    with pytest.raises(SystemExit):
        serve.parse_flags(["streamlit_app.py"])


def test_skipping_altair_validation_gives_the_same_specs() -> None:
    # In a child process: the switch is process-wide and the other tests keep validation on.
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import altair as alt, pandas as pd
import serve
data = pd.DataFrame({{"x": [1, 2, 3], "y": [3, 1, 2]}})
base = alt.Chart(data, description="d").mark_line().encode(x="x:Q", y="y:Q")
charts = [base, base + base.mark_point(), alt.hconcat(base, base)]
before = [c.to_dict() for c in charts]
serve.skip_altair_validation()
serve.skip_altair_validation()
assert [c.to_dict() for c in charts] == before
assert alt.Chart.to_dict._mirocals_unvalidated
import altair.utils.schemapi as schemapi
assert schemapi.DEBUG_MODE is False
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "ok", result.stderr


@pytest.mark.parametrize("damage", ["truncated", "missing"])
def test_a_replica_whose_handout_font_is_broken_is_never_ready(damage, tmp_path) -> None:
    from handout.fonts import FONT_FILES

    copy = tmp_path / "NotoSansSC-Bold.ttf"
    if damage == "truncated":
        copy.write_bytes(FONT_FILES["B"].read_bytes()[:300_000])
    process, url = _start(
        tmp_path, [sys.executable, str(_launcher(tmp_path)), "font", str(copy)], f"serve-font-{damage}"
    )
    try:
        _first_answer(url, process)
        status, body = _failed_warm_up(url, timeout=90)
        assert f"FontError: handout font {'damaged' if damage == 'truncated' else 'missing'}" in body, body
        assert "NotoSansSC-Bold.ttf" in body
        ready_status, ready_body = _get(f"{url}/api/ready")
        assert ready_status == 503 and json.loads(ready_body)["ready"] is False
    finally:
        stop(process)


def test_production_without_a_cookie_secret_refuses_to_start() -> None:
    env = {k: v for k, v in os.environ.items() if k != "STREAMLIT_SERVER_COOKIE_SECRET"}
    result = subprocess.run(
        [sys.executable, "serve.py", *FLAGS, "--server.port", str(free_port())],
        cwd=ROOT,
        env={**env, "MIROCALS_ENV": "production"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert result.stderr.strip().splitlines() == [
        "serve.py: MIROCALS_ENV=production but no cookie secret: set STREAMLIT_SERVER_COOKIE_SECRET "
        "(the same long random string on every replica, e.g. `openssl rand -hex 32`)"
    ]
    # With one, the same check passes (and without production mode nothing is required).
    check = "import serve, sys; sys.exit(1 if serve.production_problem() else 0)"
    good = {**env, "MIROCALS_ENV": "production", "STREAMLIT_SERVER_COOKIE_SECRET": "s" * 64}
    assert subprocess.run([sys.executable, "-c", check], cwd=ROOT, env=good).returncode == 0
    assert subprocess.run([sys.executable, "-c", check], cwd=ROOT, env=env).returncode == 0


def test_the_explorer_tables_are_built_before_a_visitor_asks() -> None:
    # The required warm-up reveals the English page only; after readiness, every language's table
    # is built and encoded (views.explorer caches both for the process) so no first Chinese reveal
    # waits for it.
    import json as json_module

    from content.i18n import LANGUAGES
    from views import explorer

    explorer.table.cache_clear()
    explorer.answer_payload.cache_clear()
    assert serve._explorer_tables().endswith(", ".join(LANGUAGES))
    assert explorer.table.cache_info().currsize == explorer.answer_payload.cache_info().currsize == len(LANGUAGES)
    for lang in LANGUAGES:
        payload = explorer.answer_payload(lang)
        assert json_module.loads(payload) == {"part": "answer", "table": explorer.table(lang)}
    assert explorer.answer_payload.cache_info().hits == len(LANGUAGES)

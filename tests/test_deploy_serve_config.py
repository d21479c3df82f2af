"""serve.py reads the server's settings where the Docker image and Kubernetes put them, and asks
no outside service for this machine's address."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit import net_util
from streamlit.web.server import server_util

import serve
from tests.servers import ROOT, free_port, stop


def test_environment_variables_are_read_like_streamlit_run() -> None:
    env = {
        "STREAMLIT_SERVER_PORT": "8600",
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_ENABLE_CORS": "false",
        "STREAMLIT_CLIENT_TOOLBAR_MODE": "minimal",
        "STREAMLIT_SERVER_CORS_ALLOWED_ORIGINS": "https://a.test https://b.test",
        "STREAMLIT_SERVER_COOKIE_SECRET": "x" * 40,
        "UNRELATED": "1",
    }
    assert serve.env_overrides(env) == {
        "server.port": 8600,
        "server.address": "127.0.0.1",
        "server.headless": True,
        "server.enableCORS": False,
        "client.toolbarMode": "minimal",
        "server.corsAllowedOrigins": ["https://a.test", "https://b.test"],
    }  # the cookie secret is left to Streamlit (App.run refuses sensitive options)


def test_a_bad_environment_value_is_one_line_not_a_traceback() -> None:
    with pytest.raises(SystemExit, match=r"STREAMLIT_SERVER_PORT='eighty'"):
        serve.env_overrides({"STREAMLIT_SERVER_PORT": "eighty"})


def test_serve_listens_where_the_environment_says(tmp_path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
        "MIROCALS_ENV": "production",
        "STREAMLIT_SERVER_COOKIE_SECRET": "s" * 64,
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "serve.py"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/host-config", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, f"nothing on port {port}: {log.read_text()[-2000:]}"
                time.sleep(0.2)
    finally:
        stop(process)
    # The settings were read once, before the server started: Streamlit saw nothing change.
    assert "please restart streamlit" not in log.read_text()


def test_no_outside_service_is_asked_for_the_address(monkeypatch) -> None:
    monkeypatch.setattr(net_util, "_external_ip", None)

    def outside(url: str, timeout: float = 5) -> str | None:
        raise AssertionError(f"asked {url}")

    monkeypatch.setattr(net_util, "_make_blocking_http_get", outside)
    serve.no_external_ip_lookup()
    assert not net_util.get_external_ip()
    # A WebSocket handshake from another origin is still refused, without the lookup.
    monkeypatch.setattr(net_util, "get_internal_ip", lambda: None)
    assert server_util.is_url_from_allowed_origins("https://elsewhere.test") is False
    assert server_util.is_url_from_allowed_origins("http://localhost:8501") is True


def test_the_cookie_secret_can_come_from_a_mounted_file(tmp_path) -> None:
    secret = tmp_path / "cookie-secret"
    secret.write_text("k" * 64 + "\n")  # `kubectl create secret --from-file` keeps a newline
    env = {"MIROCALS_COOKIE_SECRET_FILE": str(secret)}
    assert serve.cookie_secret_from_file(env) is None
    assert env["STREAMLIT_SERVER_COOKIE_SECRET"] == "k" * 64
    assert serve.cookie_secret_from_file({}) is None  # not asked: nothing changes


@pytest.mark.parametrize("content", [None, ""])
def test_a_missing_or_empty_secret_file_stops_production_with_one_line(tmp_path, content) -> None:
    path = tmp_path / "cookie-secret"
    if content is not None:
        path.write_text(content)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "MIROCALS_ENV": "production",
        "MIROCALS_COOKIE_SECRET_FILE": str(path),
    }
    result = subprocess.run([sys.executable, "serve.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    why = "cannot read the cookie secret (FileNotFoundError" if content is None else "the file is empty"
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]  # one line, no traceback
    assert f"serve.py: MIROCALS_COOKIE_SECRET_FILE={path}: {why}" in result.stderr

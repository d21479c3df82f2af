"""Start and stop real `streamlit run` servers for browser tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from harness.local import SERVER_FLAGS, free_port, stop  # noqa: F401  (re-exported for the tests)

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def wait_healthy(url: str, timeout: float = 60.0, server: Server | None = None) -> None:
    """Until /_stcore/health answers 200; with ``server``, fail at once (with its log) if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert server is None or server.process.poll() is None, server.log()
        time.sleep(0.2)
    raise TimeoutError(f"streamlit at {url} did not become healthy in {timeout}s")


def start_streamlit(
    port: int, log_path: Path, app: str = "streamlit_app.py", extra: tuple[str, ...] = ()
) -> subprocess.Popen[bytes]:
    """`streamlit run` on 127.0.0.1:port, its output appended to log_path (also for a restart)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                app,
                *SERVER_FLAGS,
                "--server.port",
                str(port),
                *extra,
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )


@contextmanager
def streamlit_server(log_dir: Path, app: str = "streamlit_app.py", extra: tuple[str, ...] = ()) -> Iterator[Server]:
    """A fresh server on a free loopback port, with its log kept for privacy checks."""
    port = free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"streamlit-{port}.log"
    log_path.write_bytes(b"")
    server = Server(
        url=f"http://127.0.0.1:{port}", process=start_streamlit(port, log_path, app, extra), log_path=log_path
    )
    try:
        wait_healthy(server.url)
        yield server
    finally:
        stop(server.process)  # the process running now (a test may have restarted it)


@contextmanager
def production_server(log_dir: Path, name: str = "serve", timeout: float = 120.0) -> Iterator[Server]:
    """`python serve.py` (the production entry point: warm-up, readiness, compression, the index
    page's first screen) on a free loopback port; fails with its log if it exits or never answers."""
    port = free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "serve.py", *SERVER_FLAGS, "--server.port", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
    try:
        wait_healthy(server.url, timeout, server)
        yield server
    finally:
        stop(process)

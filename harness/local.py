"""Local servers and Debian's Chromium, one definition for tests/ and bench/ alike.

Everything here stays on 127.0.0.1: servers bind to loopback, Chromium is started with background
networking off, so neither the tests nor the benchmarks talk to any other host.
"""

from __future__ import annotations

import http.server
import os
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NGINX_CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# `streamlit run` flags for a local, quiet, loopback-only server (the port is added per server).
SERVER_FLAGS = (
    "--server.headless",
    "true",
    "--server.address",
    "127.0.0.1",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
)
# The app has finished a script run (Streamlit's own attribute).
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Ask a server to stop; kill it if it has not within ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def loopback_http(handler) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 (a free port) for one block, in a thread: its base URL. For the
    tests' own small servers (a framing page, a wheel folder for a container build)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def render_conf(replicas: list[str], listen: int, tmp: Path, tls: int | None = None) -> str:
    """deploy/nginx.conf for replicas on loopback: the shipped file with only its '(test replaces)' lines changed, plus private temp paths;
    with ``tls``, also a TLS listener (self-signed certificate in tmp), as the README tells an
    operator to add."""
    text = NGINX_CONF.read_text()
    servers = "\n".join(f"        server {r};" for r in replicas)
    text, n1 = re.subn(r"# replicas: begin.*?# replicas: end", servers, text, flags=re.S)
    tls_lines = (
        ""
        if tls is None
        else (f" listen 127.0.0.1:{tls} ssl; ssl_certificate {tmp}/cert.pem; ssl_certificate_key {tmp}/key.pem;")
    )
    text, n2 = re.subn(r"listen 8080;", f"listen 127.0.0.1:{listen};{tls_lines}", text)
    text, n3 = re.subn(r"access_log \S+ mirocals;", f"access_log {tmp}/access.log mirocals;", text)
    # The shipped error log level is kept: it is what keeps query strings out of that log.
    text, n4 = re.subn(r"error_log \S+ (\w+);", rf"error_log {tmp}/error.log \1;", text)
    assert (n1, n2, n3, n4) == (1, 1, 1, 1), "deploy/nginx.conf lost a line the test replaces"
    temp = "".join(
        f"    {name}_temp_path {tmp}/{name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = text.replace("http {\n", "http {\n" + temp, 1)
    # nginx's own start-up messages (outside http {}) go to a second file, at info.
    return "pid " + str(tmp / "nginx.pid") + ";\nerror_log " + str(tmp / "main-error.log") + " info;\n" + text

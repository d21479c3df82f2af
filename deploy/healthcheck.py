"""Exit 0 when the local replica is ready (GET /_stcore/health answers 200), else 1.

Used by the Dockerfile's HEALTHCHECK (the slim image has no curl). Reads the port from
STREAMLIT_SERVER_PORT like the server does; standard library only, loopback only.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def check(port: str | int | None = None, timeout: float = 3.0) -> int:
    port = port or os.environ.get("STREAMLIT_SERVER_PORT", "8501")
    base = os.environ.get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
    path = f"/{base}/_stcore/health" if base else "/_stcore/health"
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):  # 503 while warming up, refused while starting
        return 1


if __name__ == "__main__":
    sys.exit(check(sys.argv[1] if len(sys.argv) > 1 else None))

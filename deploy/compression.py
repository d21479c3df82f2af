"""gzip for Streamlit's front-end files when `serve.py` is reached directly (no proxy in front).

Streamlit 1.67 deliberately serves ``/static/`` uncompressed: Starlette's GZip middleware would
compress every file again on every request. These files are content-hashed and never change
while the process runs, so here each is compressed once (in a worker thread, off the event
loop) and kept in memory: a first visit moves about 1.5 MB instead of 6 MB, for a few MB of
memory per process (``MAX_BYTES``) and no recurring CPU. Behind nginx, nginx compresses
(deploy/nginx.conf) and the replicas' responses pass through it unchanged.
"""

from __future__ import annotations

import asyncio
import gzip
from typing import Any

COMPRESSIBLE = (
    b"text/",
    b"application/javascript",
    b"application/json",
    b"image/svg+xml",
    b"application/wasm",
    b"font/ttf",
    b"application/manifest+json",
)
MIN_SIZE = 1024
MAX_BYTES = 16 * 1024 * 1024  # compressed bytes kept; beyond it files are served uncompressed


class StaticGzipMiddleware:
    """Pure ASGI middleware: compressed ``/static/`` responses for clients that accept gzip."""

    def __init__(self, app: Any, prefix: str = "/static/") -> None:
        self.app = app
        self.prefix = prefix
        self.cache: dict[tuple[str, bytes], bytes] = {}
        self.cached_bytes = 0

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if not self._wants_gzip(scope):
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        chunks: list[bytes] = []
        complete = False

        async def capture(message: dict) -> None:
            nonlocal start, complete
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
            else:
                await send(message)

        await self.app(scope, receive, capture)
        if start is None or not complete:
            # The file was cut short (the visitor left mid-download: Starlette stops sending on
            # http.disconnect). Nothing to answer, and above all nothing to keep: a truncated
            # file in the cache would break the page for every later visitor.
            return
        body = b"".join(chunks)
        headers = [(n.lower(), v) for n, v in start.get("headers", ())]
        stated = dict(headers).get(b"content-length")
        if scope.get("method") != "HEAD" and stated is not None and stated.isdigit() and int(stated) != len(body):
            return
        kind = dict(headers).get(b"content-type", b"")
        if (
            start["status"] != 200
            or b"content-encoding" in dict(headers)
            or len(body) < MIN_SIZE
            or not kind.startswith(COMPRESSIBLE)
        ):
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        key = (scope.get("path", ""), dict(headers).get(b"etag", str(len(body)).encode()))
        packed = self.cache.get(key)
        if packed is None:
            packed = await asyncio.to_thread(gzip.compress, body, 6, mtime=0)
            if self.cached_bytes + len(packed) <= MAX_BYTES:
                self.cache[key] = packed
                self.cached_bytes += len(packed)
        out = [(n, v) for n, v in headers if n not in (b"content-length", b"vary")]
        out += [
            (b"content-encoding", b"gzip"),
            (b"content-length", str(len(packed)).encode()),
            (b"vary", b"Accept-Encoding"),
        ]
        await send({**start, "headers": out})
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else packed})

    def _wants_gzip(self, scope: dict) -> bool:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            return False
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        if not path.startswith(self.prefix):
            return False
        accept = b""
        for name, value in scope.get("headers", ()):
            if name == b"range":
                return False
            if name == b"accept-encoding":
                accept = value.lower()
        return any(
            part.split(b";")[0].strip() == b"gzip" and not part.replace(b" ", b"").endswith(b"q=0")
            for part in accept.split(b",")
        )

"""The two small ASGI wrappers of serve.py, in process (no server): deploy/compression.py keeps no
cut-short file, deploy/layout.py adds its style sheet to Streamlit's index page, plain or gzipped."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

from deploy.compression import StaticGzipMiddleware
from deploy.layout import STABLE_CSS, STYLE_TAG, StableLayoutMiddleware, with_stable_style

SCRIPT = b"window.x = 1;\n" * 2000  # a 28 KB front-end file
INDEX = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body><div id=root></div></body></html>"


def _file_app(body: bytes, kind: bytes, chunk: int = 4096, stop_after: int | None = None, coding: bytes | None = None):
    async def app(scope, receive, send):
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"etag", b'"v1"')]
        if coding:
            headers.append((b"content-encoding", coding))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        parts = [body[i : i + chunk] for i in range(0, len(body), chunk)] or [b""]
        for n, part in enumerate(parts):
            if stop_after is not None and n == stop_after:
                return  # the visitor left: Starlette's FileResponse stops on http.disconnect
            await send({"type": "http.response.body", "body": part, "more_body": n < len(parts) - 1})

    return app


def _get(app, path: str, accept: bytes = b"gzip", method: str = "GET") -> tuple[dict | None, bytes]:
    out: list[dict] = []

    async def receive():
        await asyncio.sleep(30)
        return {"type": "http.disconnect"}

    async def send(message):
        out.append(message)

    scope = {"type": "http", "method": method, "path": path, "root_path": "", "headers": [(b"accept-encoding", accept)]}
    # In a thread of its own: Playwright's sync API (other tests, same process) keeps a loop running here.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = next((m for m in out if m["type"] == "http.response.start"), None)
    return start, b"".join(m.get("body", b"") for m in out if m["type"] == "http.response.body")


def _headers(start: dict) -> dict[bytes, bytes]:
    return {n.lower(): v for n, v in start["headers"]}


def test_a_cut_short_file_is_neither_sent_compressed_nor_kept() -> None:
    """A visitor who leaves mid-download must not leave a truncated file in the cache: every later
    visitor would get a page whose script ends early ("Unexpected end of input")."""
    cut = StaticGzipMiddleware(_file_app(SCRIPT, b"application/javascript", stop_after=3))
    start, body = _get(cut, "/static/js/index.js")
    assert start is None and body == b"" and not cut.cache
    whole = StaticGzipMiddleware(_file_app(SCRIPT, b"application/javascript"))
    start, body = _get(whole, "/static/js/index.js")
    assert _headers(start)[b"content-encoding"] == b"gzip" and gzip.decompress(body) == SCRIPT
    assert len(whole.cache) == 1


def test_css_is_compressed_too() -> None:
    css = b".a { color: red; }\n" * 500
    start, body = _get(StaticGzipMiddleware(_file_app(css, b"text/css; charset=utf-8")), "/static/css/index.css")
    assert _headers(start)[b"content-encoding"] == b"gzip" and gzip.decompress(body) == css


def test_the_index_page_gets_the_style_sheet_once_plain_or_gzipped() -> None:
    assert with_stable_style(with_stable_style(INDEX)).count(b'id="aid-stable"') == 1
    start, body = _get(StableLayoutMiddleware(_file_app(INDEX, b"text/html; charset=utf-8", chunk=16)), "/biomarker")
    assert body == INDEX.replace(b"<body>", b"<body>" + STYLE_TAG)
    assert int(_headers(start)[b"content-length"]) == len(body)
    packed = gzip.compress(INDEX)
    app = StableLayoutMiddleware(_file_app(packed, b"text/html", chunk=50, coding=b"gzip"))
    start, body = _get(app, "/results")
    assert _headers(start)[b"content-encoding"] == b"gzip" and STABLE_CSS.encode() in gzip.decompress(body)
    assert int(_headers(start)[b"content-length"]) == len(body)
    # Anything else passes through unchanged, chunk by chunk.
    start, body = _get(StableLayoutMiddleware(_file_app(SCRIPT, b"application/javascript")), "/static/js/a.js")
    assert body == SCRIPT and _headers(start)[b"content-length"] == str(len(SCRIPT)).encode()
    start, body = _get(StableLayoutMiddleware(_file_app(INDEX, b"text/html")), "/", method="HEAD")
    assert int(_headers(start)[b"content-length"]) == len(INDEX) + len(STYLE_TAG)


def test_the_menu_room_and_the_skeleton_rule_are_in_the_sheet() -> None:
    """The two causes of layout shift measured on every load (deploy/layout.py's docstring)."""
    assert "margin-left: 300px" in STABLE_CSS and "stSkeleton" in STABLE_CSS and "visibility: hidden" in STABLE_CSS

"""The two small ASGI wrappers of serve.py, in process (no server): deploy/compression.py keeps no
cut-short file, deploy/layout.py adds its style sheet (and serve.py's first screen) to Streamlit's
index page, plain or gzipped."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

import pytest

from deploy.compression import StaticGzipMiddleware
from deploy.layout import (
    STABLE_CSS,
    STYLE_TAG,
    StableLayoutMiddleware,
    style_tag,
    with_scripts_after_paint,
    with_stable_style,
)

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


def _get(
    app, path: str, accept: bytes = b"gzip", method: str = "GET", query: bytes = b"", headers: list | None = None
) -> tuple[dict | None, bytes]:
    out: list[dict] = []

    async def receive():
        await asyncio.sleep(30)
        return {"type": "http.disconnect"}

    async def send(message):
        out.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "query_string": query,
        "headers": [(b"accept-encoding", accept), *(headers or [])],
    }
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
    assert body == b"" and b"content-length" not in _headers(start)  # the GET's length depends on the visitor


def test_the_menu_room_and_the_skeleton_rule_are_in_the_sheet() -> None:
    """The two causes of layout shift measured on every load (deploy/layout.py's docstring)."""
    assert "margin-left: 300px" in STABLE_CSS and "stSkeleton" in STABLE_CSS and "visibility: hidden" in STABLE_CSS


STREAMLIT_INDEX = (
    b'<!DOCTYPE html><html lang="en"><head><title>Streamlit</title>'
    b'<script type="module" crossorigin src="./static/js/index.js"></script>'
    b'<link rel="modulepreload" crossorigin href="./static/js/react.js">'
    b'<link rel="stylesheet" crossorigin href="./static/css/index.css"></head>'
    b'<body><noscript>x</noscript><div id="root"></div></body></html>'
)


def test_the_first_screen_is_in_the_language_the_app_will_choose() -> None:
    """serve.py's first screen (ui.frame.first_screen) is chosen per request from ?lang= and the
    browser's first Accept-Language tag, put after #root, and the page says it varies by language."""
    seen = []

    def screen(url_value, browser_locale):
        seen.append((url_value, browser_locale))
        return "A & B", f'<div class="aid-first" lang="x">{url_value or browser_locale}</div>'

    app = StableLayoutMiddleware(
        _file_app(gzip.compress(STREAMLIT_INDEX), b"text/html", coding=b"gzip"), first_screen=screen
    )
    start, body = _get(
        app, "/biomarker", query=b"pnfh=800&lang=zh&lang=zh-Hant", headers=[(b"accept-language", b"en-GB,en;q=0.9")]
    )
    page = gzip.decompress(body)
    assert seen[-1] == ("zh-Hant", "en-GB")  # the last ?lang= wins, as in the app
    assert page.count(b'class="aid-first"') == 1
    assert page.index(b'<div id="root"></div>') < page.index(b'class="aid-first"') < page.index(b"</body>")
    assert page.index(b"<body>") < page.index(b'id="aid-stable"') < page.index(b"<noscript>")
    assert b"<title>A &amp; B</title>" in page and b"Streamlit</title>" not in page
    assert _headers(start)[b"vary"] == b"Accept-Language"
    _get(app, "/", headers=[(b"accept-language", b"zh-TW, zh;q=0.8")])
    assert seen[-1] == (None, "zh-TW")
    _get(app, "/")
    assert seen[-1] == (None, None)


def test_the_front_end_scripts_are_fetched_after_the_first_paint_needs() -> None:
    """Module scripts at low priority; the style sheet and everything else as Streamlit wrote it."""
    app = StableLayoutMiddleware(_file_app(STREAMLIT_INDEX, b"text/html"), first_screen=lambda *_: ("t", "<p>s</p>"))
    page = _get(app, "/")[1]
    assert page.count(b'fetchpriority="low"') == 2
    assert b'<script type="module" fetchpriority="low" crossorigin src="./static/js/index.js">' in page
    assert b'<link rel="stylesheet" crossorigin href="./static/css/index.css">' in page
    assert with_scripts_after_paint(with_scripts_after_paint(STREAMLIT_INDEX)).count(b"fetchpriority") == 2


def test_the_app_style_sheet_cannot_close_its_element() -> None:
    with pytest.raises(ValueError):
        style_tag("p { color: red } </style><script>")
    assert style_tag("p { color: red }").endswith(b"p { color: red }</style>")

"""Layout stability from the very first frame: a small style sheet put into Streamlit's index page.

Why here and not only in the app's own style (ui/access.py): the app's style sheet reaches the
browser as an element of the first script run, and that element's code is itself lazy-loaded, so
it applies after Streamlit has already drawn (measured with the Layout Instability API):
- the main area at full width, then the menu beside it (the whole page moved 300 px right:
  CLS 0.23 on every desktop load);
- a grey 40 px skeleton for each widget whose code is still loading, then the widget at its own
  height (or none: a style-only element), moving everything below it (0.07-0.1 per load).
These rules are in the page Streamlit serves, so they hold before anything is drawn: the main area
keeps the menu's width free until the menu is there (from 768 px, where Streamlit docks it); a
skeleton takes no room, and what follows it stays unseen until it has become its widget (so it
appears where it stays). Clinic mode has no
menu; its own style gives the space back (``ui.access._CLINIC_RULES``).

serve.py also puts the app's own style sheet (``ui.access.css()``, constant) into the same tag: it
too is otherwise an element of the first run, and its heading sizes, phone margins and target sizes
applied late moved the phone start page once as it loaded (CLS 0.113). The tag goes first in the
body: after Emotion's styles in the head, before the sheets the app itself draws (clinic mode's).

The rules are constant text in a ``<style>`` (``style-src 'unsafe-inline'`` is already needed by
Streamlit's Emotion styles, deploy/security.py), so nothing per visitor and no script hash.
"""

from __future__ import annotations

import gzip
import re
from typing import Any

SIDEBAR_WIDTH = "300px"  # Streamlit 1.67's default docked menu width
DOCKED_FROM = "768px"  # narrower, the menu opens over the page and takes no room

# An st.html element holding only scripts, styles or [hidden] data (the document script, the
# reconnect state, the skip target) is drawn first, taking a 16 px gap, and hidden by Streamlit
# later: hidden from the start.
HIDDEN_HTML = (
    '[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stHtml"])'
    ':not(:has(> [data-testid="stHtml"] > :not(script, style, [hidden])))'
)
STABLE_CSS = (
    f"@media (min-width: {DOCKED_FROM}) {{"
    ' [data-testid="stAppViewContainer"]:not(:has(> [data-testid="stSidebar"])) > div:has(> [data-testid="stMain"])'
    f" {{ margin-left: {SIDEBAR_WIDTH}; }} }}"
    ' [data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stSkeleton"]) { display: none; }'
    ' [data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stSkeleton"]) ~ *'
    " { visibility: hidden; }"
    f" {HIDDEN_HTML} {{ display: none; }}"
)
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
STYLE_TAG = f'<style id="aid-stable">{STABLE_CSS}</style>'.encode()


def style_tag(extra: str = "") -> bytes:
    """The tag put into the index page: the stability rules, then ``extra`` (serve.py passes the
    app's own constant style sheet, ``ui.access.STYLE``, so its sizes apply from the first frame)."""
    if "</" in extra:
        raise ValueError("a style sheet cannot contain '</': it would close the <style> element")
    return f'<style id="aid-stable">{STABLE_CSS}{extra}</style>'.encode()


def with_stable_style(body: bytes, tag: bytes = STYLE_TAG) -> bytes:
    """Streamlit's index page with the style sheet first in its body (once).

    In the body, not the head: Streamlit's Emotion styles are added to the head while it draws,
    after anything the page had there, and would win over rules of the same weight. Before
    ``#root``: the sheets the app draws into the page (clinic mode's, ``ui.access``) come after
    it and still win, as they did when this sheet was last in the head."""
    opening = _BODY.search(body)
    if b'id="aid-stable"' in body or opening is None:
        return body
    return body[: opening.end()] + tag + body[opening.end() :]


class StableLayoutMiddleware:
    """Pure ASGI middleware: adds the style sheet to every HTML page Streamlit serves (its index
    page answers every page path: /, /results, /biomarker ...)."""

    def __init__(self, app: Any, style: str = "") -> None:
        self.app = app
        self.tag = style_tag(style)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        chunks: list[bytes] = []

        async def capture(message: dict) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict((n.lower(), v) for n, v in message.get("headers", ()))
                html = headers.get(b"content-type", b"").startswith(b"text/html")
                coding = headers.get(b"content-encoding", b"identity")
                if not html or coding not in (b"identity", b"gzip") or message.get("status") != 200:
                    await send(message)  # anything else passes through untouched, streamed
                    start = {}
                    return
                start = message
            elif message["type"] == "http.response.body" and start:
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    await _send_page(send, start, b"".join(chunks), scope.get("method") == "HEAD", self.tag)
            else:
                await send(message)

        await self.app(scope, receive, capture)


async def _send_page(send: Any, start: dict, body: bytes, head: bool, tag: bytes) -> None:
    headers = list(start.get("headers", ()))
    gzipped = dict((n.lower(), v) for n, v in headers).get(b"content-encoding") == b"gzip"
    if gzipped and not head:  # Streamlit gzips its index page itself (8 KB: done per request)
        page = gzip.compress(with_stable_style(gzip.decompress(body), tag), 6, mtime=0)
        length = len(page)
    elif head:  # no body to change: announce the length the GET would have (unknown if gzipped)
        stated = dict((n.lower(), v) for n, v in headers).get(b"content-length")
        length = int(stated) + len(tag) if stated and stated.isdigit() and not gzipped else None
        page = b""
    else:
        page = with_stable_style(body, tag)
        length = len(page)
    headers = [(n, v) for n, v in headers if n.lower() != b"content-length"]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": page})

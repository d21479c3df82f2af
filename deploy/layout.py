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
import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

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
    # Room for the main area's scroll bar from the start: where scroll bars take room (Windows,
    # Linux, Chromium's own window), the centred column moved 5-8 px sideways when the page grew
    # taller than the screen, and with the menu's content moving at the same moment Lighthouse's
    # desktop run counted 0.21 (headless test browsers hide scroll bars and never saw it).
    ' [data-testid="stMain"] { scrollbar-gutter: stable; }'
    # The language switch (every page's first control) keeps its room while its code is still
    # on its way: on a slow link it came seconds after the text below it, which then moved down.
    ' [data-testid="stMain"] [data-testid="stElementContainer"].st-key-lang_switch:has(> [data-testid="stSkeleton"])'
    " { display: block; height: 72px; visibility: hidden; }"
    # The first screen (serve.py's, in the visitor's language): on a slow phone Streamlit's front end
    # takes seconds to arrive and start; until the page's first text is drawn the visitor reads
    # the aid's name and that it is loading, not a blank page. Fixed, so taking it away moves
    # nothing; under Streamlit's header and dialogs (a connection error stays readable); the
    # system's own font, so it needs no download to be drawn.
    " .aid-first { position: fixed; inset: 0; z-index: 999980; overflow: auto; background: #FFFFFF;"
    " color: #262730; padding: 72px 16px 16px; font-size: 18px; line-height: 28px; font-weight: 400;"
    ' font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",'
    ' "PingFang SC", "Microsoft YaHei", sans-serif; }'
    ' .aid-first:lang(zh-Hant) { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",'
    ' "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif; }'
    " .aid-first p { max-width: 704px; margin: 0 auto 16px; padding: 0; font: inherit; text-wrap: balance; }"
    " .aid-first strong { font-weight: 700; }"
    # A Chinese clause (ui.frame) stays on one line where it fits, breaking inside only if it must.
    " .aid-first .aid-clause { display: inline-block; max-width: 100%; }"
    ' #root:has([data-testid="stMain"] :is([data-testid="stMarkdownContainer"], [data-testid="stException"],'
    ' [data-testid="stAlert"])) ~ .aid-first { display: none; }'
    # Printed, or with scripts off (the page would never load: Streamlit's own notice says why).
    " @media print, (scripting: none) { .aid-first { display: none; } }"
)
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_MODULE = re.compile(rb'<(?:link rel="modulepreload"|script type="module")(?![^>]*fetchpriority)')
_TITLE = re.compile(rb"<title>[^<]*</title>", re.IGNORECASE)
# (the page's ?lang= value or None, the browser's first Accept-Language tag or None) -> (title, HTML)
FirstScreen = Callable[[str | None, str | None], tuple[str, str]]
STYLE_TAG = f'<style id="aid-stable">{STABLE_CSS}</style>'.encode()


def style_tag(extra: str = "") -> bytes:
    """The tag put into the index page: the stability rules, then ``extra`` (serve.py passes the
    app's own constant style sheet, ``ui.access.STYLE``, so its sizes apply from the first frame)."""
    if "</" in extra:
        raise ValueError("a style sheet cannot contain '</': it would close the <style> element")
    return f'<style id="aid-stable">{STABLE_CSS}{extra}</style>'.encode()


def with_first_screen(body: bytes, screen: str, title: str = "") -> bytes:
    """The index page with ``screen`` (HTML, already escaped) after ``#root``, last in the body,
    and ``title`` as the document's title until the app sets its own (once)."""
    if not screen or b'class="aid-first"' in body or b"</body>" not in body:
        return body
    if title:
        body = _TITLE.sub(b"<title>" + html.escape(title).encode() + b"</title>", body, count=1)
    return body.replace(b"</body>", screen.encode() + b"</body>", 1)


def with_scripts_after_paint(body: bytes) -> bytes:
    """The front end's module scripts fetched at low priority (``fetchpriority="low"``).

    They never blocked the first paint (module scripts run after parsing), but at their default
    high priority they share a slow phone link with the page's one style sheet and the first
    screen's text, and Lighthouse's model counts them as needed for that paint. At low priority
    the style sheet goes first and the scripts still start at once, in the same order."""
    return _MODULE.sub(lambda m: m[0] + b' fetchpriority="low"', body)


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

    def __init__(self, app: Any, style: str = "", first_screen: FirstScreen | None = None) -> None:
        self.app = app
        self.tag = style_tag(style)
        self.first_screen = first_screen
        self.varies = first_screen is not None  # the page then depends on Accept-Language

    def page_for(self, scope: dict) -> Callable[[bytes], bytes]:
        """How this request's index page is changed: the style tag, and the first screen in the
        language the app will choose (the same rule: ``?lang=`` first, then the browser's)."""
        if self.first_screen is None:
            return lambda body: with_stable_style(body, self.tag)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang")
        accept = dict((n.lower(), v) for n, v in scope.get("headers", ())).get(b"accept-language", b"")
        first = accept.decode("latin-1").split(",")[0].split(";")[0].strip() or None
        title, screen = self.first_screen(query[-1] if query else None, first)
        return lambda body: with_scripts_after_paint(
            with_first_screen(with_stable_style(body, self.tag), screen, title)
        )

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
                is_html = headers.get(b"content-type", b"").startswith(b"text/html")
                coding = headers.get(b"content-encoding", b"identity")
                if not is_html or coding not in (b"identity", b"gzip") or message.get("status") != 200:
                    await send(message)  # anything else passes through untouched, streamed
                    start = {}
                    return
                start = message
            elif message["type"] == "http.response.body" and start:
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    head = scope.get("method") == "HEAD"
                    await _send_page(send, start, b"".join(chunks), head, self.page_for(scope), self.varies)
            else:
                await send(message)

        await self.app(scope, receive, capture)


async def _send_page(
    send: Any, start: dict, body: bytes, head: bool, change: Callable[[bytes], bytes], varies: bool = False
) -> None:
    headers = list(start.get("headers", ()))
    if varies:
        vary = [v for n, v in headers if n.lower() == b"vary"]
        headers = [(n, v) for n, v in headers if n.lower() != b"vary"]
        headers.append((b"vary", b", ".join([*vary, b"Accept-Language"])))
    gzipped = dict((n.lower(), v) for n, v in headers).get(b"content-encoding") == b"gzip"
    if gzipped and not head:  # Streamlit gzips its index page itself (8 KB: done per request)
        page = gzip.compress(change(gzip.decompress(body)), 6, mtime=0)
        length = len(page)
    elif head:  # no body to change: a HEAD's length is not announced (the GET's depends on the visitor)
        length = None
        page = b""
    else:
        page = change(body)
        length = len(page)
    headers = [(n, v) for n, v in headers if n.lower() != b"content-length"]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": page})

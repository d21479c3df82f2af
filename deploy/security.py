"""The HTTP security headers the aid is served with, in one place for `serve.py` and nginx.

    python -m deploy.security          # print the header lines for deploy/nginx.conf

Why each header (checked in Chromium against Streamlit 1.67, tests/test_deploy_headers.py):

- ``Content-Security-Policy``: only the app's own origin may supply scripts, styles, fonts,
  images and connections (the WebSocket is same-origin: ``'self'`` covers ``ws:``/``wss:`` to
  the same host and port), and ``frame-ancestors 'none'`` stops any other site from framing the
  page (clickjacking, and the level Streamlit posts to a parent frame with ``SET_QUERY_PARAM``).
  Relaxations, each needed by Streamlit's own front end:

  * ``style-src 'unsafe-inline'``: Streamlit styles its components with Emotion, which injects
    ``<style>`` elements at run time without a nonce, and sets ``style=`` attributes; without it
    the page renders unstyled. Styles cannot run script.
  * ``img-src data: blob:``: Streamlit and Vega draw some icons and chart images as ``data:``
    and ``blob:`` URLs of the page itself (no other host).
  * ``font-src data:``: some of the front end's icon fonts are inlined as ``data:`` URLs.
  * ``script-src`` lists the SHA-256 of the few inline scripts the app itself emits
    (``inline_scripts()``: the page language script, the clinic keyboard script, the focus and
    live-region script of ``ui.announce``, Streamlit's one line in index.html), not
    ``'unsafe-inline'``, so injected markup still cannot run script. Each script's text is
    fixed; what changes per run travels as data beside it.
    Charts need no ``'unsafe-eval'``: Streamlit draws Vega with its expression interpreter.
  * ``script-src 'wasm-unsafe-eval'``: the front end's protobuf decoder (long.js) compiles a tiny
    WebAssembly module for 64-bit arithmetic (it falls back to slower JavaScript, but reports a
    violation on every page). It allows WebAssembly compilation only, not JavaScript ``eval``.

- ``X-Frame-Options: DENY``: the same as ``frame-ancestors 'none'`` for older browsers.
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` (an address with
  ``?pnfh=`` is never sent to another site), ``Permissions-Policy`` switching off every powerful
  feature the aid does not use, ``Cross-Origin-Opener-Policy: same-origin``.
- ``Strict-Transport-Security`` only when the visitor came over HTTPS (a browser ignores it on
  plain HTTP anyway); see README "Deploying".
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

HSTS = "max-age=31536000"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "clipboard-read",
        "browsing-topics",
    )
)


def inline_scripts() -> list[str]:
    """The text of every inline ``<script>`` the app's pages can emit, for their CSP hashes.

    A new inline script elsewhere in the app is blocked by the policy (and caught by the browser
    test in tests/test_deploy_headers.py) until it is listed here.
    """
    from app_pages import clinic
    from content.i18n import LANGUAGES
    from ui import access, announce

    scripts = [_script_body(access.document_script(lang)) for lang in LANGUAGES]
    scripts.append(_script_body(clinic._KEYS_SCRIPT))
    scripts.append(_script_body(announce.SCRIPT_HTML))
    scripts.extend(_streamlit_index_scripts())
    return scripts


def _script_body(html: str) -> str:
    match = re.fullmatch(r"\s*<script>(.*)</script>\s*", html, re.S)
    if match is None:
        raise ValueError("expected exactly one inline <script>...</script>")
    return match.group(1)


def _streamlit_index_scripts() -> list[str]:
    """Streamlit's index.html sets ``window.prerenderReady = false`` inline (harmless; allowed so
    the browser console shows no violation on every page load)."""
    import streamlit

    index = Path(streamlit.__file__).parent / "static" / "index.html"
    return re.findall(r"<script>(.*?)</script>", index.read_text(encoding="utf-8"), re.S)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@lru_cache(maxsize=1)
def content_security_policy() -> str:
    hashes = " ".join(sorted({_sha256(s) for s in inline_scripts()}))
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "media-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def headers() -> dict[str, str]:
    """Sent with every HTTP response (HSTS separately, only over HTTPS)."""
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }


class SecurityHeadersMiddleware:
    """Pure ASGI middleware: the headers above on every HTTP response (WebSockets untouched).

    HSTS and ``Secure`` cookies are added when the request came over HTTPS: directly (uvicorn
    with ``server.sslCertFile``) or, behind a proxy, when ``X-Forwarded-Proto: https``. A client
    that sends that header over plain HTTP only gets a cookie its own browser will not send back.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.fixed = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers().items()]

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https" or any(
            name == b"x-forwarded-proto" and value.split(b",")[0].strip().lower() == b"https"
            for name, value in scope.get("headers", ())
        )

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                out = []
                for name, value in message.get("headers", ()):
                    if secure and name.lower() == b"set-cookie" and b"; secure" not in value.lower():
                        value = value + b"; Secure"
                    out.append((name, value))
                out.extend((name, value) for name, value in self.fixed if name not in present)
                if secure:
                    out.append((b"strict-transport-security", HSTS.encode()))
                message = {**message, "headers": out}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def nginx_lines() -> str:
    """``add_header`` lines for deploy/nginx.conf (a test checks the file matches)."""
    return "\n".join(f'add_header {name} "{value}" always;' for name, value in headers().items())


if __name__ == "__main__":
    print(nginx_lines())

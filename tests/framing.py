"""Checks shared by the header tests of `serve.py` and nginx: the headers, and a real framing
attempt from another loopback origin (a second port is another origin)."""

from __future__ import annotations

import http.server
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from deploy import security
from harness.local import loopback_http

PARENT = """<!doctype html><html><head><meta charset="utf-8"><title>framing test</title></head><body>
<p>A page of another site that frames the aid, nearly invisibly.</p>
<script>
window.__messages = [];
window.__loaded = false;
window.addEventListener("message", (event) => window.__messages.push(JSON.stringify(event.data)));
</script>
<iframe id="aid" style="opacity:0.01;width:1000px;height:800px" src="{src}"
        onload="window.__loaded = true"></iframe>
</body></html>"""


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names; repeated ones joined by ", ") and body."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, raw, body = error.code, error.headers, error.read()
    out: dict[str, str] = {}
    for name, value in raw.items():
        out[name.lower()] = f"{out[name.lower()]}, {value}" if name.lower() in out else value
    return status, out, body


def assert_security_headers(url: str, hsts: bool = False) -> dict[str, str]:
    """Every header of deploy.security, exactly once and with its exact value."""
    _status, found, _body = get(url)
    for name, value in security.headers().items():
        assert found.get(name.lower()) == value, f"{url}: {name} is {found.get(name.lower())!r}"
    assert ("strict-transport-security" in found) == hsts, f"{url}: HSTS {found.get('strict-transport-security')!r}"
    return found


@contextmanager
def framing_site(target: str) -> Iterator[str]:
    """Another origin (its own loopback port) whose page frames ``target``."""
    body = PARENT.format(src=target).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    with loopback_http(Handler) as url:
        yield url


def assert_frame_refused(browser, app_url: str) -> None:
    """The aid, framed by another origin, does not load, and sends the framing page nothing."""
    target = f"{app_url}/biomarker?lang=en&pnfh=4321"
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        with framing_site(target) as parent:
            page.goto(parent)
            page.wait_for_function("window.__loaded === true", timeout=30_000)
            page.wait_for_timeout(2_000)  # time for a loaded app to post its query parameters
            frames = [f for f in page.frames if f != page.main_frame]
            assert len(frames) == 1
            frame = frames[0]
            assert not frame.url.startswith(app_url), f"the frame loaded the aid: {frame.url}"
            app_inside = (
                frame.locator('[data-testid="stApp"]').count() if not frame.url.startswith("chrome-error") else 0
            )
            assert app_inside == 0
            messages = page.evaluate("window.__messages")
            assert not any("SET_QUERY_PARAM" in m or "4321" in m for m in messages), messages
            assert messages == [], messages
    finally:
        context.close()

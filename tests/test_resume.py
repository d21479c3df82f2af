"""A reconnect keeps what the reader chose (ui/resume.py), and never leaks it to another tab."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser import open_page, wait_idle
from tests.servers import start_streamlit, stop, wait_healthy
from ui.resume import parse_state, state_text


def test_the_cookie_holds_only_the_choices_in_a_strict_form() -> None:
    text = state_text(3137.0, "known", True)
    assert text == "level=3137&mode=known&show=1"
    assert ";" not in text and "," not in text and " " not in text  # a cookie value cannot hold them
    assert parse_state(text) == {"level": 3137.0, "mode": "known", "show": True}
    assert state_text(None, None, False) == "show=0"


@pytest.mark.parametrize(
    "bad", ["level=2e3", "level=<b>", "mode=maybe", "show=yes", "level=99999", "x" * 300, None, 42]
)
def test_a_tampered_cookie_restores_nothing_it_cannot_read(bad) -> None:
    assert parse_state(bad) == {}


def _level_box(page):
    return page.locator(".st-key-bm_number input")


@pytest.mark.browser
def test_a_server_restart_keeps_the_typed_level_and_the_choice_to_see_numbers(fresh_server, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        open_page(page, fresh_server.url, "/biomarker?lang=en")
        page.get_by_text("Yes, I know my level", exact=True).click()
        wait_idle(page)
        _level_box(page).fill("3137")
        _level_box(page).press("Enter")
        wait_idle(page)
        page.locator(".st-key-bm_reveal button").click()
        wait_idle(page)
        assert "pnfh" not in page.url and "3137" not in page.url, page.url  # the level stays out of the address
        assert "s=" in page.url
        # The document script writes the cookie when the page's last rerun has drawn: wait for it, as
        # a reader would (a restart in the first moments after a click may lose that click).
        deadline = time.monotonic() + 20
        while True:
            cookies = {c["name"]: c for c in context.cookies(fresh_server.url) if c["name"].startswith("aid_")}
            assert len(cookies) <= 1, cookies  # one tab, one cookie
            cookie = next(iter(cookies.values()), {"value": None, "expires": None})
            if cookie["value"] == "level=3137&mode=known&show=1" or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert cookie["value"] == "level=3137&mode=known&show=1" and cookie["expires"] == -1  # a session cookie
        assert cookie["sameSite"] == "Strict"

        # The server restarts (a deploy, a crash): the browser reconnects to a new session by itself.
        port = int(fresh_server.url.rsplit(":", 1)[1])
        stop(fresh_server.process)
        fresh_server.process = start_streamlit(port, fresh_server.log_path)
        wait_healthy(fresh_server.url)
        deadline = time.monotonic() + 90
        while _level_box(page).count() == 0 or _level_box(page).input_value() != "3137":
            assert time.monotonic() < deadline, "the typed level was lost in the reconnect"
            time.sleep(0.5)
        wait_idle(page)
        expect(page.locator(".st-key-bm_hide button")).to_be_visible()  # the numbers are still shown

        # Another tab of the same browser starts afresh: no level, numbers hidden.
        other = context.new_page()
        open_page(other, fresh_server.url, "/biomarker?lang=en")
        assert "3137" not in other.locator('[data-testid="stMain"]').inner_text()
        assert other.url.split("s=")[1][:16] != page.url.split("s=")[1][:16]  # its own token
    finally:
        context.close()
    assert "3137" not in fresh_server.log()

"""Streamlit's own messages a visitor can meet, in the visitor's language and in plain words.

A lost connection and an address that is not a page open Streamlit's dialogs, whose English is
written for developers ("restart it in your terminal: streamlit run yourscript.py"). ui.access's
document script puts them into the page's language; these tests make the dialogs appear for real.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from content.i18n import LANGUAGES, gettext_for
from harness.local import stop
from tests.browser import wait_idle

pytestmark = pytest.mark.browser


def _t(lang: str, message: str) -> str:
    return gettext_for(lang, "clinic")(message)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_address_that_is_not_a_page_says_so_in_the_readers_language(server, page, lang: str) -> None:
    page.goto(f"{server.url}/no-such-page?lang={lang}")
    dialog = page.locator('[role="dialog"]')
    expect(dialog).to_contain_text(_t(lang, "Page not found"), timeout=30_000)
    expect(dialog).to_contain_text(
        _t(lang, "This address is not a page of the aid, so the start page is shown instead.")
    )
    text = dialog.inner_text()
    assert "pages/ directory" not in text and "Running the app" not in text, text
    assert dialog.locator("[aria-label]").first.get_attribute("aria-label") == _t(lang, "Close")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lost_connection_is_explained_in_the_readers_language(fresh_server, page, lang: str) -> None:
    page.goto(f"{fresh_server.url}/trial?lang={lang}")
    wait_idle(page)
    stop(fresh_server.process)
    dialog = page.locator('[role="dialog"]')
    expect(dialog).to_contain_text(_t(lang, "Connection lost"), timeout=60_000)
    expected = _t(
        lang,
        "The aid's server is not answering. It keeps trying to reconnect by itself; check your "
        "internet connection, or reload the page in a minute.",
    )
    deadline = time.monotonic() + 30
    while expected not in dialog.inner_text():  # the message arrives after the title
        assert time.monotonic() < deadline, dialog.inner_text()
        time.sleep(0.25)
    text = dialog.inner_text()
    assert "Streamlit" not in text and "yourscript" not in text, text

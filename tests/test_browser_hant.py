"""Traditional Chinese in a real browser: a Taiwanese or Hong Kong browser opens in it, <html lang>
says zh-Hant, and no page shows a Simplified-only character outside names (issue 16)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from content.i18n import HTML_LANG, LANGUAGE_NAMES, gettext_for
from content.site import PAGES
from tests.browser import open_page, wait_idle
from tests.zh_text import other_script_characters, without_names

pytestmark = pytest.mark.browser


def _title(slug: str) -> str:
    return gettext_for("zh-Hant", "app")(next(p for p in PAGES if p.slug == slug).title)


@pytest.mark.parametrize("locale", ["zh-TW", "zh-HK"])
def test_a_taiwanese_or_hong_kong_browser_opens_in_traditional_chinese(browser, server, locale) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    try:
        page = context.new_page()
        open_page(page, server.url, "/")  # no ?lang=: the browser's language decides
        expect(page.locator("h1").first).to_have_text(_title("start"))
        page.wait_for_function("document.documentElement.lang === 'zh-Hant'")
        assert HTML_LANG["zh-Hant"] == "zh-Hant"
        assert "lang=zh-Hant" in page.url
        # the switch offers the three languages, each in its own name
        for code, name in LANGUAGE_NAMES.items():
            expect(page.get_by_role("radio", name=name)).to_be_visible()
            # in its own language, for a screen reader's voice
            expect(page.get_by_role("radio", name=name)).to_have_attribute("lang", HTML_LANG[code])
    finally:
        context.close()


def test_every_traditional_page_shows_traditional_characters_only(server, page) -> None:
    """The main area and the sidebar of every page with ?lang=zh-Hant, as the browser draws them,
    and every chart's accessible name."""
    simplified = other_script_characters("Hant")
    found = []
    for info in PAGES:
        open_page(page, server.url, f"/{info.url_path}?lang=zh-Hant")
        assert page.evaluate("document.documentElement.lang") == "zh-Hant"
        texts = [
            page.locator('[data-testid="stMain"]').inner_text(),
            page.locator('[data-testid="stSidebar"]').inner_text(),
            *page.locator("[data-testid=stVegaLiteChart] [aria-label]").evaluate_all(
                "els => els.map(e => e.getAttribute('aria-label'))"
            ),
        ]
        for text in texts:
            rest = without_names(text)
            found += [(info.slug, c, rest[max(0, i - 6) : i + 6]) for i, c in enumerate(rest) if c in simplified]
    assert not found, found[:30]


def test_switching_to_traditional_in_the_browser(server, page) -> None:
    open_page(page, server.url, "/als?lang=zh")
    page.get_by_role("radio", name="繁體中文").click()
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text(_title("als"))
    page.wait_for_function("document.documentElement.lang === 'zh-Hant'")

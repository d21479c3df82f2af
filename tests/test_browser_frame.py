"""The frame in a real browser: deep links on a fresh server, every page, the language kept."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from content.i18n import HTML_LANG, LANGUAGES, gettext_for, language
from content.site import PAGES
from content.site import page as page_info
from tests.browser import main_text, open_page, wait_idle

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")


def _title(lang: str, slug: str) -> str:
    return gettext_for(lang, "app")(page_info(slug).title)


def test_first_request_is_a_chinese_deep_link(fresh_server, page) -> None:
    # The legacy pages/ router trap: on a fresh server a deep link must still get the whole frame.
    open_page(page, fresh_server.url, "/trial?lang=zh")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    heading = page.locator("h1").first.inner_text()
    assert heading == _title("zh", "trial")
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    for info in PAGES:
        assert _title("zh", info.slug) in nav
    assert "About ALS" not in nav
    assert _title("zh", "trial") in page.title()
    assert "lang=zh" in page.url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("info", PAGES, ids=lambda p: p.slug)
def test_every_page_at_its_address(server, page, info, lang: str) -> None:
    open_page(page, server.url, f"/{info.url_path}?lang={lang}")
    assert page.locator("h1").first.inner_text() == _title(lang, info.slug)
    assert page.evaluate("document.documentElement.lang") == HTML_LANG[lang]
    text = main_text(page)
    if language(lang).script in ("Hans", "Hant"):
        assert len(CJK.findall(text)) > 20
    assert "Traceback" not in text and "Error" not in text


def test_language_survives_the_menu(server, page) -> None:
    open_page(page, server.url, "/?lang=zh")
    for info in PAGES[1:]:
        page.locator('[data-testid="stSidebarNav"] a', has_text=_title("zh", info.slug)).click()
        expect(page.locator("h1").first).to_have_text(_title("zh", info.slug))
        wait_idle(page)
        expect(page).to_have_url(re.compile(r"lang=zh"))
        assert page.evaluate("document.documentElement.lang") == "zh-CN"


def test_switching_language_in_the_browser(server, page) -> None:
    open_page(page, server.url, "/als?lang=en")
    page.get_by_role("radio", name="简体中文").click()
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text(_title("zh", "als"))
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    expect(page).to_have_url(re.compile(r"lang=zh"))

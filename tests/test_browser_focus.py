"""Issue 17, harm first, in a real browser: the clinic address's level, the right not to know, and
focus that is never lost (the control keeps it, or the new page's heading gets it) with a polite
live region saying what changed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from content.facts import format_fact, format_number
from content.i18n import gettext_for
from content.site import neighbours
from content.site import page as page_info
from model.benefit import estimate
from tests.browser import main_text, open_page, wait_idle
from tests.conftest import ARTIFACTS
from tests.quality import full_screenshot, wait_charts
from views import biomarker as bt

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
LIVE = "#aid-live"


def _c(lang: str, message: str) -> str:
    return gettext_for(lang, "clinic")(message)


def _live(page: Page) -> str:
    return page.evaluate("() => (document.getElementById('aid-live') || {}).textContent || ''")


def _active(page: Page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return { tag: e.tagName, text: (e.innerText || '').replace(/\\u2060/g, '').trim(),
                            key: (e.closest('[class*="st-key-"]') || {}).className || '' }; }"""
    )


def _wait_focus(page: Page, predicate: str, timeout: float = 10_000) -> None:
    page.wait_for_function(
        f"() => {{ const e = document.activeElement; return !!e && ({predicate})(e); }}", timeout=timeout
    )


def _wait_live(page: Page, text: str, timeout: float = 10_000) -> None:
    page.wait_for_function(
        "t => (document.getElementById('aid-live') || {}).textContent === t", arg=text, timeout=timeout
    )


@pytest.mark.parametrize("level", [800, 1250])
def test_clinic_address_shows_its_level_on_a_fresh_server(fresh_server, browser, level: int) -> None:
    """The very address the clinic button writes, opened cold (a bookmark or a reload)."""
    for lang in ("en", "zh"):
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            open_page(page, fresh_server.url, f"/biomarker?lang={lang}&pnfh={level}&mode=clinic&slide=curve")
            page.get_by_role("button", name=_c(lang, "Show this picture")).click()
            wait_idle(page)
            wait_charts(page)
            shown = format_number(level, 0, lang)
            expect(page.locator('[data-testid="stMain"]')).to_contain_text(bt.hr_sentence(estimate(float(level)), lang))
            text = main_text(page)
            default = format_number(2000, 0, lang)
            assert f"{default} pg/mL" not in text.replace(f"{shown} pg/mL", "")
            # The chart marks that level (its label drawn in the SVG).
            chosen = bt.hr_labels(float(level), lang).chosen
            expect(page.locator('[data-testid="stVegaLiteChart"] svg text', has_text=chosen).first).to_be_attached()
            assert f"pnfh={level}" in page.url
            full_screenshot(page, SHOTS / f"clinic-curve-{level}-{lang}.png")
        finally:
            context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reveal_by_keyboard_keeps_focus_and_announces(server, page, lang: str) -> None:
    open_page(page, server.url, f"/results?lang={lang}")
    show = page.locator(".st-key-results_reveal button")
    expect(show).to_have_accessible_name(_c(lang, "Show the survival numbers"))
    assert not page.locator('[data-testid="stVegaLiteChart"]').count(), "numbers wait until asked"
    full_screenshot(page, SHOTS / f"results-gated-{lang}.png")
    show.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    _wait_live(page, _c(lang, "The survival numbers are shown."))
    _wait_focus(page, "e => !!e.closest('.st-key-results_hide')")
    assert format_fact("hr_low", lang) in main_text(page)
    wait_charts(page)
    full_screenshot(page, SHOTS / f"results-shown-{lang}.png")

    page.keyboard.press("Enter")  # focus is on Hide: the same key hides again
    wait_idle(page)
    _wait_live(page, _c(lang, "The survival numbers are hidden."))
    _wait_focus(page, "e => !!e.closest('.st-key-results_reveal')")
    assert format_fact("hr_low", lang) not in main_text(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_change_moves_focus_to_the_new_heading(server, page, lang: str) -> None:
    open_page(page, server.url, f"/results?lang={lang}")
    _, after = neighbours("results")
    assert after is not None
    title = gettext_for(lang, "app")(after.title)
    link = page.locator('.st-key-page_nav [data-testid="stPageLink-NavLink"]').filter(has_text=title)
    link.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text(title)
    _wait_focus(page, f"e => e.tagName === 'H1' && e.textContent.replace(/\\u2060/g, '').trim() === {title!r}")
    _wait_live(page, _c(lang, "Page: {title}").format(title=title))
    page.keyboard.press("Tab")  # the next Tab goes on from the heading, into the page
    inside = page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stMain\"]')")
    assert inside


def test_level_change_is_announced_and_focus_stays(server, page) -> None:
    open_page(page, server.url, "/biomarker?lang=en&pnfh=2000")
    show = page.locator(".st-key-bm_reveal button")
    show.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    _wait_live(page, _c("en", "The survival numbers are shown."))
    _wait_focus(page, "e => !!e.closest('.st-key-bm_hide')")
    up = page.locator('[data-aid-explorer="controls"] [data-x="higher"]')
    up.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    expected = gettext_for("en", "biomarker")("The numbers now show {level} pg/mL.").format(
        level=format_number(2250, 0, "en")
    )
    _wait_live(page, expected)
    _wait_focus(page, "e => e.dataset.x === 'higher'")


def test_the_choice_is_kept_on_the_next_page(server, page) -> None:
    open_page(page, server.url, "/results?lang=zh")
    page.locator(".st-key-results_reveal button").click()
    wait_idle(page)
    link = page.locator('[data-testid="stSidebarNavLink"]').filter(
        has_text=gettext_for("zh", "app")(page_info("als").title)
    )
    link.click()
    wait_idle(page)
    expect(page.locator(".st-key-als_hide button")).to_have_accessible_name(_c("zh", "Hide the survival numbers"))
    assert format_fact("riluzole_median_months", "zh") in main_text(page)
    full_screenshot(page, SHOTS / "als-shown-zh.png")


def test_download_keeps_focus_on_the_button_and_announces(server, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, server.url, "/handout?lang=zh")
        button = page.locator(".st-key-handout_download button")
        button.focus()
        with page.expect_download():
            page.keyboard.press("Enter")
        _wait_live(page, _c("zh", "The file is downloading."))
        page.wait_for_timeout(1000)  # past Streamlit's redraw, which used to drop focus to the body
        _wait_focus(page, "e => !!e.closest('.st-key-handout_download')")
    finally:
        context.close()

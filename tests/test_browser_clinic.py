"""Issue 17, the clinic room, in a real browser at 1920 x 1080: every slide fits the screen with
Previous / Next on it, chart text is at least as large as the slide's text, and the keys a
presenter's clicker sends (PageDown / PageUp, arrows) move between the slides."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app_pages.clinic import SLIDES
from content.i18n import LANGUAGES, gettext_for
from tests.browser import open_page, wait_idle
from tests.conftest import ARTIFACTS
from tests.quality import wait_charts

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
SCREEN = {"width": 1920, "height": 1080}

# What a slide shows, measured where it is drawn: its lowest content (the picture, its words and
# "Explained in full on ..."; the frame's footer below it is not part of the slide), the navigation's box, the slide's text and chart text sizes (charts
# enlarged with CSS zoom count at their drawn size).
_MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const visual = document.querySelector('.st-key-clinic_visual');
  const nav = ['prev', 'next'].map((k) => document.querySelector(`.st-key-clinic_${k} button`).getBoundingClientRect());
  const text = [...visual.querySelectorAll('p, td, th')].filter((e) => e.getClientRects().length
      && !e.closest('[data-testid="stCaptionContainer"], button'))
    .map((e) => parseFloat(getComputedStyle(e).fontSize));
  const chartText = [...visual.querySelectorAll('[data-testid="stVegaLiteChart"] svg text')]
    .filter((t) => t.textContent.trim() && t.getClientRects().length)
    .map((t) => parseFloat(getComputedStyle(t).fontSize) * (parseFloat(getComputedStyle(t.closest('[data-testid="stVegaLiteChart"]')).zoom) || 1));
  const bottoms = [visual, ...visual.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .map((e) => e.getBoundingClientRect().bottom);
  return { scrollTop: main.scrollTop, bottom: Math.max(...bottoms),
           navTop: Math.min(...nav.map((r) => r.top)), navBottom: Math.max(...nav.map((r) => r.bottom)),
           textMin: Math.min(...text), chartMin: Math.min(...chartText), charts: chartText.length };
}"""


def _c(lang: str, message: str) -> str:
    return gettext_for(lang, "clinic")(message)


def _title(page: Page) -> str:
    return page.locator("h1").first.inner_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_slide_fits_the_screen_with_large_chart_text(server, browser, lang: str) -> None:
    context = browser.new_context(viewport=SCREEN, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        for slide in SLIDES:
            open_page(page, server.url, f"/biomarker?lang={lang}&pnfh=800&mode=clinic&slide={slide.slug}")
            show = page.get_by_role("button", name=_c(lang, "Show this picture"))
            if show.count():  # the right not to know: asked once, then remembered for the visit
                show.click()
                wait_idle(page)
            expect(page.locator('.st-key-clinic_visual [data-testid="stVegaLiteChart"]').first).to_be_visible()
            wait_charts(page)
            m = page.evaluate(_MEASURE)
            where = f"{lang} slide {slide.slug}: {m}"
            assert m["scrollTop"] == 0, where
            assert m["bottom"] <= SCREEN["height"], f"the slide needs scrolling: {where}"
            assert m["navTop"] >= 0 and m["navBottom"] <= SCREEN["height"], f"Previous / Next off screen: {where}"
            assert m["charts"] > 0, where
            assert m["chartMin"] >= m["textMin"], f"chart text smaller than the slide's: {where}"
            page.screenshot(path=str(SHOTS / f"clinic-1080-{slide.slug}-{lang}.png"))
    finally:
        context.close()


def test_clicker_keys_move_between_slides(server, browser) -> None:
    context = browser.new_context(viewport=SCREEN, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, server.url, "/?lang=zh&mode=clinic&slide=icons")
        titles = [slide.title("zh") for slide in SLIDES]
        expect(page.locator("h1").first).to_have_text(titles[0])
        page.locator("h1").first.click()  # focus on the slide, not on a control
        for key, expected in (("PageDown", 1), ("PageDown", 2), ("PageUp", 1), ("ArrowLeft", 0), ("ArrowRight", 1)):
            page.keyboard.press(key)
            expect(page.locator("h1").first).to_have_text(titles[expected])
            wait_idle(page)
        # Keys typed into a control are the control's: the language switch keeps its arrows.
        page.locator(".st-key-lang_switch button").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(500)
        assert _title(page) == titles[1]
    finally:
        context.close()

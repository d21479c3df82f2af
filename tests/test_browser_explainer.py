"""The explainer pages in a real browser, in Chinese: the main message first, links that keep the
language, and charts whose accessible names are Chinese."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from content.i18n import gettext_for
from content.prose import render
from content.site import PAGES
from tests.browser import main_text, open_page, wait_idle
from views.explainer import chain_parts, timeline_parts

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")
CHART = '[role="graphics-document"]'


def test_start_in_chinese_shows_the_main_message_and_links_keep_the_language(server, page) -> None:
    open_page(page, server.url, "/?lang=zh")
    heading = next(l[3:] for l in render("start/main_message", "zh").splitlines() if l.startswith("## "))
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator("h2").first).to_have_text(heading)
    assert "没有任何国家批准" in main_text(page)
    _ = gettext_for("zh", "app")
    links = main.locator('[data-testid="stPageLink"] a')
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= len(PAGES) - 1
    assert all("lang=zh" in h for h in hrefs), hrefs
    main.locator('[data-testid="stPageLink"] a', has_text=_(PAGES[3].title)).first.click()
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text(_(PAGES[3].title))
    expect(page).to_have_url(re.compile(r"/trial\?lang=zh"))


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("/trial?lang=zh", lambda: timeline_parts("zh")["description"]),
        ("/il2-tregs?lang=zh", lambda: chain_parts("zh")["description"]),
    ],
    ids=["timeline", "illustration"],
)
def test_charts_have_chinese_accessible_names(server, page, path: str, description) -> None:
    open_page(page, server.url, path)
    chart = page.locator(CHART).first
    expect(chart).to_be_visible()
    name = chart.get_attribute("aria-label")
    assert name == description()
    assert CJK.search(name) and not re.search(r"\b[a-z]{3,}\b", name)
    # Drawn as SVG, and no mark inside carries an English label of its own.
    assert chart.locator("svg").count() == 1
    inner = page.evaluate(
        "sel => Array.from(document.querySelector(sel).querySelectorAll('[aria-label]'))"
        ".map(e => e.getAttribute('aria-label'))",
        CHART,
    )
    assert not [label for label in inner if re.search(r"\b[a-z]{3,}\b", label or "")], inner

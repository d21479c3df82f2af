"""/biomarker in a real browser: a clinician's Chinese link, published result first, numbers on request."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from content.i18n import gettext_for
from model.benefit import estimate
from tests.browser import open_page, wait_idle
from views import biomarker as bt

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("level", [2000, 9000])
def test_chinese_link_published_first_then_the_model(server, page, level: int) -> None:
    _ = gettext_for("zh", "biomarker")
    open_page(page, server.url, f"/biomarker?lang=zh&pnfh={level}")
    main = page.locator('[data-testid="stMain"]')
    est = estimate(level)
    published = bt.published_sentences(est.band, "zh")[0]
    expect(main).not_to_contain_text(published)
    page.get_by_role("button", name=gettext_for("zh", "clinic")("Show the survival numbers")).click()
    wait_idle(page)
    expect(main).to_contain_text(published)
    charts = main.locator('[role="graphics-document"]')
    text = main.evaluate("e => e.textContent")
    if est.model_shown:
        expect(main).to_contain_text(bt.hr_sentence(est, "zh"))
        expect(main).to_contain_text(bt.count_sentences(est, "zh")[0])
        expect(charts).to_have_count(3)
        labels = [charts.nth(i).get_attribute("aria-label") for i in range(3)]
        assert all(CJK.search(label or "") for label in labels)
        assert text.index(published) < text.index(bt.count_sentences(est, "zh")[0])
    else:
        expect(main).to_contain_text(bt.outside_sentence(est, "zh"))
        expect(main).to_contain_text(bt.high_level_support("zh")[0])
        expect(charts).to_have_count(0)
        assert "0 人" not in text and "100人已经去世" not in text
    assert len(CJK.findall(text)) > 200
    assert "Traceback" not in text
    assert f"pnfh={level}" in page.url  # the clinician's link stays as given


def test_a_level_step_updates_the_drawn_charts_in_place(server, page) -> None:
    """Moving the level swaps the charts' data; it does not tear the charts down and redraw."""
    _ = gettext_for("en", "biomarker")
    open_page(page, server.url, "/biomarker?lang=en&pnfh=2000")
    page.get_by_role("button", name=gettext_for("en", "clinic")("Show the survival numbers")).click()
    wait_idle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[role="graphics-document"] svg, [role="graphics-document"] canvas')).to_have_count(3)
    page.evaluate("""() => { window.__drawn = [...document.querySelectorAll(
        '[data-testid="stMain"] [role="graphics-document"] :is(svg, canvas)')]; }""")
    before = estimate(2000)
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    after = estimate(2050)
    expect(main).to_contain_text(bt.hr_sentence(after, "en"))
    expect(main).not_to_contain_text(bt.hr_sentence(before, "en"))
    kept = page.evaluate("""() => window.__drawn.map(e => e.isConnected)""")
    assert kept == [True] * 3, f"charts drawn anew after a step: {kept}"
    label = bt.hr_labels(2050, "en").chosen
    expect(main.locator('[role="graphics-document"]').filter(has_text=label)).to_have_count(1)

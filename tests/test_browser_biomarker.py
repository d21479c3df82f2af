"""/biomarker in a real browser: a clinician's Chinese link, numbers revealed on request."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from content import biomarker_text as bt
from content.facts import format_number
from content.i18n import gettext_for
from model.benefit import estimate
from tests.browser import main_text, open_page, wait_idle

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("level", [2000, 6000])
def test_chinese_link_reveals_the_models_numbers(server, page, level: int) -> None:
    _ = gettext_for("zh", "biomarker")
    open_page(page, server.url, f"/biomarker?lang=zh&pnfh={level}")
    main = page.locator('[data-testid="stMain"]')
    est = estimate(level)
    hr = format_number(est.hazard_ratio, 2, "zh")
    expect(main).not_to_contain_text(bt.hr_sentence(est, "zh"))
    page.get_by_role("button", name=_("Show the survival numbers")).click()
    wait_idle(page)
    expect(main).to_contain_text(bt.hr_sentence(est, "zh"))
    expect(main).to_contain_text(bt.count_sentences(est, "zh")[0])
    charts = main.locator('[role="graphics-document"]')
    expect(charts).to_have_count(4)
    labels = [charts.nth(i).get_attribute("aria-label") for i in range(4)]
    assert all(CJK.search(label or "") for label in labels)
    text = main_text(page)
    assert hr in text
    assert len(CJK.findall(text)) > 200
    assert "Traceback" not in text
    assert f"pnfh={level}" in page.url  # the clinician's link stays as given


def test_a_level_step_updates_the_drawn_charts_in_place(server, page) -> None:
    """Moving the level swaps the charts' data; it does not tear the four charts down and redraw.

    Redrawing every chart on every step was most of the slider's delay (docs/performance.md)."""
    _ = gettext_for("en", "biomarker")
    open_page(page, server.url, "/biomarker?lang=en&pnfh=2000")
    page.get_by_role("button", name=_("Show the survival numbers")).click()
    wait_idle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[role="graphics-document"] svg, [role="graphics-document"] canvas')).to_have_count(4)
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
    assert kept == [True] * 4, f"charts drawn anew after a step: {kept}"
    # The marker moved with the level: its label is drawn inside the hazard-ratio chart.
    label = bt.hr_labels(2050, "en").chosen
    expect(main.locator('[role="graphics-document"]').filter(has_text=label)).to_have_count(1)

"""/biomarker in a real browser: a clinician's Chinese link, published result first, numbers on request."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from content.i18n import gettext_for
from model.benefit import estimate
from tests.browser import open_page, reader_text, wait_idle
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
    text = reader_text(main.evaluate("e => e.textContent"))
    if est.model_shown:
        expect(main).to_contain_text(bt.hr_sentence(est, "zh"))
        expect(main).to_contain_text(bt.count_sentences(est, "zh")[0])
        expect(charts).to_have_count(1)  # the effect curve (Vega)
        icons = main.locator('svg.aid-x-icons[role="img"]')  # the explorer's icon arrays
        expect(icons).to_have_count(2)
        labels = [charts.nth(0).get_attribute("aria-label")] + [
            icons.nth(i).get_attribute("aria-label") for i in range(2)
        ]
        assert all(CJK.search(label or "") for label in labels)
        assert text.index(published) < text.index(bt.count_sentences(est, "zh")[0])
    else:
        expect(main).to_contain_text(bt.outside_sentence(est, "zh"))
        expect(main).to_contain_text(bt.high_level_support("zh")[0])
        expect(charts).to_have_count(0)
        expect(main.locator("svg.aid-x-icons")).to_have_count(0)
        assert "0 人" not in text and "100人已经去世" not in text
    assert len(CJK.findall(text)) > 200
    assert "Traceback" not in text
    assert f"pnfh={level}" in page.url  # the clinician's link stays as given


def test_a_level_step_updates_the_drawn_curve_in_place(server, page) -> None:
    """Once the server has the explorer's new level, the effect curve's data is swapped; the chart
    is not torn down and drawn again."""
    open_page(page, server.url, "/biomarker?lang=en&pnfh=2000")
    page.get_by_role("button", name=gettext_for("en", "clinic")("Show the survival numbers")).click()
    wait_idle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[role="graphics-document"] svg, [role="graphics-document"] canvas')).to_have_count(1)
    page.evaluate("""() => { window.__drawn = [...document.querySelectorAll(
        '[data-testid="stMain"] [role="graphics-document"] :is(svg, canvas)')]; }""")
    before = estimate(2000)
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    after = estimate(2050)
    expect(main).to_contain_text(bt.hr_sentence(after, "en"))
    wait_idle(page)
    expect(main).not_to_contain_text(bt.hr_sentence(before, "en"))
    kept = page.evaluate("""() => window.__drawn.map(e => e.isConnected)""")
    assert kept == [True], f"the curve was drawn anew after a step: {kept}"
    label = bt.hr_labels(2050, "en").chosen
    expect(main.locator('[role="graphics-document"]').filter(has_text=label)).to_have_count(1)


def test_what_is_typed_becomes_the_level_or_is_refused_in_the_readers_words(server, page) -> None:
    """Issue 14, in a real browser: emptying the box, letters and an out-of-range number leave the
    level (box included) where it was, with the aid's Chinese message; a good number is taken."""
    from content.i18n import gettext_for

    _ = gettext_for("zh", "biomarker")
    open_page(page, server.url, "/biomarker?lang=zh&pnfh=2000")
    box = page.locator(".st-key-bm_number input")
    for typed, says in (
        ("", "The box is empty, or what was typed is not a level in pg/mL."),
        ("abc", "The box is empty, or what was typed is not a level in pg/mL."),
        ("99999", "{value} pg/mL is outside what this aid accepts ({low} to {high} pg/mL)."),
    ):
        box.click()
        box.press("Control+a")
        box.press("Delete")
        if typed:
            box.press_sequentially(typed)
        box.press("Enter")
        wait_idle(page)
        # the box is put back (the browser may show what was typed until the refusal's rerun lands)
        expect(box).to_have_value("2000")
        alerts = " ".join(a.inner_text() for a in page.locator('[data-testid="stAlert"]').all())
        assert _(says).split("{")[0][:8] in alerts, (typed, alerts)
        assert _("The level stays at {level} pg/mL.").format(level="2000") in alerts, (typed, alerts)
    box.click()
    box.press("Control+a")
    box.press_sequentially("3137")
    box.press("Enter")
    wait_idle(page)
    expect(box).to_have_value("3137")
    assert not page.locator('[data-testid="stAlert"]').filter(has_text="pg/mL").filter(has_text="3137").count()

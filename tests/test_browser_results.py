"""/results in a real browser, in Chinese: the figures, and the charts' Chinese accessible names."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from content.facts import format_fact, format_range, registry
from content.i18n import gettext_for
from tests.browser import main_text, open_page, wait_idle
from views import results as rf

pytestmark = pytest.mark.browser
REG = registry()
CHART = '[data-testid="stVegaLiteChart"][role="graphics-document"]'


def _chart(page, name: str):
    """A chart by its accessible name (Vega's aria-label on the role="graphics-document" element)."""
    return page.locator(CHART).filter(has=page.locator("svg")).and_(page.locator(f'[aria-label="{name}"]'))


def _reveal(page) -> None:
    """The numbers wait behind the one choice (the right not to know): the reader asks first."""
    page.locator(".st-key-results_reveal button").click()
    wait_idle(page)


def test_results_in_chinese(server, page) -> None:
    open_page(page, server.url, "/results?lang=zh")
    expect(page.locator("h1").first).to_have_text(gettext_for("zh", "app")("What the trial found"))
    expect(page.locator(CHART)).to_have_count(0)
    _reveal(page)
    charts = page.locator(CHART)
    expect(charts).to_have_count(3)

    # The charts' accessible names are the Chinese descriptions, numbers included.
    expect(_chart(page, rf.icon_description("placebo", "zh"))).to_be_visible()
    expect(_chart(page, rf.icon_description("il2", "zh"))).to_be_visible()
    forest = _chart(page, rf.forest_description("zh", True))
    expect(forest).to_be_visible()
    for label in charts.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"):
        assert re.search(r"[\u4e00-\u9fff]", label)
    # The charts are drawn (SVG with marks), not empty boxes.
    assert forest.locator("svg path, svg text").count() > 10

    text = main_text(page)
    for key in (
        "hr_overall",
        "hr_adjusted",
        "hr_low",
        "hr_high",
        "alive_difference_points",
        "alive_placebo_percent",
        "alive_il2_percent",
        "sae_il2",
        "sae_placebo",
        "p_interaction",
    ):
        assert format_fact(key, "zh") in text, key
    for key in ("hr_overall", "hr_adjusted", "hr_low"):
        assert format_range(*REG[key].ci, REG[key].decimals, "zh") in text  # type: ignore[misc]
    for arm in rf.ARMS:
        outcome = rf.arm_outcomes()[arm]
        assert f"约{outcome['alive']}人" in text and f"{outcome['died']}人已经去世" in text
    assert "Traceback" not in text


def test_switch_hides_ranges_in_the_browser(server, page) -> None:
    open_page(page, server.url, "/results?lang=zh")
    _reveal(page)
    low_range = format_range(*REG["hr_low"].ci, 2, "zh")  # type: ignore[misc]
    expect(_chart(page, rf.forest_description("zh", True))).to_be_visible()
    assert low_range in main_text(page)
    page.get_by_text(
        gettext_for("zh", "results")("Show uncertainty ranges ({level}% confidence intervals)").format(
            level=format_fact("interval_level_percent", "zh")
        )
    ).click()
    wait_idle(page)
    expect(_chart(page, rf.forest_description("zh", False))).to_be_visible()
    # Waits: the chart below the switch can be redrawn before the table and text further down
    # (the click's run may not have started when wait_idle looked).
    expect(page.locator('[data-testid="stMain"]')).not_to_contain_text(low_range, use_inner_text=True)

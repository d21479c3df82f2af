"""Issue 17, the phone, in a real browser: the two arms' icon arrays side by side at 390 px, chart
text neither cut off nor overlapping at 390 and 320 px (400 % zoom), in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from content.facts import format_fact
from content.i18n import LANGUAGES, gettext_for, language
from tests.browser import open_page, wait_idle
from tests.conftest import ARTIFACTS
from tests.quality import full_screenshot, wait_charts

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
PHONE = {"is_mobile": True, "has_touch": True}

# Every text a chart draws, as the reader sees it: its box, and its size once CSS zoom is applied.
# A white halo drawn under a label (the same text, same place) counts once.
_TEXTS = """(chart) => {
  const frame = chart.getBoundingClientRect();
  const zoom = parseFloat(getComputedStyle(chart).zoom) || 1;
  const seen = new Map();
  for (const t of chart.querySelectorAll('svg text')) {
    const text = t.textContent.trim();
    const r = t.getBoundingClientRect();
    if (!text || !r.width) continue;
    const key = [text, Math.round(r.left), Math.round(r.top)].join('|');
    seen.set(key, { text, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                    px: parseFloat(getComputedStyle(t).fontSize) * zoom });
  }
  return { name: (chart.getAttribute('aria-label') || '').slice(0, 40), left: frame.left, right: frame.right,
           texts: [...seen.values()] };
}"""


# Each arm name's parts (before its bracket; the bracket on), with the number of lines each part
# is drawn on: a part on two lines was broken inside a word (利鲁 / 唑).
_NAME_LINES = """els => els.filter((el) => el.textContent.trim()).map((el) => {
  const node = el.firstChild, text = node.textContent, cut = text.search(/[（(]/);
  const parts = cut > 0 ? [[0, cut], [cut, text.length]] : [[0, text.length]];
  return parts.map(([a, b]) => {
    const tops = new Set();
    for (let i = a; i < b; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      const box = r.getClientRects()[0];
      if (box && text[i].trim()) tops.add(Math.round(box.top));
    }
    return [text.slice(a, b), tops.size];
  });
})"""


def _chart_problems(page: Page) -> list[str]:
    problems = []
    for chart in page.locator('[data-testid="stVegaLiteChart"]').all():
        chart.scroll_into_view_if_needed()
        drawn = chart.evaluate(_TEXTS)
        texts = drawn["texts"]
        for t in texts:
            if t["left"] < drawn["left"] - 1 or t["right"] > drawn["right"] + 1:
                problems.append(f"{drawn['name']}: {t['text']!r} cut off at the edge")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                overlap_x = min(a["right"], b["right"]) - max(a["left"], b["left"])
                overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if overlap_x > 2 and overlap_y > 2:
                    problems.append(f"{drawn['name']}: {a['text']!r} overlaps {b['text']!r}")
    return problems


def _context(browser, width: int):
    return browser.new_context(viewport={"width": width, "height": 844}, locale="en-GB", **PHONE)


def _reveal(page: Page, key: str) -> None:
    button = page.locator(f".st-key-{key} button")
    if button.count():
        button.click()
        wait_idle(page)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    wait_charts(page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("path", "key"), [("/results", "results_reveal"), ("/biomarker?pnfh=2000", "bm_reveal")])
def test_the_two_arms_side_by_side_on_a_phone(server, browser, path: str, key: str, lang: str) -> None:
    context = _context(browser, 390)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, server.url, f"{path}{'&' if '?' in path else '?'}lang={lang}")
        _reveal(page, key)
        explorer = key == "bm_reveal"  # /biomarker's arrays are the level explorer's SVG, /results' Vega charts
        pair = page.locator(
            ".aid-x-pair svg.aid-x-icons" if explorer else '.st-key-icon_pair [data-testid="stVegaLiteChart"]'
        )
        expect(pair).to_have_count(2)
        a, b = (pair.nth(i).bounding_box() for i in range(2))
        assert a and b
        assert abs(a["y"] - b["y"]) < 2, (a, b)  # one row, not 540 px apart
        assert b["x"] >= a["x"] + a["width"] and b["x"] + b["width"] <= 390, (a, b)  # both on screen
        # An arm's name breaks, if at all, before its bracket: never inside 利鲁唑 or a word.
        names = ".aid-x-pair .aid-x-arm-title strong" if explorer else ".st-key-icon_pair strong"
        lines = page.locator(names).evaluate_all(_NAME_LINES)
        assert len(lines) >= 2 and all(n == 1 for parts in lines for _, n in parts), lines
        if explorer:  # the legend is text below the picture, never shrunk with it
            sizes = page.locator(".aid-x-pair .aid-x-legend").evaluate_all(
                "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
            )
            assert len(sizes) == 2 and min(sizes) >= 11.5, sizes
        for i in range(2 if not explorer else 0):
            smallest = min(t["px"] for t in pair.nth(i).evaluate(_TEXTS)["texts"])
            assert smallest >= 11.5, f"legend text {smallest:.1f} px once shrunk"
        full_screenshot(page, SHOTS / f"phone-icons-{path.split('?')[0].strip('/')}-{lang}.png")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [390, 320])
def test_chart_text_whole_and_apart(server, browser, width: int, lang: str) -> None:
    context = _context(browser, width)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    try:
        for path, key in (
            ("/il2-tregs", None),
            ("/trial", None),
            ("/results", "results_reveal"),
            ("/biomarker?pnfh=2000", "bm_reveal"),
        ):
            open_page(page, server.url, f"{path}{'&' if '?' in path else '?'}lang={lang}")
            if key:
                _reveal(page, key)
            wait_charts(page)
            problems += [f"{path} at {width} px: {p}" for p in _chart_problems(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if language(code).script != "Latn"])
def test_hazard_ratio_labels_in_chinese_do_not_overlap(server, browser, lang: str) -> None:
    """The review's case: "高于1…" / "低于1…" on a 390 px phone (and 高於1 / 低於1 in Traditional)."""
    context = _context(browser, 390)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, server.url, f"/biomarker?lang={lang}&pnfh=2000")
        _reveal(page, "bm_reveal")
        reference = format_fact("hr_reference", lang)
        _ = gettext_for(lang, "biomarker")
        above = _("Above {hr_reference}: more deaths with IL-2LD").format(hr_reference=reference)
        below = _("Below {hr_reference}: fewer deaths with IL-2LD").format(hr_reference=reference)
        chart = page.locator('[data-testid="stVegaLiteChart"]').last
        texts = chart.evaluate(_TEXTS)["texts"]
        assert {above, below} <= {t["text"] for t in texts}
        assert not [p for p in _chart_problems(page) if above in p or below in p]
    finally:
        context.close()

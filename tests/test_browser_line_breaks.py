"""Names and numbers are never split across lines on Chinese pages (issue 13), at 390 and 1280 px.

The document script (ui/access.py) puts invisible word joiners inside the glossary's unbreakable
names (利鲁唑, 神经丝重链), after a hyphen or slash inside a Latin name (IL-2LD, CSF-pNFH, pg/mL),
around a range's dash and after a number followed by a Chinese character (21个月), and a no-break
space between a number and its unit. This test reads the drawn lines themselves: for each name in
the page's text it asks the browser for the name's line boxes (Range.getClientRects) and fails when
one name sits on two lines.
"""

from __future__ import annotations

import re

import pytest

from content.glossary import unbreakable
from content.i18n import LANGUAGES, language
from content.site import PAGES
from tests.browser import open_page, wait_idle

pytestmark = pytest.mark.browser

JOIN = "\u2060?"  # the joiners the script inserted may sit between any two characters

# Latin names with a hyphen or slash, a number with its unit, a range.
LATIN = (
    r"[A-Za-z0-9]+(?:[-/]\u2060?[A-Za-z0-9]+)+"
    r"|\d[\d,.]*[ \u00a0]\u2060?(?:pg/\u2060?mL|MIU)"
    r"|\d[\d.]*\u2060?[～–]\u2060?\d[\d.]*"
    r"|\d+\u2060?[个個]\u2060?月"
)

_SPLITS = """(pattern) => {
  const re = new RegExp(pattern, 'g'); const out = [];
  for (const scope of document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebar]')) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('svg, a, [aria-hidden=true]')) continue;
      let hidden = false;  // visually hidden (a table head on a phone, a collapsed menu)
      for (let a = el; a; a = a.parentElement) {
        const r = a.getBoundingClientRect();
        if (r.width < 4 || r.height < 1 || r.right <= 0) { hidden = true; break; }
      }
      if (hidden) continue;
      const t = n.nodeValue; let m; re.lastIndex = 0;
      while ((m = re.exec(t))) {
        const range = document.createRange(); range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0].replace(/\\u2060/g, '') + ' in «' + t.slice(Math.max(0, m.index - 10), m.index + m[0].length + 10).replace(/\\u2060/g, '') + '»');
      }
    }
  }
  return out; }"""


def _pattern(lang: str) -> str:
    names = [JOIN.join(re.escape(ch) for ch in name) for name in unbreakable(lang)]
    return "|".join([*names, LATIN])


def _reveal(page) -> None:
    for key in ("results_reveal", "bm_reveal"):
        button = page.locator(f".st-key-{key} button")
        if button.count():
            button.first.click()
            wait_idle(page)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", [code for code in LANGUAGES if language(code).join_lines])
def test_no_name_or_number_is_split_across_lines(browser, server, lang: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        found = []
        addresses = [f"/{p.url_path}?lang={lang}" + ("&pnfh=2000" if p.slug == "biomarker" else "") for p in PAGES]
        addresses.append(f"/biomarker?lang={lang}&pnfh=2000&mode=clinic")
        for address in addresses:
            open_page(page, server.url, address)
            _reveal(page)
            for summary in page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').all():
                summary.click()
            wait_idle(page)
            found += [f"{address}: {split}" for split in page.evaluate(_SPLITS, _pattern(lang))]
        assert not found, "\n".join(found[:40])
    finally:
        context.close()


def test_the_joiners_are_in_the_text_and_invisible(server, page) -> None:
    """The joiners are really there (the line test above could pass on a wide page by luck), and a
    reader's copy of the text is the text: Playwright's getters read it without them (conftest)."""
    open_page(page, server.url, "/results?lang=zh")
    raw = page.evaluate("document.querySelector('[data-testid=stMain]').textContent")
    assert "利\u2060鲁\u2060唑" in raw and "IL-\u20602LD" in raw
    assert "\u2060" not in page.locator('[data-testid="stMain"]').inner_text()


_PROBE = """() => { const p = document.createElement('p'); p.id = 'aid-quote-probe'; p.textContent = '\\u201c\\u201d';
  document.querySelector('[data-testid=stMain] [data-testid=stMarkdownContainer]').appendChild(p); }"""


@pytest.mark.parametrize(
    ("lang", "family"), [("zh", "Noto Sans CJK SC"), ("zh-Hant", "Noto Sans CJK TC"), ("en", "SourceSans3VF")]
)
def test_quotation_marks_are_drawn_by_the_pages_script_font(browser, server, lang: str, family: str) -> None:
    """Issue 13: “ ” in a Chinese sentence come from a Chinese font (full-width, as Chinese type
    sets them), not from Streamlit's Latin font; on an English page they stay Latin. Chromium's own
    report of the fonts that drew a paragraph holding only the two marks (DevTools protocol)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_page(page, server.url, f"/biomarker?lang={lang}")
        page.evaluate(_PROBE)
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#aid-quote-probe"})["nodeId"]
        fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
        assert fonts == [family], fonts
    finally:
        context.close()


_WIDOWS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[data-testid=stMain] :is(h1, h2, h3, h4, p, li)')) {
    if (el.closest('svg, [aria-hidden=true]') || el.querySelector('p, li, ul, ol')) continue;
    const text = el.textContent.replace(/\\u2060/g, '').trim();
    if (!/[\\u3400-\\u9fff]/.test(text) || text.length > 120) continue;  // headings and short paragraphs
    const range = document.createRange(); range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    if (!rects.length) continue;
    const lines = new Map();
    for (const r of rects) { const top = Math.round(r.top / 4); lines.set(top, (lines.get(top) || 0) + r.width); }
    if (lines.size < 2) continue;
    const last = lines.get(Math.max(...lines.keys()));
    const em = parseFloat(getComputedStyle(el).fontSize);
    if (last < 1.6 * em) out.push(text.slice(-12) + ' (' + Math.round(last) + ' px)');
  }
  return out; }"""


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if language(code).script != "Latn"])
def test_no_heading_or_short_paragraph_ends_in_one_character(browser, server, lang: str) -> None:
    """Issue 13: a Chinese heading or short paragraph does not leave one character (with its
    punctuation) alone on its last line at 390 px (the style sheet's text-wrap: balance / pretty)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        found = []
        for info in PAGES:
            open_page(page, server.url, f"/{info.url_path}?lang={lang}")
            _reveal(page)
            found += [f"/{info.url_path}: {widow}" for widow in page.evaluate(_WIDOWS)]
        assert not found, "\n".join(found[:40])
    finally:
        context.close()

"""Issue 17, what a screen reader says: @guidepup/virtual-screen-reader (npm, pinned in
tests/screenreader/package-lock.json, installed by .ci/run with npm ci) is loaded into the page in
Chromium and walks the key flows as a blind reader would, item by item: choose a language, set a
level, show the numbers, read a chart. The test asserts what is announced, in the page's language.

Streamlit's <noscript> text is removed first: a real screen reader skips it when JavaScript runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from content.facts import format_number
from content.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGES, gettext_for, language
from content.site import page as page_info
from tests.browser import open_page, reader_text, wait_idle
from tests.quality import CJK
from ui.frame import SWITCH_LABEL

pytestmark = pytest.mark.browser
BUNDLE = Path(__file__).parent / "screenreader/node_modules/@guidepup/virtual-screen-reader/lib/esm/index.browser.js"

_READ_TO = """async ([text, limit]) => {
  const v = window.__vsr;
  for (let i = 0; i < limit; i++) {
    await v.next();
    // as heard: the document script's word joiners and no-break spaces are silent
    const phrase = (await v.lastSpokenPhrase()).replace(/\\u2060/g, "").replace(/\\u00a0/g, " ");
    if (phrase.includes(text)) return phrase;
  }
  return null;
}"""
# What the virtual reader says itself (roles and states, in English whatever the page's language).
_READER_WORDS = re.compile(
    r"^(end of )?(document|link|region|navigation|list|listitem|paragraph|heading|button|radio|"
    r"radiogroup|group|spinbutton|slider|visualization|status|main|banner|contentinfo|separator|"
    r"table|row|cell|columnheader|rowheader|checkbox|switch|article|complementary|strong|emphasis|"
    r"image|img|figure|not checked|checked|current page|expanded|collapsed|disabled|polite|"
    r"not disabled|orientated (horizontally|vertically)|(max|min|current) value -?[\d.]+( pg/ml)?|"
    r"level \d+|position \d+|set size \d+|)$"
)
# Names that stay as they are in Chinese (trial, drug, marker and source names, units, the switch).
_KEEP = re.compile(
    r"(?<![A-Za-z])(?:ALS|IL|LD|CSF|pNFH|pNfH|MIROCALS|medwireNews|pg|mL|Tregs?|English|Language|PDF)(?![A-Za-z])"
)


def _tr(domain: str, lang: str, message: str) -> str:
    return gettext_for(lang, domain)(message)


@pytest.fixture
def reader(server, browser):
    if not BUNDLE.exists():
        pytest.fail(f"{BUNDLE} missing: run `npm ci` in tests/screenreader (.ci/run does)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.route(
        "**/__virtual-screen-reader.js", lambda route: route.fulfill(path=BUNDLE, content_type="text/javascript")
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _start(page: Page) -> None:
    """(Re)start the reader at the top of the page as it is now drawn."""
    if not page.evaluate("!!window.__vsr"):
        page.add_script_tag(
            type="module", content='import { virtual } from "/__virtual-screen-reader.js"; window.__vsr = virtual;'
        )
        page.wait_for_function("!!window.__vsr")
    page.evaluate(
        """async () => { document.querySelectorAll('noscript').forEach((n) => n.remove());
                         if (window.__vsrOn) await window.__vsr.stop();
                         await window.__vsr.start({ container: document.body }); window.__vsrOn = true; }"""
    )


def _read_to(page: Page, text: str, limit: int = 600) -> str:
    phrase = page.evaluate(_READ_TO, [text, limit])
    assert phrase is not None, f"the reader never reached {text!r} in {limit} steps"
    return phrase


def _act(page: Page) -> None:
    page.evaluate("async () => { await window.__vsr.clearSpokenPhraseLog(); await window.__vsr.act(); }")
    wait_idle(page)


def _log(page: Page) -> list[str]:
    return [reader_text(p) for p in page.evaluate("async () => await window.__vsr.spokenPhraseLog()")]


def _english_in(phrases: list[str]) -> list[str]:
    """Phrases whose page-given words (not the reader's own role and state words) are English."""
    bad = []
    for phrase in phrases:
        parts = [p.strip() for p in phrase.split(",")]
        words = " ".join(p for p in parts if not _READER_WORDS.match(p.lower()))
        if re.search(r"[A-Za-z]{3,}", _KEEP.sub("", words)):
            bad.append(phrase)
    return bad


# Said in every language on purpose: the switch's name and the languages' own names, so that a
# reader who does not know the page's language can find the switch.
_EVERY_LANGUAGE = "|".join(re.escape(n) for n in (SWITCH_LABEL, *LANGUAGE_NAMES.values()))


def _chinese_in(phrases: list[str]) -> list[str]:
    """Phrases of an English page with Chinese in them."""
    return [p for p in phrases if CJK.search(re.sub(_EVERY_LANGUAGE, "", p))]


def _other_script_in(phrases: list[str], lang: str) -> list[str]:
    """Phrases of a Chinese page with the other Chinese language's names for Streamlit's own parts
    (侧边栏 on a Traditional page: the sidebar is not drawn again after a switch)."""
    own = language(lang).script
    words = {
        _tr("clinic", code, name)
        for code in LANGUAGES
        if language(code).script not in ("Latn", own)
        for name in ("Sidebar", "App pages", "Skip to main content")
    } - {_tr("clinic", lang, name) for name in ("Sidebar", "App pages", "Skip to main content")}
    return [p for p in phrases if any(w in p for w in words)]


def _foreign_in(phrases: list[str], lang: str) -> list[str]:
    """What the reader said in the wrong language for a page in ``lang``."""
    if language(lang).script == "Latn":
        return _chinese_in(phrases)
    return _english_in([re.sub(_EVERY_LANGUAGE, "", p) for p in phrases]) + _other_script_in(phrases, lang)


def _aid_name(lang: str) -> str:
    """The aid's name as the banner writes it (its bold part)."""
    banner = _tr("app", lang, "**MIROCALS decision aid**: what one trial found, for people with ALS and their families")
    return banner.split("**")[1]


@pytest.mark.parametrize(("start", "target"), [("en", "zh"), ("en", "zh-Hant"), ("zh", "en"), ("zh-Hant", "zh")])
def test_choosing_a_language_is_announced_and_the_page_then_speaks_it(server, reader, start: str, target: str) -> None:
    page = reader
    open_page(page, server.url, f"/?lang={start}")
    _start(page)
    name = LANGUAGE_NAMES[target]
    phrase = _read_to(page, name)
    assert phrase.startswith("radio") and "not checked" in phrase, phrase
    _act(page)
    page.wait_for_function("l => document.documentElement.lang === l", arg=HTML_LANG[target])
    _start(page)
    heading = _tr("app", target, page_info("start").title)
    _read_to(page, f"heading, {heading}")
    said = _log(page)
    assert said[1] == f"link, {_tr('clinic', target, 'Skip to main content')}", said[:3]
    assert f"radio, {name}, checked" in " | ".join(said)
    assert any(_aid_name(target) in p for p in said), "the aid's name is read before the page"
    assert not _foreign_in(said, target), _foreign_in(said, target)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_set_a_level_show_the_numbers_read_the_chart(server, reader, lang: str) -> None:
    page = reader
    open_page(page, server.url, f"/biomarker?lang={lang}")
    _start(page)
    known = _read_to(page, _tr("biomarker", lang, "Yes, I know my level"))
    assert known.startswith("radio") and "not checked" in known, known
    _act(page)
    page.locator(".st-key-bm_number input").wait_for()  # the rerun that draws the box
    wait_idle(page)
    _start(page)
    box = _read_to(page, _tr("biomarker", lang, "Type your level (pg/mL)"))
    assert box.startswith("spinbutton"), box
    page.evaluate("async () => { await window.__vsr.type('2000'); await window.__vsr.press('Enter'); }")
    wait_idle(page)
    assert page.locator(".st-key-bm_number input").input_value() == "2000"
    page.locator(".aid-x-range").wait_for()  # the level explorer is drawn once its script has run

    _start(page)
    slider = _read_to(page, "slider")
    label = _tr("biomarker", lang, "CSF-pNFH level (pg/mL)")
    assert (
        slider.startswith(f"slider, {label}, ") and f"current value {format_number(2000, 0, lang)}" in slider
    ), slider  # named once
    assert slider.count(label) == 1, slider

    _start(page)
    show = _tr("clinic", lang, "Show the survival numbers")
    assert _read_to(page, show) == f"button, {show}"
    _act(page)
    page.wait_for_function(
        "t => (document.getElementById('aid-live') || {}).textContent === t",
        arg=_tr("clinic", lang, "The survival numbers are shown."),
    )
    said = _log(page)
    # Focus stays on the control (now "Hide"), and the change is said politely, in the language.
    assert f"button, {_tr('clinic', lang, 'Hide the survival numbers')}" in said, said
    assert f"polite: {_tr('clinic', lang, 'The survival numbers are shown.')}" in said, said

    wait_idle(page)  # the answer and the curve are drawn (under load the curve can come last)
    page.locator('[role="graphics-document"]').first.wait_for()
    page.locator('[data-aid-explorer="answer"] [data-x="sentences"]').wait_for()
    _start(page)
    from views import biomarker as bt

    name = bt.hr_chart_name(lang)
    chart = _read_to(page, name[:12], 1500)
    assert chart == f"visualization, {name}", chart  # the chart is one item, named by its description
    after = page.evaluate(
        "async () => { const out = []; for (let i = 0; i < 4; i++) { await window.__vsr.next();"
        " out.push(await window.__vsr.lastSpokenPhrase()); } return out; }"
    )
    assert not [p for p in after if "graphics" in p or "mark container" in p], after  # not Vega's drawing
    said = _log(page)
    assert not _foreign_in(said, lang), _foreign_in(said, lang)

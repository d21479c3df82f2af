"""The level explorer on /biomarker in a real browser (issue 18): a step is drawn at once from the
data the server sent, the server then follows (box, curve, link, handout), and what is drawn is
exactly what views.explorer built with the handout's sentence functions."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from content.i18n import HTML_LANG, LANGUAGES, gettext_for
from model.benefit import estimate
from tests import explorer_text
from tests.browser import open_page, reader_text, wait_idle
from views import biomarker as bt
from views import explorer as ex

pytestmark = pytest.mark.browser

ANSWER = '[data-aid-explorer="answer"]'
BOX = ".st-key-bm_number input"


def _open(page, server, lang: str, level: int) -> None:
    open_page(page, server.url, f"/biomarker?lang={lang}&pnfh={level}")
    page.get_by_role("button", name=gettext_for(lang, "clinic")("Show the survival numbers")).click()
    wait_idle(page)
    page.locator(ANSWER).wait_for()
    # The reveal's own announcement moves focus to "Hide" once drawn: let it land before a test
    # puts focus elsewhere (it once took focus from the button a test had just focused).
    expect(page.locator("#aid-live")).to_have_text(gettext_for(lang, "clinic")("The survival numbers are shown."))
    expect(page.locator(".st-key-bm_hide button")).to_be_focused()


def _expected(level: int, lang: str) -> list[tuple[str, str]]:
    controls = {"level": level, "current": ex.answer(estimate(level), lang)}
    return explorer_text.answer_items(controls, {"table": ex.table(lang)})


def _settled(page, level: int) -> None:
    """The server has drawn the explorer's level: the box shows it, nothing is marked as updating."""
    expect(page.locator(BOX)).to_have_value(str(level), timeout=20_000)
    wait_idle(page)
    expect(page.locator(".aid-x-stale")).to_have_count(0)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("level", [500, 2000, 4500, 9000])
def test_the_drawn_answer_is_what_the_server_built(server, page, lang: str, level: int) -> None:
    """Every heading and sentence of the level's answer, in order, the icon arrays' names and
    their filled (alive) and outlined (died) figures as views.explorer gives them."""
    _open(page, server, lang, level)
    answer = page.locator(ANSWER)
    text = reader_text(answer.evaluate("e => e.innerText"))
    at = 0
    expected = _expected(level, lang)
    for kind, item in expected:
        if kind == explorer_text.LABEL:
            continue
        item = item.replace("**", "")
        found = text.find(item, at)
        assert found >= 0, (item, text[at : at + 300])
        at = found + len(item)
    est = estimate(level)
    icons = answer.locator("svg.aid-x-icons")
    if not est.model_shown:
        expect(icons).to_have_count(0)
        return
    expect(icons).to_have_count(2)
    names = [item for kind, item in expected if kind == explorer_text.LABEL][::3]
    for i, alive in enumerate((est.alive_riluzole_of_100, est.alive_il2_of_100)):
        assert reader_text(icons.nth(i).get_attribute("aria-label")) == names[i]
        statuses = icons.nth(i).evaluate("s => [...s.querySelectorAll('path')].map(p => p.dataset.status)")
        assert statuses == ["alive"] * alive + ["died"] * (100 - alive)  # charts.icons.icon_people's order


def test_a_step_is_drawn_at_once_then_the_server_follows(server, page) -> None:
    _open(page, server, "en", 2000)
    # In the input event's own task, before any message could reach the server and come back:
    drawn = page.evaluate(
        """() => { const r = document.querySelector('.aid-x-range');
        r.value = String(Number(r.value) + 50); r.dispatchEvent(new Event('input', {bubbles: true}));
        return document.querySelector('[data-aid-explorer="answer"]').innerText; }"""
    )
    assert bt.count_sentences(estimate(2050), "en")[0] in reader_text(drawn)
    assert bt.count_sentences(estimate(2000), "en")[0] not in reader_text(drawn)
    _settled(page, 2050)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text(bt.hr_sentence(estimate(2050), "en"))
    assert "pnfh=2050" not in page.url  # nothing written into the address unasked


def test_keyboard_steps_keep_focus_are_said_once_and_are_never_undone(server, page) -> None:
    """Arrow keys move the level; focus stays on the slider while the server's reruns land, quick
    steps are not pulled back by an answer to an older one, and the new level is said politely once."""
    _open(page, server, "en", 2000)
    slider = page.get_by_role("slider")
    slider.focus()
    page.evaluate(
        """() => { window.__levels = []; const box = document.querySelector('[data-aid-explorer="answer"]');
        new MutationObserver(() => window.__levels.push(Number(box.dataset.level)))
          .observe(box, {attributes: true, attributeFilter: ['data-level']}); }"""
    )
    for pause in (0, 0, 500, 280, 320, 350):  # reports go out and their reruns land between the steps
        page.wait_for_timeout(pause)
        page.keyboard.press("ArrowRight")
    _settled(page, 2300)
    levels = page.evaluate("window.__levels")
    assert levels == sorted(levels) and levels[-1] == 2300, levels  # never pulled back to an older level
    expect(slider).to_have_value("2300")
    expect(slider).to_have_attribute("aria-valuetext", "2,300\u00a0pg/mL")
    expect(slider).to_be_focused()
    expect(page.locator(ANSWER)).to_contain_text(bt.count_sentences(estimate(2300), "en")[0])
    live = page.locator("#aid-live")
    expect(live).to_have_text(
        gettext_for("en", "biomarker")("The numbers now show {level} pg/mL.").format(level="2,300")
    )
    assert live.inner_text().count("2,300") == 1  # the server, following, does not say it again


def test_the_buttons_step_by_250_and_stop_at_the_ends_without_losing_focus(server, page) -> None:
    _ = gettext_for("zh", "biomarker")
    _open(page, server, "zh", 15000)
    higher = page.get_by_role("button", name=_("Higher by {step}").format(step="250"))
    lower = page.get_by_role("button", name=_("Lower by {step}").format(step="250"))
    expect(higher).to_have_attribute("aria-disabled", "true")
    higher.focus()
    page.keyboard.press("Enter")  # a keyboard user can still reach and press it: nothing happens
    page.wait_for_timeout(500)
    expect(higher).to_be_focused()
    expect(page.get_by_role("slider")).to_have_value("15000")
    lower.click()
    expect(lower).to_be_focused()
    _settled(page, 14750)
    expect(page.locator(ANSWER)).to_contain_text(bt.outside_sentence(estimate(14750), "zh"))
    expect(higher).to_have_attribute("aria-disabled", "false")


def test_a_typed_level_off_the_grid_is_answered_by_the_server(server, page) -> None:
    """2013 is not on the slider's grid: its answer is the server's own, never a neighbour's."""
    _open(page, server, "en", 2000)
    box = page.locator(BOX)
    box.click()
    box.press("Control+a")
    box.press_sequentially("2013")
    box.press("Enter")
    wait_idle(page)
    answer = page.locator(ANSWER)
    expect(answer).to_contain_text(ex.answer(estimate(2013), "en")["heading"])
    expect(page.get_by_role("slider")).to_have_attribute("aria-valuetext", "2,013\u00a0pg/mL")


def test_chinese_names_in_the_explorer_are_kept_whole(server, page) -> None:
    """The page's document script reaches the explorer's text: 利鲁唑 carries its word joiners."""
    _open(page, server, "zh", 2000)
    html = page.locator(ANSWER).evaluate("e => e.textContent")
    assert "利\u2060鲁\u2060唑" in html, html[:200]


# The notice's words, written out here per language (not read from the catalogue under test).
_FAILED = {"en": "could not be loaded", "zh": "未能加载", "zh-Hant": "未能載入"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_if_the_explorers_script_cannot_load_the_reader_is_told_in_their_language(server, page, lang: str) -> None:
    """A proxy that refuses the component's files: Streamlit would show its own English error with
    the file's address and a stack trace in the explorer's place. The reader sees one notice in
    their language instead, saying what is missing and what still works; the box, the reveal and
    what the server draws for the level (the effect curve) still work."""
    page.route("**/_stcore/bidi-components/**", lambda route: route.abort())
    open_page(page, server.url, f"/biomarker?lang={lang}&pnfh=2000")
    notice = page.locator("#aid-x-failed")
    expect(notice).to_contain_text(_FAILED[lang])
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_have_attribute("lang", HTML_LANG[lang])

    def shown() -> str:
        return page.locator('[data-testid="stMain"]').inner_text()

    for leaked in ("BidiComponent", "Failed to load", "_stcore", "explorer.js"):
        assert leaked not in shown(), leaked
    clinic = gettext_for(lang, "clinic")
    page.get_by_role("button", name=clinic("Show the survival numbers")).click()
    wait_idle(page)
    expect(
        page.get_by_role("heading", name=gettext_for(lang, "biomarker")("How the effect changes with the level"))
    ).to_be_visible()
    expect(page.locator(".aid-x-failed")).to_have_count(1)  # one notice for both parts
    expect(page.locator("#aid-x-failed")).to_be_visible()
    assert "BidiComponent" not in shown() and "Failed to load" not in shown()
    # A typed level is still the server's: the box keeps it and nothing else breaks.
    box = page.locator(BOX)
    box.click()
    box.press("Control+a")
    box.press_sequentially("3000")
    box.press("Enter")
    wait_idle(page)
    expect(box).to_have_value("3000")
    expect(page.locator(".aid-x-failed")).to_have_count(1)

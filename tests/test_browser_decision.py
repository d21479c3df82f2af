"""The values exercise and the question list in a real browser: what a person chooses on
/options is printed in the handout they download, and appears nowhere in the server's log."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from content.i18n import LANGUAGES
from handout import MAX_PAGES
from tests.browser import open_page, wait_idle
from tests.handout_checks import need_poppler, pages, squash, text
from views import decision

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_choices_reach_the_handout_and_no_log(server, page, tmp_path, lang: str) -> None:
    need_poppler()
    open_page(page, server.url, f"/options?lang={lang}")
    scale = decision.scale_labels(lang)
    # Keyboard and mouse users alike: a click on the option's visible label.
    page.locator(".st-key-value_live_longer").get_by_text(scale["agree_strongly"], exact=True).click()
    wait_idle(page)
    page.locator(".st-key-value_avoid_needles").get_by_text(scale["disagree"], exact=True).click()
    wait_idle(page)
    questions = decision.question_labels(lang)
    page.locator(".st-key-question_scheme").get_by_text(questions["scheme"]).click()
    wait_idle(page)
    page.locator(".st-key-question_lab").get_by_text(questions["lab"]).click()
    wait_idle(page)
    choices = decision.Choices(
        values=(("live_longer", "agree_strongly"), ("avoid_needles", "disagree")), questions=("scheme", "lab")
    )
    link_text = decision.gettext_for(lang, decision.DOMAIN)(
        "Make your handout, with your answers ({values} statements, {questions} questions)"
    ).format(values=2, questions=2)
    page.get_by_role("link", name=link_text).click()  # same session: the answers come along
    wait_idle(page)
    include = decision.handout_page_texts(lang, choices)["include"]
    expect(page.get_by_text(include)).to_be_visible()
    button = page.get_by_role("button", name=decision.gettext_for(lang, "handout")("Download the handout (PDF)"))
    with page.expect_download(timeout=60_000) as download_info:
        button.click()
    path = tmp_path / "handout.pdf"
    download_info.value.save_as(path)
    assert 1 <= pages(path) <= MAX_PAGES[lang]
    body = squash(text(path))
    lines = (*decision.value_lines(choices, lang), *decision.question_lines(choices, lang))
    for line in lines:
        assert squash(line) in body, line
    log = server.log()
    for line in lines:
        assert line not in log
    for label in (decision.statement_labels(lang)["live_longer"], questions["scheme"], questions["lab"]):
        assert label not in log, "a choice reached the server log"
    for key in ("agree_strongly", "value_live_longer", "question_scheme"):
        assert key not in log

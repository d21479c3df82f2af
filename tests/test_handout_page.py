"""The /handout page through the real entrypoint: defaults, the scenario from ?pnfh=, bad input."""

from __future__ import annotations

from content.i18n import LANGUAGES, gettext_for

PAGE = "app_pages/handout.py"


def test_chinese_with_a_level_in_the_address(app) -> None:
    at = app(PAGE, lang="zh", pnfh="2000")
    assert not at.exception, [e.message for e in at.exception]
    assert at.radio(key="handout_lang").value == "zh"  # the app's language by default
    assert at.checkbox(key="handout_include_pnfh").value is True  # ?pnfh= includes the scenario
    assert at.number_input(key="handout_pnfh").value == 2000.0
    assert at.radio(key="handout_paper").value == "a4"
    _ = gettext_for("zh", "handout")
    preview = " ".join(m.value for m in at.markdown)
    # Chinese writes no thousands separator
    assert _("What a CSF-pNFH level of {level} pg/mL might mean").format(level="2000") in preview
    assert not at.warning


def test_english_without_a_level_leaves_the_scenario_out(app) -> None:
    at = app(PAGE, lang="en")
    assert not at.exception
    assert at.radio(key="handout_lang").value == "en"
    assert at.checkbox(key="handout_include_pnfh").value is False
    preview = " ".join(m.value for m in at.markdown)
    assert "might mean" not in preview
    at.radio(key="handout_lang").set_value("both").run()
    preview = " ".join(m.value for m in at.markdown)
    assert "The main message" in preview and gettext_for("zh", "handout")("The main message") in preview


def test_bad_level_gets_a_translated_message_not_a_traceback(app) -> None:
    for bad in ("abc", "nan", "-1", "1e12", "<script>"):
        at = app(PAGE, lang="zh", pnfh=bad)
        assert not at.exception, bad
        assert at.warning, bad
        message = at.warning[0].value
        assert "CSF-pNFH" in message and any("\u4e00" <= c <= "\u9fff" for c in message)
        assert at.checkbox(key="handout_include_pnfh").value is False


def test_level_from_the_biomarker_page(app) -> None:
    at = app(None, lang="en")
    at.session_state["bm_level"] = 1500.0
    at.switch_page(PAGE).run()
    assert not at.exception
    at.checkbox(key="handout_include_pnfh").check().run()
    assert at.number_input(key="handout_pnfh").value == 1500.0


def test_scenario_preview_waits_for_the_right_not_to_know(app) -> None:
    from model.benefit import estimate
    from views import biomarker as bt

    for lang in LANGUAGES:
        at = app(PAGE, lang=lang, pnfh="9000")
        first = bt.published_sentences(estimate(9000).band, lang)[0]
        captions = " ".join(c.value for c in at.caption)
        assert first not in captions, "the scenario's numbers shown before the reader asked"
        at.button(key="handout_reveal").click().run()
        assert not at.exception
        assert first in " ".join(c.value for c in at.caption)
        assert at.session_state["bm_show_numbers"] is True  # the same choice as on /biomarker


def test_a_typed_level_outside_the_range_is_refused_and_the_handout_leaves_the_scenario_out(app) -> None:
    """Issue 14: the page showed 12 while the PDF said 2,500. Now the box's value is either the
    handout's level or refused in the reader's words, with no scenario at all."""
    for lang in LANGUAGES:
        _ = gettext_for(lang, "handout")
        at = app(PAGE, lang=lang, pnfh="2500")
        at.number_input(key="handout_pnfh").set_value(12.0).run()
        assert not at.exception
        warning = " ".join(w.value for w in at.warning)
        assert (
            _(
                "{value} pg/mL is not a level this aid can use (it must be from {low} to {high} pg/mL), so the handout leaves the scenario out."
            ).split("{value}")[1][:6]
            in warning
        ), warning
        preview = " ".join(m.value for m in at.markdown)
        title = _("What a CSF-pNFH level of {level} pg/mL might mean")
        assert title.split("{level}")[0] not in preview, "no scenario for a refused level"

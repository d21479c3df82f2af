"""/biomarker through the real entrypoint: no level until given, published result first, the model
only inside its range, the opt-in numbers, bad links, both languages."""

from __future__ import annotations

import json
import re

import pytest

from content.facts import format_fact, format_number
from content.i18n import LANGUAGES, gettext_for, language
from model.benefit import INPUT_MAX, INPUT_MIN, estimate
from tests.explorer_text import drawn_text
from tests.explorer_text import parts as explorer_parts
from views import biomarker as bt

PAGE = "app_pages/biomarker.py"
LANGS = LANGUAGES  # from the language table (content/i18n.py)
CJK = re.compile(r"[\u4e00-\u9fff]")
BAD = ["abc", "-5", "1e308", "nan", "<script>alert(1)</script>", "inf", "99999999"]


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.subheader]
    parts += [t.value.to_string() for t in at.table]
    parts.append(drawn_text(at))  # what the level explorer draws in the browser (tests/explorer_text.py)
    return "\n".join(parts)


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _reveal(at):
    at.button(key="bm_reveal").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


LAZY = ("bm_x_sensitivity", "bm_x_assumptions", "bm_x_how")  # the collapsed technical notes


def _open_notes(at):
    """Open the collapsed technical notes: their contents are built only once open (lazy)."""
    for key in LAZY:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_collapsed_notes_are_not_built_until_opened(app) -> None:
    """The load sends no table from a closed note (each would pull the browser's table code)."""
    at = _reveal(app(PAGE, lang="en", pnfh="2000"))
    assert not at.table
    assert bt.variant_name("scale_log", "en") not in _texts(at)
    _open_notes(at)
    assert len(at.table) == 4  # sensitivity, assumptions, the two calibration tables
    assert bt.variant_name("scale_log", "en") in _texts(at)


def _bad_link_message(lang: str) -> str:
    _ = gettext_for(lang, "biomarker")
    return _(
        "The CSF-pNFH level in the link could not be used. It must be a number from {low} to "
        "{high} pg/mL. Type your level below instead."
    ).format(low=format_number(INPUT_MIN, 0, lang), high=format_number(INPUT_MAX, 0, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_opens_on_the_question_with_no_level(app, lang: str) -> None:
    at = app(PAGE, lang=lang)
    assert not at.exception
    _ = gettext_for(lang, "biomarker")
    assert at.radio(key="bm_mode").value is None
    assert at.radio(key="bm_mode").label == _("Do you know your CSF-pNFH level?")
    assert not at.get("vega_lite_chart")
    at.radio(key="bm_mode").set_value("known").run()
    assert at.number_input(key="bm_number").value is None  # nothing prefilled
    assert at.session_state["bm_level"] is None
    assert not [b for b in at.button if b.key == "bm_reveal"]  # nothing to reveal before a level
    assert bt.assay_note(lang) in _texts(at)
    at.number_input(key="bm_number").set_value(2000).run()
    assert at.session_state["bm_level"] == 2000
    assert bt.count_sentences(estimate(2000), lang)[0] not in _texts(at)
    _reveal(at)
    assert bt.count_sentences(estimate(2000), lang)[0] in _texts(at)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [1000, 2000, 3000, 4500])
def test_inside_the_range_published_first_then_the_model(app, lang: str, level: int) -> None:
    at = app(PAGE, lang=lang, pnfh=str(level))
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["bm_level"] == level and at.session_state["bm_mode"] == "known"
    est = estimate(level)
    assert est.model_shown
    text = _texts(at)
    assert bt.count_sentences(est, lang)[0] not in text, "survival numbers shown before the reader asked"
    assert bt.published_sentences(est.band, lang)[0] not in text
    hidden = explorer_parts(at)  # nothing of the answer reaches the browser before it is asked for
    assert "answer" not in hidden and set(hidden["controls"]["current"]) == {"level", "label"}
    _reveal(at)
    text = _texts(at)
    published = bt.published_sentences(est.band, lang)
    for sentence in published:
        assert sentence in text
    for sentence in bt.count_sentences(est, lang):
        assert sentence in text
    assert text.index(published[0]) < text.index(bt.count_sentences(est, lang)[0]), "published result first"
    assert bt.hr_sentence(est, lang) in text and bt.who_sentence(lang) in text
    assert format_number(est.hazard_ratio, 2, lang) in text
    assert (est.band == "high") == (bt.high_level_support(lang)[0] in text)
    specs = _charts(at)
    assert len(specs) == 1  # the hazard-ratio curve (the icon arrays are the explorer's, drawn in the browser)
    assert all(s.get("description") for s in specs)
    table = explorer_parts(at)["answer"]["table"]
    names = [arm["name"] for arm in table["arms"]]  # the icon arrays' accessible names
    assert all(names)
    text = _texts(_open_notes(at))
    for v in bt.variant_name("scale_log", lang), bt.variant_name("below_harm", lang):
        assert v in text  # the sensitivity table, each row with its range
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        for description in [s["description"] for s in specs] + names:
            assert CJK.search(description), description
        blob = json.dumps([specs, table["arms"], table["alive"], table["died"]], ensure_ascii=False)
        for english in ("Hazard ratio", "Riluzole", "Model", "Alive", "Died", "log scale", "Published"):
            assert english not in blob, f"English {english!r} on the Chinese page's charts"
        assert not re.search(r"\b(the|and|with|people)\b", text), "English sentence on the Chinese page"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [300, 700, 6000, 9000, 15000])
def test_outside_the_range_the_published_result_only(app, lang: str, level: int) -> None:
    at = _reveal(app(PAGE, lang=lang, pnfh=str(level)))
    est = estimate(level)
    assert not est.model_shown
    text = _texts(at)
    for sentence in bt.published_sentences(est.band, lang):
        assert sentence in text
    assert bt.outside_sentence(est, lang) in text
    assert not at.get("vega_lite_chart"), "a chart with model numbers outside the model's range"
    assert bt.who_sentence(lang) not in text  # no "out of 100" model figures at all
    assert (est.band == "high") == (bt.high_level_support(lang)[0] in text)
    if est.band == "below":
        assert format_fact("other_group_percent", lang) in text


def test_no_zero_or_hundred_out_of_100_and_no_crossing_point(app) -> None:
    for lang in LANGS:
        for level in (750, 3700, 5000):
            text = _texts(_reveal(app(PAGE, lang=lang, pnfh=str(level))))
            assert not re.search(r"\b(0|100) (would be )?alive", text)
            assert "crosses" not in text and "穿过" not in text and "交叉" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bad", BAD)
def test_bad_link_value_warns_and_prefills_nothing(app, lang: str, bad: str) -> None:
    at = app(PAGE, lang=lang, pnfh=bad)
    assert not at.exception, [e.message for e in at.exception]
    assert [w.value for w in at.warning] == [_bad_link_message(lang)]
    assert at.session_state["bm_mode"] is None  # the question is still open
    assert "<script>" not in _texts(at)


def test_no_link_no_parameter_written(app) -> None:
    at = app(PAGE, lang="en")
    at.radio(key="bm_mode").set_value("known").run()
    at.number_input(key="bm_number").set_value(3000).run()
    assert "pnfh" not in at.query_params, "the level must not go into the URL unasked"
    at.button(key="bm_share").click().run()
    assert at.query_params["pnfh"] in ("3000", ["3000"])
    boxes = [h.proto.body for h in at.get("html") if h.proto.body.startswith('<div class="aid-share">')]
    assert len(boxes) == 1 and "pnfh=3000" in boxes[0]  # the share box (ui.access.share_box)
    assert gettext_for("en", "clinic")("Copy the link") in boxes[0]


def test_controls_stay_in_sync(app) -> None:
    """A typed level reaches the explorer's slider and its answer (the server's own for a level off
    the slider's grid); the explorer's steps come back through its state (tests/test_browser_explorer.py)."""
    at = _reveal(app(PAGE, lang="en", pnfh="2000"))
    for typed in (2500, 2013):
        at.number_input(key="bm_number").set_value(typed).run()
        controls = explorer_parts(at)["controls"]
        assert controls["level"] == typed and controls["current"]["level"] == typed
        assert bt.count_sentences(estimate(typed), "en")[0] in _texts(at)
    assert (controls["c"]["min"], controls["c"]["max"], controls["c"]["step"]) == (100, 15000, 50)


def test_the_explorer_answers_every_slider_level_as_the_handout_does() -> None:
    """Every level the slider reaches is answered in the browser from the table: each answer's
    sentences are the ones views.biomarker (and so the handout) gives for that level."""
    from views import explorer as ex

    for lang in LANGS:
        table = ex.table(lang)
        assert [int(k) for k in table["answers"]] == list(range(100, 15001, 50))
        for level in (100, 700, 750, 2000, 3700, 3750, 5000, 5050, 15000):
            answer, est = table["answers"][str(level)], estimate(level)
            assert answer["band"] == est.band and answer["shown"] == est.model_shown
            if est.model_shown:
                assert answer["sentences"] == bt.count_sentences(est, lang)
                assert [a["alive"] for a in answer["arms"]] == [est.alive_riluzole_of_100, est.alive_il2_of_100]
            else:
                assert answer["outside"] == bt.outside_sentence(est, lang)
        for band in ("below", "low", "high"):
            assert table["bands"][band]["sentences"] == bt.published_sentences(band, lang)


def test_reveal_is_remembered_and_can_be_hidden(app) -> None:
    at = _reveal(app(PAGE, lang="zh", pnfh="2000"))
    first = bt.count_sentences(estimate(2000), "zh")[0]
    assert at.session_state["bm_show_numbers"] is True
    at.number_input(key="bm_number").set_value(1500).run()
    assert bt.count_sentences(estimate(1500), "zh")[0] in _texts(at)
    at.button(key="bm_hide").click().run()
    assert at.session_state["bm_show_numbers"] is False
    assert bt.count_sentences(estimate(1500), "zh")[0] not in _texts(at)
    assert first not in _texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_level_whole_trial_first_then_groups_no_model(app, lang: str) -> None:
    at = app(PAGE, lang=lang)
    at.radio(key="bm_mode").set_value("unknown").run()
    assert not at.exception
    text = _texts(at)
    assert ("lumbar puncture" if lang == "en" else "腰椎穿刺") in text
    whole = bt.whole_trial_sentences(lang)[0]
    assert whole not in text
    _reveal(at)
    text = _texts(at)
    assert whole in text
    from views import results as rf

    o = rf.arm_outcomes()
    assert format_number(o["placebo"]["alive"], 0, lang) in whole and format_number(o["il2"]["alive"], 0, lang) in whole
    group = gettext_for(lang, "biomarker")("Group")
    (table,) = [t.value for t in at.table if group in t.value.columns]
    assert len(table) == 3
    assert text.index(whole) < text.index(bt.group_name("low", lang))
    assert bt.published_hr_text("low", lang) in table.to_string()
    assert format_fact("low_group_alive_il2_of_100", lang) in table.to_string()
    assert not at.get("vega_lite_chart"), "no model rows or charts without a level"
    assert bt.hr_sentence(estimate(2000), lang) not in text


@pytest.mark.parametrize("lang", LANGS)
def test_how_built_reports_the_misfit(app, lang: str) -> None:
    from model.benefit import calibration

    at = _open_notes(app(PAGE, lang=lang))
    text = _texts(at)
    for scale in ("linear", "log"):
        c = calibration(scale)
        assert format_number(c.chi2, 2, lang) in text
    assert bt.target_name("hr_high", lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_level_step_changes_only_the_charts_data(app, lang: str) -> None:
    """A step keeps every chart's spec, name included, byte for byte; only the data moves."""
    at = _reveal(app(PAGE, lang=lang, pnfh="1000"))
    before, data_before = _charts(at), _chart_data(at)
    table_before = explorer_parts(at)["answer"]
    at.number_input(key="bm_number").set_value(4000).run()
    after, data_after = _charts(at), _chart_data(at)
    assert explorer_parts(at)["answer"] == table_before  # the explorer's table is the same element: sent once
    assert len(before) == len(after) == 1
    for old, new in zip(before, after, strict=False):
        assert {k: v for k, v in old.items() if k != "datasets"} == {k: v for k, v in new.items() if k != "datasets"}
    assert all(old != new for old, new in zip(data_before, data_after, strict=False))


def _chart_data(at) -> list[dict[str, bytes]]:
    return [{d.name: d.data.data for d in c.proto.datasets} for c in at.get("vega_lite_chart")]


@pytest.mark.parametrize("lang", LANGS)
def test_an_out_of_range_number_is_refused_in_the_readers_words_and_nothing_changes(app, lang: str) -> None:
    """Issue 14: 99999 is neither clamped to the range's end nor left in the box beside another level."""
    _ = gettext_for(lang, "biomarker")
    at = app(PAGE, lang=lang, pnfh="2000")
    at.number_input(key="bm_number").set_value(99999).run()
    assert not at.exception
    assert at.session_state["bm_level"] == 2000
    assert at.number_input(key="bm_number").value == 2000, "the box must show the level the page uses"
    warning = " ".join(w.value for w in at.warning)
    assert _("The level stays at {level} pg/mL.").format(level=format_number(2000, 0, lang)) in warning
    assert format_number(99999, 0, lang) in warning


@pytest.mark.parametrize("lang", LANGS)
def test_an_emptied_box_keeps_the_level_and_says_so(app, lang: str) -> None:
    _ = gettext_for(lang, "biomarker")
    at = app(PAGE, lang=lang, pnfh="2000")
    at.number_input(key="bm_number").set_value(None).run()
    assert not at.exception
    assert at.session_state["bm_level"] == 2000 and at.number_input(key="bm_number").value == 2000
    assert any(_("The box is empty, or what was typed is not a level in pg/mL.") in w.value for w in at.warning)
    assert not any(re.search(r"(?<![\d,])0 pg/mL", w.value) for w in at.warning)  # no "0 pg/mL is outside"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_arm_has_one_name_on_every_page(app, lang: str) -> None:
    """Issue 17: the arms are "Placebo (with riluzole)" / "IL-2LD (with riluzole)" on the results
    page, the biomarker page, the clinic slides and the handout alike (never also "Riluzole
    alone" for an arm)."""
    from handout.document import IconArrays, build_document
    from views import results as rf

    names = [rf.arm_name(arm, lang) for arm in ("placebo", "il2")]
    at = _reveal(app(PAGE, lang=lang, pnfh="2000"))
    text = _texts(at)
    for name in names:
        assert f"**{name}**" in text
    pictures = [b for s in build_document(lang, 2000.0).sections for b in s.blocks if isinstance(b, IconArrays)]
    assert len(pictures) == 2  # the trial's result and the scenario at 2000 pg/mL
    assert all([p.title for p in picture.panels] == names for picture in pictures)
    results = app("app_pages/results.py", lang=lang)
    results.button(key="results_reveal").click().run()
    assert all(f"**{name}**" in "\n".join(m.value for m in results.markdown) for name in names)

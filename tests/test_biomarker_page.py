"""/biomarker through the real entrypoint: levels, the opt-in numbers, bad links, both languages."""

from __future__ import annotations

import json
import re

import pytest

from content import biomarker_text as bt
from content.facts import format_number
from content.i18n import gettext_for
from model.benefit import INPUT_MAX, INPUT_MIN, default_level, estimate
from model.fit import fitted_model

PAGE = "app_pages/biomarker.py"
LANGS = ["en", "zh"]
CJK = re.compile(r"[\u4e00-\u9fff]")
BAD = ["abc", "-5", "1e308", "nan", "<script>alert(1)</script>", "inf", "99999999"]


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.subheader]
    return "\n".join(parts)


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _reveal(at, lang: str):
    at.button(key="bm_reveal").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _bad_link_message(lang: str) -> str:
    _ = gettext_for(lang, "biomarker")
    return _("The CSF-pNFH level in the link could not be used. It must be a number from {low} to "
             "{high} pg/mL. The page shows {default} pg/mL instead.").format(
        low=format_number(INPUT_MIN, 0, lang), high=format_number(INPUT_MAX, 0, lang),
        default=format_number(default_level(), 0, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [1000, 2000, 6000])
def test_level_from_link_numbers_hidden_then_shown(app, lang: str, level: int) -> None:
    at = app(PAGE, lang=lang, pnfh=str(level))
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["bm_level"] == level
    assert at.slider(key="bm_slider").value == level
    assert at.number_input(key="bm_number").value == level
    est = estimate(level)
    sentences = bt.count_sentences(est, lang)
    text = _texts(at)
    assert sentences[0] not in text, "survival numbers shown before the reader asked"
    assert bt.hr_sentence(est, lang) not in text
    assert not at.warning

    _reveal(at, lang)
    text = _texts(at)
    for sentence in sentences:
        assert sentence in text
    assert bt.hr_sentence(est, lang) in text
    assert format_number(est.hazard_ratio, 2, lang) in text
    specs = _charts(at)
    assert len(specs) == 4  # two icon arrays, the hazard-ratio curve, the survival curves
    descriptions = [s.get("description", "") for s in specs]
    assert all(descriptions), "a chart without an accessible name"
    # The charts' names do not change with the level (so the browser keeps them drawn); the numbers
    # they show are written in the page's text.
    assert bt.survival_chart_description(est, lang) in text
    assert format_number(est.alive_il2_of_100, 0, lang) in text
    if lang == "zh":
        for d in descriptions:
            assert CJK.search(d), d
        blob = json.dumps(specs, ensure_ascii=False)
        for english in ("Hazard ratio", "Riluzole", "Few people", "Days after", "Alive", "Died", "log scale"):
            assert english not in blob, f"English {english!r} on the Chinese page's charts"
        assert not re.search(r"\b(the|and|with|people)\b", text), "English sentence on the Chinese page"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bad", BAD)
def test_bad_link_value_warns_and_uses_default(app, lang: str, bad: str) -> None:
    at = app(PAGE, lang=lang, pnfh=bad)
    assert not at.exception, [e.message for e in at.exception]
    assert [w.value for w in at.warning] == [_bad_link_message(lang)]
    assert at.session_state["bm_level"] == default_level()
    _reveal(at, lang)
    assert "<script>" not in _texts(at)
    assert bt.count_sentences(estimate(default_level()), lang)[0] in _texts(at)


def test_no_link_no_parameter_written(app) -> None:
    at = app(PAGE, lang="en")
    assert "pnfh" not in at.query_params
    assert at.session_state["bm_level"] == default_level()
    at.number_input(key="bm_number").set_value(3000).run()
    assert "pnfh" not in at.query_params, "the level must not go into the URL unasked"
    at.button(key="bm_share").click().run()
    assert at.query_params["pnfh"] in ("3000", ["3000"])
    assert any("pnfh=3000" in c.value for c in at.code)


def test_controls_stay_in_sync_without_refitting(app) -> None:
    at = app(PAGE, lang="en", pnfh="2000")
    _reveal(at, "en")
    misses = fitted_model.cache_info().misses
    at.number_input(key="bm_number").set_value(2500).run()
    assert at.slider(key="bm_slider").value == 2500
    at.slider(key="bm_slider").set_value(3000).run()
    assert at.number_input(key="bm_number").value == 3000
    at.button(key="bm_up").click().run()
    assert at.session_state["bm_level"] == 3250
    assert at.slider(key="bm_slider").value == 3250 and at.number_input(key="bm_number").value == 3250
    at.button(key="bm_down").click().run()
    assert at.session_state["bm_level"] == 3000
    assert bt.count_sentences(estimate(3000), "en")[0] in _texts(at)
    assert fitted_model.cache_info().misses == misses, "a level change refitted the model"


def test_reveal_is_remembered_and_can_be_hidden(app) -> None:
    at = app(PAGE, lang="zh", pnfh="2000")
    _reveal(at, "zh")
    first = bt.count_sentences(estimate(2000), "zh")[0]
    assert at.session_state["bm_show_numbers"] is True
    at.number_input(key="bm_number").set_value(1500).run()
    assert bt.count_sentences(estimate(1500), "zh")[0] in _texts(at)
    at.button(key="bm_hide").click().run()
    assert at.session_state["bm_show_numbers"] is False
    assert bt.count_sentences(estimate(1500), "zh")[0] not in _texts(at)
    assert first not in _texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_level_explains_the_test_and_shows_groups(app, lang: str) -> None:
    at = app(PAGE, lang=lang)
    at.radio(key="bm_mode").set_value("unknown").run()
    assert not at.exception
    text = _texts(at)
    assert ("lumbar puncture" if lang == "en" else "腰椎穿刺") in text
    group = gettext_for(lang, "biomarker")("Group")
    assert not [t for t in at.table if group in t.value.columns]
    _reveal(at, lang)
    (table,) = [t.value for t in at.table if group in t.value.columns]
    assert len(table) == 3
    low_level = bt.group_levels()[1][1]
    assert format_number(estimate(round(low_level, -1)).alive_il2_of_100, 0, lang) in table.to_string()


def test_assumption_change_moves_the_answer(app) -> None:
    at = app(PAGE, lang="en", pnfh="6000")
    _reveal(at, "en")
    at.radio(key="bm_scale").set_value("log").run()
    assert not at.exception
    from model.assumptions import DEFAULT

    est = estimate(6000, DEFAULT.with_(effect_scale="log"))
    assert bt.hr_sentence(est, "en") in _texts(at)
    assert at.info  # says a non-default assumption is in use


@pytest.mark.parametrize("lang", LANGS)
def test_level_step_changes_only_the_charts_data(app, lang: str) -> None:
    """A step keeps every chart's spec, name included, byte for byte; only the data moves.

    The browser then swaps the data in the drawn chart instead of drawing it anew (the slider's
    speed target); a level-dependent title or name would silently undo that."""
    at = _reveal(app(PAGE, lang=lang, pnfh="1000"), lang)
    before, data_before = _charts(at), _chart_data(at)
    at.number_input(key="bm_number").set_value(9000).run()
    after, data_after = _charts(at), _chart_data(at)
    assert len(before) == len(after) == 4
    for old, new in zip(before, after):
        assert {k: v for k, v in old.items() if k != "datasets"} == {k: v for k, v in new.items() if k != "datasets"}
    # ...and the data did move: every chart shows something else at 9,000 than at 1,000.
    assert all(old != new for old, new in zip(data_before, data_after))


def _chart_data(at) -> list[dict[str, bytes]]:
    return [{d.name: d.data.data for d in c.proto.datasets} for c in at.get("vega_lite_chart")]

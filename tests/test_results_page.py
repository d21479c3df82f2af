"""The /results page through the real entrypoint, in both languages (AppTest)."""

from __future__ import annotations

import json
import re

import pytest

from content.facts import format_fact, format_range, registry
from content.i18n import LANGUAGES, gettext_for, language
from views import results as rf

REG = registry()
PAGE = "app_pages/results.py"
LANGS = LANGUAGES  # from the language table (content/i18n.py)
CJK = re.compile(r"[\u4e00-\u9fff]")
NAMES = ["IL-2LD", "IL-2", "CSF-pNFH", "pg/mL"]  # IL-2: in the short name 低剂量IL-2

# Every published figure the page shows (the high group's interval is unknown: never shown).
PAGE_FACTS = [
    "randomised_per_arm",
    "alive_placebo",
    "alive_il2",
    "alive_placebo_percent",
    "alive_il2_percent",
    "alive_difference_points",
    "endpoint_months",
    "denominator",
    "phase",
    "hr_overall",
    "p_overall",
    "hr_adjusted",
    "hr_low",
    "hr_high",
    "p_interaction",
    "low_group_percent",
    "high_group_percent",
    "other_group_percent",
    "pnfh_low_min",
    "pnfh_cut",
    "alsfrs_slower_percent",
    "sae_il2",
    "sae_placebo",
    "sae_pneumonia_episodes",
    "sae_pneumonia_people",
    "next_phase",
    "interval_level_percent",
]
INTERVALS = ["hr_overall", "hr_adjusted", "hr_low"]


def _texts(at) -> str:
    parts: list[str] = []
    for kind in ("markdown", "info", "warning", "caption", "header", "subheader", "title"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    for table in at.table:
        df = table.value
        parts.append(" ".join([str(df.index.name), *map(str, df.columns), *map(str, df.index)]))
        parts.extend(" ".join(map(str, row)) for row in df.itertuples(index=False))
    return "\n".join(parts)


def _specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def _dataset(chart, name: str):
    """A dataset Streamlit moved out of the spec (Arrow bytes), as a DataFrame."""
    import pyarrow as pa

    for dataset in chart.proto.datasets:
        if dataset.name == name:
            return pa.ipc.open_stream(dataset.data.data).read_pandas()
    raise KeyError(name)


def _english_words(text: str) -> list[str]:
    for name in NAMES:
        text = text.replace(name, "")
    return re.findall(r"[A-Za-z]{2,}", text)


def _reveal(at):
    """The reader chooses to see the survival numbers (the page asks first: the right not to know)."""
    at.button(key="results_reveal").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture(scope="module", params=LANGS)
def page(request):
    from streamlit.testing.v1 import AppTest

    from tests.servers import ROOT

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = request.param
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return request.param, _reveal(at)


def test_page_renders_in_both_languages(app) -> None:
    for lang in LANGS:
        at = app(PAGE, lang=lang)
        assert not at.exception, [e.message for e in at.exception]
        assert at.title[0].value == gettext_for(lang, "app")("What the trial found")
        assert not at.get("vega_lite_chart"), "no survival picture before the reader asks"
        assert len(_reveal(at).get("vega_lite_chart")) == 3


def test_every_published_figure_matches_the_registry(page) -> None:
    lang, at = page
    text = _texts(at)
    missing = [key for key in PAGE_FACTS if format_fact(key, lang) not in text]
    assert not missing, f"{lang}: figures not on the page: {missing}"
    for key in INTERVALS:
        assert format_range(*REG[key].ci, REG[key].decimals, lang) in text  # type: ignore[misc]
    assert gettext_for(lang, "results")("interval not published") in text
    assert "12%" not in text  # mirocals-facts.md mistake 3


def test_icon_counts_and_sentences_agree(page) -> None:
    lang, at = page
    text = _texts(at)
    charts = [c for c in at.get("vega_lite_chart") if json.loads(c.proto.spec).get("mark", {}).get("type") == "point"]
    assert len(charts) == 2
    for arm, chart in zip(rf.ARMS, charts, strict=False):
        spec = json.loads(chart.proto.spec)
        outcome = rf.arm_outcomes()[arm]
        people = _dataset(chart, spec["data"]["name"])
        assert len(people) == REG.value("denominator") == 100
        assert (people["status"] == "alive").sum() == outcome["alive"]
        assert (people["status"] == "died").sum() == outcome["died"]
        assert abs(outcome["alive"] - 100 * outcome["alive_count"] / outcome["randomised"]) <= 0.5
        assert spec["description"] == rf.icon_description(arm, lang)
        assert rf.arm_sentence(arm, lang) in text
        legend = spec["encoding"]["stroke"]["scale"]["domain"]
        assert legend == [rf.status_labels(lang)["alive"], rf.status_labels(lang)["died"]]
        if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
            assert CJK.search(spec["description"]) and not _english_words(spec["description"])
            assert all(CJK.search(label) for label in legend)
        # The arm's name stands above its picture as text (it wraps and keeps its size when a
        # phone shrinks the two pictures side by side), in the page's language.
        assert "title" not in spec and f"**{rf.arm_name(arm, lang)}**" in text
    assert rf.difference_sentence(lang) in text


def test_chart_descriptions_are_in_the_language(page) -> None:
    lang, at = page
    for spec in _specs(at):
        description = spec["description"]
        if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
            assert CJK.search(description), description
            assert not _english_words(description), _english_words(description)
        else:
            assert not CJK.search(description)
    forest = _specs(at)[-1]
    assert forest["description"] == rf.forest_description(lang, True)
    axis = next(l for l in forest["layer"] if l["mark"]["type"] == "point")["encoding"]["x"]["axis"]
    assert "".join(axis["title"]).replace(" ", "") == rf.forest_labels(lang)["axis"].replace(" ", "")


def test_adjusted_estimate_is_labelled_as_pnfh_zero(page) -> None:
    lang, at = page
    zero = "zero" if lang == "en" else "零"
    adjusted = format_fact("hr_adjusted", lang)
    blocks = [str(e.value) for kind in ("markdown", "warning", "info") for e in getattr(at, kind)]
    mentioning = [b for b in blocks if adjusted in b]
    assert mentioning
    for block in mentioning:
        assert zero in block, block
    # Not a row of the table or the forest plot (it is no group's result); explained in words.
    assert adjusted not in at.table[0].value.to_string()
    assert zero in _specs(at)[-1]["description"]


def test_uncertainty_switch_hides_and_shows_the_ranges(app) -> None:
    for lang in LANGS:
        at = _reveal(app(PAGE, lang=lang))
        ranges = [format_range(*REG[k].ci, REG[k].decimals, lang) for k in INTERVALS]  # type: ignore[misc]
        interval_header = rf.forest_labels(lang)["interval"]

        def forest(at):
            return _specs(at)[-1]

        assert all(r in _texts(at) for r in ranges)
        assert any("x2" in l.get("encoding", {}) for l in forest(at)["layer"])

        at.toggle(key="results_show_ci").set_value(False).run()
        assert not at.exception
        text = _texts(at)
        assert not [r for r in ranges if r in text], "ranges still shown with the switch off"
        assert interval_header not in at.table[0].value.columns
        assert not any("x2" in l.get("encoding", {}) for l in forest(at)["layer"])
        assert not [r for r in ranges if r in forest(at)["description"]]
        for key in INTERVALS:  # the estimates themselves stay
            assert format_fact(key, lang) in text

        at.toggle(key="results_show_ci").set_value(True).run()
        assert all(r in _texts(at) for r in ranges)
        assert interval_header in at.table[0].value.columns


# Survival numbers: how many were alive or had died, hazard ratios, the relative drop in deaths.
SURVIVAL_FACTS = [
    "alive_placebo",
    "alive_il2",
    "hr_overall",
    "hr_low",
    "hr_high",
    "hr_adjusted",
    "topline_lower_percent",
]


@pytest.mark.parametrize("lang", LANGS)
def test_survival_numbers_wait_until_asked_and_can_be_hidden_again(app, lang: str) -> None:
    from content.glossary import glossary
    from views import decision

    at = app(PAGE, lang=lang)
    text = _texts(at)
    shown_early = [key for key in SURVIVAL_FACTS if format_fact(key, lang) in text]
    assert not shown_early, f"{lang}: survival numbers before the reader asked: {shown_early}"
    for arm in rf.ARMS:
        assert rf.arm_sentence(arm, lang) not in text
    assert not at.table and not at.get("vega_lite_chart")
    # The gate says what is behind it, in the page's language; the explanations stay.
    assert gettext_for(lang, "results")("The groups, and what a hazard ratio means") in text
    assert decision.access_statement(lang) in text
    assert rf.safety_summary(lang) in text
    behind = gettext_for(lang, "results")(
        "This page shows what the trial found in numbers: how many people in each group were still "
        "alive and how many had died, as pictures of {denominator} people, and hazard ratios, "
        "which compare the risk of dying. The explanations further down have no survival numbers."
    ).format(denominator=format_fact("denominator", lang))
    assert behind in text and (lang == "en" or CJK.search(behind))
    assert glossary()["hazard_ratio"].term(lang) in text
    assert [b.label for b in at.button if b.key == "results_reveal"] == [
        gettext_for(lang, "clinic")("Show the survival numbers")
    ]

    _reveal(at)
    text = _texts(at)
    assert all(format_fact(key, lang) in text for key in SURVIVAL_FACTS)
    assert at.session_state["bm_show_numbers"] is True

    at.button(key="results_hide").click().run()
    assert not at.exception
    text = _texts(at)
    assert not [key for key in SURVIVAL_FACTS if format_fact(key, lang) in text]
    assert at.session_state["bm_show_numbers"] is False


def test_the_choice_is_asked_once_for_the_visit(app) -> None:
    """Chosen on /results, kept on /als, /biomarker and the clinic slides (and the reverse)."""
    at = _reveal(app(PAGE, lang="en"))
    at.switch_page("app_pages/als.py").run()
    assert not at.exception
    assert format_fact("median_survival_months", "en") in _texts(at)
    assert not [b for b in at.button if b.key == "als_reveal"]
    at.button(key="als_hide").click().run()
    at.switch_page(PAGE).run()
    assert not at.get("vega_lite_chart") and [b for b in at.button if b.key == "results_reveal"]

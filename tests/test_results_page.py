"""The /results page through the real entrypoint, in both languages (AppTest)."""

from __future__ import annotations

import json
import re

import pytest

from content import results_figures as rf
from content.facts import format_fact, format_range, registry
from content.i18n import gettext_for

REG = registry()
PAGE = "app_pages/results.py"
LANGS = ["en", "zh"]
CJK = re.compile(r"[\u4e00-\u9fff]")
NAMES = ["IL-2LD", "IL-2", "CSF-pNFH", "pg/mL"]  # IL-2: in the short name 低剂量IL-2

# Every published figure the page shows (the high group's interval is unknown: never shown).
PAGE_FACTS = [
    "randomised_per_arm", "alive_placebo", "alive_il2", "alive_placebo_percent", "alive_il2_percent",
    "alive_difference_points", "endpoint_months", "denominator", "phase",
    "hr_overall", "p_overall", "hr_adjusted", "hr_low", "hr_high", "p_interaction",
    "low_group_percent", "high_group_percent", "other_group_percent", "pnfh_low_min", "pnfh_cut",
    "alsfrs_slower_percent", "sae_il2", "sae_placebo", "sae_pneumonia_episodes", "sae_pneumonia_people",
    "next_phase", "interval_level_percent",
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
    return request.param, at


def test_page_renders_in_both_languages(app) -> None:
    for lang in LANGS:
        at = app(PAGE, lang=lang)
        assert not at.exception, [e.message for e in at.exception]
        assert at.title[0].value == gettext_for(lang, "app")("What the trial found")
        assert len(at.get("vega_lite_chart")) == 3


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
    for arm, chart in zip(rf.ARMS, charts):
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
        if lang == "zh":
            assert CJK.search(spec["description"]) and not _english_words(spec["description"])
            assert all(CJK.search(label) for label in legend)
            assert CJK.search(spec["title"]["text"])
    assert rf.difference_sentence(lang) in text


def test_chart_descriptions_are_in_the_language(page) -> None:
    lang, at = page
    for spec in _specs(at):
        description = spec["description"]
        if lang == "zh":
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
        at = app(PAGE, lang=lang)
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

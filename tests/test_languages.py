"""Choosing the language from the URL and the browser, never failing on odd input."""

import pytest

from content.i18n import choose_language, normalise


@pytest.mark.parametrize(
    ("url", "browser", "expected"),
    [
        ("zh", None, "zh"),
        ("en", "zh-CN", "en"),
        (None, "zh-CN", "zh"),
        (None, "zh_Hans_CN", "zh"),
        (None, "en-GB", "en"),
        (None, "fr-FR", "en"),
        ("fr", "zh-TW", "zh"),
        ("<script>alert(1)</script>", None, "en"),
        ("", "", "en"),
        (["en", "zh"], None, "zh"),
        (42, None, "en"),
    ],
)
def test_choose_language(url, browser, expected) -> None:
    assert choose_language(url, browser) == expected


def test_normalise_rejects_non_strings() -> None:
    assert normalise(None) is None
    assert normalise(3.5) is None
    assert normalise("ZH-cn") == "zh"


# ---------------------------------------------------------------- the language table


def test_the_table_is_the_one_list_of_languages() -> None:
    from content.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGE_TABLE, LANGUAGES, PAIRS

    assert tuple(row.code for row in LANGUAGE_TABLE) == LANGUAGES
    assert set(LANGUAGE_NAMES) == set(HTML_LANG) == set(LANGUAGES)
    for pair in PAIRS.values():
        assert set(pair) <= set(LANGUAGES)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh-Hans", "zh"),
        ("zh-Hans-CN", "zh"),
        ("zh_SG", "zh"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("zh_Hant_TW", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("en-US", "en"),
        ("fr", None),
    ],
)
def test_script_and_region_are_kept_once_a_traditional_row_exists(monkeypatch, tag, expected) -> None:
    """With a Traditional row in the table, a Taiwanese or Hong Kong browser gets it, never Simplified."""
    import dataclasses

    from content import i18n

    hant = dataclasses.replace(
        i18n.language("zh"),
        code="zh-Hant",
        name="繁體中文",
        html_lang="zh-Hant",
        babel_locale="zh_Hant_TW",
        script="Hant",
    )
    monkeypatch.setattr(i18n, "LANGUAGE_TABLE", (*i18n.LANGUAGE_TABLE, hant))
    assert i18n.normalise(tag) == expected


def test_without_a_traditional_row_traditional_falls_back_to_chinese_by_rule() -> None:
    assert normalise("zh-TW") == "zh" and normalise("zh-Hant-HK") == "zh"


def test_a_language_not_in_the_table_has_no_row() -> None:
    from content.i18n import language

    with pytest.raises(KeyError, match="known: en, zh"):
        language("zh-Hant")

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
        ("fr", "zh-TW", "zh-Hant"),
        ("zh-Hant", None, "zh-Hant"),
        ("zh-TW", None, "zh-Hant"),
        ("zh-HK", "en-GB", "zh-Hant"),
        (None, "zh-HK", "zh-Hant"),
        (None, "zh-Hant-TW", "zh-Hant"),
        ("zh", "zh-TW", "zh"),
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
def test_script_and_region_are_kept(tag, expected) -> None:
    """The table's Traditional row: a Taiwanese or Hong Kong browser gets it, never Simplified."""
    assert normalise(tag) == expected


def test_the_traditional_row() -> None:
    from content.i18n import HTML_LANG, LANGUAGE_NAMES, PAIRS, language

    row = language("zh-Hant")
    assert (row.script, row.babel_locale, HTML_LANG["zh-Hant"]) == ("Hant", "zh_Hant_TW", "zh-Hant")
    assert LANGUAGE_NAMES == {"en": "English", "zh": "简体中文", "zh-Hant": "繁體中文"}
    assert PAIRS["both-hant"] == ("en", "zh-Hant") and row.pdf_font != language("zh").pdf_font
    assert (row.quote_open, row.quote_close) == ("「", "」") and row.country_sections == ("taiwan",)


def test_without_a_traditional_row_traditional_falls_back_to_chinese_by_rule(monkeypatch) -> None:
    """The rule still holds for a table without one (a Traditional reader reads Simplified better
    than English)."""
    from content import i18n

    monkeypatch.setattr(i18n, "LANGUAGE_TABLE", tuple(r for r in i18n.LANGUAGE_TABLE if r.script != "Hant"))
    assert i18n.normalise("zh-TW") == "zh" and i18n.normalise("zh-Hant-HK") == "zh"


def test_a_language_not_in_the_table_has_no_row() -> None:
    from content.i18n import language

    with pytest.raises(KeyError, match="known: en, zh, zh-Hant"):
        language("fr")


def test_side_by_side_handouts_share_their_country_sections() -> None:
    from content.i18n import shared_country_sections

    assert shared_country_sections(("en", "zh")) == ("china",)
    assert shared_country_sections(("en", "zh-Hant")) == ("taiwan",)
    assert shared_country_sections(("en",)) == ("china", "taiwan")

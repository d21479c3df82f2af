"""Choosing the language from the URL and the browser, never failing on odd input."""

import pytest

from content.languages import choose_language, normalise


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

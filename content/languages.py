"""The two languages the aid speaks, and how to pick one from what the browser and URL say."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "zh")
DEFAULT_LANGUAGE = "en"

# Names shown in the language switch: each in its own language, so a reader finds theirs.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh": "简体中文"}

# <html lang> values (BCP 47) and Babel locales.
HTML_LANG: dict[str, str] = {"en": "en", "zh": "zh-CN"}
_BABEL_LOCALE: dict[str, str] = {"en": "en_GB", "zh": "zh_Hans_CN"}


def babel_locale(lang: str) -> str:
    return _BABEL_LOCALE[lang]


def normalise(value: object) -> str | None:
    """A supported language code from a URL value or browser locale, or None.

    Accepts 'zh', 'zh-CN', 'zh_Hans', 'ZH', 'en-GB' and the like; anything else (markup,
    numbers, other languages, lists from repeated parameters) is not an error, just not a choice.
    """
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if not isinstance(value, str):
        return None
    head = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return head if head in LANGUAGES else None


def choose_language(url_value: object, browser_locale: object) -> str:
    """The URL wins; then the browser's language; then English."""
    return normalise(url_value) or normalise(browser_locale) or DEFAULT_LANGUAGE

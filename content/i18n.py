"""The languages the aid speaks (one table), and short interface strings through gettext.

**The language table.** Everything that differs between languages and is not a translated message
lives in one row of ``LANGUAGE_TABLE``: the code used in addresses, the name in the switch, the
``<html lang>``, the Babel locale, the punctuation that joins sentences and clauses, the handout's
font and leading. No module outside this one asks "is this Chinese?": it asks the row. Adding a
language is one row here, its catalogs under ``locales/``, its prose under ``content/prose/``, its
labels and terms in the TOML files and (if its script needs one) a font; the tests take the list
from this table and say what is missing.

**Gettext.** Short interface strings, one catalog per feature ("domain").

Why domains: each feature (frame, results, biomarker, handout) owns its catalog, so translators
review one feature at a time and parallel work never edits the same file. Why no global install:
every browser session shares this process, so the language is always passed in explicitly.
Catalogs are read from the ``.po`` files and compiled in memory once per process, so there is no
compiled ``.mo`` file that could fall out of date.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def N_(message: str) -> str:
    """Mark a message for extraction (domain "app"); translated where it is shown."""
    return message


@dataclass(frozen=True)
class Language:
    """One language the aid speaks, with everything about it that is data, not a message."""

    code: str  # as in ?lang= and the catalogs' folder name (fixed, ASCII)
    name: str  # in its own language, for the switch
    html_lang: str  # BCP 47, for <html lang> and lang= attributes
    babel_locale: str  # numbers and dates
    script: str  # ISO 15924 (Latn, Hans, Hant): what a browser's zh-TW or zh-Hant asks for
    sentence_join: str  # between two sentences (Chinese needs no space after 。)
    colon: str  # between a term and its definition
    semicolon: str  # between clauses of a list in running text
    list_sep: str  # between the items of a short list (Chinese: the enumeration comma 、)
    paren_open: str  # before a parenthesis, with its space where the language wants one
    paren_close: str
    counts_in_wan: bool  # large round numbers written in 万 (200万), as Chinese does
    group_digits: bool  # thousands separators (Chinese patient text writes 2000, not 2,000)
    range_sep: str  # between the ends of a range: en dash, or the full-width wave dash in Chinese
    pdf_font: str  # handout font family (files in assets/fonts/, see handout/fonts.py)
    pdf_leading: float  # line height / font size in the handout (CJK needs more air)
    quote_open: str  # quotation marks around a quoted word (Taiwan writes 「」, the mainland “”)
    quote_close: str
    reading_measure: str  # how scripts/reading_level.py measures a page: "fk_grade" or "chars_per_sentence"
    country_sections: tuple[str, ...]  # the country sections its pages and handout show (decision/<name>.md)
    label: str  # the language's name in English, a msgid: the reader's language names it (Sources page)
    language_word: str  # "Language" in this language, for the switch's label (every reader finds it)
    # The page keeps names and numbers on one line (ui/access.py's word joiners): Chinese, where any
    # two characters may break. Not English, whose hyphen breaks are ordinary typography and where
    # re-wrapping the drawn page moved it (layout shift).
    join_lines: bool = False

    def parenthesise(self, text: str, inner: str) -> str:
        """``text (inner)`` in this language's punctuation."""
        return f"{text}{self.paren_open}{inner}{self.paren_close}"


_SIMPLIFIED = Language(
    code="zh",
    name="简体中文",
    html_lang="zh-CN",
    babel_locale="zh_Hans_CN",
    script="Hans",
    sentence_join="",
    colon="：",
    semicolon="；",
    list_sep="、",
    paren_open="（",
    paren_close="）",
    counts_in_wan=True,
    group_digits=False,
    range_sep="～",
    pdf_font="NotoSansSC",
    pdf_leading=1.42,
    quote_open="“",
    quote_close="”",
    reading_measure="chars_per_sentence",
    country_sections=("china",),
    label=N_("Simplified Chinese"),
    language_word="语言",
    join_lines=True,
)

# Traditional Chinese, written for readers in Taiwan first (readable in Hong Kong; the glossary
# notes where Hong Kong usage differs). Taiwan's punctuation (教育部《重訂標點符號手冊》)
# has the same full-width marks as the mainland's, with 「」 quotes; ranges keep the
# full-width wave dash (2～5年), which Taiwanese medical text uses beside 至, so one form is
# written throughout, as in Simplified. Numbers: no grouping, round numbers in 萬 (200萬IU).
# The same punctuation and number style as the Simplified row; what differs is said here.
_TRADITIONAL = replace(
    _SIMPLIFIED,
    code="zh-Hant",
    name="繁體中文",
    html_lang="zh-Hant",
    babel_locale="zh_Hant_TW",
    script="Hant",
    pdf_font="NotoSansTC",
    quote_open="「",
    quote_close="」",
    country_sections=("taiwan",),
    label=N_("Traditional Chinese"),
    language_word="語言",
)

LANGUAGE_TABLE: tuple[Language, ...] = (
    Language(
        code="en",
        name="English",
        html_lang="en",
        babel_locale="en_GB",
        script="Latn",
        sentence_join=" ",
        colon=": ",
        semicolon="; ",
        list_sep=", ",
        paren_open=" (",
        paren_close=")",
        counts_in_wan=False,
        group_digits=True,
        range_sep="–",
        pdf_font="NotoSansSC",
        pdf_leading=1.3,
        quote_open="“",
        quote_close="”",
        reading_measure="fk_grade",
        # English is the reviewers' language too: it shows every country section the others do.
        country_sections=("china", "taiwan"),
        label=N_("English"),
        language_word="Language",
    ),
    _SIMPLIFIED,
    _TRADITIONAL,
)
LANGUAGES: tuple[str, ...] = tuple(row.code for row in LANGUAGE_TABLE)
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES: dict[str, str] = {row.code: row.name for row in LANGUAGE_TABLE}
HTML_LANG: dict[str, str] = {row.code: row.html_lang for row in LANGUAGE_TABLE}
# The switch's label says "Language" in every language (Language · 语言 · 語言), so any reader finds it.
SWITCH_LABEL = " · ".join(dict.fromkeys(row.language_word for row in LANGUAGE_TABLE))
# Side-by-side handouts: an option name and the languages it prints, left to right.
PAIRS: dict[str, tuple[str, ...]] = {"both": ("en", "zh"), "both-hant": ("en", "zh-Hant")}


def language(code: str) -> Language:
    """The table row for a language code; KeyError names the codes that exist."""
    for row in LANGUAGE_TABLE:
        if row.code == code:
            return row
    raise KeyError(f"unknown language {code!r} (known: {', '.join(LANGUAGES)})")


def shared_country_sections(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The country sections every one of these languages shows, in the first one's order: a
    side-by-side handout prints only those, so its two columns hold the same sections (English
    beside Simplified Chinese prints the China section; beside Traditional, the Taiwan one)."""
    rows = [language(code) for code in codes]
    return tuple(c for c in rows[0].country_sections if all(c in row.country_sections for row in rows))


def babel_locale(lang: str) -> str:
    return language(lang).babel_locale


# A region implies a script where the tag names none (Unicode CLDR's likely subtags for Chinese).
_REGION_SCRIPT = {"TW": "Hant", "HK": "Hant", "MO": "Hant", "CN": "Hans", "SG": "Hans", "MY": "Hans"}


def _parse_tag(value: str) -> tuple[str, str | None, str | None]:
    """(language, script, region) of a BCP 47 or POSIX tag ('zh-Hant-TW', 'zh_TW', 'en-GB')."""
    parts = [p for p in value.strip().replace("_", "-").split("-") if p]
    head = parts[0].lower() if parts else ""
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return head, script, region


def normalise(value: object) -> str | None:
    """A supported language code from a URL value or browser locale, or None.

    Script and region are kept: 'zh-TW', 'zh-HK' and 'zh-Hant' ask for Traditional characters and
    match a row whose script is Hant as soon as the table has one; 'zh', 'zh-CN' and 'zh-Hans' match
    Simplified. Only when the table has no row in the asked script does the same language in another
    script answer (a reader of Traditional characters reads Simplified better than English), and
    that fallback is this rule, written here and tested, not an accident of cutting the tag.
    Anything else (markup, numbers, other languages, lists from repeated parameters) is not an
    error, just not a choice.
    """
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if not isinstance(value, str) or not value.strip():
        return None
    for row in LANGUAGE_TABLE:  # an exact code first ('zh', 'en', a future 'zh-Hant')
        if value.strip().lower() == row.code.lower():
            return row.code
    head, script, region = _parse_tag(value)
    script = script or _REGION_SCRIPT.get(region or "")
    candidates = [row for row in LANGUAGE_TABLE if _parse_tag(row.code)[0] == head]
    if script is not None:
        candidates = [row for row in candidates if row.script == script] or candidates
    return candidates[0].code if candidates else None


def choose_language(url_value: object, browser_locale: object) -> str:
    """The URL wins; then the browser's language; then English."""
    return normalise(url_value) or normalise(browser_locale) or DEFAULT_LANGUAGE


def by_language(table: object, what: str) -> dict[str, str]:
    """A TOML value keyed by language (``label.en = ...``, ``label.zh = ...``), checked: every
    language of the table must be there, and nothing else, so a new language fails loudly."""
    if not isinstance(table, dict):
        raise ValueError(f"{what}: expected one value per language ({', '.join(LANGUAGES)}), got {table!r}")
    missing = [code for code in LANGUAGES if not table.get(code)]
    unknown = sorted(set(table) - set(LANGUAGES))
    if missing or unknown:
        raise ValueError(f"{what}: missing {missing or 'none'}, unknown {unknown or 'none'}")
    return dict(table)


LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

# The source language of every msgid: it needs no catalog.
SOURCE_LANGUAGE = DEFAULT_LANGUAGE


def po_path(lang: str, domain: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


@lru_cache(maxsize=64)
def translations(lang: str, domain: str) -> gettext.NullTranslations:
    """The catalog for one language and domain; English (the msgids) needs none."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = po_path(lang, domain)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language(lang).babel_locale, domain=domain)  # Babel wants zh_Hant_TW
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # fuzzy entries are not translations
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str, domain: str) -> Callable[[str], str]:
    """``_`` for one language and domain, to bind at the top of a page or builder."""
    return translations(lang, domain).gettext

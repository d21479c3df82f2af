"""The bilingual glossary: one term per concept, used the same way on every page and handout."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from content.i18n import by_language, gettext_for, language
from content.prose import render_template

GLOSSARY_FILE = Path(__file__).parent / "glossary.toml"


def _lists(entry: dict, field: str) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(values) for lang, values in entry.get(field, {}).items()}


@dataclass(frozen=True)
class Term:
    """One concept, keyed by language (the codes of content/i18n.py's table)."""

    key: str
    terms: dict[str, str]  # the term as the aid writes it, every language
    definitions: dict[str, str]  # a plain definition, every language
    match: dict[str, tuple[str, ...]]  # forms that count as the term in prose
    avoid: dict[str, tuple[str, ...]]  # variants that must not appear
    never: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phrases never to appear
    short: dict[str, str] = field(default_factory=dict)  # short name after the first full mention
    lay: dict[str, str] = field(default_factory=dict)  # the everyday name beside the formal one
    country: str | None = None  # a country section's term (the mainland's product name): see glossary.toml
    nobreak: bool = False  # its names are never split across lines (unbreakable)
    keep: dict[str, tuple[str, ...]] = field(default_factory=dict)  # more names kept on one line

    def term(self, lang: str) -> str:
        return self.terms[lang]

    def definition(self, lang: str) -> str:
        """The definition with any figures filled from the registry."""
        return render_template(self.definitions[lang], lang)

    # Short names for the Simplified Chinese checks (the other languages: terms[lang], match[lang]...).
    @property
    def en(self) -> str:
        return self.terms["en"]

    @property
    def zh(self) -> str:
        return self.terms["zh"]

    @property
    def match_en(self) -> tuple[str, ...]:
        return self.match.get("en", ())

    @property
    def match_zh(self) -> tuple[str, ...]:
        return self.match.get("zh", ())

    @property
    def avoid_zh(self) -> tuple[str, ...]:
        return self.avoid.get("zh", ())

    @property
    def never_zh(self) -> tuple[str, ...]:
        return self.never.get("zh", ())

    @property
    def zh_short(self) -> str | None:
        return self.short.get("zh")

    @property
    def zh_lay(self) -> str | None:
        return self.lay.get("zh")


@lru_cache(maxsize=1)
def glossary() -> dict[str, Term]:
    """The glossary; a term or definition missing in any language of the table is an error."""
    raw = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return {
        key: Term(
            key=key,
            terms=by_language(e.get("term"), f"glossary {key!r} term"),
            definitions=by_language(e.get("define"), f"glossary {key!r} define"),
            match=_lists(e, "match"),
            avoid=_lists(e, "avoid"),
            never=_lists(e, "never"),
            short=dict(e.get("short", {})),
            lay=dict(e.get("lay", {})),
            country=e.get("country"),
            nobreak=bool(e.get("nobreak", False)),
            keep=_lists(e, "keep"),
        )
        for key, e in raw.items()
    }


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


@cache
def unbreakable(lang: str) -> tuple[str, ...]:
    """The names a line must not split in one language, longest first: 利鲁唑, 神经丝重链, 低剂量IL-2.

    A Chinese line may break between any two characters, so "利鲁 / 唑" or "白细胞介 / 素-2" is legal
    typesetting and still reads as two words to a family. Only names with Chinese characters are
    listed: a Latin name (IL-2LD, CSF-pNFH) is kept whole by the rules for Latin runs (the web's
    document script, the handout's line breaker). Names wider than six Chinese characters
    (脑脊液磷酸化神经丝重链, 肌萎缩侧索硬化) are not listed: kept whole, they would leave a third of a
    phone's line empty."""
    names: set[str] = set()
    for entry in glossary().values():
        if not entry.nobreak:
            continue
        name = _BRACKETED.sub("", entry.terms.get(lang, "")).strip()
        names.update(n for n in (name, entry.short.get(lang), entry.lay.get(lang)) if n)
        names.update(entry.keep.get(lang, ()))
    kept = (n for n in names if _CJK.search(n) and _width(n) <= _MAX_WIDTH)
    return tuple(sorted(kept, key=lambda n: (-len(n), n)))


_MAX_WIDTH = 6  # in Chinese characters; a Latin letter or digit counts half

WORD_JOINER = "\u2060"
_LATIN_JOIN = re.compile(r"(?<=[A-Za-z0-9][-/])(?=[A-Za-z0-9])")


def keep_whole(text: str, lang: str) -> str:
    """Text with invisible word joiners inside the unbreakable names and after a hyphen or slash in
    a Latin name, for text the page's document script cannot reach: a style sheet's generated
    content (``content: attr(data-label)``), such as the option grid's card labels on a phone."""
    if not language(lang).join_lines:
        return text
    for name in unbreakable(lang):
        text = text.replace(name, WORD_JOINER.join(name))
    return _LATIN_JOIN.sub(WORD_JOINER, text)


def _width(name: str) -> float:
    return sum(1 if _CJK.match(ch) else 0.5 for ch in name)


def term(key: str, lang: str) -> str:
    return glossary()[key].term(lang)


def short_name_note(keys: tuple[str, ...], lang: str) -> str:
    """The terms a standalone view (a clinic slide) uses, each with its full name, and in Chinese
    the short name the view then uses: 低剂量白细胞介素-2（IL-2LD），简称低剂量IL-2.

    A clinic slide is shown on its own, so it cannot lean on a page's first mention; this note is
    that first mention."""
    _ = gettext_for(lang, "clinic")
    parts = []
    for entry in (glossary()[k] for k in keys):
        short = entry.short.get(lang)
        parts.append(
            _("{term}, shortened to {short}").format(term=entry.term(lang), short=short) if short else entry.term(lang)
        )
    return language(lang).semicolon.join(parts)


def misused_variants(text: str, lang: str = "zh") -> list[tuple[str, str]]:
    """(right term, wrong variant) pairs found in text of one language (Simplified Chinese by
    default; for Traditional Chinese the variants are the Simplified and mainland forms).

    A variant may sit inside the right term ('慢肺活量' in '缓慢肺活量'), so the right forms are
    taken out before looking.
    A variant may also sit inside another entry's right term ('白介素-2' in the name of the
    Chinese product '重组人白介素-2'), so every entry's right forms are taken out first.
    A ``never`` phrase is looked for in the whole text, outside the right forms that hold it.
    """
    entries = glossary().values()
    every_right = sorted({r for e in entries for r in (e.terms[lang], *e.match.get(lang, ()))}, key=len, reverse=True)
    rest = text
    for right in every_right:
        rest = rest.replace(right, "")
    found: list[tuple[str, str]] = []
    for entry in entries:
        found.extend((entry.terms[lang], variant) for variant in entry.avoid.get(lang, ()) if variant in rest)
        # wrong forms that contain a right one ('riluzole alone' holds 'riluzole') are looked for in
        # the whole text, except inside a longer right form that holds them (the option 'going on
        # with riluzole alone' is right; the arm called 'riluzole alone' is not)
        for phrase in entry.never.get(lang, ()):
            hay = text
            for right in (r for r in every_right if phrase in r and r != phrase):
                hay = hay.replace(right, "")
            if phrase in hay:
                found.append((entry.terms[lang], phrase))
    return found


def terms_mentioned_en(text_en: str) -> set[str]:
    """Glossary keys whose English term (or its plural) appears as a whole word."""
    lower = text_en.lower()
    return {
        entry.key
        for entry in glossary().values()
        if any(re.search(rf"\b{re.escape(m)}(?:s|es)?\b", lower) for m in entry.match_en)
    }


def mentions(key: str, text: str, lang: str) -> bool:
    """Whether text of one (Chinese) language uses the term, in any form the glossary accepts."""
    return any(m in text for m in glossary()[key].match.get(lang, ()))


def mentions_zh(key: str, text_zh: str) -> bool:
    return mentions(key, text_zh, "zh")

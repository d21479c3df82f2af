"""The bilingual glossary: one term per concept, used the same way on every page and handout."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from content.prose import render_template

GLOSSARY_FILE = Path(__file__).parent / "glossary.toml"


@dataclass(frozen=True)
class Term:
    key: str
    en: str
    zh: str
    define_en: str
    define_zh: str
    match_en: tuple[str, ...]
    match_zh: tuple[str, ...]
    avoid_zh: tuple[str, ...]
    zh_lay: str | None = None
    never_zh: tuple[str, ...] = ()
    zh_short: str | None = None

    def term(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def definition(self, lang: str) -> str:
        """The definition with any figures filled from the registry."""
        return render_template(self.define_en if lang == "en" else self.define_zh, lang)


@lru_cache(maxsize=1)
def glossary() -> dict[str, Term]:
    raw = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return {
        key: Term(
            key=key,
            en=e["en"],
            zh=e["zh"],
            define_en=e["define_en"],
            define_zh=e["define_zh"],
            match_en=tuple(e.get("match_en", ())),
            match_zh=tuple(e.get("match_zh", ())),
            avoid_zh=tuple(e.get("avoid_zh", ())),
            zh_lay=e.get("zh_lay"),
            never_zh=tuple(e.get("never_zh", ())),
            zh_short=e.get("zh_short"),
        )
        for key, e in raw.items()
    }


def term(key: str, lang: str) -> str:
    return glossary()[key].term(lang)


def short_name_note(keys: tuple[str, ...], lang: str) -> str:
    """The terms a standalone view (a clinic slide) uses, each with its full name, and in Chinese
    the short name the view then uses: 低剂量白细胞介素-2（IL-2LD），简称低剂量IL-2.

    A clinic slide is shown on its own, so it cannot lean on a page's first mention; this note is
    that first mention."""
    entries = [glossary()[k] for k in keys]
    if lang == "zh":
        return "；".join(f"{e.zh}，简称{e.zh_short}" if e.zh_short else e.zh for e in entries)
    return "; ".join(e.en for e in entries)


def misused_variants(text_zh: str) -> list[tuple[str, str]]:
    """(right term, wrong variant) pairs found in Chinese text.

    A variant may sit inside the right term ('慢肺活量' in '缓慢肺活量'), so the right forms are
    taken out before looking.
    A variant may also sit inside another entry's right term ('白介素-2' in the name of the
    Chinese product '重组人白介素-2'), so every entry's right forms are taken out first.
    """
    every_right = sorted({r for e in glossary().values() for r in (e.zh, *e.match_zh)}, key=len, reverse=True)
    rest = text_zh
    for right in every_right:
        rest = rest.replace(right, "")
    found: list[tuple[str, str]] = []
    for entry in glossary().values():
        found.extend((entry.zh, variant) for variant in entry.avoid_zh if variant in rest)
        # wrong forms that contain a right one are looked for in the whole text
        found.extend((entry.zh, phrase) for phrase in entry.never_zh if phrase in text_zh)
    return found


def terms_mentioned_en(text_en: str) -> set[str]:
    """Glossary keys whose English term (or its plural) appears as a whole word."""
    lower = text_en.lower()
    return {
        entry.key
        for entry in glossary().values()
        if any(re.search(rf"\b{re.escape(m)}(?:s|es)?\b", lower) for m in entry.match_en)
    }


def mentions_zh(key: str, text_zh: str) -> bool:
    return any(m in text_zh for m in glossary()[key].match_zh)

"""The facts registry: one place for every figure, so English and Chinese can never disagree.

Figures live in ``facts.toml`` with their source and confidence; prose, charts, the model's
calibration targets and the handouts all read them from here. Formatting goes through Babel so a
number or date reads naturally in each language while staying the same number.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

from content.i18n import DEFAULT_LANGUAGE, babel_locale, by_language, language

_HERE = Path(__file__).parent
FACTS_FILE = _HERE / "facts.toml"
SOURCES_FILE = _HERE / "sources.toml"

CONFIDENCE_LEVELS = ("2+", "1", "calc", "unknown", "method")


@dataclass(frozen=True)
class Source:
    key: str
    citation: str
    kind: str
    date: dt.date


@dataclass(frozen=True)
class Fact:
    key: str
    value: float | int | str | dt.date | None
    unit: str
    sources: tuple[str, ...]
    confidence: str
    label: dict[str, str]  # what the figure is, per language (for the Sources page)
    decimals: int = 0
    ci: tuple[float, float] | None = None  # the 95% interval, where published
    ci_not_published: bool = False  # the source gives the estimate without its interval
    calc: str | None = None
    approx: bool = False
    value_text: dict[str, str] | None = None  # a text value per language (a status such as "approved for ALS")
    country: str | None = None  # a country section's fact ("china", "taiwan"): only its readers' pages use it

    def label_for(self, lang: str) -> str:
        """What the figure is, in the reader's language (for the Sources page)."""
        return self.label[lang]

    @property
    def known(self) -> bool:
        return self.confidence != "unknown" and self.value is not None

    @property
    def number(self) -> float:
        """The value as a float, for arithmetic; raises for text, dates and unknowns."""
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise TypeError(f"fact {self.key!r} is not a number")
        return float(self.value)


@dataclass(frozen=True)
class Registry:
    facts: Mapping[str, Fact]
    sources: Mapping[str, Source] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Fact:
        return self.facts[key]

    def __contains__(self, key: object) -> bool:
        return key in self.facts

    def value(self, key: str) -> float:
        return self.facts[key].number


def _load_sources(path: Path) -> dict[str, Source]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        key: Source(key=key, citation=entry["citation"], kind=entry["kind"], date=entry["date"])
        for key, entry in raw.items()
    }


def _load_facts(path: Path) -> dict[str, Fact]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    facts: dict[str, Fact] = {}
    for key, entry in raw.items():
        ci = entry.get("ci")
        ci_not_published = ci == "not published"
        if isinstance(ci, str) and not ci_not_published:
            raise ValueError(f'fact {key!r}: ci must be [low, high] or "not published", not {ci!r}')
        value_text = by_language(entry["value_text"], f"fact {key!r} value_text") if "value_text" in entry else None
        facts[key] = Fact(
            key=key,
            value=value_text[DEFAULT_LANGUAGE] if value_text else entry.get("value"),
            unit=entry["unit"],
            sources=tuple(entry["sources"]),
            confidence=entry["confidence"],
            label=by_language(entry.get("label"), f"fact {key!r} label"),
            decimals=int(entry.get("decimals", 0)),
            ci=(float(ci[0]), float(ci[1])) if ci and not ci_not_published else None,
            ci_not_published=ci_not_published,
            calc=entry.get("calc"),
            approx=bool(entry.get("approx", False)),
            value_text=value_text,
            country=entry.get("country"),
        )
    return facts


_override: list[Registry] = []  # the test seam: see use_registry


def registry() -> Registry:
    """The registry, read once per process (it never changes while the app runs)."""
    return _override[-1] if _override else _default_registry()


@lru_cache(maxsize=1)
def _default_registry() -> Registry:
    return load_registry(FACTS_FILE, SOURCES_FILE)


def load_registry(facts_file: Path, sources_file: Path = SOURCES_FILE) -> Registry:
    """A registry from any pair of files (the app's, or a test's fixture)."""
    return Registry(facts=_load_facts(facts_file), sources=_load_sources(sources_file))


@contextmanager
def use_registry(reg: Registry) -> Iterator[Registry]:
    """Run code against another registry (a test's fixture: tomorrow's evidence, a missing figure),
    so behaviour such as "an unpublished interval is shown as missing" is tested on data made for
    it, not on whatever today's evidence happens to be. Caches of formatted figures are cleared on
    the way in and out."""
    _override.append(reg)
    placeholders.cache_clear()
    try:
        yield reg
    finally:
        _override.pop()
        placeholders.cache_clear()


# Per language (content/i18n.py's table): Chinese text writes no thousands separator (GB/T 15835
# does not ask for one; hospitals write "3700 pg/mL"), round multiples of 10 000 from 10万 up in 万
# ("每10万人"), and ranges with the full-width wave dash (0.54～1.22).


@lru_cache(maxsize=4096)
def format_number(value: float, decimals: int, lang: str) -> str:
    """A number with a fixed count of decimals, in the language's conventions (Babel's).

    Kept for the process: Babel parses the locale's data and the pattern on every call, which was
    about a seventh of the server's work for a /biomarker visitor (py-spy, docs/performance.md);
    a page formats the same few hundred numbers for every visitor."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    locale = babel_locale(lang)
    row = language(lang)
    if row.counts_in_wan and not decimals and value >= 100_000 and value % 10_000 == 0:
        return format_compact_decimal(value, locale=locale)
    return format_decimal(value, format=pattern, locale=locale, group_separator=row.group_digits)


def format_day(day: dt.date, lang: str) -> str:
    """A date as a reader of that language writes it (9 May 2025 / 2025年5月9日)."""
    return format_date(day, format="long", locale=babel_locale(lang))


def format_range(low: float, high: float, decimals: int, lang: str) -> str:
    """An interval as 'low–high' (an en dash: a hyphen could read as a minus sign); in Chinese
    'low～high', the form Chinese medical text uses for ranges."""
    return f"{format_number(low, decimals, lang)}{language(lang).range_sep}{format_number(high, decimals, lang)}"


def format_fact(key: str, lang: str) -> str:
    """One figure, formatted; an unknown figure is never formatted (callers must say it is missing)."""
    fact = registry()[key]
    if not fact.known:
        raise ValueError(f"fact {key!r} is not published; show that it is missing instead")
    if isinstance(fact.value, dt.date):
        return format_day(fact.value, lang)
    if isinstance(fact.value, str):
        return fact.value_text[lang] if fact.value_text else fact.value
    if fact.unit == "year":  # a calendar year is a name, not a quantity: never "2,017"
        return str(int(fact.number))
    if fact.unit == "million IU" and language(lang).counts_in_wan:  # 2 million IU = 200万IU
        return format_number(fact.number * 100, max(fact.decimals - 2, 0), lang)
    return format_number(fact.number, fact.decimals, lang)


@lru_cache(maxsize=4)
def placeholders(lang: str) -> dict[str, str]:
    """Every placeholder prose may use, already formatted for ``lang``.

    For a fact ``k``: ``{k}``; with an interval also ``{k_ci}`` ("0.54–1.22"), ``{k_ci_low}`` and
    ``{k_ci_high}``. Unknown figures have no placeholder, so prose cannot print them by accident.
    """
    out: dict[str, str] = {}
    for key, fact in registry().facts.items():
        if not fact.known:
            continue
        out[key] = format_fact(key, lang)
        if fact.ci is not None:
            low, high = fact.ci
            out[f"{key}_ci"] = format_range(low, high, fact.decimals, lang)
            out[f"{key}_ci_low"] = format_number(low, fact.decimals, lang)
            out[f"{key}_ci_high"] = format_number(high, fact.decimals, lang)
    return out

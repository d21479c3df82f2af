"""The Sources page's tables, built from the registry in one language (no Streamlit here).

Every fact in ``content/facts.toml`` becomes a row: what it is, its value (or "not published"),
its sources as numbered references, and how sure we are. The reference list gives each source once.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
from babel.dates import format_skeleton

from content.facts import Fact, format_fact, format_range, registry
from content.i18n import LANGUAGE_TABLE, babel_locale, gettext_for, language
from content.site import N_, page

CONFIDENCE_LABELS: dict[str, str] = {
    "2+": N_("Two or more sources"),
    "1": N_("One source"),
    "calc": N_("Calculated"),
    "unknown": N_("Not published"),
    "method": N_("How we show numbers"),
}

# Units shown after a value. An empty label: the value speaks for itself (a date, a year, "2b").
UNIT_LABELS: dict[str, str] = {
    "clinics": N_("clinics"),
    "people": N_("people"),
    "person": N_("person"),
    "events": N_("events"),
    "episodes": N_("episodes"),
    "minutes": N_("minutes"),
    "hour": N_("hour"),
    "diseases": N_("diseases"),
    "years": N_("years"),
    "months": N_("months"),
    "weeks": N_("weeks"),
    "days": N_("days"),
    "cycles": N_("cycles"),
    "million IU": N_("million units"),
    "new cases per 100,000 people a year": N_("new cases a year"),
    "percentage points": N_("percentage points"),
    "hazard ratio": "",
    "standard error of log hazard ratio": "",
    "p value": "",
    "95% confidence interval": "",
    "trial phase": "",
    "date": "",
    "year": "",
}
AGE_KEYS = frozenset({"age_median", "age_min", "age_max"})
ATTACHED_UNITS = frozenset({"%", "pg/mL"})

SOURCE_KINDS: dict[str, str] = {
    "trial report": N_("trial report"),
    "commentary": N_("commentary"),
    "news summary": N_("news summary"),
    "review": N_("review"),
    "charity summary": N_("charity summary"),
    "trial registry": N_("trial registry"),
    "press release": N_("press release"),
    "systematic review": N_("systematic review"),
    "regulator": N_("medicines regulator"),
    "professional statement": N_("professional statement"),
    "company statement": N_("company statement"),
    "cohort studies": N_("cohort studies"),
    "patient information": N_("patient information"),
    "patient group statement": N_("patient group statement"),
    "drug label": N_("drug label"),
    "method": N_("method"),
}


def reference_numbers() -> dict[str, int]:
    """Each source cited by a fact, numbered in the order of the sources file."""
    reg = registry()
    cited = {s for fact in reg.facts.values() for s in fact.sources}
    return {key: i for i, key in enumerate((k for k in reg.sources if k in cited), start=1)}


def value_text(fact: Fact, lang: str) -> str:
    """The value as the table shows it: with its unit and interval; unknown ones as not published."""
    _ = gettext_for(lang, "app")
    if not fact.known:
        not_published = CONFIDENCE_LABELS["unknown"]
        return _(not_published)
    value = format_fact(fact.key, lang)
    if fact.unit == "year":  # a year as the language names one ("2015", "2015年": Babel's year skeleton)
        value = format_skeleton("y", dt.date(int(fact.number), 1, 1), locale=babel_locale(lang))
    elif fact.unit == "trial phase":  # "2b", "2b期": the phase as each language writes it
        # TRANSLATORS: a trial phase such as "2b", as your language writes it (Chinese: {phase}期).
        value = _("{phase}").format(phase=value)
    if fact.unit in ATTACHED_UNITS:
        value = f"{value}%" if fact.unit == "%" else f"{value} {fact.unit}"
    elif not isinstance(fact.value, (dt.date, str)):
        unit = N_("years of age") if fact.key in AGE_KEYS else UNIT_LABELS.get(fact.unit, fact.unit)
        if unit:
            value = _("{value} {unit}").format(value=value, unit=_(unit))
    if fact.approx:
        value = _("about {value}").format(value=value)
    if fact.ci is not None:
        value = _("{value} ({interval_level}% confidence interval {interval})").format(
            value=value,
            interval_level=format_fact("interval_level_percent", lang),
            interval=format_range(fact.ci[0], fact.ci[1], fact.decimals, lang),
        )
    elif fact.ci_not_published:
        value = _("{value} ({interval_level}% confidence interval not published)").format(
            value=value, interval_level=format_fact("interval_level_percent", lang)
        )
    return value


@lru_cache(maxsize=4)
def facts_table(lang: str) -> pd.DataFrame:
    """One row per fact in the registry, in the registry's order."""
    _ = gettext_for(lang, "app")
    numbers = reference_numbers()
    rows = [
        {
            "key": fact.key,
            _("What the number is"): fact.label_for(lang),
            _("Value"): value_text(fact, lang),
            _("Sources"): " ".join(f"[{n}]" for n in sorted(numbers[s] for s in fact.sources)),
            _("Confidence"): _(CONFIDENCE_LABELS[fact.confidence]),
        }
        for fact in registry().facts.values()
    ]
    return pd.DataFrame(rows).set_index("key")


def references(lang: str) -> list[str]:
    """The numbered reference list, as Markdown lines (citations in their published language)."""
    _ = gettext_for(lang, "app")
    reg = registry()
    lines = []
    for key, number in reference_numbers().items():
        source = reg.sources[key]
        kind = _(SOURCE_KINDS[source.kind]) if source.kind in SOURCE_KINDS else source.kind
        # the kind is in the reader's language: Chinese brackets around a Chinese word
        lines.append(f"{number}. " + language(lang).parenthesise(source.citation, kind))
    return lines


def reading_level_table(lang: str) -> pd.DataFrame:
    """Measured reading level of each page (measured by scripts/reading_level.py)."""
    from content.facts import format_number

    _ = gettext_for(lang, "app")
    # One column per language of the table, named in the reader's language, measured its own way.
    measures = {
        "fk_grade": _("{language}: Flesch-Kincaid grade"),
        "chars_per_sentence": _("{language}: characters per sentence"),
    }
    columns = {
        f"{row.code}_{row.reading_measure}": measures[row.reading_measure].format(language=_(row.label))
        for row in LANGUAGE_TABLE
    }
    rows = [
        {_("Page"): _(page(slug).title), **{name: format_number(level[key], 1, lang) for key, name in columns.items()}}
        for slug, level in stored_levels().items()
    ]
    return pd.DataFrame(rows)


LEVELS_FILE = Path(__file__).resolve().parent.parent / "content" / "reading_levels.json"


def stored_levels() -> dict[str, dict[str, float]]:
    """The reading levels ``python scripts/reading_level.py`` measured (the app needs no text
    statistics package at run time)."""
    return json.loads(LEVELS_FILE.read_text(encoding="utf-8"))

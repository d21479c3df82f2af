"""Short interface strings through gettext, one catalog per feature ("domain").

Why domains: each feature (frame, results, biomarker, handout) owns its catalog, so translators
review one feature at a time and parallel work never edits the same file. Why no global install:
every browser session shares this process, so the language is always passed in explicitly.
Catalogs are read from the ``.po`` files and compiled in memory once per process, so there is no
compiled ``.mo`` file that could fall out of date.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from content.languages import DEFAULT_LANGUAGE, LANGUAGES

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
        catalog = read_po(handle, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # fuzzy entries are not translations
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str, domain: str) -> Callable[[str], str]:
    """``_`` for one language and domain, to bind at the top of a page or builder."""
    return translations(lang, domain).gettext


def ngettext_for(lang: str, domain: str) -> Callable[[str, str, int], str]:
    return translations(lang, domain).ngettext

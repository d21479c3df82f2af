"""The current reader's language, read from their own session (never from a process global)."""

from __future__ import annotations

from typing import Callable

import streamlit as st

from content.i18n import gettext_for
from content.languages import DEFAULT_LANGUAGE, LANGUAGES

LANG_KEY = "lang"


def current_lang() -> str:
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translator(domain: str) -> Callable[[str], str]:
    """``_`` for this reader's language; bind it at the top of each page run."""
    return gettext_for(current_lang(), domain)

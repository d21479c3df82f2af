"""The reader's CSF-pNFH level, shared by the biomarker page, the clinic view and the handout page.

One place reads ``?pnfh=`` and writes the session keys, so every view that shows "your level" shows
the same one: the level in the address when the address has one (a bookmark, a reload, a
clinician's link), otherwise the level chosen on the page.
"""

from __future__ import annotations

import streamlit as st

from model.benefit import INPUT_MAX, INPUT_MIN
from model.benefit import parse_level as _parse
from ui.page import BM_LEVEL_KEY

# Session keys (prefixed "bm_": the biomarker page owns them).
LEVEL = BM_LEVEL_KEY
NUMBER = "bm_number"
MODE = "bm_mode"
URL_SEEN = "bm_url_seen"
PARAM = "pnfh"

LEVEL_MIN = int(INPUT_MIN)
LEVEL_MAX = int(INPUT_MAX)


def parse_level(raw: object) -> float | None:
    """A level from the URL, or None when it cannot be used (never an exception): the model's one
    rule, ``model.benefit.parse_level`` (digits only; no sign, exponent, separator or other script)."""
    try:
        return float(round(_parse(raw)))
    except ValueError:
        return None


def set_level(value: float | None) -> None:
    """Write the level into the box and the page (the explorer's slider follows the server's level)
    so they never disagree."""
    if value is None:
        st.session_state[LEVEL] = None
        st.session_state[NUMBER] = None
        return
    value = float(min(max(round(value), LEVEL_MIN), LEVEL_MAX))
    st.session_state[LEVEL] = value
    st.session_state[NUMBER] = int(value)


def from_url() -> str:
    """Use ?pnfh= once per link: "none" (no level in the address), "bad" (unusable) or "used".

    A new link (or a reload, which is a new session) sets the level and the "I know my level"
    answer; the same link seen again leaves a level the reader has since changed alone.
    """
    if PARAM not in st.query_params:
        return "none"
    raw = st.query_params.get_all(PARAM)
    parsed = parse_level(raw)
    if parsed is None:
        return "bad"
    if st.session_state.get(URL_SEEN) != repr(raw):
        st.session_state[URL_SEEN] = repr(raw)
        st.session_state[MODE] = "known"
        set_level(parsed)
    return "used"


def current() -> float | None:
    level = st.session_state.get(LEVEL)
    return float(level) if isinstance(level, (int, float)) else None


def write_url(level: float | None) -> None:
    """Put the level shown into the address (clinic view), so a bookmark or reload shows it again."""
    if level is None:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
        return
    text = str(int(level))
    if st.query_params.get(PARAM) != text:
        st.query_params[PARAM] = text
    st.session_state[URL_SEEN] = repr([text])

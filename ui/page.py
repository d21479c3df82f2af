"""What every page does the same way: the reader's language, the one heading, prose, state keys.

The language is read from the reader's own session, never from a process global (every browser
session shares this process). The biomarker page's state keys live here because three places read
them (the biomarker page, the handout page and the clinic page): one name each, not three strings.
"""

from __future__ import annotations

import streamlit as st

from content.i18n import DEFAULT_LANGUAGE, LANGUAGES, gettext_for
from content.prose import render
from content.site import page

LANG_KEY = "lang"
# The biomarker page's choices, shared with the handout page and the clinic view.
BM_LEVEL_KEY = "bm_level"  # the chosen CSF-pNFH level (pg/mL), or absent
BM_SHOW_KEY = "bm_show_numbers"  # the right not to know: survival numbers shown only once asked


def current_lang() -> str:
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def page_heading(slug: str) -> str:
    """The page's one <h1>, identical to its menu title, and the browser tab's title."""
    _ = gettext_for(current_lang(), "app")
    title = _(page(slug).title)
    st.title(title, anchor=False)
    return title


def prose(name: str, **extra: str) -> None:
    """Draw one prose document in the reader's language."""
    st.markdown(render(name, current_lang(), **extra))


def lazy_expander(label: str, key: str):
    """A collapsed expander whose contents are built only once it is open.

    Why: a collapsed ``st.expander`` still sends everything inside it, and a table there makes the
    browser fetch Streamlit's lazy-loaded table code (about 930 KB of Arrow JavaScript) before the
    page's first screen update: measured against bench/floor, lazy expanders took about 130 ms off
    /biomarker's load. Opening one reruns the script (``on_change="rerun"``); its open state lives
    in ``st.session_state[key]``. Use as ``with lazy_expander(...) as box: if box.open: ...``.
    Keep choices made inside it in plain session keys: Streamlit drops the state of widgets that a
    run does not draw."""
    return st.expander(label, key=key, on_change="rerun")

"""The right not to know: one choice, asked once and kept for the visit, before any survival number.

Every place that shows survival numbers (how many died, how long people lived, hazard ratios) asks
through ``gate``: /results, /als, /biomarker, the clinic slides and the handout page's preview. They
share one session key, so a reader who chose to see (or not to see) the numbers is never asked
again on the next page, and "Hide the survival numbers" sits at the top of every gated part so the
choice can be changed back at any time. Explanations without survival numbers, and the access
statement, stay outside the gate.
"""

from __future__ import annotations

import streamlit as st

from content.i18n import gettext_for
from ui import announce
from ui.page import BM_SHOW_KEY, current_lang, prose

DOMAIN = "clinic"
SHOW = BM_SHOW_KEY  # kept from the biomarker page, where the choice was first asked


def shown() -> bool:
    return bool(st.session_state.get(SHOW, False))


def _choose(show: bool, show_key: str, hide_key: str) -> None:
    st.session_state[SHOW] = show
    _ = gettext_for(current_lang(), DOMAIN)
    # Focus stays on the control: the button that now stands where the pressed one was.
    announce.say(
        _("The survival numbers are shown.") if show else _("The survival numbers are hidden."),
        focus=f".st-key-{hide_key if show else show_key} button",
    )


def gate(what: str | None = None, *, show_key: str, hide_key: str, label: str | None = None) -> bool:
    """Draw the choice; True when the survival numbers may be shown.

    ``what`` says, kindly and in the page's language, what is behind the gate; the shared
    explanation (it is fine not to look) follows it.
    """
    _ = gettext_for(current_lang(), DOMAIN)
    st.session_state.setdefault(SHOW, False)
    if shown():
        st.button(
            _("Hide the survival numbers"),
            icon=":material/visibility_off:",
            key=hide_key,
            on_click=_choose,
            args=(False, show_key, hide_key),
        )
        return True
    if what:
        st.markdown(what)
    prose("biomarker/reveal")
    st.button(
        label or _("Show the survival numbers"),
        icon=":material/visibility:",
        type="primary",
        key=show_key,
        on_click=_choose,
        args=(True, show_key, hide_key),
    )
    return False

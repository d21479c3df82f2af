"""About ALS: what it is, how it usually progresses, and today's treatments.

The survival numbers (how long people usually live, how much longer riluzole helped people live)
wait behind the one choice every page shares (``ui.reveal``); the explanations do not.
"""

import streamlit as st

from content.i18n import gettext_for
from ui import reveal
from ui.page import current_lang, page_heading, prose
from views.explainer import key_terms_markdown

lang = current_lang()
_ = gettext_for(lang, "app")

page_heading("als")
prose("als/what_is_als")
prose("als/progression")
prose("als/treatments")

st.header(_("Numbers about survival"), anchor=False)
if reveal.gate(
    _(
        "This part gives numbers: how long people usually live with ALS, and how much longer people "
        "lived with riluzole in its trials."
    ),
    show_key="als_reveal",
    hide_key="als_hide",
):
    st.subheader(_("How long people usually live with ALS"), anchor=False)
    prose("als/survival_numbers")
    st.subheader(_("Riluzole in its trials"), anchor=False)
    prose("als/riluzole_numbers")

with st.expander(_("Key terms on this page")):
    st.markdown(
        key_terms_markdown(
            ("als", "riluzole", "edaravone", "tofersen", "placebo", "hazard_ratio", "confidence_interval"), lang
        )
    )

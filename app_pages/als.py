"""About ALS: what it is, how it usually progresses, and today's treatments."""

import streamlit as st

from views.explainer import key_terms_markdown
from content.i18n import gettext_for
from ui.page import current_lang
from ui.page import page_heading
from ui.page import prose

lang = current_lang()
_ = gettext_for(lang, "app")

page_heading("als")
prose("als/what_is_als")
prose("als/progression")
# Survival numbers stay folded away: a reader chooses whether to see them.
with st.expander(_("How long people usually live with ALS (numbers)")):
    prose("als/survival_numbers")
prose("als/treatments")

with st.expander(_("Key terms on this page")):
    st.markdown(
        key_terms_markdown(
            ("als", "riluzole", "edaravone", "tofersen", "placebo", "hazard_ratio", "confidence_interval"), lang
        )
    )

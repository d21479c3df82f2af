"""How the MIROCALS trial worked: who took part, run-in, randomisation, schedule, what was measured."""

import streamlit as st

from content.i18n import gettext_for
from ui.page import current_lang, page_heading, prose
from views.explainer import key_terms_markdown, trial_timeline


@st.cache_resource(show_spinner=False)
def _timeline(lang: str):
    return trial_timeline(lang)


lang = current_lang()
_ = gettext_for(lang, "app")

page_heading("trial")
prose("trial/who_took_part")
prose("trial/run_in")
prose("trial/randomisation")
prose("trial/schedule")
st.altair_chart(_timeline(lang), width="stretch")
st.markdown(_("Each white line on the injections bar is the start of a new round of injections."))
prose("trial/measured")

with st.expander(_("Key terms on this page")):
    st.markdown(
        key_terms_markdown(
            (
                "phase2b",
                "svc",
                "run_in",
                "randomised",
                "placebo",
                "itt",
                "adverse_event",
                "alsfrs",
                "biomarker",
                "pnfh",
                "csf",
                "lumbar_puncture",
                "tregs",
                "ccl2",
            ),
            lang,
        )
    )

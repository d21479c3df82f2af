"""IL-2 and regulatory T cells: inflammation in ALS, what Tregs do, why low-dose IL-2, IMODALS."""

import streamlit as st

from content.i18n import gettext_for
from ui.page import current_lang, page_heading, prose
from views.explainer import il2_chain, key_terms_markdown


@st.cache_resource(show_spinner=False)
def _chain(lang: str):
    return il2_chain(lang)


lang = current_lang()
_ = gettext_for(lang, "app")

page_heading("il2-tregs")
prose("il2_tregs/inflammation")
prose("il2_tregs/tregs")
prose("il2_tregs/low_dose_il2")
prose("il2_tregs/chain")
st.altair_chart(_chain(lang), width="stretch")
st.markdown(_("Solid border: seen in the trials. Dashed border: not proven."))
prose("il2_tregs/imodals")

with st.expander(_("Key terms on this page")):
    st.markdown(
        key_terms_markdown(
            ("neuroinflammation", "microglia", "tregs", "il2", "il2ld", "ccl2", "placebo", "adverse_event"), lang
        )
    )

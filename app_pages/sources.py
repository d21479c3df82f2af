"""Sources and how this aid was made: every figure with its citation, evidence, updates, funding,
reading level and translation."""

import streamlit as st

from content.i18n import gettext_for
from content.site import APP_VERSION
from ui.page import current_lang, page_heading, prose
from views.sources import facts_table, reading_level_table, references

lang = current_lang()
_ = gettext_for(lang, "app")

page_heading("sources")
prose("sources/intro")
st.markdown(_("This is version {version} of the aid.").format(version=APP_VERSION))

prose("sources/confidence")
st.table(facts_table(lang), hide_index=True)

st.subheader(_("References"), anchor=False)
st.markdown("\n".join(references(lang)))

prose("sources/evidence")
prose("sources/update_policy")
prose("sources/funding")
prose("sources/who_for")
prose("sources/reading_level")
st.table(reading_level_table(lang), hide_index=True)
prose("sources/translation")
prose("sources/review")

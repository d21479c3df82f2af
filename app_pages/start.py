"""Start here: the main message first, who the aid is for, a path through the pages, not advice."""

import streamlit as st

from content.facts import format_fact
from content.i18n import gettext_for
from content.site import APP_VERSION, N_, page
from ui.page import current_lang, page_heading, prose
from views import decision

# The suggested path, with one line on what each page holds.
PATH: tuple[tuple[str, str], ...] = (
    ("als", N_("What ALS is, how it changes over time, and today's treatments.")),
    ("il2-tregs", N_("The idea behind the treatment: calming inflammation with regulatory T cells.")),
    ("trial", N_("Who took part, how the groups were formed, and the treatment plan.")),
    ("results", N_("What happened in each group, in numbers. This page shows survival numbers.")),
    ("biomarker", N_("What the result might mean at different CSF-pNFH levels. This page shows survival numbers.")),
    (
        "options",
        N_(
            "The options side by side, what each involves, the test, getting IL-2LD, and your own values and questions."
        ),
    ),
    ("handout", N_("A summary to print, take home and talk over with your care team.")),
    ("sources", N_("Where every number comes from, and how this aid was made.")),
)

lang = current_lang()
_ = gettext_for(lang, "app")

page_heading("start")
prose("start/main_message")

titles = decision.titles(lang)
st.header(titles["decisions"], anchor=False)
st.markdown(decision.text("decisions", lang))
options = page("options")
st.page_link(options.script, label=f"**{_(options.title)}**", icon=options.icon, query_params={"lang": lang})

st.header(titles["access"], anchor=False)
st.markdown(decision.access_statement(lang))

with st.container(border=True):
    prose("start/survival_note")

prose("start/who_for")
prose("start/how_to_use")
for slug, blurb in PATH:
    info = page(slug)
    with st.container(border=True, key=f"start_card_{slug}"):  # the whole card is the link (ui.access)
        st.page_link(info.script, label=f"**{_(info.title)}**", icon=info.icon, query_params={"lang": lang})
        st.markdown(_(blurb))

prose("start/not_advice")
st.markdown(
    _("Version {version}. Evidence up to {evidence_date}. Content last checked {review_date}.").format(
        version=APP_VERSION,
        evidence_date=format_fact("evidence_date", lang),
        review_date=format_fact("aid_review_date", lang),
    )
)

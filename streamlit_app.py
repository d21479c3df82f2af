"""Entrypoint: the frame every page shares (language, navigation, footer), then the page."""

import streamlit as st

from content.i18n import gettext_for
from ui import frame

st.set_page_config(
    page_title="MIROCALS",
    page_icon=":material/info:",
    layout="centered",
    initial_sidebar_state="auto",
)

lang = frame.init_language()
_ = gettext_for(lang, frame.DOMAIN)

current = st.navigation(frame.build_pages(), position="sidebar")
info = frame.info_for(current)
st.set_page_config(page_title=f"{_(info.title)} · MIROCALS")
frame.sync_url()
frame.set_document_language()
frame.language_switch()

current.run()

frame.page_links(info)
frame.footer()

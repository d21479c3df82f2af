"""Entrypoint: the frame every page shares (language, navigation, footer), then the page.

In clinic mode (``?mode=clinic``) the menu is hidden and the clinic view replaces the page.
"""

import streamlit as st

from app_pages import clinic
from content.i18n import gettext_for
from ui import access, announce, frame, resume

st.set_page_config(
    page_title="MIROCALS",
    page_icon="ℹ️",  # an emoji favicon is drawn locally; a Material icon is fetched from Google
    layout="centered",
    initial_sidebar_state="auto",
)

lang = frame.init_language()
resume.restore()  # a reconnect (restart, failover): the choices this tab had, from its cookie
_ = gettext_for(lang, frame.DOMAIN)
clinic_mode = clinic.init_mode()

current = st.navigation(frame.build_pages(), position="hidden" if clinic_mode else "sidebar")
info = frame.info_for(current)
if not clinic_mode and (target := clinic.return_target()) is not None and target != info.slug:
    st.switch_page(frame.script_for(target), query_params={"lang": lang, resume.TOKEN_PARAM: resume.token()})
title = clinic.page_title(lang) if clinic_mode else _(info.title)
st.set_page_config(page_title=f"{title} · MIROCALS", layout="wide" if clinic_mode else "centered")
frame.sync_url()
clinic.sync_url()
resume.sync_url()
access.inject_style(clinic=clinic_mode)
frame.set_document_language()

if clinic_mode:
    clinic.deck(frame.language_switch)
else:
    frame.banner(info)
    frame.language_switch()
    clinic.entry_button(info.slug)
    announce.page_changed(info.slug, title)
    current.run()
    frame.page_links(info)
frame.footer()
resume.remember()
announce.emit()  # focus and the live region, once this run is drawn

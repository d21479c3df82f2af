"""Page-level building blocks every page uses the same way."""

from __future__ import annotations

import streamlit as st

from content.i18n import gettext_for
from content.site import page
from ui.i18n import current_lang


def page_heading(slug: str) -> str:
    """The page's one <h1>, identical to its menu title, and the browser tab's title."""
    _ = gettext_for(current_lang(), "app")
    title = _(page(slug).title)
    st.title(title, anchor=False)
    return title

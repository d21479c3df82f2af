"""Drawing prose: Markdown documents from content/, with figures filled from the registry."""

from __future__ import annotations

import streamlit as st

from content.prose import render
from ui.i18n import current_lang


def prose(name: str, **extra: str) -> None:
    """Draw one prose document in the reader's language."""
    st.markdown(render(name, current_lang(), **extra))

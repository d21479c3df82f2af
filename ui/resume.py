"""What a reader chose, kept across a reconnect (a server restart, a replica failover).

A reconnect to another or a restarted server starts a new Streamlit session, and the session held
the level, the "I know my level" answer and the choice to see the survival numbers: a typed 3137
became nothing and the numbers hid again. The level must not go into the address unasked (it
would stay in the browser's history on a shared family or clinic computer), so:

- the address carries only an opaque, random tab token (``?s=…``, 16 hex digits, no patient data);
- the page writes the choices into a hidden element; ``ui.access``'s document script copies them
  into a session cookie named after that token (``aid_<token>``: gone when the browser closes,
  SameSite=Strict, Secure over HTTPS, never logged by nginx or the app);
- a new session whose address has the token reads that cookie once (``st.context.cookies``) and
  restores the choices. A new tab gets a new token, so it never inherits another tab's level; a
  level in the address (``?pnfh=``) always wins.
"""

from __future__ import annotations

import html
import re
import secrets
import time

import streamlit as st

from model.benefit import parse_level
from ui import level as level_state
from ui.page import BM_LEVEL_KEY, BM_SHOW_KEY

TOKEN_PARAM = "s"
COOKIE_PREFIX = "aid_"
_TOKEN_KEY = "aid_resume_token"
_CHECKED_KEY = "aid_resume_checked"
_MODE_KEY = level_state.MODE
_TOKEN = re.compile(r"[0-9a-f]{16}")
_MODES = ("known", "unknown")


def state_text(level: object, mode: object, show: object) -> str:
    """The choices as the cookie keeps them: ``level=3137&mode=known&show=1`` (only what is set;
    no ``;`` or ``,``, which a cookie value cannot hold)."""
    parts = []
    if isinstance(level, (int, float)) and not isinstance(level, bool):
        parts.append(f"level={int(level)}")
    if mode in _MODES:
        parts.append(f"mode={mode}")
    parts.append(f"show={1 if show else 0}")
    return "&".join(parts)


def parse_state(text: object) -> dict[str, object]:
    """A cookie's choices, strictly: anything unknown or malformed is dropped, never guessed."""
    out: dict[str, object] = {}
    if not isinstance(text, str) or len(text) > 200:
        return out
    for part in text.split("&"):
        key, _, value = part.partition("=")
        if key == "level":
            try:
                out["level"] = float(round(parse_level(value)))
            except ValueError:
                continue
        elif key == "mode" and value in _MODES:
            out["mode"] = value
        elif key == "show" and value in ("0", "1"):
            out["show"] = value == "1"
    return out


def token() -> str:
    return st.session_state.get(_TOKEN_KEY, "")


def restore() -> None:
    """Once per session, before the page: take the tab's token from the address (or make one) and
    restore the choices its cookie holds, unless the address names a level itself."""
    if st.session_state.get(_CHECKED_KEY):
        return
    st.session_state[_CHECKED_KEY] = True
    given = st.query_params.get(TOKEN_PARAM)
    tab = given if isinstance(given, str) and _TOKEN.fullmatch(given) else secrets.token_hex(8)
    st.session_state[_TOKEN_KEY] = tab
    if given != tab:
        return  # a new tab: nothing to restore
    saved = parse_state(st.context.cookies.get(COOKIE_PREFIX + tab))
    if "pnfh" not in st.query_params and "level" in saved:
        level_state.set_level(saved["level"])  # ui.level writes every widget that shows the level
    if "mode" in saved and "pnfh" not in st.query_params:
        st.session_state[_MODE_KEY] = saved["mode"]
    if "show" in saved:
        st.session_state[BM_SHOW_KEY] = saved["show"]


def sync_url() -> None:
    """Keep the tab token in the address (Streamlit clears query parameters on a page change)."""
    if token() and st.query_params.get(TOKEN_PARAM) != token():
        st.query_params[TOKEN_PARAM] = token()


def remember() -> None:
    """After the page (and after a fragment, which reruns alone): the choices as they now are, for
    the document script to keep in the cookie. Each carries a sequence number, so the script keeps
    the newest when a fragment's copy and the page's stand side by side."""
    if not token():
        return
    seq = time.time_ns()  # newer than anything a previous session left on the page, too
    text = state_text(
        st.session_state.get(BM_LEVEL_KEY), st.session_state.get(_MODE_KEY), st.session_state.get(BM_SHOW_KEY)
    )
    st.html(
        f'<div hidden data-aid-state="{html.escape(COOKIE_PREFIX + token())}" data-aid-value="{html.escape(text)}" '
        f'data-aid-seq="{seq}"></div>'
    )

"""Where focus goes after a change, and what a screen reader hears (a polite live region).

Streamlit redraws the page after every click, so the browser puts focus on <body> and the next Tab
lands somewhere different each time; nothing is announced. A change (numbers shown or hidden, the
numbers redrawn for a new level, a new page) is queued here with ``say`` during the run, and
``emit`` writes it, once the run has been drawn, as a hidden element carrying the message in a
data attribute, followed by one small inline script. The script moves focus to the control or the
new heading and puts the message into the live region (``#aid-live``, made by ``ui.access``'s
document script, outside React so it survives reruns). Nothing is loaded from anywhere. The
script's text is fixed (``SCRIPT_HTML``): production allows inline scripts only by their SHA-256
hash (``deploy.security``), so a script carrying its message in its own text would be refused.
"""

from __future__ import annotations

import html
import json
import time

import streamlit as st

from content.i18n import gettext_for
from ui.page import current_lang

DOMAIN = "clinic"
_PENDING = "aid_announce"
_PAGE = "aid_page"
LIVE_ID = "aid-live"
HEADING = '[data-testid="stMain"] h1'


def say(text: str, focus: str | None = None, focus_text: str | None = None) -> None:
    """Queue a message (and optionally where focus should go: a CSS selector, and the text the
    element must have, so a heading of the page being left is never chosen)."""
    before = st.session_state.get(_PENDING)
    if before:  # two changes in one run: say both, keep the first place for focus
        text = f"{before['text']} {text}"
        if before.get("focus"):
            focus, focus_text = before["focus"], before.get("focusText")
    st.session_state[_PENDING] = {"text": text, "focus": focus, "focusText": focus_text}


def page_changed(slug: str, title: str) -> None:
    """After moving to another page (not on the first page of a visit): focus its heading, say its name."""
    last = st.session_state.get(_PAGE)
    st.session_state[_PAGE] = slug
    if last is not None and last != slug:
        _ = gettext_for(current_lang(), DOMAIN)
        say(_("Page: {title}").format(title=title), focus=HEADING, focus_text=title)


# The script's text never changes (production allows inline scripts only by their SHA-256 hash,
# deploy/security.py): what to say and where focus goes travel in the element before it, whose
# data attribute changes every time (a nonce, so the same message twice is still a change and
# Streamlit redraws the element, which runs the script again).
_SCRIPT = """
(() => {
  const seq = (window.__aidAnnounceSeq || 0) + 1;
  window.__aidAnnounceSeq = seq;
  const holders = [...document.querySelectorAll("[data-aid-announce]:not([data-aid-done])")];
  const holder = holders.pop();
  holders.forEach((h) => h.setAttribute("data-aid-done", "1"));
  if (!holder) return;
  holder.setAttribute("data-aid-done", "1");
  let a;
  try { a = JSON.parse(holder.getAttribute("data-aid-announce")); } catch (e) { return; }
  let region = document.getElementById(a.id);
  if (!region) {
    region = document.createElement("div");
    region.id = a.id; region.className = "aid-live";
    region.setAttribute("role", "status"); region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    document.body.appendChild(region);
  }
  const started = Date.now();
  const idle = () => document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  // A heading's text as read: the document script's word joiners and no-break spaces left out.
  const read = (el) => el.textContent.replace(/\\u2060/g, "").replace(/\\u00a0/g, " ").trim();
  const find = () => {
    if (!a.focus) return null;
    return [...document.querySelectorAll(a.focus)].find((el) =>
      !el.closest('[data-stale="true"]') && (!a.focusText || read(el) === a.focusText)) || null;
  };
  const tick = () => {
    if (window.__aidAnnounceSeq !== seq) return;  // a newer change took over
    const el = find();
    if ((idle() && (el || !a.focus)) || Date.now() - started > 5000) {
      if (el) {
        if (!el.matches("a, button, input, select, textarea, [tabindex]")) el.setAttribute("tabindex", "-1");
        el.focus();
      }
      region.lang = document.documentElement.lang;
      region.textContent = "";
      setTimeout(() => { region.textContent = a.text; }, 150);
      return;
    }
    setTimeout(tick, 50);
  };
  setTimeout(tick, 50);
})();
"""
SCRIPT_HTML = f"<script>{_SCRIPT}</script>"  # deploy/security.py hashes this body


def markup(message: dict) -> str:
    """The message as data (a hidden element) followed by the fixed script that acts on it."""
    payload = json.dumps({**message, "id": LIVE_ID, "nonce": time.time_ns()}, ensure_ascii=False)
    # No markup characters even inside the attribute (DOMPurify drops attributes that look like
    # closing tags or comments); JSON reads the escapes back.
    payload = payload.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<div hidden data-aid-announce="{html.escape(payload, quote=True)}"></div>{SCRIPT_HTML}'


def emit() -> None:
    """Write the queued message, if any (once: it is taken out of the session)."""
    message = st.session_state.pop(_PENDING, None)
    if message:
        st.html(markup(message), unsafe_allow_javascript=True)

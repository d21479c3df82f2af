"""The frame shared by every page: language, navigation, page title, footer.

It runs on every rerun before the page, so anything here must be cheap; the language is kept in
the session and mirrored into the URL (?lang=) so links and reloads keep it.
"""

from __future__ import annotations

import functools
import html
import re

import streamlit as st

from content.facts import format_fact
from content.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGES, SWITCH_LABEL, choose_language, gettext_for, language
from content.site import APP_VERSION, PAGES, PageInfo, neighbours
from ui import access
from ui.page import LANG_KEY, current_lang

DOMAIN = "app"
_SWITCH_KEY = "lang_switch"


def init_language() -> str:
    """Decide the language once per session: URL first, then browser, then English."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = choose_language(st.query_params.get_all("lang") or None, st.context.locale)
    if st.session_state.get(_SWITCH_KEY) not in LANGUAGES:
        st.session_state[_SWITCH_KEY] = st.session_state[LANG_KEY]
    return current_lang()


def _on_language_switch() -> None:
    choice = st.session_state.get(_SWITCH_KEY)
    if choice in LANGUAGES:
        st.session_state[LANG_KEY] = choice
    else:  # a second click on the chosen language deselects it: keep the language
        st.session_state[_SWITCH_KEY] = st.session_state[LANG_KEY]


def banner(current: PageInfo) -> None:
    """Where you are, on a deep link too: the aid's name on every page and, off the start page, a
    link to it (Previous leads to the page before, not to the start)."""
    _ = gettext_for(current_lang(), DOMAIN)
    with st.container(key="aid_banner", horizontal=True, vertical_alignment="center", gap="medium"):
        st.markdown(
            _("**MIROCALS decision aid**: what one trial found, for people with ALS and their families"),
            width="content",
        )
        start = PAGES[0]
        if current.slug != start.slug:
            st.page_link(
                start.script,
                label=_(start.title),
                icon=start.icon,
                query_params={"lang": current_lang()},
                width="content",
            )


def language_switch() -> None:
    """The switch, labelled in every language so any reader can find it; each language in its own
    name (English · 简体中文 · 繁體中文)."""
    st.segmented_control(
        SWITCH_LABEL,
        options=list(LANGUAGES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=_SWITCH_KEY,
        on_change=_on_language_switch,
        selection_mode="single",
    )


def sync_url() -> None:
    """Keep ?lang= in the address bar; Streamlit clears query parameters on page change."""
    lang = current_lang()
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang


def set_document_language() -> None:
    """Streamlit serves <html lang="en">; screen readers need zh-CN to read Chinese as Chinese.

    The script (ui.access) also keeps it set if anything resets it, and translates Streamlit's
    built-in "Skip to main content" link.
    """
    access.set_document(current_lang())


def build_pages() -> list[st.Page]:
    _ = gettext_for(current_lang(), DOMAIN)
    return [
        st.Page(
            info.script,
            title=_(info.title),
            url_path=info.url_path or None,
            icon=info.icon,
            default=info.url_path == "",
        )
        for info in PAGES
    ]


def script_for(slug: str) -> str:
    for info in PAGES:
        if info.slug == slug:
            return info.script
    return PAGES[0].script


def info_for(page: st.Page) -> PageInfo:
    """Which of our pages Streamlit chose (matched by its fixed address)."""
    for info in PAGES:
        if info.url_path == (page.url_path or ""):
            return info
    return PAGES[0]


def page_links(current: PageInfo) -> None:
    """Previous / next along the suggested path: large targets, no menu needed."""
    _ = gettext_for(current_lang(), DOMAIN)
    before, after = neighbours(current.slug)
    left, right = st.container(key="page_nav").columns(2)
    if before is not None:
        left.page_link(
            before.script,
            label=_("Previous: {title}").format(title=_(before.title)),
            icon=":material/arrow_back:",
            query_params={"lang": current_lang()},
        )
    if after is not None:
        right.page_link(
            after.script,
            label=_("Next: {title}").format(title=_(after.title)),
            icon=":material/arrow_forward:",
            query_params={"lang": current_lang()},
        )


def footer() -> None:
    lang = current_lang()
    _ = gettext_for(lang, DOMAIN)
    st.divider()
    st.caption(
        _(
            "This aid gives information, not medical advice. Talk to your care team before "
            "making any decision about treatment."
        )
    )
    st.caption(
        _("Version {version} · evidence up to {evidence_date} · content checked {review_date}").format(
            version=APP_VERSION,
            evidence_date=format_fact("evidence_date", lang),
            review_date=format_fact("aid_review_date", lang),
        )
    )


def first_screen(url_value: str | None, browser_locale: str | None) -> tuple[str, str]:
    """The document title and the static first screen serve.py puts into Streamlit's index page
    (deploy/layout.py), in the language the app will choose for this visitor (the same rule as
    ``init_language``). On a slow phone Streamlit's front end takes seconds to arrive and start;
    until then the visitor reads what this is and that it is loading, not a blank page. It goes
    as soon as the page's first text is drawn. Pure text: no script, nothing per visitor kept."""
    return _first_screen(choose_language(url_value, browser_locale))


@functools.cache
def _first_screen(lang: str) -> tuple[str, str]:
    """Built once per language (every page request asks for it)."""
    _ = gettext_for(lang, DOMAIN)
    banner_text = _("**MIROCALS decision aid**: what one trial found, for people with ALS and their families")
    bold = re.fullmatch(r"\*\*(.+?)\*\*(.*)", banner_text, re.DOTALL)
    name, rest = (bold[1], bold[2]) if bold else (banner_text, "")
    loading = _("Loading… On a slow connection this can take a few seconds more.")
    if not language(lang).join_lines:
        title = f"<strong>{html.escape(name)}</strong>{html.escape(rest)}"
        return (
            name,
            f'<div class="aid-first" lang="{HTML_LANG[lang]}"><p>{title}</p><p>{html.escape(loading)}</p></div>',
        )
    # Chinese: the page's document script, which keeps words whole, has not arrived yet, so the
    # browser may break anywhere (什|么 at 412 px). Each clause is kept on one line where it fits;
    # the name keeps the punctuation that follows it.
    first, *others = _clauses(rest) or [""]
    head = _clause(f"<strong>{html.escape(name)}</strong>{html.escape(first)}")
    title = head + "".join(_clause(html.escape(c)) for c in others)
    loading_html = "".join(_clause(html.escape(c)) for c in _clauses(loading))
    return name, f'<div class="aid-first" lang="{HTML_LANG[lang]}"><p>{title}</p><p>{loading_html}</p></div>'


_CLAUSE = re.compile(r"[^，：。；、！？…]*[，：。；、！？…]+|[^，：。；、！？…]+$")


def _clauses(text: str) -> list[str]:
    """Chinese text cut after each run of clause punctuation (the punctuation stays with the clause
    before it, so no line can start with it)."""
    return _CLAUSE.findall(text)


def _clause(markup: str) -> str:
    return f'<span class="aid-clause">{markup}</span>'

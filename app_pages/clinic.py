"""The clinic page: the key pictures one after another, large, for explaining on a screen in the room.

``?mode=clinic`` (or the "Clinic view" button in the menu) hides the menu and shows one picture at a
time (the icon arrays, the forest plot, the CSF-pNFH curve) with its numbers in words, large
Previous / Next buttons, the language switch at the top and a button back to the full app. The
mode and the picture are kept in the URL (``mode=clinic&slide=<name>``) like ``lang``, so a
clinician can bookmark or reload a picture.

The pictures are never built here: each slide calls the same view functions as its page
(``views.results.forest_spec``, ``views.results.arm_icon_spec``, ``views.biomarker.hr_curve_spec``
and their sentences), so the clinic view and the pages cannot disagree. This module holds only the
widgets and the state (it is a page, started by the entrypoint in clinic mode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from content.facts import format_fact, format_number
from content.glossary import short_name_note
from content.i18n import gettext_for
from content.site import page as site_page
from model.benefit import estimate, hr_curve
from ui import level as level_state
from ui import reveal
from ui.page import current_lang
from views import biomarker as bt
from views import results as rf

DOMAIN = "clinic"
MODE_PARAM = "mode"
CLINIC = "clinic"
SLIDE_PARAM = "slide"
_MODE_KEY = "clinic_mode"
_SLIDE_KEY = "clinic_slide"
_RETURN_KEY = "clinic_return"
_URL_BAD = "clinic_url_bad"
PAGE_TITLES_DOMAIN = "app"  # page titles are the frame's messages (content/site.py)


@dataclass(frozen=True)
class Slide:
    slug: str  # fixed, ASCII: used in the URL (?slide=)
    page: str  # the page (content.site slug) that explains this picture in full
    title: Callable[[str], str]
    draw: Callable[[str], None]
    terms: tuple[str, ...] = ()  # glossary keys named in full at the top of the slide


# ------------------------------------------------------------------ the slides


def _title_icons(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Out of {denominator} people, after {months} months").format(
        denominator=format_fact("denominator", lang), months=format_fact("endpoint_months", lang)
    )


def _draw_icons(lang: str) -> None:
    if not _revealed(lang, "clinic_reveal_icons"):
        return
    columns = st.container(key="clinic_icons").columns(len(rf.ARMS), gap="large")
    for column, arm in zip(columns, rf.ARMS, strict=False):
        # Enlarged as a whole (icons too) by the clinic style sheet.
        spec = rf.arm_icon_spec(arm, lang, size=220)
        with column:
            st.vega_lite_chart(spec=spec, width="content")
            st.markdown(rf.arm_sentence(arm, lang))
    st.markdown(rf.difference_sentence(lang, True))


def _title_forest(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("The risk of dying, compared (hazard ratios)")


def _draw_forest(lang: str) -> None:
    if not _revealed(lang, "clinic_reveal_forest"):
        return
    st.vega_lite_chart(spec=rf.forest_spec(lang, True), width="stretch")
    st.table(rf.results_table(lang, True))


def _title_curve(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("How the effect changes with the CSF-pNFH level")


def _revealed(lang: str, key: str) -> bool:
    """The right not to know: survival numbers only once the person asks (the one choice shared
    with every page, so a family that chose not to see them is not shown them on the big screen)."""
    _ = gettext_for(lang, DOMAIN)
    return reveal.gate(show_key=key, hide_key="clinic_hide", label=_("Show this picture"))


def _draw_curve(lang: str) -> None:
    _ = gettext_for(lang, DOMAIN)
    if not _revealed(lang, "clinic_reveal"):
        return
    if st.session_state.get(_URL_BAD):
        st.warning(
            _(
                "The CSF-pNFH level in the address could not be used (it must be a number from {low} to "
                "{high} pg/mL), so no level is marked."
            ).format(
                low=format_number(level_state.LEVEL_MIN, 0, lang), high=format_number(level_state.LEVEL_MAX, 0, lang)
            ),
            icon=":material/warning:",
        )
    level = level_state.current()
    est = estimate(level) if level is not None else None
    description = bt.hr_chart_description(hr_curve(), lang)
    chosen = est.pnfh if est is not None and est.model_shown else None
    st.vega_lite_chart(spec=bt.hr_curve_spec(lang, chosen, height=460, description=description), width="stretch")
    st.markdown(description)
    if est is not None:
        st.markdown(bt.published_sentences(est.band, lang)[0])
        st.markdown(bt.hr_sentence(est, lang) if est.model_shown else bt.outside_sentence(est, lang))
    st.caption(bt.model_caveat(lang))


SLIDES: tuple[Slide, ...] = (
    Slide("icons", "results", _title_icons, _draw_icons, ("il2ld",)),
    Slide("forest", "results", _title_forest, _draw_forest, ("il2ld", "pnfh")),
    Slide("curve", "biomarker", _title_curve, _draw_curve, ("il2ld", "pnfh")),
)


# ------------------------------------------------------------------ the mode


def init_mode() -> bool:
    """Clinic mode on or off for this session: the URL decides on the first run, then the session."""
    if _MODE_KEY not in st.session_state:
        st.session_state[_MODE_KEY] = st.query_params.get(MODE_PARAM) == CLINIC
        wanted = st.query_params.get(SLIDE_PARAM)
        names = [s.slug for s in SLIDES]
        st.session_state[_SLIDE_KEY] = names.index(wanted) if wanted in names else 0
    return bool(st.session_state[_MODE_KEY])


def is_on() -> bool:
    return bool(st.session_state.get(_MODE_KEY, False))


def _index() -> int:
    index = st.session_state.get(_SLIDE_KEY, 0)
    return index if isinstance(index, int) and 0 <= index < len(SLIDES) else 0


def sync_url() -> None:
    """Keep ?mode=clinic&slide= in the address bar (Streamlit clears query parameters on page change).

    In clinic mode the address also carries the level shown (?pnfh=): a new link's level is used
    (a bookmark or a reload shows the level in its address, never a default), and a level chosen
    in the full app is written back, so the address and the slide always agree.
    """
    if is_on():
        st.session_state[_URL_BAD] = level_state.from_url() == "bad"
        if not st.session_state[_URL_BAD]:
            level_state.write_url(level_state.current())
        if st.query_params.get(MODE_PARAM) != CLINIC:
            st.query_params[MODE_PARAM] = CLINIC
        slug = SLIDES[_index()].slug
        if st.query_params.get(SLIDE_PARAM) != slug:
            st.query_params[SLIDE_PARAM] = slug
    else:
        for name in (MODE_PARAM, SLIDE_PARAM):
            if name in st.query_params:
                del st.query_params[name]


def _enter(page_slug: str) -> None:
    st.session_state[_MODE_KEY] = True
    starts = [i for i, s in enumerate(SLIDES) if s.page == page_slug]
    st.session_state[_SLIDE_KEY] = starts[0] if starts else 0


def _leave() -> None:
    st.session_state[_MODE_KEY] = False
    st.session_state[_RETURN_KEY] = SLIDES[_index()].page


def _step(delta: int) -> None:
    st.session_state[_SLIDE_KEY] = min(max(_index() + delta, 0), len(SLIDES) - 1)


def return_target() -> str | None:
    """The page to open after leaving clinic mode (the one that explains the last picture)."""
    return st.session_state.pop(_RETURN_KEY, None)


def page_title(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Clinic view")


# ------------------------------------------------------------------ drawing


def entry_button(page_slug: str) -> None:
    """The switch into clinic mode, in the sidebar (out of the reader's way, one click for staff)."""
    _ = gettext_for(current_lang(), DOMAIN)
    with st.sidebar.container(key="clinic_entry"):
        st.button(
            _("Clinic view (large pictures)"),
            icon=":material/co_present:",
            key="clinic_enter",
            on_click=_enter,
            args=(page_slug,),
            width="stretch",
        )


_KEYS_SCRIPT = """<script>
(() => {
  if (window.__aidClinicKeys) return;
  window.__aidClinicKeys = true;
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const t = event.target;
    if (t && t.closest && t.closest('input, textarea, select, [role="radio"], [role="slider"], [role="tab"], [contenteditable="true"]')) return;
    const which = { ArrowLeft: "prev", PageUp: "prev", ArrowRight: "next", PageDown: "next" }[event.key];
    if (!which) return;
    const button = document.querySelector(`.st-key-clinic_${which} button`);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });
})();
</script>"""


def deck(language_switch: Callable[[], None]) -> None:
    """The clinic view: language switch and way back on top, one picture, Previous / Next."""
    lang = current_lang()
    _ = gettext_for(lang, DOMAIN)
    all_slides = SLIDES
    index = _index()
    slide = all_slides[index]

    with st.container(key="clinic_top"):
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        with left:
            language_switch()
        with right:
            st.button(
                _("Back to the full app"),
                icon=":material/close_fullscreen:",
                key="clinic_exit",
                on_click=_leave,
                width="stretch",
            )

    st.caption(_("Clinic view · picture {number} of {total}").format(number=index + 1, total=len(all_slides)))
    st.title(slide.title(lang), anchor=False)
    if slide.terms:
        st.caption(_("Terms: {terms}.").format(terms=short_name_note(slide.terms, lang)))
    with st.container(key="clinic_visual"):
        slide.draw(lang)
    st.caption(
        _("Explained in full on the page “{page}”.").format(
            page=gettext_for(lang, PAGE_TITLES_DOMAIN)(site_page(slide.page).title)
        )
    )

    with st.container(key="clinic_nav"):
        back, forward = st.columns(2)
        with back:
            st.button(
                _("Previous picture"),
                icon=":material/arrow_back:",
                key="clinic_prev",
                on_click=_step,
                args=(-1,),
                disabled=index == 0,
                width="stretch",
            )
        with forward:
            st.button(
                _("Next picture"),
                icon=":material/arrow_forward:",
                key="clinic_next",
                on_click=_step,
                args=(1,),
                disabled=index == len(all_slides) - 1,
                type="primary",
                width="stretch",
            )
    st.html(_KEYS_SCRIPT, unsafe_allow_javascript=True)

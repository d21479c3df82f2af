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
from streamlit.delta_generator import DeltaGenerator

from charts import forest
from charts import hr_curve as hr_chart
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
# The smallest chart text on a slide (px): as large as the slide's own text (1.4rem in ui.access's
# clinic style), for reading across the room. Each chart is scaled from its own smallest text.
CHART_TEXT_PX = 23
FOREST_WRAP = 64  # the slide's forest plot is wide: its labels wrap later than on a phone


@dataclass(frozen=True)
class Slide:
    slug: str  # fixed, ASCII: used in the URL (?slide=)
    page: str  # the page (content.site slug) that explains this picture in full
    title: Callable[[str], str]
    draw: Callable[[str], DeltaGenerator | None]  # the column for the words, once the picture is shown
    terms: tuple[str, ...] = ()  # glossary keys named in full at the top of the slide


# ------------------------------------------------------------------ the slides


def _title_icons(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Out of {denominator} people, after {months} months").format(
        denominator=format_fact("denominator", lang), months=format_fact("endpoint_months", lang)
    )


def _picture_and_words(lang: str, key: str) -> tuple[DeltaGenerator, DeltaGenerator] | None:
    """The right not to know first (survival numbers only once the person asks; the one choice
    shared with every page, so a family that chose not to see them is not shown them on the big
    screen); then two columns, the picture on the left and its numbers in words on the right
    under "Hide", so the whole slide fits a 1920 x 1080 screen (they stack on a narrow screen)."""
    _ = gettext_for(lang, DOMAIN)

    def gate() -> bool:
        return reveal.gate(show_key=key, hide_key="clinic_hide", label=_("Show this picture"))

    if not reveal.shown():
        gate()  # the explanation and "Show this picture", across the slide
        return None
    picture, words = st.columns([3, 2], gap="large")
    with words:
        if not gate():  # drawn as "Hide the survival numbers"
            return None
    return picture, words


def _draw_icons(lang: str) -> DeltaGenerator | None:
    columns = _picture_and_words(lang, "clinic_reveal_icons")
    if columns is None:
        return None
    picture, words = columns
    columns = picture.container(key="clinic_icons").columns(len(rf.ARMS), gap="medium")
    for column, arm in zip(columns, rf.ARMS, strict=False):
        # Enlarged as a whole (icons too) by the clinic style sheet.
        with column:
            st.vega_lite_chart(spec=rf.arm_icon_spec(arm, lang, size=220), width="content")
    with words:
        for arm in rf.ARMS:
            st.markdown(rf.arm_sentence(arm, lang))
        st.markdown(rf.difference_sentence(lang, True))
    return words


def _title_forest(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("The risk of dying, compared (hazard ratios)")


def _draw_forest(lang: str) -> DeltaGenerator | None:
    columns = _picture_and_words(lang, "clinic_reveal_forest")
    if columns is None:
        return None
    picture, words = columns
    scale = CHART_TEXT_PX / forest.SMALLEST_TEXT
    picture.vega_lite_chart(spec=rf.forest_spec(lang, True, text_scale=scale, wrap_at=FOREST_WRAP), width="stretch")
    words.table(rf.results_table(lang, True))
    return words


def _title_curve(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("How the effect changes with the CSF-pNFH level")


def _draw_curve(lang: str) -> DeltaGenerator | None:
    _ = gettext_for(lang, DOMAIN)
    columns = _picture_and_words(lang, "clinic_reveal")
    if columns is None:
        return None
    picture, words = columns
    if st.session_state.get(_URL_BAD):
        words.warning(
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
    scale = CHART_TEXT_PX / hr_chart.SMALLEST_TEXT
    spec = bt.hr_curve_spec(lang, chosen, height=600, description=description, text_scale=scale)
    picture.vega_lite_chart(spec=spec, width="stretch")
    with words:
        if est is not None:
            st.markdown(bt.published_sentences(est.band, lang)[0])
            st.markdown(bt.hr_sentence(est, lang) if est.model_shown else bt.outside_sentence(est, lang))
        st.markdown(description)
        st.caption(bt.model_caveat(lang))
    return words


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
    """The clinic view: language switch, Previous / Next and the way back on top, then one picture."""
    lang = current_lang()
    _ = gettext_for(lang, DOMAIN)
    all_slides = SLIDES
    index = _index()
    slide = all_slides[index]

    with st.container(key="clinic_top"):
        # One row above the picture: language, Previous / Next (always on screen, however tall
        # the slide) and the way back.
        switch, back, forward, leave = st.columns([3, 2, 2, 2], vertical_alignment="bottom")
        with switch:
            language_switch()
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
        with leave:
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
        words = slide.draw(lang)
    (words or st).caption(
        _("Explained in full on the page “{page}”.").format(
            page=gettext_for(lang, PAGE_TITLES_DOMAIN)(site_page(slide.page).title)
        )
    )
    st.html(_KEYS_SCRIPT, unsafe_allow_javascript=True)

"""/results: what MIROCALS found, in several views (sentences, icon arrays, forest plot, table).

Thin: every number and sentence comes from ``views.results`` (shared with the handout);
charts from ``charts/``. One switch shows or hides the uncertainty ranges everywhere on the page.
The survival numbers (the icon arrays, hazard ratios, the table) wait behind ``ui.reveal.gate``;
the explanations, safety and the access statement do not.
"""

from __future__ import annotations

import streamlit as st

from content.facts import format_fact
from content.glossary import glossary
from content.i18n import gettext_for
from content.prose import render
from ui import reveal
from ui.page import current_lang, page_heading
from views import decision
from views import results as rf

CI_TOGGLE_KEY = "results_show_ci"

ICON_SIZE = 220  # px; a phone shows the two arrays side by side at three quarters (ui.access)


@st.cache_data(show_spinner=False)
def _icon_spec(arm: str, lang: str) -> dict:
    return rf.arm_icon_spec(arm, lang, size=ICON_SIZE, titled=False)


@st.cache_data(show_spinner=False)
def _forest_spec(lang: str, show_ci: bool) -> dict:
    return rf.forest_spec(lang, show_ci)


def _prose(name: str, lang: str, show_ci: bool) -> None:
    st.markdown(rf.block(name, lang, show_ci, shown=reveal.shown()))


lang = current_lang()
_ = gettext_for(lang, "results")

page_heading("results")


def numbers() -> None:
    """Everything with survival numbers in it (deaths out of 100, hazard ratios), behind the gate."""
    show_ci = st.toggle(
        _("Show uncertainty ranges ({level}% confidence intervals)").format(
            level=format_fact("interval_level_percent", lang)
        ),
        value=True,
        key=CI_TOGGLE_KEY,
    )
    # Shown as text, not a hover tooltip: touch, switch and eye-gaze users cannot hover.
    st.markdown(glossary()["confidence_interval"].definition(lang))

    st.header(_("The main message"), anchor=False)
    st.markdown(rf.main_message(lang, show_ci))

    st.header(
        _("Out of {denominator} people, after {months} months").format(
            denominator=format_fact("denominator", lang), months=format_fact("endpoint_months", lang)
        ),
        anchor=False,
    )
    st.markdown(render("results/out_of_100_intro", lang))
    # key icon_pair: the two arms stay side by side on a phone too (ui.access), to compare at a glance.
    columns = st.container(key="icon_pair").columns(2, gap="large")
    for column, arm in zip(columns, rf.ARMS, strict=False):
        with column:
            st.markdown(f"**{rf.arm_name(arm, lang)}**")
            spec = _icon_spec(arm, lang)
            st.vega_lite_chart(spec=spec, width="content")
            st.markdown(rf.arm_sentence(arm, lang))
    st.info(rf.difference_sentence(lang, show_ci), icon=":material/calculate:")

    st.header(_("Hazard ratios: the risk of dying, compared"), anchor=False)
    st.markdown(
        _(
            "Each line is one result. The dot is the best estimate; the bar is the range where the "
            "true value probably lies. Left of the dashed line means fewer deaths with IL-2LD, right "
            "means more."
        )
        if show_ci
        else _(
            "Each line is one result. The dot is the best estimate (ranges are hidden). Left of the "
            "dashed line means fewer deaths with IL-2LD, right means more."
        )
    )
    st.vega_lite_chart(spec=_forest_spec(lang, show_ci), width="stretch")
    st.warning(
        _(
            "The adjusted hazard ratio ({hr}) is the estimate at a CSF-pNFH level of zero, far below "
            "anything that can be measured. It is not the result for the low CSF-pNFH group ({hr_low})."
        ).format(hr=format_fact("hr_adjusted", lang), hr_low=format_fact("hr_low", lang)),
        icon=":material/warning:",
    )
    st.subheader(_("The same numbers as a table"), anchor=False)
    st.table(rf.results_table(lang, show_ci))
    if (note := rf.unpublished_intervals_note(lang)) is not None:
        st.caption(note)
    st.markdown(rf.block("worked_example", lang, show_ci))


# The right not to know: the page says what is behind the choice, and asks only once per visit.
if reveal.gate(
    _(
        "This page shows what the trial found in numbers: how many people in each group were still "
        "alive and how many had died, as pictures of {denominator} people, and hazard ratios, "
        "which compare the risk of dying. The explanations further down have no survival numbers."
    ).format(denominator=format_fact("denominator", lang)),
    show_key="results_reveal",
    hide_key="results_hide",
):
    numbers()
show_ci = bool(st.session_state.get(CI_TOGGLE_KEY, True))

st.header(_("The groups, and what a hazard ratio means"), anchor=False)
_prose("groups", lang, show_ci)

st.header(_("Safety: side effects and what changed in the blood"), anchor=False)
st.markdown(rf.safety_summary(lang))

st.header(_("How sure can we be?"), anchor=False)
_prose("how_sure", lang, show_ci)
if reveal.shown():  # it gives the relative drop in deaths: a survival number
    st.markdown(decision.text("topline", lang))

st.header(_("What this does not mean"), anchor=False)
_prose("not_mean", lang, show_ci)

st.header(decision.titles(lang)["access"], anchor=False)
st.markdown(decision.access_statement(lang))

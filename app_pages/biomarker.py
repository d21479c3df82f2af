"""/biomarker: what a CSF-pNFH level might mean: the group's published result first, then (only
between model.benefit.MODEL_RANGE's limits) the model's answer with its range.

Thin: the numbers come from model.benefit.estimate (a lookup in the shipped grid), the sentences
from views.biomarker (shared with the handout and the clinic view), the charts from charts/.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from charts.hr_curve import place_level
from content.facts import format_fact, format_number, format_range, registry
from content.i18n import gettext_for, language
from model.assumptions import DEFAULT, TOL_SE
from model.benefit import (
    MODEL_RANGE,
    calibration,
    estimate,
    hr_curve,
    sensitivity,
    validate,
)
from model.grid import DRAWS_LOG2
from ui import access, announce, explorer, resume, reveal
from ui import level as level_state
from ui.page import current_lang, lazy_expander, page_heading, prose
from views import biomarker as bt
from views import explorer as ex

# Session keys (all prefixed, so no other page can collide with them).
LEVEL = level_state.LEVEL
NUMBER = level_state.NUMBER
MODE = level_state.MODE
URL_SEEN = level_state.URL_SEEN
SPOKEN = "bm_spoken_level"  # the level the live region last announced

# What the controls allow (pg/mL). The large step needs no fine dragging.
LEVEL_MIN = level_state.LEVEL_MIN
LEVEL_MAX = level_state.LEVEL_MAX
SLIDER_STEP = ex.SLIDER_STEP

lang = current_lang()
_ = gettext_for(lang, "biomarker")
R = registry()
denominator = format_fact("denominator", lang)
interval_level = format_fact("interval_level_percent", lang)


# The effect curve's spec and its description: built once per language and kept for every
# session, so a level step does not rebuild and re-validate an Altair chart. A resource, not data:
# st.cache_data would hand each run a copy (a pickle round trip of the 33 KB spec); the template
# is never changed (charts.style.fill and Streamlit copy what they change).
@st.cache_resource(show_spinner=False, max_entries=16)
def _hr_template(lang: str) -> dict:
    return bt.hr_curve_spec(lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _hr_description(lang: str) -> str:
    return bt.hr_chart_description(hr_curve(), lang)


_set_level = level_state.set_level


def _from_explorer() -> None:
    """The explorer has drawn a new level in the browser and reports it: the server's level (box,
    link, handout, effect curve) follows. The explorer has said it already, so the page does not."""
    value = explorer.reported_level()
    if value is None:
        return
    try:
        value = validate(value)
    except ValueError:
        return  # the slider cannot reach such a level; keep the last one
    st.session_state.pop(BOX_ERROR, None)
    _set_level(value)
    st.session_state[SPOKEN] = st.session_state.get(LEVEL)


BOX_ERROR = "bm_box_error"  # why the last thing typed in the box was not taken (shown once)


def _from_number() -> None:
    """What is typed either becomes the level everywhere or is refused with the aid's own message
    (never clamped silently to the range's end, never left in the box while the page shows
    another level): the box, the slider, the text and the handout always agree."""
    raw = st.session_state.get(NUMBER)
    before = st.session_state.get(LEVEL)
    # Emptied, or not a number: Streamlit sends None or 0 (a box that once held a number sends 0).
    # Keep the last level, if any, and say so.
    if raw is None or raw <= 0:
        st.session_state[BOX_ERROR] = ("empty", None)
        _set_level(before)
        return
    try:
        value = validate(raw)
    except ValueError:
        st.session_state[BOX_ERROR] = ("range", raw)
        _set_level(before)
        return
    st.session_state.pop(BOX_ERROR, None)
    _set_level(value)


def _box_message() -> None:
    error = st.session_state.pop(BOX_ERROR, None)
    if not error:
        return
    kind, raw = error
    level = st.session_state.get(LEVEL)
    kept = (
        _("The level stays at {level} pg/mL.").format(level=format_number(level, 0, lang))
        if level is not None
        else _("No level is set yet.")
    )
    if kind == "range":
        text = _("{value} pg/mL is outside what this aid accepts ({low} to {high} pg/mL).").format(
            value=format_number(float(raw), 0, lang),
            low=format_number(LEVEL_MIN, 0, lang),
            high=format_number(LEVEL_MAX, 0, lang),
        )
    else:
        text = _("The box is empty, or what was typed is not a level in pg/mL.")
    st.warning(language(lang).sentence_join.join((text, kept)), icon=":material/warning:")


def _url_level() -> None:
    """Read ?pnfh= (so a clinician can prepare a link): prefill the level and the "I know" answer."""
    if level_state.from_url() == "bad":
        st.warning(
            _(
                "The CSF-pNFH level in the link could not be used. It must be a number from {low} to "
                "{high} pg/mL. Type your level below instead."
            ).format(low=format_number(LEVEL_MIN, 0, lang), high=format_number(LEVEL_MAX, 0, lang)),
            icon=":material/warning:",
        )


def level_controls() -> float | None:
    """No level until the reader gives one: a box to type it in; the explorer's slider and steps
    (drawn in the browser, ui.explorer) once there is a level."""
    st.session_state.setdefault(LEVEL, None)
    st.session_state.setdefault(NUMBER, None)
    box, _rest = st.columns([1, 1.2])
    # No min_value / max_value: Streamlit would refuse an out-of-range number in the browser with
    # its own English "!" and keep it in the box; the aid checks it and answers in the reader's words.
    box.number_input(
        _("Type your level (pg/mL)"),
        step=SLIDER_STEP,
        key=NUMBER,
        on_change=_from_number,
        placeholder=_("for example from your clinic letter"),
    )
    _box_message()
    level = st.session_state.get(LEVEL)
    if level is not None:
        # The right not to know: until the numbers are asked for, the browser gets the level's
        # label only, not its answer.
        answer = ex.answer(estimate(level), lang)
        current = answer if reveal.shown() else {"level": answer["level"], "label": answer["label"]}
        explorer.controls(level, current, lang, _from_explorer)
    st.caption(bt.assay_note(lang))
    return float(level) if level is not None else None


def share_link(level: float) -> None:
    """Only on request: write the level into the address so it can be copied or bookmarked."""
    if st.button(_("Make a link to this level"), icon=":material/link:", key="bm_share"):
        st.query_params["pnfh"] = str(int(level))
        st.query_params["lang"] = lang
        st.session_state[URL_SEEN] = repr([str(int(level))])
        base = getattr(st.context, "url", None) or ""
        base = base.split("?", 1)[0] if base else "/biomarker"
        st.caption(
            _("Copy this link. It opens this page at {level} pg/mL:").format(level=format_number(level, 0, lang))
        )
        access.share_box(f"{base}?lang={lang}&pnfh={int(level)}", lang)


def answer_section(est) -> None:
    """The group's published result, then the model's heading and counts: drawn by the explorer in
    the browser (views.explorer, the same sentences as the handout), so a step shows them at once.
    Then what the server draws for the level: the effect curve and the technical note."""
    explorer.answer(lang)
    if not est.model_shown:
        return
    level = est.pnfh
    with st.container(key="bm_hr"):
        st.subheader(_("How the effect changes with the level"), anchor=False)
        curve = hr_curve()
        st.vega_lite_chart(
            spec=place_level(_hr_template(lang), curve, level, bt.hr_labels(level, lang).chosen), width="stretch"
        )
        st.markdown(bt.hr_sentence(est, lang) + "\n\n" + prose_text("biomarker/read_hr"))
        st.caption(_hr_description(lang))

    # The technical parts (model shapes, spreads, standard errors) are marked for clinicians, here
    # and in the expanders below the fragment, so a family can tell what it may skip.
    with st.container(key="bm_model_after"):
        with lazy_expander(
            _("Technical note (for clinicians): if the model's assumptions were different"), key="bm_x_sensitivity"
        ) as box:
            if box.open:
                st.markdown(
                    _(
                        "At {level} pg/mL, with one assumption held at one end of its range (the others still "
                        "drawn from theirs):"
                    ).format(level=format_number(level, 0, lang))
                )
                sensitivity_table(level)
        st.caption(bt.model_caveat(lang))


def prose_text(name: str) -> str:
    from content.prose import render

    return render(name, lang)


def hr_column() -> str:
    """The header of a table column of model hazard ratios with their range (not a confidence interval)."""
    return _("Hazard ratio ({interval_level}% range)").format(interval_level=interval_level)


def sensitivity_table(level: float) -> None:
    """How the answer moves when an assumption moves: every variant, each with its range."""
    rows = []
    for v in sensitivity(level):
        rows.append(
            {
                _("Assumption"): bt.variant_name(v.key, lang),
                hr_column(): _("{hr} ({range})").format(
                    hr=format_number(v.hazard_ratio, 2, lang), range=format_range(*v.hazard_ratio_ci, 2, lang)
                ),
                _("Difference out of {denominator} ({interval_level}% range)").format(
                    denominator=denominator, interval_level=interval_level
                ): _("{change} ({low} to {high})").format(
                    change=bt.people_change(v.extra_alive_of_100, lang),
                    low=format_number(v.extra_alive_ci_of_100[0], 0, lang),
                    high=format_number(v.extra_alive_ci_of_100[1], 0, lang),
                ),
            }
        )
    st.table(pd.DataFrame(rows), hide_index=True)


def assumptions_section() -> None:
    st.markdown(
        _(
            "The trial did not publish how CSF-pNFH entered its model, nor everything about how the level "
            "affects survival. The model has to assume these. Its ranges draw each unknown from the range "
            "below, so they carry these assumptions as well as the published uncertainty."
        )
    )
    table = pd.DataFrame(bt.assumption_rows(lang)).rename(
        columns={"what": _("Assumption"), "value": _("Value or range used"), "source": _("Source")}
    )
    st.table(table, hide_index=True)


def calibration_table() -> None:
    """Each published target, the calibrated curve's value and the gap in standard errors."""
    for scale, title in (("linear", _("Straight line (main curve)")), ("log", _("Step per doubling"))):
        c = calibration(scale)
        rows = []
        for key, published, fitted, se in c.rows:
            is_hr = key.startswith("hr")
            z = (math.log(fitted / published) if is_hr else fitted - published) / se
            rows.append(
                {
                    _("Figure"): bt.target_name(key, lang),
                    _("Published"): format_fact(key, lang),
                    _("Model"): format_number(fitted, 2 if is_hr else 1, lang),
                    _("Gap (standard errors)"): format_number(z, 2, lang),
                }
            )
        st.markdown(
            _("**{title}:** chi-square {chi2} over {n} figures.").format(
                title=title, chi2=format_number(c.chi2, 2, lang), n=format_number(len(c.rows), 0, lang)
            )
        )
        st.table(pd.DataFrame(rows), hide_index=True)


def unknown_level(show_numbers: bool) -> None:
    prose("biomarker/unknown")
    if not show_numbers:
        return
    st.markdown("\n\n".join(bt.whole_trial_sentences(lang)))
    st.markdown(_("What the trial published for each group:"))
    from model.benefit import group_out_of_100

    rows = []
    for band in ("low", "high", "below"):
        share_key = {"low": "low_group_percent", "high": "high_group_percent", "below": "other_group_percent"}[band]
        counts = group_out_of_100(band)
        rows.append(
            {
                _("Group"): bt.group_name(band, lang),
                _("Share of participants"): _("about {share}%").format(share=format_fact(share_key, lang)),
                _("Published hazard ratio"): bt.published_hr_text(band, lang),
                _("Alive out of {denominator} (placebo → IL-2LD, both with riluzole)").format(
                    denominator=denominator
                ): (
                    _("about {a} → {b} (calculated)").format(
                        a=format_number(counts[0], 0, lang), b=format_number(counts[1], 0, lang)
                    )
                    if counts
                    else _("cannot be calculated from what was published")
                ),
            }
        )
    st.table(pd.DataFrame(rows), hide_index=True)
    st.caption(bt.who_sentence(lang))


def reveal_control() -> bool:
    """The right not to know: numbers only on request (the one choice shared by every page)."""
    return reveal.gate(show_key="bm_reveal", hide_key="bm_hide")


def announce_level(level: float | None) -> None:
    """Say (politely) that the numbers now show a new level: the change is otherwise silent."""
    if level is None or st.session_state.get(SPOKEN) == level:
        return
    before = st.session_state.get(SPOKEN)
    st.session_state[SPOKEN] = level
    if before is not None:
        announce.say(_("The numbers now show {level} pg/mL.").format(level=format_number(level, 0, lang)))


def how_built() -> None:
    prose(
        "biomarker/how_built",
        model_low=format_number(MODEL_RANGE[0], 0, lang),
        model_high=format_number(MODEL_RANGE[1], 0, lang),
        draws=format_number(2**DRAWS_LOG2, 0, lang),
        tol_se=format_number(TOL_SE, 0, lang),
        high_se=format_number(DEFAULT.high_se, 2, lang),
    )
    calibration_table()


# ---------------------------------------------------------------- the page
page_heading("biomarker")
prose("biomarker/intro")

_url_level()
access.skip_target(_("Skip to the level controls"))
st.session_state.setdefault(MODE, None)
st.radio(
    _("Do you know your CSF-pNFH level?"),
    options=("known", "unknown"),
    key=MODE,
    horizontal=True,
    index=None,
    format_func=lambda m: _("Yes, I know my level") if m == "known" else _("I don't know my level"),
)


@st.fragment
def explore() -> None:
    """Everything that moves with the level, the mode or the reveal, in one fragment.

    A widget inside a fragment reruns only the fragment: a level step redraws the answer, not the
    page's frame, menu and explanations. The question above it reruns the whole page. So the
    choices are also kept for a reconnect from here (the page's end does not run then)."""
    _explore()
    resume.remember()


def _explore() -> None:
    mode = st.session_state.get(MODE)
    if mode is None:
        st.caption(_("Choose an answer above to go on."))
        return
    level = level_controls() if mode == "known" else None
    if mode == "known" and level is None:
        return
    if level is not None:
        share_link(level)

    st.divider()
    show_numbers = reveal_control()
    if mode == "unknown":
        unknown_level(show_numbers)
    elif show_numbers:
        answer_section(estimate(level))
        announce_level(level)
    announce.emit()  # a click inside this fragment reruns only the fragment


explore()

# Below the fragment: what does not move with the level.
st.divider()
with st.expander(_("What this model is and is not"), expanded=True):
    prose(
        "biomarker/is_and_is_not",
        model_low=format_number(MODEL_RANGE[0], 0, lang),
        model_high=format_number(MODEL_RANGE[1], 0, lang),
    )
    st.caption(bt.model_caveat(lang))

with lazy_expander(_("Technical note (for clinicians): the model's assumptions"), key="bm_x_assumptions") as box:
    if box.open:
        assumptions_section()

with lazy_expander(_("Technical note (for clinicians): how this model was built"), key="bm_x_how") as box:
    if box.open:
        how_built()

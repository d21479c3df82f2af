"""/biomarker: what a CSF-pNFH level might mean, through the simplified model (model.benefit).

Thin: the numbers come from model.benefit, the sentences from content.biomarker_text (shared with
the handout), the charts from charts/. The fit is cached once per process; a level change only
re-evaluates a few numpy expressions.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from charts.hr_curve import crossing_level, hr_curve_chart, place_level
from charts.icon_array import ICONS, icon_array_chart, icon_rows
from charts.style import fill
from charts.survival import SURVIVAL_DATA, survival_data, survival_template
from content import biomarker_text as bt
from content.facts import format_fact, format_number, format_range, registry
from content.i18n import gettext_for
from content.prose import render
from model.assumptions import DEFAULT, EFFECT_SCALES, PROGNOSTIC_CHOICES, TOL_GROUP_SHARE_POINTS, TOL_LOG_HR, TOL_LOG_HR_HIGH
from model.benefit import DENOMINATOR, INPUT_MAX, INPUT_MIN, default_level, estimate, hr_curve, sparse_limits, survival_curves, trial_range, validate
from model.fit import N_DRAWS, calibration, fitted_model
from ui.i18n import current_lang
from ui.layout import page_heading
from ui.text import prose

# Session keys (all prefixed, so no other page can collide with them).
LEVEL = "bm_level"
SLIDER = "bm_slider"
NUMBER = "bm_number"
MODE = "bm_mode"
SHOW = "bm_show_numbers"
URL_SEEN = "bm_url_seen"
SCALE = "bm_scale"
PROGNOSTIC = "bm_prognostic"
CALIBRATION = "bm_show_calibration"

# What the controls allow (pg/mL). A UI choice: a wide enough span to cover the trial's levels,
# narrow enough that the slider stays usable. The large step needs no fine dragging.
LEVEL_MIN = int(INPUT_MIN)
LEVEL_MAX = int(INPUT_MAX)
SLIDER_STEP = 50
BIG_STEP = 250
SEEDS_SEARCHED = 120  # model/calibrate.py's default search

lang = current_lang()
_ = gettext_for(lang, "biomarker")
R = registry()
# Figures the page's own labels name ("out of 100", "95% range"): from the registry, never typed.
denominator = format_fact("denominator", lang)
interval_level = format_fact("interval_level_percent", lang)


@st.cache_resource(show_spinner=False)
def _warm(assumptions=DEFAULT):
    """Fit once per process (model.fit also caches; this keeps Streamlit's cache aware of it)."""
    return fitted_model(assumptions)


# Chart specs: built once per distinct input and kept (Streamlit's cache is shared by every
# session), so a slider step or a revisit does not rebuild and re-validate Altair charts. The
# translated labels are arguments, so each language has its own entries.
def _key(assumptions) -> tuple[str, float]:
    return assumptions.effect_scale, assumptions.prognostic_hr_per_doubling


def _assumptions(key: tuple[str, float]):
    return DEFAULT.with_(effect_scale=key[0], prognostic_hr_per_doubling=key[1])


@st.cache_data(show_spinner=False, max_entries=64)
def _icon_template(title: str, description: str, alive_label: str, died_label: str) -> dict:
    labels = {"alive": alive_label, "died": died_label}
    return icon_array_chart(None, status_labels=labels, description=description, size=200).to_dict()


@st.cache_data(show_spinner=False, max_entries=64)
def _hr_template(lang: str, key: tuple[str, float]) -> dict:
    lo_sparse, hi_sparse = sparse_limits()
    return hr_curve_chart(
        hr_curve(_assumptions(key)), labels=bt.hr_labels(None, lang), description=bt.hr_chart_name(lang), chosen=None,
        cut_points=(R.value("pnfh_low_min"), R.value("pnfh_cut")), sparse_limits=(lo_sparse, hi_sparse),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _survival_template(lang: str, arm_labels: tuple, titles: tuple[str, str, str], end_day: float) -> dict:
    x_title, y_title, title = titles
    return survival_template(arm_labels=dict(arm_labels), x_title=x_title, y_title=y_title, title=title,
                             end_day=end_day, description=bt.survival_chart_name(lang)).to_dict()


def _parse_level(raw: object) -> float | None:
    """A level from the URL, or None when it cannot be used (never an exception)."""
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    if not isinstance(raw, str) or len(raw) > 20:
        return None
    try:
        value = validate(float(raw.strip().replace(",", "")))
    except ValueError:
        return None
    if not LEVEL_MIN <= value <= LEVEL_MAX:
        return None
    return float(round(value))


def _set_level(value: float) -> None:
    value = float(min(max(round(value), LEVEL_MIN), LEVEL_MAX))
    st.session_state[LEVEL] = value
    st.session_state[SLIDER] = int(value)
    st.session_state[NUMBER] = int(value)


def _from_slider() -> None:
    _set_level(st.session_state[SLIDER])


def _from_number() -> None:
    raw = st.session_state.get(NUMBER)
    if raw is None:  # the box was cleared: keep the last level
        _set_level(st.session_state[LEVEL])
    else:
        _set_level(raw)


def _step(delta: int) -> None:
    _set_level(st.session_state[LEVEL] + delta)


def _url_level() -> None:
    """Read ?pnfh= (so a clinician can prepare a link); warn and use the default if unusable."""
    if "pnfh" not in st.query_params:
        return
    raw = st.query_params.get_all("pnfh")
    parsed = _parse_level(raw)
    if parsed is None:
        st.warning(
            _("The CSF-pNFH level in the link could not be used. It must be a number from {low} to "
              "{high} pg/mL. The page shows {default} pg/mL instead.").format(
                low=format_number(LEVEL_MIN, 0, lang), high=format_number(LEVEL_MAX, 0, lang),
                default=format_number(default_level(), 0, lang)),
            icon=":material/warning:",
        )
        if st.session_state.get(URL_SEEN) != repr(raw):
            st.session_state[URL_SEEN] = repr(raw)
            _set_level(default_level())
        return
    if st.session_state.get(URL_SEEN) != repr(raw):  # a new link: use its level once
        st.session_state[URL_SEEN] = repr(raw)
        _set_level(parsed)


def level_controls() -> float:
    st.session_state.setdefault(LEVEL, default_level())
    st.session_state.setdefault(SLIDER, int(st.session_state[LEVEL]))
    st.session_state.setdefault(NUMBER, int(st.session_state[LEVEL]))
    st.slider(
        _("CSF-pNFH level (pg/mL)"), min_value=LEVEL_MIN, max_value=LEVEL_MAX, step=SLIDER_STEP,
        key=SLIDER, on_change=_from_slider,
    )
    left, middle, right = st.columns([1, 1.4, 1], vertical_alignment="bottom")
    left.button(
        _("Lower by {step}").format(step=format_number(BIG_STEP, 0, lang)), icon=":material/remove:",
        on_click=_step, args=(-BIG_STEP,), width="stretch", key="bm_down",
    )
    middle.number_input(
        _("Type a level (pg/mL)"), min_value=LEVEL_MIN, max_value=LEVEL_MAX, step=SLIDER_STEP,
        key=NUMBER, on_change=_from_number,
    )
    right.button(
        _("Higher by {step}").format(step=format_number(BIG_STEP, 0, lang)), icon=":material/add:",
        on_click=_step, args=(BIG_STEP,), width="stretch", key="bm_up",
    )
    return float(st.session_state[LEVEL])


def share_link(level: float) -> None:
    """Only on request: write the level into the address so it can be copied or bookmarked."""
    if st.button(_("Make a link to this level"), icon=":material/link:", key="bm_share"):
        st.query_params["pnfh"] = str(int(level))
        st.query_params["lang"] = lang
        st.session_state[URL_SEEN] = repr([str(int(level))])
        base = getattr(st.context, "url", None) or ""
        base = base.split("?", 1)[0] if base else "/biomarker"
        st.caption(_("Copy this link. It opens this page at {level} pg/mL:").format(
            level=format_number(level, 0, lang)))
        st.code(f"{base}?lang={lang}&pnfh={int(level)}", language=None)


def range_message(est) -> None:
    if not est.in_trial_range:
        st.warning(bt.range_caveat(est, lang), icon=":material/warning:")
    elif est.sparse:
        st.info(bt.range_caveat(est, lang), icon=":material/info:")
    else:
        st.caption(bt.range_caveat(est, lang))


def assumption_choice():
    """Let the reader move the two assumptions the published data cannot settle."""
    st.session_state.setdefault(SCALE, DEFAULT.effect_scale)
    st.session_state.setdefault(PROGNOSTIC, DEFAULT.prognostic_hr_per_doubling)
    return DEFAULT.with_(effect_scale=st.session_state[SCALE],
                         prognostic_hr_per_doubling=st.session_state[PROGNOSTIC])


def icon_arrays(est) -> None:
    labels = {"alive": _("Alive"), "died": _("Died")}
    months = format_fact("endpoint_months", lang)
    cols = st.columns(2)
    for col, arm, alive in (
        (cols[0], "riluzole", est.alive_riluzole_of_100),
        (cols[1], "il2", est.alive_il2_of_100),
    ):
        title = _("Riluzole alone") if arm == "riluzole" else _("Riluzole with IL-2LD")
        with col:
            st.markdown(f"**{title}**")
            template = _icon_template(title, bt.icon_chart_name(title, lang), labels["alive"], labels["died"])
            people = icon_rows(alive, labels)  # a hundred small rows: cheaper to build than to copy from a cache
            st.vega_lite_chart(spec=fill(template, **{ICONS: people}), width="content")
            st.markdown(_("**{alive}** alive · **{died}** died").format(
                alive=format_number(alive, 0, lang), died=format_number(DENOMINATOR - alive, 0, lang)))


def numbers_section(level: float, assumptions) -> None:
    est = estimate(level, assumptions)
    months = format_fact("endpoint_months", lang)
    st.subheader(_("Out of {denominator} people with this level, after {months} months").format(
        denominator=denominator, months=months), anchor=False)
    if assumptions != DEFAULT:
        st.info(_("You are looking at the model under a different assumption: {name}.").format(
            name=_assumption_label(assumptions)), icon=":material/tune:")
    icon_arrays(est)
    st.markdown("\n\n".join(bt.count_sentences(est, lang)))
    range_message(est)

    st.subheader(_("How the effect changes with the level"), anchor=False)
    curve = hr_curve(assumptions)
    desc = bt.hr_chart_description(curve, est, crossing_level(curve), lang)
    chosen = bt.hr_labels(level, lang).chosen
    st.vega_lite_chart(spec=place_level(_hr_template(lang, _key(assumptions)), curve, level, chosen),
                       width="stretch")
    st.markdown(bt.hr_sentence(est, lang) + "\n\n" + render("biomarker/read_hr", lang))
    st.caption(desc)

    st.subheader(_("Survival over {months} months: a model, not trial data").format(months=months), anchor=False)
    arm_labels = {"riluzole": _("Riluzole alone (dashed)"), "il2": _("Riluzole with IL-2LD (solid)")}
    end_labels = {
        "riluzole": _("{n} in {denominator}").format(
            n=format_number(est.alive_riluzole_of_100, 0, lang), denominator=denominator),
        "il2": _("{n} in {denominator}").format(
            n=format_number(est.alive_il2_of_100, 0, lang), denominator=denominator),
    }
    sdesc = bt.survival_chart_description(est, lang)
    curves = survival_curves(level, assumptions)
    template = _survival_template(
        lang, tuple(arm_labels.items()),
        (_("Days after starting"), _("People alive (out of {denominator})").format(denominator=denominator),
         _("Model-based survival (not the trial's own curves)")),
        float(curves["day"].max()),
    )
    st.vega_lite_chart(spec=fill(template, **{
        SURVIVAL_DATA: survival_data(curves, arm_labels=arm_labels, end_labels=end_labels)}), width="stretch")
    bands = _("Shaded bands: the range of the model's uncertainty ({interval_level}%). Riluzole alone {ril}; "
              "with IL-2LD {il2}, out of {denominator}.").format(
        interval_level=interval_level, denominator=denominator,
        ril=format_range(DENOMINATOR * est.survival_riluzole_ci[0], DENOMINATOR * est.survival_riluzole_ci[1], 0, lang),
        il2=format_range(DENOMINATOR * est.survival_il2_ci[0], DENOMINATOR * est.survival_il2_ci[1], 0, lang))
    st.caption(sdesc + "\n\n" + bands)

    st.subheader(_("If the model's assumptions were different"), anchor=False)
    st.markdown(_("At {level} pg/mL, under each assumption:").format(level=format_number(level, 0, lang)))
    sensitivity_table(level)
    st.caption(_("You can change the assumption the numbers above use under \"The model's assumptions\", further down."))


def _assumption_label(a) -> str:
    return f"{bt.scale_short(a.effect_scale, lang)} · {bt.prognostic_name(a.prognostic_hr_per_doubling, lang)}"


def hr_column() -> str:
    """The header of a table column of hazard ratios with their range."""
    return _("Hazard ratio ({interval_level}% range)").format(interval_level=interval_level)


def alive_columns(e) -> dict[str, str]:
    """One estimate's people alive in each arm, keyed by the table's column headers."""
    return {
        _("Alive out of {denominator}, riluzole alone").format(denominator=denominator):
            format_number(e.alive_riluzole_of_100, 0, lang),
        _("Alive out of {denominator}, with IL-2LD").format(denominator=denominator):
            format_number(e.alive_il2_of_100, 0, lang),
    }


def sensitivity_table(level: float) -> None:
    """How the answer moves when an assumption moves: every variant at the chosen level."""
    rows = []
    for scale in EFFECT_SCALES:
        for prog in PROGNOSTIC_CHOICES:
            a = DEFAULT.with_(effect_scale=scale, prognostic_hr_per_doubling=prog)
            e = estimate(level, a)
            rows.append({
                _("Effect of CSF-pNFH on IL-2LD"): bt.scale_short(scale, lang, main=a == DEFAULT),
                _("Risk per doubling, riluzole alone"): format_number(prog, 2, lang),
                hr_column(): f"{format_number(e.hazard_ratio, 2, lang)} "
                             f"({format_range(*e.hazard_ratio_ci, 2, lang)})",
                **alive_columns(e),
            })
    st.table(pd.DataFrame(rows), hide_index=True)


def assumptions_section() -> None:
    st.subheader(_("The model's assumptions, and what happens if they change"), anchor=False)
    st.markdown(_(
        "The trial did not publish how CSF-pNFH entered its model, nor everything about how the level "
        "affects survival. The model has to assume these. Choose another assumption to see how much "
        "the answer moves."))
    st.radio(
        _("How CSF-pNFH changes the effect of IL-2LD"), options=list(EFFECT_SCALES), key=SCALE,
        format_func=lambda s: bt.scale_name(s, lang),
    )
    st.radio(
        _("How strongly a higher level shortens survival on riluzole alone"), options=list(PROGNOSTIC_CHOICES),
        key=PROGNOSTIC, format_func=lambda p: bt.prognostic_name(p, lang)
        + (_(" (main analysis)") if p == DEFAULT.prognostic_hr_per_doubling else ""),
    )
    table = pd.DataFrame(bt.assumption_rows(assumption_choice(), lang)).rename(
        columns={"what": _("Assumption"), "value": _("Value used"), "source": _("Source")})
    st.table(table, hide_index=True)


def calibration_section() -> None:
    st.toggle(_("Show the checks against the published figures"), key=CALIBRATION)
    if not st.session_state.get(CALIBRATION):
        return
    c = calibration(DEFAULT)
    rows = [
        (_("Deaths by day {days}, IL-2LD").format(days=format_fact("endpoint_days", lang)),
         format_fact("deaths_il2", lang), format_number(c["deaths_il2"], 0, lang)),
        (_("Deaths by day {days}, placebo").format(days=format_fact("endpoint_days", lang)),
         format_fact("deaths_placebo", lang), format_number(c["deaths_placebo"], 0, lang)),
        (_("Share in the low group (%)"), format_fact("low_group_percent", lang),
         format_number(100 * c["low_share"], 1, lang)),
        (_("Share in the high group (%)"), format_fact("high_group_percent", lang),
         format_number(100 * c["high_share"], 1, lang)),
        (_("Hazard ratio, low group"), format_fact("hr_low", lang), format_number(c["hr_low"], 2, lang)),
        (_("Hazard ratio, high group"), format_fact("hr_high", lang), format_number(c["hr_high"], 2, lang)),
        (_("Hazard ratio, whole trial"), format_fact("hr_overall", lang), format_number(c["hr_overall"], 2, lang)),
        (_("Hazard ratio at CSF-pNFH zero"), format_fact("hr_adjusted", lang), format_number(c["hr_at_zero"], 2, lang)),
    ]
    st.table(pd.DataFrame(rows, columns=[_("Figure"), _("Published"), _("Simulated trial")]), hide_index=True)


def unknown_level(show_numbers: bool) -> None:
    prose("biomarker/unknown")
    if not show_numbers:
        return
    rows = []
    for group, level in bt.group_levels():
        e = estimate(round(level, -1))
        rows.append({
            _("Group"): bt.group_name(group, lang),
            _("Typical level (pg/mL)"): format_number(round(level, -1), 0, lang),
            hr_column(): f"{format_number(e.hazard_ratio, 2, lang)} ({format_range(*e.hazard_ratio_ci, 2, lang)})",
            **alive_columns(e),
        })
    st.markdown(_("What the model says at a typical level in each group, after {months} months:").format(
        months=format_fact("endpoint_months", lang)))
    st.table(pd.DataFrame(rows), hide_index=True)
    st.caption(bt.model_caveat(lang))


def _show_numbers(show: bool) -> None:
    st.session_state[SHOW] = show


def reveal_control() -> bool:
    """The right not to know: numbers only on request. A callback, so one run answers the click."""
    st.session_state.setdefault(SHOW, False)
    if st.session_state[SHOW]:
        st.button(_("Hide the survival numbers"), icon=":material/visibility_off:", key="bm_hide",
                  on_click=_show_numbers, args=(False,))
    else:
        prose("biomarker/reveal")
        st.button(_("Show the survival numbers"), icon=":material/visibility:", type="primary", key="bm_reveal",
                  on_click=_show_numbers, args=(True,))
    return bool(st.session_state[SHOW])


# ---------------------------------------------------------------- the page
page_heading("biomarker")
prose("biomarker/intro")
_warm()

_url_level()
st.subheader(_("Choose a CSF-pNFH level"), anchor=False)
st.session_state.setdefault(MODE, "known")
st.radio(
    _("Do you know the level?"), options=("known", "unknown"), key=MODE, horizontal=True,
    format_func=lambda m: _("I know the level") if m == "known" else _("I don't know my level"),
)


@st.fragment
def explore() -> None:
    """Everything that moves with the level, the mode or the reveal, in one fragment.

    A widget inside a fragment reruns only the fragment: a slider step redraws the answer, not the
    page's frame, menu and explanations (the slider's speed target in docs/performance.md).
    The question above it (known level or not) reruns the whole page, this fragment included."""
    mode = st.session_state[MODE]
    level = level_controls() if mode == "known" else None
    if level is not None:
        lo_range, hi_range = trial_range()
        st.caption(_("The trial's cut-points were {low} and {cut} pg/mL. The model covers about {a} to {b} pg/mL; beyond that it extrapolates.").format(
            low=format_fact("pnfh_low_min", lang), cut=format_fact("pnfh_cut", lang),
            a=format_number(round(lo_range, -1), 0, lang), b=format_number(round(hi_range, -2), 0, lang)))
        share_link(level)

    st.divider()
    show_numbers = reveal_control()
    assumptions = assumption_choice()

    if mode == "unknown":
        unknown_level(show_numbers)
    elif show_numbers:
        numbers_section(level, assumptions)


explore()

# Below the fragment: what does not move with the level. A change of assumption here reruns the
# whole page, the fragment's numbers included.
st.divider()
with st.expander(_("What this model is and is not"), expanded=True):
    prose("biomarker/is_and_is_not")
    st.caption(bt.model_caveat(lang))

with st.expander(_("The model's assumptions")):
    assumptions_section()

with st.expander(_("How this model was built")):
    prose(
        "biomarker/how_built",
        median_level=format_number(default_level(), 0, lang),
        seed=format_number(DEFAULT.seed, 0, lang),
        seeds_searched=format_number(SEEDS_SEARCHED, 0, lang),
        share_tol=format_number(TOL_GROUP_SHARE_POINTS, 0, lang),
        tol_pct=format_number(100 * (math.exp(TOL_LOG_HR) - 1), 0, lang),
        tol_high_pct=format_number(100 * (math.exp(TOL_LOG_HR_HIGH) - 1), 0, lang),
        draws=format_number(N_DRAWS, 0, lang),
    )
    calibration_section()

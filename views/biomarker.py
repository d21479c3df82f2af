"""What the aid says for a CSF-pNFH level, in words: the /biomarker page, the clinic view and the
handout alike (no Streamlit).

Every sentence is built here once so the views can never disagree. The order is the contract's:
the published result of the level's group first (with its source), then, only where the model
shows numbers, the model's answer with its range. Numbers come from model.benefit's Estimate and
the facts registry, formatted for the language; nothing here computes a model answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from content.facts import format_fact, format_number, format_range, registry
from content.i18n import gettext_for, language
from model.assumptions import DEFAULT, SOURCES
from model.benefit import MODEL_RANGE, Estimate, group_out_of_100, hr_curve
from views import results as rf

if TYPE_CHECKING:  # for annotations only: the handout's sentences need no Altair
    from charts.hr_curve import HrLabels

DOMAIN = "biomarker"
HR_DECIMALS = 2


def _model_range() -> tuple[float, float]:
    return MODEL_RANGE


def _t(lang: str):
    return gettext_for(lang, DOMAIN)


def _join(lang: str) -> str:
    return language(lang).sentence_join


def _v(lang: str) -> dict[str, str]:
    """Registry figures the sentences name, formatted."""
    return {
        "low": format_fact("pnfh_low_min", lang),
        "cut": format_fact("pnfh_cut", lang),
        "months": format_fact("endpoint_months", lang),
        "denominator": format_fact("denominator", lang),
        "interval_level": format_fact("interval_level_percent", lang),
        "hr_reference": format_fact("hr_reference", lang),
        "limit": format_number(_model_range()[1], 0, lang),
    }


def citations(key: str, lang: str) -> str:
    """The sources of one registry figure, as a short list (citations in their published language)."""
    reg = registry()
    sep = language(lang).semicolon
    return sep.join(reg.sources[s].citation.rstrip(".") for s in reg[key].sources)


# ---------------------------------------------------------------- published first


def group_name(band: str, lang: str) -> str:
    _ = _t(lang)
    v = _v(lang)
    return {
        "below": _("Below {low} pg/mL, or no spinal fluid sample").format(**v),
        "low": _("{low} to {cut} pg/mL (low group)").format(**v),
        "high": _("Above {cut} pg/mL (high group)").format(**v),
    }[band]


def published_hr_text(band: str, lang: str) -> str:
    """The band's published hazard ratio as a short phrase (for tables)."""
    _ = _t(lang)
    v = _v(lang)
    if band == "low":
        return _("{hr} ({interval_level}% confidence interval {ci})").format(
            hr=format_fact("hr_low", lang), ci=format_range(*registry()["hr_low"].ci, 2, lang), **v
        )
    if band == "high":
        return _("about {hr} (interval not published)").format(hr=format_fact("hr_high", lang))
    return _("No result was published for this group")


def published_sentences(band: str, lang: str) -> list[str]:
    """The published result of one group, in words, with what can be calculated from it."""
    _ = _t(lang)
    v = _v(lang)
    if band == "low":
        out = [
            _(
                "This level is in the trial's low group ({low} to {cut} pg/mL), about {share}% of participants. "
                "The published result for this group: a hazard ratio of {hr} ({interval_level}% confidence interval "
                "{ci}; p = {p}), fewer deaths with IL-2LD."
            ).format(
                share=format_fact("low_group_percent", lang),
                hr=format_fact("hr_low", lang),
                ci=format_range(*registry()["hr_low"].ci, 2, lang),
                p=format_fact("p_low", lang),
                **v,
            )
        ]
        placebo, il2 = group_out_of_100("low")
        out.append(
            _(
                "Calculated from these published figures (the trial did not publish it in this form): out of "
                "{denominator} people in this group, about {alive_placebo} would be alive after {months} months on "
                "placebo (with riluzole) and about {alive_il2} with IL-2LD added. The Sources page shows the calculation."
            ).format(alive_placebo=format_number(placebo, 0, lang), alive_il2=format_number(il2, 0, lang), **v)
        )
        return out
    if band == "high":
        return [
            _(
                "This level is in the trial's high group (above {cut} pg/mL), {share}% of participants. The "
                "published result for this group: a hazard ratio of about {hr}, not statistically significant; "
                "its interval was not published. It pointed towards possible harm, but was too uncertain to say "
                "either way."
            ).format(share=format_fact("high_group_percent", lang), hr=format_fact("hr_high", lang), **v),
            _(
                "Its numbers out of {denominator} cannot be calculated: neither its interval nor its deaths were "
                "published."
            ).format(**v),
        ]
    return [
        _(
            "This level is below {low} pg/mL. No result was published for this group (about {share}% of "
            "participants were below {low} pg/mL or gave no spinal fluid sample), so this aid shows no numbers for it."
        ).format(share=format_fact("other_group_percent", lang), **v)
    ]


def source_sentence(band: str, lang: str) -> str:
    """Where the group's result comes from, by short translated names (full references: Sources page)."""
    _ = _t(lang)
    key = {"low": "hr_low", "high": "hr_high", "below": "other_group_percent"}[band]
    sep = language(lang).semicolon
    names = sep.join(source_name(s, lang) for s in registry()[key].sources)
    return _("Source: {sources}. The Sources page gives the full references.").format(sources=names)


def high_level_support(lang: str) -> list[str]:
    """For someone whose level is in the high group: a kind word and what to ask about."""
    _ = _t(lang)
    return [
        _("This may be hard to read. A level is not a forecast for you: many things shape how ALS goes."),
        _(
            "Good care helps at every level. You could ask your care team about support with breathing, eating, "
            "moving and speaking, and whether there are other trials you might be able to join."
        ),
    ]


def outside_sentence(est: Estimate, lang: str) -> str:
    """Why the model gives no level-specific numbers here (one sentence)."""
    _ = _t(lang)
    v = _v(lang)
    if est.outside == "below":
        return _(
            "The model gives no numbers below {low} pg/mL: nothing was published for this group, and what "
            "IL-2LD did there is unknown."
        ).format(**v)
    return _(
        "The model gives no numbers above {limit} pg/mL: the trial had few people with levels this high, "
        "and how the effect changes there is not known, so any number would be a guess."
    ).format(**v)


def who_sentence(lang: str) -> str:
    """Who the '100 people' are: people like those in MIROCALS (its eligibility, one line)."""
    _ = _t(lang)
    return _(
        "The {denominator} people are people like those in MIROCALS: aged {age_min} to {age_max}, first symptoms "
        "of ALS no more than {symptom_months} months before, breathing strength (slow vital capacity) at least "
        "{svc}% of expected, and taking riluzole."
    ).format(
        age_min=format_fact("age_min", lang),
        age_max=format_fact("age_max", lang),
        symptom_months=format_fact("symptom_months_max", lang),
        svc=format_fact("svc_min_percent", lang),
        **_v(lang),
    )


def assay_note(lang: str) -> str:
    _ = _t(lang)
    return _(
        "About the test: the cut-points {low} and {cut} pg/mL come from the trial's own laboratory test. A result "
        "from another laboratory, or a blood neurofilament test, is not comparable and cannot be used here."
    ).format(**_v(lang))


def whole_trial_sentences(lang: str) -> list[str]:
    """The whole trial's result, out of 100 (for a reader who does not know their level)."""
    _ = _t(lang)
    o = rf.arm_outcomes()
    v = _v(lang)
    return [
        _(
            "In the whole trial, after {months} months: out of {denominator} people, about {alive_placebo} were alive "
            "on placebo (with riluzole) and about {alive_il2} with IL-2LD added. The hazard ratio was {hr} "
            "({interval_level}% confidence interval {ci}): not statistically significant, so the difference could "
            "be due to chance."
        ).format(
            alive_placebo=format_number(o["placebo"]["alive"], 0, lang),
            alive_il2=format_number(o["il2"]["alive"], 0, lang),
            hr=format_fact("hr_overall", lang),
            ci=format_range(*registry()["hr_overall"].ci, 2, lang),
            **v,
        )
    ]


# ---------------------------------------------------------------- the model's answer


def people_change(n: int, lang: str) -> str:
    """'5 more alive' / '5 fewer alive' / 'no difference', for one whole-people difference."""
    _ = _t(lang)
    if n > 0:
        return _("{n} more alive").format(n=format_number(n, 0, lang))
    if n < 0:
        return _("{n} fewer alive").format(n=format_number(-n, 0, lang))
    return _("no difference")


def count_sentences(est: Estimate, lang: str) -> list[str]:
    """The model's out-of-100 sentences: each arm framed both ways with its range, the difference and its range."""
    _ = _t(lang)
    v = _v(lang)
    n = registry().value("denominator")
    level = format_number(est.pnfh, 0, lang)
    out = [
        _(
            "In the model, out of {denominator} people with a CSF-pNFH level of {level} pg/mL, after {months} "
            "months: on placebo (with riluzole), about {alive_riluzole} would be alive (range {ril_range}) and "
            "{died_riluzole} would have died."
        ).format(
            level=level,
            alive_riluzole=format_number(est.alive_riluzole_of_100, 0, lang),
            ril_range=format_range(*est.alive_riluzole_ci_of_100, 0, lang),
            died_riluzole=format_number(n - est.alive_riluzole_of_100, 0, lang),
            **v,
        ),
        _(
            "With IL-2LD added to riluzole: about {alive_il2} would be alive (range {il2_range}) and {died_il2} "
            "would have died."
        ).format(
            alive_il2=format_number(est.alive_il2_of_100, 0, lang),
            il2_range=format_range(*est.alive_il2_ci_of_100, 0, lang),
            died_il2=format_number(n - est.alive_il2_of_100, 0, lang),
        ),
    ]
    diff = est.extra_alive_of_100
    if diff > 0:
        head = _("That is {n} more people alive out of {denominator} with IL-2LD added.").format(
            n=format_number(diff, 0, lang), denominator=v["denominator"]
        )
    elif diff < 0:
        head = _("That is {n} fewer people alive out of {denominator} with IL-2LD added.").format(
            n=format_number(-diff, 0, lang), denominator=v["denominator"]
        )
    else:
        head = _(
            "That is about the same number of people alive out of {denominator}, with or without " "IL-2LD."
        ).format(denominator=v["denominator"])
    out.append(head)
    low, high = est.extra_alive_ci_of_100
    out.append(
        _(
            "The model is not sure of this: the true difference could be anywhere from {low} to {high} out "
            "of {denominator}."
        ).format(low=people_change(low, lang), high=people_change(high, lang), denominator=v["denominator"])
    )
    return out


def hr_sentence(est: Estimate, lang: str, explain: bool = True) -> str:
    """The model's hazard ratio at the level with its range; ``explain`` adds how to read it (the
    handout, which explains hazard ratios in its key terms, leaves that out to stay within its pages)."""
    _ = _t(lang)
    head = _(
        "In the model, the hazard ratio at {level} pg/mL is about {hr} ({interval_level}% range {hr_range}, "
        "which includes the model's assumptions)."
    ).format(
        level=format_number(est.pnfh, 0, lang),
        hr=format_number(est.hazard_ratio, HR_DECIMALS, lang),
        hr_range=format_range(*est.hazard_ratio_ci, HR_DECIMALS, lang),
        **_v(lang),
    )
    if not explain:
        return head
    tail = _("Below {hr_reference} means fewer deaths with IL-2LD; above {hr_reference} means more.").format(**_v(lang))
    return head + _join(lang) + tail


def model_caveat(lang: str) -> str:
    _ = _t(lang)
    return _(
        "These numbers come from a model built from the trial's published summary figures, not from "
        "the trial's own data. They illustrate what the trial suggests; they cannot predict what will "
        "happen to one person. IL-2LD is not licensed for ALS."
    )


# ---------------------------------------------------------------- assumptions, shown on the page


def variant_name(key: str, lang: str) -> str:
    """A sensitivity row's name: which assumption is held at which end of its range."""
    _ = _t(lang)
    v = _v(lang)
    g_lo, g_hi = DEFAULT.prognostic_range
    b_lo, b_hi = DEFAULT.below_hr_range
    return {
        "main": _("Every assumption drawn from its range (the numbers above)"),
        "scale_linear": _("Effect changes in a straight line with the level"),
        "scale_log": _("Effect changes by the same step each time the level doubles"),
        "prognostic_low": _("A higher level shortens survival less (risk {g} times per doubling)").format(
            g=format_number(g_lo, 2, lang)
        ),
        "prognostic_high": _("A higher level shortens survival more (risk {g} times per doubling)").format(
            g=format_number(g_hi, 2, lang)
        ),
        "spread_narrow": _("Levels less spread out within each group"),
        "spread_wide": _("Levels more spread out within each group"),
        "below_benefit": _("People below {low} pg/mL: hazard ratio {hr} with IL-2LD").format(
            hr=format_number(b_lo, 2, lang), **v
        ),
        "below_harm": _("People below {low} pg/mL: hazard ratio {hr} with IL-2LD").format(
            hr=format_number(b_hi, 2, lang), **v
        ),
    }[key]


def source_name(key: str, lang: str) -> str:
    """A short, translated name for where an assumption comes from."""
    _ = _t(lang)
    names = {
        "assumption": _("assumption"),
        "calc": _("calculated from published figures"),
        "lancet_comment": _("Lancet comment (Benatar and McDermott)"),
        "benatar_nfh": _("neurofilament cohort studies (Benatar 2020; Gendron 2017): direction only"),
        "medwire": _("medwireNews report of the trial"),
        "mnda_blog": _("MND Association research blog"),
        "review": _("review of the MIROCALS trial (Chinese and English)"),
    }
    return names.get(key, key)


def assumption_rows(lang: str) -> list[dict[str, str]]:
    """One row per assumption: what it is, the main value and the range drawn, and its source."""
    _ = _t(lang)
    a = DEFAULT
    v = _v(lang)

    def rng(lo: float, hi: float, decimals: int = 2) -> str:
        return format_range(lo, hi, decimals, lang)

    what = {
        "effect_scale": (
            _("How CSF-pNFH changes the effect of IL-2LD"),
            _("A straight line or a step per doubling of the level: half the draws each"),
        ),
        "prognostic_hr_per_doubling": (
            _("How CSF-pNFH affects survival on placebo (with riluzole)"),
            _("Risk of death {low} to {high} times as high each time the level doubles").format(
                low=format_number(a.prognostic_range[0], 2, lang), high=format_number(a.prognostic_range[1], 2, lang)
            ),
        ),
        "spread_factor": (
            _("Spread of CSF-pNFH among participants"),
            _("Log-normal, placed by the published group shares; spread {range} times as wide").format(
                range=rng(*a.spread_range)
            ),
        ),
        "below_hr": (
            _("What IL-2LD did below {low} pg/mL or without a sample").format(**v),
            _("Unknown: a hazard ratio from {range}, not part of the curve").format(range=rng(*a.below_hr_range)),
        ),
        "high_se": (
            _("How uncertain the high group's published result is"),
            _("Standard error {range} on the log scale (its interval was not published)").format(
                range=rng(*a.high_se_range)
            ),
        ),
        "baseline": (
            _("Risk of death over time on placebo (with riluzole)"),
            _("Constant over the {months} months").format(**v),
        ),
        "placebo_mortality": (
            _("Deaths on placebo (with riluzole)"),
            _("{deaths} of {n} in the placebo group, with their uncertainty").format(
                deaths=format_fact("deaths_placebo", lang), n=format_fact("randomised_per_arm", lang)
            ),
        ),
    }
    sep = language(lang).semicolon
    return [
        {"what": label, "value": value, "source": sep.join(source_name(s, lang) for s in SOURCES[key])}
        for key, (label, value) in what.items()
    ]


def target_name(key: str, lang: str) -> str:
    """A calibration target's name (the 'How this model was built' table)."""
    _ = _t(lang)
    v = _v(lang)
    return {
        "hr_overall": _("Hazard ratio, whole trial"),
        "hr_low": _("Hazard ratio, low group"),
        "hr_high": _("Hazard ratio, high group (standard error assumed)"),
        "hr_adjusted": _("Hazard ratio at CSF-pNFH zero (straight line only)"),
        "deaths_il2": _("Deaths by {months} months, IL-2LD").format(**v),
        "deaths_placebo": _("Deaths by {months} months, placebo").format(**v),
    }[key]


# ---------------------------------------------------------------- chart texts


# The accessible names of the charts a reader redraws by moving the level. They do not depend on
# the level, so the browser keeps each drawn chart and only swaps its data (charts.style.fill);
# the level's numbers are written in the text right after each chart.
def hr_chart_name(lang: str) -> str:
    _ = _t(lang)
    return _(
        "Line chart of the model's hazard ratio across CSF-pNFH levels, with its range and the groups' "
        "published results, and your level marked. Its numbers are written below the chart."
    )


def icon_chart_name(title: str, lang: str) -> str:
    _ = _t(lang)
    return _(
        "Picture of {n} people, {title}: filled figures were alive, outlined figures had died. The "
        "numbers are written below the picture."
    ).format(n=format_fact("denominator", lang), title=title)


def hr_chart_description(curve, lang: str) -> str:
    """What the chart shows, with its numbers (no crossing point: the trial did not establish one)."""
    import numpy as np

    _ = _t(lang)
    lo, hi = _model_range()

    def at(p: float) -> str:
        hr = float(np.exp(np.interp(np.log(p), np.log(curve["pnfh"]), np.log(curve["hazard_ratio"]))))
        return format_number(hr, HR_DECIMALS, lang)

    return _(
        "The model's hazard ratio rises with the level: about {hr_a} at {a} pg/mL, {hr_b} at {cut} pg/mL and "
        "{hr_c} at {b} pg/mL, each with a wide range. The trial did not establish a level at which the effect "
        "changes from benefit to harm. The published results are {hr_low} for the low group and about "
        "{hr_high} for the high group. Outside {a} to {b} pg/mL the model shows nothing."
    ).format(
        hr_a=at(lo),
        a=format_number(lo, 0, lang),
        hr_b=at(registry().value("pnfh_cut")),
        cut=format_fact("pnfh_cut", lang),
        hr_c=at(hi),
        b=format_number(hi, 0, lang),
        hr_low=format_fact("hr_low", lang),
        hr_high=format_fact("hr_high", lang),
    )


def published_steps() -> list[dict]:
    """The groups' published hazard ratios as steps for the chart (x from, x to, hr)."""
    r = registry()
    return [
        {"x0": r.value("pnfh_low_min"), "x1": r.value("pnfh_cut"), "hr": r.value("hr_low")},
        {"x0": r.value("pnfh_cut"), "x1": 1e6, "hr": r.value("hr_high")},
    ]


def hr_labels(level: float | None, lang: str) -> HrLabels:
    """The hazard-ratio curve's words, for the biomarker page and the clinic view alike."""
    from charts.hr_curve import HrLabels  # Altair: loaded only where a chart is drawn, never by the handout

    _ = _t(lang)
    reference = format_fact("hr_reference", lang)
    return HrLabels(
        x_title=_("CSF-pNFH (pg/mL, log scale)"),
        y_title=_("Hazard ratio (log scale)"),
        line=_("Model: middle estimate and its range"),
        published=_("Published result of the group"),
        outside_region=_("No model numbers here"),
        below_one=_("Below {hr_reference}: fewer deaths with IL-2LD").format(hr_reference=reference),
        above_one=_("Above {hr_reference}: more deaths with IL-2LD").format(hr_reference=reference),
        chosen="" if level is None else _("Your level: {level}").format(level=format_number(level, 0, lang)),
        cut_labels=(format_fact("pnfh_low_min", lang), format_fact("pnfh_cut", lang)),
        x_format=",.0f" if language(lang).group_digits else ".0f",
    )


def hr_curve_spec(
    lang: str,
    chosen: float | None = None,
    *,
    height: int = 340,
    description: str | None = None,
    text_scale: float = 1.0,
) -> dict:
    """The hazard-ratio curve as a Vega-Lite spec, for the biomarker page (``chosen=None``: a
    template that ``charts.hr_curve.place_level`` marks a level on) and the clinic slide alike, so
    the two cannot draw different curves."""
    from charts.hr_curve import hr_curve_chart  # Altair, as above

    r = registry()
    return hr_curve_chart(
        hr_curve(),
        labels=hr_labels(chosen, lang),
        description=description or hr_chart_name(lang),
        chosen=chosen,
        cut_points=(r.value("pnfh_low_min"), r.value("pnfh_cut")),
        model_range=MODEL_RANGE,
        published=published_steps(),
        height=height,
        text_scale=text_scale,
    )


def arm_title(arm: str, lang: str) -> str:
    """A scenario arm's name ("riluzole" or "il2"), for the page's icon arrays and the handout's:
    the trial's own arm names (views.results.arm_name), so an arm is called the same on every
    page, slide and handout ("Placebo (with riluzole)", never also "riluzole alone": that names an option
    on the options page; content/glossary.toml [placebo_arm])."""
    from views.results import arm_name

    return arm_name("placebo" if arm == "riluzole" else "il2", lang)


def published_with_support(est: Estimate, lang: str) -> list[str]:
    """The group's published result first and (high group) the supportive words, for the handout."""
    out = list(published_sentences(est.band, lang))
    if est.band == "high":
        out += high_level_support(lang)
    return out


def caveats(est: Estimate, lang: str) -> list[str]:
    """The assay note, then (only where the model shows numbers) the model caveat."""
    return [assay_note(lang), *([model_caveat(lang)] if est.model_shown else [])]

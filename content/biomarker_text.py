"""The model's answer in words, for the /biomarker page and the handout alike (no Streamlit).

Every sentence is built here once so the page and the printed handout can never disagree. Numbers
come from the model's Estimate and the facts registry, formatted for the language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from content.facts import format_fact, format_number, format_range, registry
from content.i18n import gettext_for

if TYPE_CHECKING:  # names for annotations only: the handout's sentences need neither Altair nor scipy
    from charts.hr_curve import HrLabels
    from model.benefit import Estimate

DOMAIN = "biomarker"
HR_DECIMALS = 2


@dataclass(frozen=True)
class Numbers:
    """The estimate's figures, formatted for one language (also used as prose placeholders)."""

    level: str
    months: str
    days: str
    alive_riluzole: str
    alive_il2: str
    died_riluzole: str
    died_il2: str
    hr: str
    hr_low: str
    hr_high: str
    hr_ci: str
    surv_ril_ci: str
    surv_il2_ci: str

    def as_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


def numbers(est: Estimate, lang: str) -> Numbers:
    low, high = est.hazard_ratio_ci
    n = registry().value("denominator")  # people out of n
    return Numbers(
        level=format_number(est.pnfh, 0, lang),
        months=format_fact("endpoint_months", lang),
        days=format_number(est.days, 0, lang),
        alive_riluzole=format_number(est.alive_riluzole_of_100, 0, lang),
        alive_il2=format_number(est.alive_il2_of_100, 0, lang),
        died_riluzole=format_number(n - est.alive_riluzole_of_100, 0, lang),
        died_il2=format_number(n - est.alive_il2_of_100, 0, lang),
        hr=format_number(est.hazard_ratio, HR_DECIMALS, lang),
        hr_low=format_number(low, HR_DECIMALS, lang),
        hr_high=format_number(high, HR_DECIMALS, lang),
        hr_ci=format_range(low, high, HR_DECIMALS, lang),
        surv_ril_ci=format_range(n * est.survival_riluzole_ci[0], n * est.survival_riluzole_ci[1], 0, lang),
        surv_il2_ci=format_range(n * est.survival_il2_ci[0], n * est.survival_il2_ci[1], 0, lang),
    )


def people_change(n: int, lang: str) -> str:
    """'5 more people' / '5 fewer people' / 'no difference', for one whole-people difference."""
    _ = gettext_for(lang, DOMAIN)
    if n > 0:
        return _("{n} more alive").format(n=format_number(n, 0, lang))
    if n < 0:
        return _("{n} fewer alive").format(n=format_number(-n, 0, lang))
    return _("no difference")


def count_sentences(est: Estimate, lang: str) -> list[str]:
    """The out-of-100 sentences: each arm framed both ways, the difference and its range."""
    _ = gettext_for(lang, DOMAIN)
    v = numbers(est, lang).as_dict()
    denominator = format_fact("denominator", lang)
    out = [
        _(
            "Out of {denominator} people with a CSF-pNFH level of {level} pg/mL, after {months} months: "
            "on riluzole alone, about {alive_riluzole} would be alive and {died_riluzole} would have died."
        ).format(denominator=denominator, **v),
        _(
            "With IL-2LD added to riluzole: about {alive_il2} would be alive and {died_il2} would have died."
        ).format(**v),
    ]
    diff = est.extra_alive_of_100
    low, high = est.extra_alive_ci_of_100
    if diff > 0:
        head = _("That is {n} more people alive out of {denominator} with IL-2LD added.").format(
            n=format_number(diff, 0, lang), denominator=denominator)
    elif diff < 0:
        head = _("That is {n} fewer people alive out of {denominator} with IL-2LD added.").format(
            n=format_number(-diff, 0, lang), denominator=denominator)
    else:
        head = _("That is about the same number of people alive out of {denominator}, with or without "
                 "IL-2LD.").format(denominator=denominator)
    out.append(head)
    out.append(
        _("The model is not sure of this: the true difference could be anywhere from {low} to {high} out "
          "of {denominator}.").format(low=people_change(low, lang), high=people_change(high, lang),
                                      denominator=denominator)
    )
    return out


def hr_sentence(est: Estimate, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _(
        "In the model, the hazard ratio at {level} pg/mL is {hr} ({interval_level}% confidence interval "
        "{hr_ci}). Below {hr_reference} means fewer deaths with IL-2LD; above {hr_reference} means more."
    ).format(interval_level=format_fact("interval_level_percent", lang),
             hr_reference=format_fact("hr_reference", lang), **numbers(est, lang).as_dict())


def range_caveat(est: Estimate, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    if not est.in_trial_range:
        return _(
            "This level lies outside the range the trial covered. The numbers are an extrapolation: "
            "the model is guessing beyond its data. Treat them with great caution."
        )
    if est.sparse:
        return _(
            "The trial had few people with a level like this, so the model is less certain here."
        )
    return _("Many people in the trial had a level like this.")


def model_caveat(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _(
        "These numbers come from a model built from the trial's published summary figures, not from "
        "the trial's own data. They illustrate what the trial suggests; they cannot predict what will "
        "happen to one person. IL-2LD is not licensed for ALS."
    )


def scenario_sentences(est: Estimate, lang: str) -> list[str]:
    """Everything the handout prints for one level, in reading order."""
    return [*count_sentences(est, lang), hr_sentence(est, lang), range_caveat(est, lang), model_caveat(lang)]


# ---------------------------------------------------------------- assumptions, shown on the page

def scale_name(scale: str, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return {
        "linear": _("Straight line: the hazard ratio rises by the same factor for every extra {step} pg/mL").format(
            step=format_number(1000, 0, lang)),
        "log": _("Logarithmic: the hazard ratio rises by the same factor each time the level doubles"),
    }[scale]


def scale_short(scale: str, lang: str, main: bool = False) -> str:
    _ = gettext_for(lang, DOMAIN)
    name = {"linear": _("Straight line"), "log": _("Logarithmic")}[scale]
    return _("{name} (main analysis)").format(name=name) if main else name


def prognostic_name(hr_per_doubling: float, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Risk of death {factor} times as high each time the level doubles").format(
        factor=format_number(hr_per_doubling, 2, lang))


def source_name(key: str, lang: str) -> str:
    """A short, translated name for where an assumption comes from."""
    _ = gettext_for(lang, DOMAIN)
    names = {
        "assumption": _("assumption"),
        "calc": _("calculated from published figures"),
        "lancet_comment": _("Lancet comment (Benatar and McDermott)"),
        "benatar_nfh": _("neurofilament cohort studies (Benatar 2020; Gendron 2017): direction only"),
        "medwire": _("medwireNews report of the trial"),
    }
    return names.get(key, key)


def assumption_rows(assumptions, lang: str) -> list[dict[str, str]]:
    """One row per assumption: what it is, the value used, and its source (or 'assumption')."""
    from model.assumptions import SOURCES

    _ = gettext_for(lang, DOMAIN)
    what = {
        "effect_scale": (_("How CSF-pNFH changes the effect of IL-2LD"), scale_name(assumptions.effect_scale, lang)),
        "prognostic_hr_per_doubling": (
            _("How CSF-pNFH affects survival on riluzole alone"),
            prognostic_name(assumptions.prognostic_hr_per_doubling, lang),
        ),
        "distribution": (_("Spread of CSF-pNFH among participants"),
                         _("Log-normal, placed by the published group shares")),
        "missing_as_below_low": (_("People without a spinal fluid sample"),
                                 _("Counted with the people below the low group")),
        "baseline": (_("Risk of death over time on riluzole alone"), _("Constant over the {months} months").format(months=format_fact("endpoint_months", lang))),
        "follow_up": (_("Follow-up"), _("Everyone followed to the end; no one lost")),
        "seed": (_("Random seed"), format_number(assumptions.seed, 0, lang)),
    }
    rows = []
    for key, (label, value) in what.items():
        rows.append({
            "what": label,
            "value": value,
            "source": ("；" if lang == "zh" else "; ").join(source_name(s, lang) for s in SOURCES[key]),
        })
    return rows


def group_levels() -> list[tuple[str, float]]:
    """A typical level inside each published group (the group's median under the model)."""
    from model.cohort import distribution, targets

    d, t = distribution(), targets()
    lo, cut = float(d.cdf(t.pnfh_low_min)), float(d.cdf(t.pnfh_cut))
    return [("below", float(d.quantile(lo / 2))), ("low", float(d.quantile((lo + cut) / 2))),
            ("high", float(d.quantile((cut + 1) / 2)))]


def group_name(group: str, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    v = {"low": format_fact("pnfh_low_min", lang), "cut": format_fact("pnfh_cut", lang)}
    return {
        "below": _("Below {low} pg/mL").format(**v),
        "low": _("{low} to {cut} pg/mL (low group)").format(**v),
        "high": _("Above {cut} pg/mL (high group)").format(**v),
    }[group]


# ---------------------------------------------------------------- chart texts

# The accessible names of the charts a reader redraws by moving the level. They do not depend on
# the level, so the browser keeps each drawn chart and only swaps its data (charts.style.fill);
# the level's numbers are written in the text right after each chart.
def hr_chart_name(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Line chart of the model's hazard ratio across CSF-pNFH levels, with its range of uncertainty "
             "and your level marked. Its numbers are written below the chart.")


def survival_chart_name(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Model-based survival curves for both groups at your level, over {months} months. Their numbers "
             "are written below the chart.").format(months=format_fact("endpoint_months", lang))


def icon_chart_name(title: str, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Picture of {n} people, {title}: filled figures were alive, outlined figures had died. The "
             "numbers are written below the picture.").format(n=format_fact("denominator", lang), title=title)


def hr_chart_description(curve, est: Estimate | None, crossing: float | None, lang: str) -> str:
    import numpy as np

    _ = gettext_for(lang, DOMAIN)

    def at(p: float) -> str:
        hr = float(np.exp(np.interp(np.log(p), np.log(curve["pnfh"]), np.log(curve["hazard_ratio"]))))
        return format_number(hr, HR_DECIMALS, lang)

    parts = [_(
        "Line chart of the model's hazard ratio across CSF-pNFH levels. It rises with the level: "
        "{hr_a} at {low} pg/mL and {hr_b} at {cut} pg/mL."
    ).format(hr_a=at(registry().value("pnfh_low_min")), low=format_fact("pnfh_low_min", lang),
             hr_b=at(registry().value("pnfh_cut")), cut=format_fact("pnfh_cut", lang))]
    if crossing is not None:
        parts.append(_("It crosses {hr_reference} at about {level} pg/mL.").format(
            hr_reference=format_fact("hr_reference", lang), level=format_number(round(crossing, -2), 0, lang)))
    if est is not None:
        parts.append(hr_sentence(est, lang))
    return " ".join(parts)


def survival_chart_description(est: Estimate, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    v = numbers(est, lang).as_dict()
    return _(
        "Model-based survival curves, not trial data, for a CSF-pNFH level of {level} pg/mL, over "
        "{days} days. At the end: {alive_riluzole} in {denominator} alive on riluzole alone, {alive_il2} "
        "in {denominator} with IL-2LD added."
    ).format(denominator=format_fact("denominator", lang), **v)


def hr_labels(level: float | None, lang: str) -> HrLabels:
    """The hazard-ratio curve's words, for the biomarker page and the clinic view alike."""
    from charts.hr_curve import HrLabels

    _ = gettext_for(lang, DOMAIN)
    reference = format_fact("hr_reference", lang)
    return HrLabels(
        x_title=_("CSF-pNFH (pg/mL, log scale)"),
        y_title=_("Hazard ratio (log scale)"),
        dense=_("Many people in the trial"),
        sparse=_("Few people in the trial: less certain"),
        sparse_region=_("Few people"),
        below_one=_("Below {hr_reference}: fewer deaths with IL-2LD").format(hr_reference=reference),
        above_one=_("Above {hr_reference}: more deaths with IL-2LD").format(hr_reference=reference),
        chosen="" if level is None else _("Your level: {level}").format(level=format_number(level, 0, lang)),
        cut_labels=(format_fact("pnfh_low_min", lang), format_fact("pnfh_cut", lang)),
    )

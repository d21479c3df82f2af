"""Sentences for the handout's CSF-pNFH scenario, built on ``model.benefit.estimate``.

Interim: the model branch owns the scenario sentences the /biomarker page shows; it has not
published them yet, so these follow the agreed contract (the ``Estimate`` fields) and should be
replaced by the model's own sentence functions as soon as they exist (nothing written twice).
Every number comes from the estimate or the registry and is formatted as the app formats it.
"""

from __future__ import annotations

from content.facts import format_fact, format_number, format_range
from content.i18n import gettext_for
from handout import upstream

DOMAIN = "handout"


def hr_text(value: float, lang: str) -> str:
    """A hazard ratio as the app shows it (two decimals)."""
    return format_number(value, 2, lang)


def scenario_sentences(pnfh: float, lang: str) -> list[str]:
    _ = gettext_for(lang, DOMAIN)
    est = upstream.estimate(pnfh)
    level = format_number(pnfh, 0, lang)
    low, high = est.hazard_ratio_ci
    first = _(
        "For a CSF-pNFH level of {level} pg/mL, the model estimates a hazard ratio of {hr} "
        "({interval} range: {low} to {high})."
    ).format(level=level, hr=hr_text(est.hazard_ratio, lang), interval=format_fact("interval_level_percent", lang) + "%",
             low=hr_text(low, lang), high=hr_text(high, lang))
    r_lo, r_hi = est.survival_riluzole_ci
    i_lo, i_hi = est.survival_il2_ci
    second = _(
        "Out of {denominator} people with this level, the model expects about {ril} to be alive after "
        "{months} months on riluzole alone (range {ril_range}) and about {il2} with IL-2LD added "
        "(range {il2_range})."
    ).format(
        denominator=format_fact("denominator", lang),
        months=format_fact("endpoint_months", lang),
        ril=format_number(est.alive_riluzole_of_100, 0, lang),
        il2=format_number(est.alive_il2_of_100, 0, lang),
        ril_range=format_range(100 * r_lo, 100 * r_hi, 0, lang),
        il2_range=format_range(100 * i_lo, 100 * i_hi, 0, lang),
    )
    d_lo, d_hi = est.extra_alive_ci_of_100
    extra = est.extra_alive_of_100
    n = lambda v: format_number(v, 0, lang)  # noqa: E731
    if d_lo > 0:
        third = _("That is about {extra} more people alive with IL-2LD (range {low} to {high} more).").format(
            extra=n(extra), low=n(d_lo), high=n(d_hi))
    elif d_hi < 0:
        third = _("That is about {extra} fewer people alive with IL-2LD (range {low} to {high} fewer).").format(
            extra=n(-extra), low=n(-d_hi), high=n(-d_lo))
    else:
        third = _("The difference is about {extra} people (range {low} to {high}): the range includes no difference at all.").format(
            extra=n(extra), low=n(d_lo), high=n(d_hi))
    return [first, second, third]


def scenario_caveats(pnfh: float, lang: str) -> list[str]:
    _ = gettext_for(lang, DOMAIN)
    est = upstream.estimate(pnfh)
    out = []
    if not est.in_trial_range:
        out.append(_("This level lies outside the range most people in the trial had: the model is guessing here."))
    elif est.sparse:
        out.append(_("Few people in the trial had a level like this, so the estimate is less certain."))
    out.append(
        _(
            "This is a model, not the trial's own data: the trial did not publish results for each "
            "CSF-pNFH level. The model rests on assumptions (for example, how CSF-pNFH changes the "
            "effect of IL-2LD), and the answer moves when they move. It describes groups of people, "
            "not you: it is not a prediction for one person."
        )
    )
    return out

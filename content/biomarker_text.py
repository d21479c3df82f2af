"""The model's answer in words, for the /biomarker page and the handout alike (no Streamlit).

Every sentence is built here once so the page and the printed handout can never disagree. Numbers
come from the model's Estimate and the facts registry, formatted for the language.
"""

from __future__ import annotations

from dataclasses import dataclass

from content.facts import format_fact, format_number, format_range
from content.i18n import gettext_for
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
    return Numbers(
        level=format_number(est.pnfh, 0, lang),
        months=format_fact("endpoint_months", lang),
        days=format_number(est.days, 0, lang),
        alive_riluzole=format_number(est.alive_riluzole_of_100, 0, lang),
        alive_il2=format_number(est.alive_il2_of_100, 0, lang),
        died_riluzole=format_number(100 - est.alive_riluzole_of_100, 0, lang),
        died_il2=format_number(100 - est.alive_il2_of_100, 0, lang),
        hr=format_number(est.hazard_ratio, HR_DECIMALS, lang),
        hr_low=format_number(low, HR_DECIMALS, lang),
        hr_high=format_number(high, HR_DECIMALS, lang),
        hr_ci=format_range(low, high, HR_DECIMALS, lang),
        surv_ril_ci=format_range(100 * est.survival_riluzole_ci[0], 100 * est.survival_riluzole_ci[1], 0, lang),
        surv_il2_ci=format_range(100 * est.survival_il2_ci[0], 100 * est.survival_il2_ci[1], 0, lang),
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
    out = [
        _(
            "Out of 100 people with a CSF-pNFH level of {level} pg/mL, after {months} months: "
            "on riluzole alone, about {alive_riluzole} would be alive and {died_riluzole} would have died."
        ).format(**v),
        _(
            "With IL-2LD added to riluzole: about {alive_il2} would be alive and {died_il2} would have died."
        ).format(**v),
    ]
    diff = est.extra_alive_of_100
    low, high = est.extra_alive_ci_of_100
    if diff > 0:
        head = _("That is {n} more people alive out of 100 with IL-2LD added.").format(
            n=format_number(diff, 0, lang))
    elif diff < 0:
        head = _("That is {n} fewer people alive out of 100 with IL-2LD added.").format(
            n=format_number(-diff, 0, lang))
    else:
        head = _("That is about the same number of people alive out of 100, with or without IL-2LD.")
    out.append(head)
    out.append(
        _("The model is not sure of this: the true difference could be anywhere from {low} to {high} out of 100.").format(
            low=people_change(low, lang), high=people_change(high, lang))
    )
    return out


def hr_sentence(est: Estimate, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _(
        "In the model, the hazard ratio at {level} pg/mL is {hr} (95% confidence interval {hr_ci}). "
        "Below 1 means fewer deaths with IL-2LD; above 1 means more."
    ).format(**numbers(est, lang).as_dict())


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

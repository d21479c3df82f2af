"""The one door through which the handout reads the results page's and the model's work.

The handout writes no result sentence and computes no model answer of its own: the results page
(``content.results_figures``) and the CSF-pNFH model (``model.benefit`` and its scenario
sentences) own them, and the app's pages show the very same ones. This module only adapts their
return values to the handout's blocks.

Until those branches are merged, ``_Interim`` below supplies registry-only stand-ins for the
results sentences (marked as such) so the handout can be built and tested; the model has no
stand-in: without it, the scenario is simply unavailable.
"""

from __future__ import annotations

from typing import Any

from content.facts import format_fact, format_number, registry
from content.i18n import gettext_for

DOMAIN = "handout"

try:  # the results page's pure functions
    from content import results_figures as _results  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the merge state
    _results = None

try:  # the CSF-pNFH model
    from model import benefit as _benefit  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the merge state
    _benefit = None


class ModelUnavailable(RuntimeError):
    """The CSF-pNFH model is not part of this build."""


def model_available() -> bool:
    return _benefit is not None


# ------------------------------------------------------------------ results
def main_message(lang: str) -> str:
    if _results is not None and hasattr(_results, "main_message"):
        return _results.main_message(lang)
    return _Interim.main_message(lang)


def arm_title(arm: str, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _("Riluzole + placebo") if arm == "placebo" else _("Riluzole + IL-2LD")


def arm_sentence(arm: str, lang: str) -> str:
    if _results is not None and hasattr(_results, "arm_sentence"):
        return _results.arm_sentence(arm, lang)
    return _Interim.arm_sentence(arm, lang)


def results_intro(lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    return _(
        "Each picture shows {denominator} people like those in the trial: how many of them were alive "
        "{months} months after starting. The same pictures are on the results page of the app."
    ).format(months=format_fact("endpoint_months", lang), denominator=format_fact("denominator", lang))


def forest_rows(lang: str) -> list[dict[str, Any]]:
    """Rows for the hazard-ratio plot: label, hr, ci (None where not published), value_text."""
    if _results is not None and hasattr(_results, "forest_rows"):
        return [_adapt_forest_row(row, lang) for row in _results.forest_rows(lang)]
    return _Interim.forest_rows(lang)


def forest_notes(lang: str) -> list[str]:
    if _results is not None and hasattr(_results, "forest_notes"):
        return list(_results.forest_notes(lang))
    return _Interim.forest_notes(lang)


def safety_summary(lang: str) -> list[str]:
    if _results is not None and hasattr(_results, "safety_summary"):
        text = _results.safety_summary(lang)
        return [p.strip() for p in text.split("\n\n") if p.strip()] if isinstance(text, str) else list(text)
    return _Interim.safety_summary(lang)


def _adapt_forest_row(row: Any, lang: str) -> dict[str, Any]:
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    hr = float(get("hr"))
    ci = get("ci")
    if ci is None and get("ci_low") is not None:
        ci = (get("ci_low"), get("ci_high"))
    ci = (float(ci[0]), float(ci[1])) if ci else None
    text = get("value_text") or _value_text(hr, ci, lang)
    return {"label": get("label"), "hr": hr, "ci": ci, "value_text": text}


def _value_text(hr: float, ci: tuple[float, float] | None, lang: str) -> str:
    _ = gettext_for(lang, DOMAIN)
    if ci is None:
        return _("{hr} (interval not published)").format(hr=format_number(hr, 2, lang))
    return _("{hr} ({low} to {high})").format(
        hr=format_number(hr, 2, lang), low=format_number(ci[0], 2, lang), high=format_number(ci[1], 2, lang)
    )


# ------------------------------------------------------------------ model
def estimate(pnfh: float) -> Any:
    if _benefit is None:
        raise ModelUnavailable("the CSF-pNFH model (model.benefit) is not in this build")
    return _benefit.estimate(pnfh)


def scenario_sentences(pnfh: float, lang: str) -> list[str]:
    if _benefit is None:
        raise ModelUnavailable("the CSF-pNFH model (model.benefit) is not in this build")
    raise NotImplementedError


def scenario_arm_sentence(arm: str, est: Any, lang: str) -> str:
    raise NotImplementedError


def scenario_caveats(pnfh: float, lang: str) -> list[str]:
    raise NotImplementedError


# ------------------------------------------------------------------ interim stand-ins
class _Interim:
    """Registry-only sentences used only while content.results_figures is missing."""

    @staticmethod
    def main_message(lang: str) -> str:
        _ = gettext_for(lang, DOMAIN)
        return _(
            "Across the whole trial, IL-2LD added to riluzole did not clearly change how many people "
            "were alive after {months} months. In people with a low CSF-pNFH level it may have helped; "
            "this needs to be confirmed in a larger trial."
        ).format(months=format_fact("endpoint_months", lang))

    @staticmethod
    def arm_sentence(arm: str, lang: str) -> str:
        from charts.icon_array import people_out_of

        _ = gettext_for(lang, DOMAIN)
        reg = registry()
        key = "alive_placebo" if arm == "placebo" else "alive_il2"
        alive = people_out_of(reg.value(key), reg.value("randomised_per_arm"))
        template = (
            _("Riluzole + placebo: about {alive} out of {denominator} people were alive after {months} months; {died} had died.")
            if arm == "placebo"
            else _("Riluzole + IL-2LD: about {alive} out of {denominator} people were alive after {months} months; {died} had died.")
        )
        return template.format(
            alive=format_number(alive, 0, lang),
            died=format_number(100 - alive, 0, lang),
            denominator=format_fact("denominator", lang),
            months=format_fact("endpoint_months", lang),
        )

    @staticmethod
    def forest_rows(lang: str) -> list[dict[str, Any]]:
        _ = gettext_for(lang, DOMAIN)
        reg = registry()
        rows = []
        for key, label in (
            ("hr_overall", _("Everyone in the trial")),
            ("hr_low", _("Low CSF-pNFH ({low}–{cut} pg/mL)")),
            ("hr_high", _("High CSF-pNFH (above {cut} pg/mL)")),
        ):
            fact = reg[key]
            label = label.format(low=format_fact("pnfh_low_min", lang), cut=format_fact("pnfh_cut", lang))
            rows.append({"label": label, "hr": fact.number, "ci": fact.ci,
                         "value_text": _value_text(fact.number, fact.ci, lang)})
        return rows

    @staticmethod
    def forest_notes(lang: str) -> list[str]:
        _ = gettext_for(lang, DOMAIN)
        return [
            _("A hazard ratio below 1 means fewer deaths with IL-2LD, above 1 more deaths. "
              "The line shows the 95% confidence interval: the range the true value probably lies in."),
            _("The high group's interval was not published, so none is drawn. The often-quoted {hr} "
              "is a model's estimate for a CSF-pNFH level of zero, not the result for the low group.").format(
                hr=format_fact("hr_adjusted", lang)),
        ]

    @staticmethod
    def safety_summary(lang: str) -> list[str]:
        _ = gettext_for(lang, DOMAIN)
        return [
            _("IL-2LD was generally well tolerated. The most common side effects were reactions where "
              "the injection went in and flu-like symptoms, mostly mild to moderate."),
            _("Serious side effects thought to be caused by the treatment: {il2} people on IL-2LD and "
              "{placebo} on placebo.").format(il2=format_fact("sae_il2", lang), placebo=format_fact("sae_placebo", lang)),
        ]

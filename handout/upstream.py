"""The one door through which the handout reads the results page's and the model's work.

The handout writes no result sentence and computes no model answer of its own: the results page
(``content.results_figures``) and the CSF-pNFH model (``model.benefit`` and its scenario
sentences) own them, and the app's pages show the very same ones. This module only adapts their
return values to the handout's blocks.

The scenario's sentences are the /biomarker page's (``content.biomarker_text``).
"""

from __future__ import annotations

from typing import Any

from content import biomarker_text, results_figures
from content.i18n import gettext_for

# ``model.benefit`` (scipy, lifelines, the fit) is imported by the functions below that need it, so
# a handout without a CSF-pNFH scenario never loads it.

# The biomarker page's catalog: the scenario's panel titles are its words, already translated.
_BIOMARKER_DOMAIN = "biomarker"


# ------------------------------------------------------------------ results
def main_message(lang: str) -> str:
    """Markdown (a short bullet list), exactly as the results page shows it."""
    return results_figures.main_message(lang)


def arm_title(arm: str, lang: str) -> str:
    return results_figures.arm_name(arm, lang)


def arm_sentence(arm: str, lang: str) -> str:
    return results_figures.arm_sentence(arm, lang)


def arm_alive(arm: str) -> int:
    """Whole people out of 100 alive at the endpoint (charts.icon_counts.people_out_of)."""
    return int(results_figures.arm_outcomes()[arm]["alive"])


def results_intro(lang: str) -> str:
    return results_figures.block("out_of_100_intro", lang)


def forest_rows(lang: str) -> list[dict[str, Any]]:
    """Rows for the hazard-ratio plot: label, hr, ci (None where not published), value and note."""
    rows = []
    for row in results_figures.forest_records(lang):
        ci = (float(row["ci_low"]), float(row["ci_high"])) if row["ci_known"] else None
        text, interval = row["hr_text"], row["ci_text"]
        value = f"{text}（{interval}）" if lang == "zh" else f"{text} ({interval})"
        rows.append({"label": row["label"], "hr": float(row["hr"]), "ci": ci, "value_text": value, "note": row["note"]})
    return rows


def forest_labels(lang: str) -> dict[str, str]:
    return results_figures.forest_labels(lang)


def forest_description(lang: str) -> str:
    return results_figures.forest_description(lang, True)


def icon_description(arm: str, lang: str) -> str:
    return results_figures.icon_description(arm, lang)


def safety_summary(lang: str) -> str:
    """Markdown paragraphs, exactly as the results page shows them."""
    return results_figures.safety_summary(lang)


# ------------------------------------------------------------------ model
def validate_pnfh(value: object) -> float:
    """A usable CSF-pNFH level or ValueError (the model's own rule, range included)."""
    from model import benefit

    return benefit.validate(value)


def pnfh_limits() -> tuple[float, float]:
    from model import benefit

    return benefit.INPUT_MIN, benefit.INPUT_MAX


def estimate(pnfh: float) -> Any:
    from model import benefit

    return benefit.estimate(float(pnfh))


def scenario_counts(est: Any, lang: str) -> list[str]:
    """Out of 100: each arm both ways, the difference and its range (the biomarker page's words)."""
    return biomarker_text.count_sentences(est, lang)


def scenario_published(est: Any, lang: str) -> list[str]:
    """The group's published result first and (high group) the supportive words. Its sources are
    in the handout's own list of sources."""
    out = list(biomarker_text.published_sentences(est.band, lang))
    if est.band == "high":
        out += biomarker_text.high_level_support(lang)
    return out


def scenario_outside(est: Any, lang: str) -> str:
    return biomarker_text.outside_sentence(est, lang)


def scenario_who(lang: str) -> str:
    return biomarker_text.who_sentence(lang)


def scenario_hr_sentence(est: Any, lang: str) -> str:
    return biomarker_text.hr_sentence(est, lang, explain=False)


def scenario_caveats(est: Any, lang: str) -> list[str]:
    """The assay note, then (only where the model shows numbers) the model caveat."""
    out = [biomarker_text.assay_note(lang)]
    if est.model_shown:
        out.append(biomarker_text.model_caveat(lang))
    return out


def scenario_hr_text(est: Any, lang: str) -> str:
    """The scenario's hazard ratio exactly as the app prints it (two decimals)."""
    from content.facts import format_number

    return format_number(est.hazard_ratio, biomarker_text.HR_DECIMALS, lang)


def scenario_arm_title(arm: str, lang: str) -> str:
    t = gettext_for(lang, _BIOMARKER_DOMAIN)
    return t("Riluzole alone") if arm == "riluzole" else t("Riluzole with IL-2LD")

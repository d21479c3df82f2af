"""The explainer pages' two pictures and key-terms lists, built from the registry in one language (no Streamlit).

The trial timeline and the IL-2 chain of steps: tidy data with translated labels and a description
that says in words what each picture shows (it becomes the chart's accessible name).
"""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd

from charts.illustration import chain_chart
from charts.timeline import cycle_starts, days_to_months, timeline_chart, weeks_to_months
from content.facts import placeholders, registry
from content.glossary import glossary
from content.i18n import gettext_for, language


def _fill(template: str, lang: str) -> str:
    return template.format_map(placeholders(lang))


@lru_cache(maxsize=4)
def timeline_parts(lang: str) -> dict[str, object]:
    """The timeline's data and texts for ``lang`` (separate from the chart so tests can read them)."""
    _ = gettext_for(lang, "app")
    reg = registry()
    run_in_start = -weeks_to_months(reg.value("runin_weeks_max"))
    treatment = reg.value("treatment_months")
    endpoint = reg.value("endpoint_months")
    lane_riluzole = _("Riluzole tablets (everyone)")
    lane_injections = _("Injections")
    segments = pd.DataFrame(
        [
            (lane_riluzole, "run_in", run_in_start, 0.0, _("Run-in"), True),
            (lane_riluzole, "riluzole", 0.0, endpoint, _("Everyone keeps taking riluzole"), False),
            (
                lane_injections,
                "injections",
                0.0,
                treatment,
                _fill(_("IL-2LD or placebo injections, {injection_days} days every {cycle_days} days"), lang),
                False,
            ),
            (lane_injections, "follow_up", treatment, endpoint, _("Follow-up"), True),
        ],
        columns=["lane", "kind", "start", "end", "label", "label_below"],
    )
    events = pd.DataFrame(
        [
            (0.0, _("Randomisation"), "left", "top"),
            (
                days_to_months(reg.value("endpoint_days")),
                _fill(_("Main result: survival at {endpoint_months} months"), lang),
                "right",
                "bottom",
            ),
        ],
        columns=["month", "label", "align", "row"],
    )
    description = _fill(
        _(
            "Timeline of the MIROCALS trial. First, everyone took riluzole on its own for "
            "{runin_weeks_min} to {runin_weeks_max} weeks (the run-in). Then people were put into "
            "two groups at random. One group had IL-2LD injections and the other placebo injections: "
            "{injection_days} days in a row every {cycle_days} days, for {treatment_months} months. "
            "Everyone kept taking riluzole. The main result was whether people were alive "
            "{endpoint_months} months ({endpoint_days} days) after the groups were formed."
        ),
        lang,
    )
    ticks = sorted({0, *range(6, int(treatment) + 1, 6), int(endpoint)})
    return {
        "segments": segments,
        "events": events,
        "lanes": [lane_riluzole, lane_injections],
        "axis_title": _("Months after the groups were formed"),
        "description": description,
        "cycles": cycle_starts(reg.value("cycle_days"), treatment),
        "cycle_lane": lane_injections,
        "ticks": ticks,
    }


def trial_timeline(lang: str) -> alt.LayerChart:
    parts = timeline_parts(lang)
    return timeline_chart(
        parts["segments"],  # type: ignore[arg-type]
        parts["events"],  # type: ignore[arg-type]
        lanes=parts["lanes"],  # type: ignore[arg-type]
        axis_title=parts["axis_title"],  # type: ignore[arg-type]
        description=parts["description"],  # type: ignore[arg-type]
        cycles=parts["cycles"],  # type: ignore[arg-type]
        cycle_lane=parts["cycle_lane"],  # type: ignore[arg-type]
        ticks=parts["ticks"],  # type: ignore[arg-type]
    )


@lru_cache(maxsize=4)
def chain_parts(lang: str) -> dict[str, object]:
    _ = gettext_for(lang, "app")
    seen, unproven = _("Seen in trials"), _("Not proven")
    steps = pd.DataFrame(
        [
            (1, _("Low-dose IL-2"), _("Small injections under the skin"), "seen", seen),
            (2, _("More regulatory T cells"), _("The immune system's brakes"), "seen", seen),
            (3, _("Less inflammation"), _("Lower CCL2, a signal of inflammation in the blood"), "seen", seen),
            (4, _("Nerve cells protected?"), _("This is what the trials set out to test"), "unproven", unproven),
        ],
        columns=["step", "title", "detail", "status", "status_label"],
    )
    description = _(
        "Diagram of the idea behind low-dose IL-2, in four steps. One: low-dose IL-2 is injected "
        "under the skin. Two: regulatory T cells increase. Three: inflammation goes down, and CCL2 "
        "in the blood falls. Four: this might protect nerve cells and slow ALS. Steps two and three "
        "were seen in the IMODALS and MIROCALS trials. Step four is not proven."
    )
    return {"steps": steps, "description": description}


def il2_chain(lang: str) -> alt.LayerChart:
    parts = chain_parts(lang)
    return chain_chart(parts["steps"], description=parts["description"])  # type: ignore[arg-type]


def key_terms_markdown(keys: list[str] | tuple[str, ...], lang: str) -> str:
    """A Markdown list: each term in bold, then its plain definition (figures from the registry)."""
    terms = glossary()
    colon = language(lang).colon
    return "\n".join(f"- **{terms[k].term(lang)}**{colon}{terms[k].definition(lang)}" for k in keys)

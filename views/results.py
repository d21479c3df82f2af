"""What the trial found, as numbers, sentences and tables: pure Python, no Streamlit.

The results page and the take-home handout both draw from here, so the two can never disagree.
Every figure comes from the facts registry (``content.facts``); counts of people "out of 100" come
from ``model.counts.people_out_of`` so the icon arrays, the sentences and the handout show the
same people.

Public functions (``lang`` is "en" or "zh"):

- ``arm_outcomes() -> dict[str, dict]``: for "placebo" and "il2": ``alive`` / ``died`` (whole people
  out of ``denominator``), ``alive_count`` / ``died_count`` / ``randomised`` (the trial's counts),
  ``alive_percent`` / ``died_percent`` (exact, one decimal, from the counts).
- ``arm_name(arm, lang) -> str``, ``status_labels(lang) -> dict``, ``icon_description(arm, lang)``:
  the icon arrays' title, legend labels and accessible name.
- ``icon_difference() -> dict``: the gap in the pictures (whole people) and the exact gap in
  percentage points (registry ``alive_difference_points``), and whether they differ.
- ``arm_sentence(arm, lang, markdown=True) -> str``: one arm, framed both ways (alive and died);
  ``markdown=False`` gives plain text for the PDF.
- ``difference_sentence(lang, show_ci=True) -> str``: the gap, honest about rounding, with the
  whole-trial hazard ratio and (when ``show_ci``) its interval.
- ``main_message(lang, show_ci=True) -> str``: the page's main message (Markdown).
- ``safety_summary(lang) -> str``: serious adverse events, mild side effects, Tregs and CCL2 (Markdown).
- ``block(name, lang, show_ci=True) -> str``: any results prose document ("main_message",
  "out_of_100_intro", "groups", "safety", "how_sure", "not_mean"), filled in (Markdown).
- ``forest_records(lang) -> list[dict]`` and ``forest_rows(lang) -> DataFrame`` (the same rows as
  a table): one row per hazard ratio, in display order: ``order``, ``key``,
  ``label``, ``hr``, ``ci_low``, ``ci_high`` (NaN when not published), ``ci_known``, ``note``,
  ``hr_text``, ``ci_text`` (or the translated "interval not published"), ``hr_ci_text`` (both),
  ``p_text`` ("" when none).
- ``forest_labels(lang) -> dict`` and ``forest_description(lang, show_ci) -> str``: translated chart
  labels and the chart's accessible name (it states every number).
- ``results_table(lang, show_ci=True) -> DataFrame``: the forest plot's numbers as a table with
  translated column names (the interval column is left out when ``show_ci`` is false).
- ``ci_phrases(lang, show_ci) -> dict``: per-request values the results prose takes
  (``hr_overall_range``...): the interval in words, or "" when the ranges are hidden.
- ``prose_extras(lang, show_ci) -> dict``: every per-request value the results prose documents use.

pandas (the tables) and Altair (``arm_icon_spec``) are imported by the functions that need them, so
the handout's command line, which only takes words and numbers from here, loads neither.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from charts.icons import icon_grid
from content.facts import format_fact, format_number, format_range, registry
from content.i18n import gettext_for, language
from content.prose import render
from model.counts import people_out_of

if TYPE_CHECKING:
    import pandas as pd

ARMS = ("placebo", "il2")
_ALIVE_KEY = {"placebo": "alive_placebo", "il2": "alive_il2"}
# The adjusted model's 0.32 is not a row: it is a coefficient at CSF-pNFH zero, not a result for any
# group of people (Lancet comment); the chart's description and the page's text explain it instead.
FOREST_KEYS = ("hr_overall", "hr_low", "hr_high")
_P_KEY = {"hr_overall": "p_overall", "hr_adjusted": "p_adjusted", "hr_low": "p_low"}


def _t(lang: str):
    return gettext_for(lang, "results")


# ---------------------------------------------------------------- out of 100


def arm_outcomes() -> dict[str, dict]:
    """Each arm's outcome at the endpoint, as whole people out of the denominator and exactly."""
    reg = registry()
    per_arm = reg.value("randomised_per_arm")
    denominator = int(reg.value("denominator"))
    out = {}
    for arm in ARMS:
        alive_count = reg.value(_ALIVE_KEY[arm])
        alive = people_out_of(alive_count, per_arm, denominator)
        died_count = per_arm - alive_count
        out[arm] = {
            "alive": alive,
            "died": denominator - alive,
            "denominator": denominator,
            "alive_count": int(alive_count),
            "died_count": int(died_count),
            "randomised": int(per_arm),
            "alive_percent": round(100 * alive_count / per_arm, 1),
            "died_percent": round(100 * died_count / per_arm, 1),
        }
    return out


def icon_difference() -> dict:
    """The gap between the arms: in the pictures (whole people) and exactly (percentage points)."""
    arms = arm_outcomes()
    icons = arms["il2"]["alive"] - arms["placebo"]["alive"]
    points = registry().value("alive_difference_points")
    return {
        "icons": icons,
        "points": points,
        "about": int(points + 0.5),
        "rounding_differs": icons != int(points + 0.5),
    }


def arm_name(arm: str, lang: str) -> str:
    """The arm's name as the page and handout write it."""
    _ = _t(lang)
    return {"placebo": _("Placebo (with riluzole)"), "il2": _("IL-2LD (with riluzole)")}[arm]


def arm_sentence(arm: str, lang: str, markdown: bool = True) -> str:
    """One arm, both ways: alive and died, out of 100, with the trial's own counts.
    Markdown (the arm's name in bold) unless ``markdown`` is false (for the PDF handout)."""
    _ = _t(lang)
    o = arm_outcomes()[arm]
    template = {
        "placebo": _(
            "**Placebo:** out of {denominator} people, about {alive} were alive after "
            "{months} months and {died} had died. (In the trial: {alive_count} of {randomised} "
            "alive, {alive_percent}%.)"
        ),
        "il2": _(
            "**IL-2LD:** out of {denominator} people, about {alive} were alive after "
            "{months} months and {died} had died. (In the trial: {alive_count} of {randomised} "
            "alive, {alive_percent}%.)"
        ),
    }[arm]
    text = template.format(
        denominator=o["denominator"],
        alive=o["alive"],
        died=o["died"],
        months=format_fact("endpoint_months", lang),
        alive_count=o["alive_count"],
        randomised=o["randomised"],
        alive_percent=format_number(o["alive_percent"], 1, lang),
    )
    return text if markdown else text.replace("**", "")


def _interval(key: str, lang: str) -> str:
    low, high = registry()[key].ci  # type: ignore[misc]
    return format_range(low, high, registry()[key].decimals, lang)


def ci_phrases(lang: str, show_ci: bool) -> dict[str, str]:
    """The interval of each published hazard ratio as a phrase, or "" when ranges are hidden."""
    _ = _t(lang)
    out = {}
    for key in ("hr_overall", "hr_adjusted", "hr_low", "hr_high"):
        fact = registry()[key]
        if not show_ci:
            out[f"{key}_range"] = ""
        elif fact.ci is not None:
            out[f"{key}_range"] = _("; {level}% confidence interval {interval}").format(
                level=format_fact("interval_level_percent", lang), interval=_interval(key, lang)
            )
        elif fact.ci_not_published:
            out[f"{key}_range"] = _("; its confidence interval was not published")
        else:
            raise ValueError(f"fact {key!r} has no interval and does not say it was not published")
    return out


def difference_sentence(lang: str, show_ci: bool = True) -> str:
    """The gap between the arms, honest about the pictures' rounding, with the relative effect."""
    _ = _t(lang)
    d = icon_difference()
    join = language(lang).sentence_join
    text = _(
        "With IL-2LD, about {about} more people out of {denominator} were alive after {months} "
        "months ({points} percentage points more)."
    ).format(
        about=d["about"],
        denominator=format_fact("denominator", lang),
        months=format_fact("endpoint_months", lang),
        points=format_fact("alive_difference_points", lang),
    )
    if d["rounding_differs"]:
        text += join + _("The pictures round each group to whole people, so they show a gap of {icons}.").format(
            icons=d["icons"]
        )
    text += join + _("A difference this size could be due to chance (hazard ratio {hr}{range}; p = {p}).").format(
        hr=format_fact("hr_overall", lang),
        range=ci_phrases(lang, show_ci)["hr_overall_range"],
        p=format_fact("p_overall", lang),
    )
    return text


# ---------------------------------------------------------------- prose blocks


def prose_extras(lang: str, show_ci: bool = True) -> dict[str, str]:
    """Every per-request value the results prose documents take, formatted for ``lang``."""
    arms = arm_outcomes()
    d = icon_difference()
    return {
        **ci_phrases(lang, show_ci),
        "placebo_alive": str(arms["placebo"]["alive"]),
        "placebo_died": str(arms["placebo"]["died"]),
        "il2_alive": str(arms["il2"]["alive"]),
        "il2_died": str(arms["il2"]["died"]),
        "gap_about": str(d["about"]),
    }


def adjusted_figure(lang: str, show_ci: bool = True, shown: bool = True) -> str:
    """The adjusted hazard ratio in brackets after its name, or "" while the reader has not chosen
    to see survival numbers (the explanation around it is not a number and is always shown)."""
    if not shown:
        return ""
    inner = format_fact("hr_adjusted", lang) + ci_phrases(lang, show_ci)["hr_adjusted_range"]
    return language(lang).parenthesise("", inner)


def block(name: str, lang: str, show_ci: bool = True, shown: bool = True) -> str:
    """One results prose document (``content/prose/<lang>/results/<name>.md``), filled in.

    ``shown``: whether the reader chose to see survival numbers (``ui.reveal``)."""
    return render(
        f"results/{name}", lang, **prose_extras(lang, show_ci), adjusted_figure=adjusted_figure(lang, show_ci, shown)
    )


def main_message(lang: str, show_ci: bool = True) -> str:
    """The main message, in plain words (Markdown)."""
    return block("main_message", lang, show_ci)


def safety_summary(lang: str) -> str:
    """Safety and biology: serious adverse events, mild side effects, Tregs and CCL2 (Markdown)."""
    return block("safety", lang)


# ---------------------------------------------------------------- hazard ratios


def _forest_text(lang: str) -> dict[str, dict[str, str]]:
    _ = _t(lang)
    low, cut = format_fact("pnfh_low_min", lang), format_fact("pnfh_cut", lang)
    return {
        "hr_overall": {
            "label": _("Everyone, main analysis"),
            "note": _("Not adjusted; the trial's primary analysis"),
        },
        "hr_low": {
            "label": _("Low CSF-pNFH group ({low}–{cut} pg/mL)").format(low=low, cut=cut),
            "note": _("About {share}% of people").format(share=format_fact("low_group_percent", lang)),
        },
        "hr_high": {
            "label": _("High CSF-pNFH group (above {cut} pg/mL)").format(cut=cut),
            "note": _("About {share}% of people").format(share=format_fact("high_group_percent", lang)),
        },
    }


def forest_records(lang: str) -> list[dict]:
    """One dict per hazard ratio, in display order. The interval is the figure's own: drawn where
    the registry has one, "not published" where the registry says so (``ci = "not published"``)."""
    _ = _t(lang)
    reg = registry()
    text = _forest_text(lang)
    rows = []
    for order, key in enumerate(FOREST_KEYS):
        fact = reg[key]
        known = fact.ci is not None
        if not known and not fact.ci_not_published:
            raise ValueError(f"fact {key!r} has no interval and does not say it was not published")
        hr_text = format_fact(key, lang)
        if fact.approx:
            hr_text = _("about {hr}").format(hr=hr_text)
        rows.append(
            {
                "order": order,
                "key": key,
                "label": text[key]["label"],
                "note": text[key]["note"],
                "hr": fact.number,
                "ci_low": fact.ci[0] if known and fact.ci else math.nan,
                "ci_high": fact.ci[1] if known and fact.ci else math.nan,
                "ci_known": bool(known and fact.ci),
                "hr_text": hr_text,
                "ci_text": _interval(key, lang) if known and fact.ci else _("interval not published"),
                "p_text": format_fact(_P_KEY[key], lang) if key in _P_KEY else "",
            }
        )
        rows[-1]["hr_ci_text"] = _("{hr} ({interval})").format(hr=rows[-1]["hr_text"], interval=rows[-1]["ci_text"])
    return rows


def forest_rows(lang: str) -> pd.DataFrame:
    """``forest_records`` as a table, for the chart."""
    import pandas as pd

    return pd.DataFrame(forest_records(lang))


def forest_labels(lang: str) -> dict[str, str]:
    """Translated labels for ``charts.forest.forest_chart``."""
    _ = _t(lang)
    return {
        "axis": _("Hazard ratio of death, IL-2LD compared with placebo (log scale)"),
        "fewer": _("← fewer deaths with IL-2LD"),
        "more": _("more deaths with IL-2LD →"),
        "kind_ci": _("Estimate with {level}% interval").format(level=format_fact("interval_level_percent", lang)),
        "kind_missing": _("Estimate, interval not published"),
        "kind_point": _("Estimate (ranges hidden)"),
        "hr": _("Hazard ratio"),
        "interval": _("{level}% confidence interval").format(level=format_fact("interval_level_percent", lang)),
        "estimate": _("Estimate"),
        "note": _("Note"),
    }


def forest_description(lang: str, show_ci: bool = True) -> str:
    """The forest plot's accessible name: what it shows and every number in it."""
    _ = _t(lang)
    parts = []
    for row in forest_records(lang):
        if show_ci:
            parts.append(
                _("{label}: {hr} ({interval})").format(label=row["label"], hr=row["hr_text"], interval=row["ci_text"])
            )
        else:
            parts.append(_("{label}: {hr}").format(label=row["label"], hr=row["hr_text"]))
    head = _(
        "Forest plot of hazard ratios of death with IL-2LD compared with placebo. Below {hr_reference} "
        "means fewer deaths with IL-2LD, above {hr_reference} more deaths."
    ).format(hr_reference=format_fact("hr_reference", lang))
    tail = _(
        "The adjusted model's {hr_adjusted} is not drawn: it is the estimate at a CSF-pNFH of zero, far "
        "below any level that can be measured, not a result for any group of people."
    ).format(hr_adjusted=format_fact("hr_adjusted", lang))
    return _("{intro} {items}. {warning}").format(intro=head, items=_("; ").join(parts), warning=tail)


def results_table(lang: str, show_ci: bool = True) -> pd.DataFrame:
    """The hazard ratios as a table with translated headers; the estimate's name is the index."""
    import pandas as pd

    labels = forest_labels(lang)
    _ = _t(lang)
    rows = forest_rows(lang)
    table = pd.DataFrame(
        {
            labels["estimate"]: rows["label"],
            labels["hr"]: rows["hr_text"],
        }
    )
    if show_ci:
        table[labels["interval"]] = rows["ci_text"]
    table[_("p value")] = [p or "–" for p in rows["p_text"]]
    table[labels["note"]] = rows["note"]
    return table.set_index(labels["estimate"])


def icon_description(arm: str, lang: str) -> str:
    """An icon array's accessible name: the arm and its numbers."""
    _ = _t(lang)
    o = arm_outcomes()[arm]
    return _(
        "{arm}: {denominator} person icons; {alive} filled icons for people alive after "
        "{months} months, {died} outline icons for people who had died."
    ).format(
        arm=arm_name(arm, lang),
        denominator=o["denominator"],
        alive=o["alive"],
        died=o["died"],
        months=format_fact("endpoint_months", lang),
    )


def status_labels(lang: str) -> dict[str, str]:
    """Legend labels for the icon arrays."""
    _ = _t(lang)
    return {"alive": _("Alive"), "died": _("Died")}


def arm_icon_spec(arm: str, lang: str, size: int, titled: bool = True) -> dict:
    """One arm's icon array as a Vega-Lite spec, the same on the results page and in clinic mode.
    ``titled=False`` leaves the arm's name to the page (as text, which wraps and keeps its size
    when a phone shrinks the picture)."""
    from charts.icon_array import icon_array_chart

    outcome = arm_outcomes()[arm]
    return icon_array_chart(
        icon_grid(outcome["alive"], outcome["denominator"]),
        status_labels=status_labels(lang),
        description=icon_description(arm, lang),
        title=arm_name(arm, lang) if titled else None,
        size=size,
    ).to_dict()


def forest_spec(lang: str, show_ci: bool = True, text_scale: float = 1.0, wrap_at: int | None = None) -> dict:
    """The forest plot as a Vega-Lite spec, for the results page and the clinic slide alike (the
    clinic's with larger text)."""
    from charts.forest import WRAP, forest_chart  # Altair: the handout's command line never loads it

    chart = forest_chart(
        forest_rows(lang),
        labels=forest_labels(lang),
        description=forest_description(lang, show_ci),
        show_ci=show_ci,
        text_scale=text_scale,
        wrap_at=wrap_at or WRAP,
    )
    return chart.to_dict()


def unpublished_intervals_note(lang: str) -> str | None:
    """Under the results table: which groups' intervals were not published (from the registry), or
    None when every interval is published."""
    _ = _t(lang)
    missing = [row["label"] for row in forest_records(lang) if not row["ci_known"]]
    if not missing:
        return None
    return _(
        "Confidence interval not published, so shown as missing: {estimates}. Source: the trial report "
        "and summaries listed on the Sources page."
    ).format(estimates=_("; ").join(missing))

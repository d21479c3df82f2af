"""Forest plot of hazard ratios: a pure function from a tidy table to an Altair chart.

Each estimate gets its own band: its name (and note) written above the line, so the labels stay
readable on a 390 px phone instead of being squeezed into an axis; the hazard ratio and its 95%
interval are drawn on a log scale with a reference line at 1 and both sides named. An estimate
whose interval was not published gets a different marker (open diamond, second cue besides
colour) and the words "interval not published": an interval is never invented.

Labels come in already translated (``content.results_figures.forest_labels``), so this module has
no language of its own.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

# Okabe-Ito: blue for estimates with an interval, vermillion for the one without.
CI_COLOUR = "#0072B2"
MISSING_COLOUR = "#D55E00"
REFERENCE_COLOUR = "#595959"
X_DOMAIN = (0.1, 4.0)
X_TICKS = [0.1, 0.2, 0.5, 1, 2, 4]
BAND = 78  # pixels per estimate: two lines of text above the marker
TOP = 44  # room for the "fewer / more deaths" labels


def _bands(rows: pd.DataFrame, show_ci: bool, labels: dict) -> pd.DataFrame:
    data = rows.sort_values("order").reset_index(drop=True).copy()
    data["y"] = TOP + BAND * data.index + BAND - 18
    data["kind"] = [
        (labels["kind_ci"] if show_ci else labels["kind_point"]) if known else labels["kind_missing"]
        for known in data["ci_known"]
    ]
    values = []
    for row in data.itertuples():
        if show_ci or not row.ci_known:
            values.append(f"{row.hr_text} ({row.ci_text})")
        else:
            values.append(row.hr_text)
    data["title_line"] = data["label"]
    data["value_line"] = [f"{v} · {n}" for v, n in zip(values, data["note"])]
    return data


def forest_chart(
    rows: pd.DataFrame,
    *,
    labels: dict,
    description: str,
    show_ci: bool,
    width: int | str = "container",
) -> alt.LayerChart:
    """The forest plot. ``rows`` as from ``content.results_figures.forest_rows``: ``order``,
    ``label``, ``note``, ``hr``, ``ci_low``, ``ci_high``, ``ci_known``, ``hr_text``, ``ci_text``.
    ``labels``: ``axis``, ``fewer``, ``more``, ``kind_ci``, ``kind_missing``, ``kind_point``.
    ``description`` becomes the chart's accessible name (state the numbers in it)."""
    data = _bands(rows, show_ci, labels)
    height = TOP + BAND * len(data)
    kinds = [labels["kind_ci"] if show_ci else labels["kind_point"], labels["kind_missing"]]

    x_scale = alt.Scale(type="log", domain=list(X_DOMAIN), clamp=True, nice=False)
    y_scale = alt.Scale(domain=[height, 0], range=[height, 0], zero=False, nice=False)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    base = alt.Chart(data)

    reference = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(color=REFERENCE_COLOUR, strokeWidth=1.5, strokeDash=[4, 3], aria=False)
        .encode(x=alt.X("x:Q", scale=x_scale))
    )
    sides = [
        alt.Chart(pd.DataFrame({"x": [x], "text": [text]}))
        .mark_text(
            fontSize=13, baseline="top", align=align, dy=4, fontWeight="bold", color="#333333",
            lineBreak="\n", aria=False,
        )
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.value(0), text="text:N")
        for x, text, align in ((0.93, labels["fewer"], "right"), (1.07, labels["more"], "left"))
    ]
    titles = base.mark_text(
        align="left", baseline="bottom", fontSize=14, fontWeight="bold", dy=-26, color="#1a1a1a", aria=False
    ).encode(x=alt.value(0), y=y, text="title_line:N")
    values = base.mark_text(
        align="left", baseline="bottom", fontSize=13, dy=-10, color="#333333", aria=False
    ).encode(x=alt.value(0), y=y, text="value_line:N")

    colour = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=kinds, range=[CI_COLOUR, MISSING_COLOUR]),
        legend=alt.Legend(title=None, orient="bottom", direction="vertical", labelFontSize=13, labelLimit=360),
    )
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["square", "diamond"]), legend=None)
    fill = alt.Fill("kind:N", scale=alt.Scale(domain=kinds, range=[CI_COLOUR, "#FFFFFF"]), legend=None)
    points = base.mark_point(size=170, strokeWidth=2.5, opacity=1, filled=False, aria=False).encode(
        x=alt.X("hr:Q", scale=x_scale, axis=alt.Axis(
            title=labels["axis"], values=X_TICKS, format="~g", labelFontSize=13, titleFontSize=13,
            titleLimit=360, grid=False, aria=False,
        )),
        y=y,
        color=colour,
        shape=shape,
        fill=fill,
        tooltip=alt.value(None),
    )
    layers = [reference, *sides, titles, values]
    if show_ci:
        known = data[data["ci_known"]]
        layers.append(
            alt.Chart(known)
            .mark_rule(strokeWidth=3, color=CI_COLOUR, aria=False)
            .encode(x=alt.X("ci_low:Q", scale=x_scale), x2="ci_high:Q", y=y)
        )
    layers.append(points)
    return (
        alt.layer(*layers)
        .properties(width=width, height=height, description=description)
        .configure_view(stroke=None)
        .configure_axis(labelColor="#333333", titleColor="#1a1a1a")
    )

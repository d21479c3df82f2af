"""Model-based survival curves for one CSF-pNFH level, both arms (pure: tidy data to Altair).

Riluzole alone: black, dashed; with IL-2LD: blue, solid (dash is the second cue); each line is
labelled at its end with its value, and the bands are decorative (the numbers are in the text).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
from charts.style import finish

COLOURS = {"riluzole": "#000000", "il2": "#0072B2"}
DASHES = {"riluzole": [7, 4], "il2": [1, 0]}


SURVIVAL_DATA = "survival"  # the named dataset a template is filled with


def survival_data(curves: pd.DataFrame, *, arm_labels: dict[str, str], end_labels: dict[str, str]) -> list[dict]:
    """The level-dependent part of the chart: tidy rows, with the end labels on the last day's rows."""
    end = float(curves["day"].max())
    data = curves.assign(
        label=curves["arm"].map(arm_labels),
        survival_pct=100 * curves["survival"],
        lower_pct=100 * curves["lower"],
        upper_pct=100 * curves["upper"],
        text=[end_labels[a] if d == end else "" for a, d in zip(curves["arm"], curves["day"])],
    )
    return data[["day", "label", "survival_pct", "lower_pct", "upper_pct", "text"]].to_dict("records")


def survival_template(
    *,
    arm_labels: dict[str, str],
    x_title: str,
    y_title: str,
    title: str,
    end_day: float,
    description: str | None = None,
    width: int | str = "container",
    height: int = 320,
) -> alt.LayerChart:
    """The chart without its data: built (and validated) once per language, filled per level.

    ``description`` (the accessible name) belongs in the template only when it does not depend on
    the level: see ``charts.style.fill``."""
    data = alt.NamedData(SURVIVAL_DATA)
    order = [arm_labels[a] for a in ("riluzole", "il2")]
    colour_scale = alt.Scale(domain=order, range=[COLOURS["riluzole"], COLOURS["il2"]])
    colour = alt.Color("label:N", scale=colour_scale,
                       legend=alt.Legend(title=None, orient="bottom", labelFontSize=13, symbolStrokeWidth=3,
                                         labelLimit=400))
    dash = alt.StrokeDash("label:N", scale=alt.Scale(domain=order, range=[DASHES["riluzole"], DASHES["il2"]]),
                          legend=None)
    x = alt.X("day:Q", scale=alt.Scale(domain=[0, end_day * 1.45], nice=False),
              axis=alt.Axis(title=x_title, values=list(range(0, int(end_day) + 1, 160)), labelFontSize=13,
                            titleFontSize=14, aria=False))
    y_axis = alt.Axis(title=y_title, values=[0, 20, 40, 60, 80, 100], labelFontSize=13, titleFontSize=14,
                      aria=False)
    band = alt.Chart(data).mark_area(opacity=0.12, aria=False).encode(
        x=x, y=alt.Y("lower_pct:Q", scale=alt.Scale(domain=[0, 100]), axis=y_axis), y2="upper_pct:Q",
        color=alt.Color("label:N", scale=colour_scale, legend=None),
        detail="label:N")
    lines = alt.Chart(data).mark_line(strokeWidth=3, aria=False).encode(
        x=x, y=alt.Y("survival_pct:Q", scale=alt.Scale(domain=[0, 100])), color=colour, strokeDash=dash)
    text = alt.Chart(data).transform_filter(alt.datum.text != "").mark_text(
        align="left", dx=5, fontSize=12, fontWeight="bold", aria=False
    ).encode(
        x=alt.X("day:Q"), y=alt.Y("survival_pct:Q"), text="text:N",
        color=alt.Color("label:N", scale=colour_scale, legend=None))
    chart = alt.layer(band, lines, text).properties(
        width=width, height=height, title=alt.Title(title, anchor="start", fontSize=15),
    )
    return finish(chart if description is None else chart.properties(description=description))

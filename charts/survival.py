"""Model-based survival curves for one CSF-pNFH level, both arms (pure: tidy data to Altair).

Riluzole alone: black, dashed; with IL-2LD: blue, solid (dash is the second cue); each line is
labelled at its end with its value, and the bands are decorative (the numbers are in the text).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

COLOURS = {"riluzole": "#000000", "il2": "#0072B2"}
DASHES = {"riluzole": [7, 4], "il2": [1, 0]}


def survival_chart(
    curves: pd.DataFrame,
    *,
    arm_labels: dict[str, str],
    end_labels: dict[str, str],
    x_title: str,
    y_title: str,
    title: str,
    description: str,
    width: int | str = "container",
    height: int = 320,
) -> alt.LayerChart:
    data = curves.assign(
        label=curves["arm"].map(arm_labels),
        survival_pct=100 * curves["survival"],
        lower_pct=100 * curves["lower"],
        upper_pct=100 * curves["upper"],
    )
    order = [arm_labels[a] for a in ("riluzole", "il2")]
    colour = alt.Color("label:N", scale=alt.Scale(domain=order, range=[COLOURS["riluzole"], COLOURS["il2"]]),
                       legend=alt.Legend(title=None, orient="bottom", labelFontSize=13, symbolStrokeWidth=3,
                                         labelLimit=400))
    dash = alt.StrokeDash("label:N", scale=alt.Scale(domain=order, range=[DASHES["riluzole"], DASHES["il2"]]),
                          legend=None)
    end = float(data["day"].max())
    x = alt.X("day:Q", scale=alt.Scale(domain=[0, end * 1.45], nice=False),
              axis=alt.Axis(title=x_title, values=list(range(0, int(end) + 1, 160)), labelFontSize=13,
                            titleFontSize=14, aria=False))
    y_axis = alt.Axis(title=y_title, values=[0, 20, 40, 60, 80, 100], labelFontSize=13, titleFontSize=14,
                      aria=False)
    band = alt.Chart(data).mark_area(opacity=0.12, aria=False).encode(
        x=x, y=alt.Y("lower_pct:Q", scale=alt.Scale(domain=[0, 100]), axis=y_axis), y2="upper_pct:Q",
        color=alt.Color("label:N", scale=alt.Scale(domain=order, range=[COLOURS["riluzole"], COLOURS["il2"]]),
                        legend=None),
        detail="label:N")
    lines = alt.Chart(data).mark_line(strokeWidth=3, aria=False).encode(
        x=x, y=alt.Y("survival_pct:Q", scale=alt.Scale(domain=[0, 100])), color=colour, strokeDash=dash)
    last = data[data["day"] == end].assign(text=lambda d: d["arm"].map(end_labels))
    text = alt.Chart(last).mark_text(align="left", dx=5, fontSize=12, fontWeight="bold", aria=False).encode(
        x=alt.X("day:Q"), y=alt.Y("survival_pct:Q"), text="text:N",
        color=alt.Color("label:N", scale=alt.Scale(domain=order, range=[COLOURS["riluzole"], COLOURS["il2"]]),
                        legend=None))
    return alt.layer(band, lines, text).properties(
        width=width, height=height, description=description,
        title=alt.Title(title, anchor="start", fontSize=15),
    ).configure_view(stroke=None)

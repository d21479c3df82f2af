"""The treatment hazard ratio across CSF-pNFH, with its band, cut-points and the chosen level.

Pure: tidy data in (model.benefit.hr_curve), Altair chart out. Every label arrives translated.
The model's curve is drawn only inside the model's range; outside it the plot is shaded and says
so. Second cues besides colour: the groups' published results are dashed black steps, the model a
solid blue line (with a legend); the reference line at 1 has a label on each side; the chosen
level has text. There is deliberately no "crossing point": the trial did not establish one.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from charts.forest import wrap
from charts.style import fill, finish, inline_data

BLUE = "#0072B2"  # Okabe-Ito blue: the model's hazard ratio
VERMILLION = "#D55E00"  # Okabe-Ito vermillion: the chosen level
GREY = "#595959"
SHADE = "#E6E6E6"
Y_CLIP = (0.1, 8.0)  # hazard ratios drawn (the text gives every number)
PADDING = {"left": 8, "right": 8, "top": 5, "bottom": 5}
REGION_LABEL_FOOT = 0.2  # the hazard ratio at the foot of the shaded region's label
LEGEND_WRAP = 30  # legend entries, in display units
TITLE_WRAP = 32  # the level axis's title, in display units
REGION_WRAP = 8  # display units (charts.forest.wrap: a Chinese character counts 2)
SMALLEST_TEXT = 12  # px: the smallest text the chart draws (before ``text_scale``)


CHOSEN = "chosen"  # the one named dataset, filled per level (its row says where the label goes)


@dataclass(frozen=True)
class HrLabels:
    x_title: str  # "CSF-pNFH (pg/mL, log scale)"
    y_title: str  # "Hazard ratio (log scale)"
    line: str  # legend: "Model: middle estimate and 95% range"
    published: str  # legend: "Published result of the group"
    outside_region: str  # text in the shaded regions: "No model numbers here"
    below_one: str  # "Below 1: fewer deaths with IL-2LD"
    above_one: str  # "Above 1: more deaths with IL-2LD"
    chosen: str  # "Your level: 2,000" (already formatted)
    cut_labels: tuple[str, ...]  # formatted cut-point numbers, same order as ``cut_points``
    x_format: str = ",.0f"  # d3 format of the level axis (".0f": no thousands separator, as Chinese)


def hr_curve_chart(
    curve: pd.DataFrame,
    *,
    labels: HrLabels,
    description: str,
    chosen: float | None,
    cut_points: tuple[float, ...],
    model_range: tuple[float, float],
    published: list[dict],
    x_domain: tuple[float, float] = (400.0, 10000.0),
    width: int | str = "container",
    height: int = 340,
    text_scale: float = 1.0,
) -> dict:
    """The chart as a Vega-Lite spec; with ``chosen=None`` a template for :func:`place_level`.

    ``curve`` (pnfh, hazard_ratio, lower, upper) is drawn only inside ``model_range``; outside it
    the plot is shaded and says there are no model numbers. ``published``: one dict per group with
    a published result (``x0``, ``x1``, ``hr``), drawn as a dashed black step (second cue: dash).
    ``text_scale`` enlarges every text, for the clinic's screen across the room."""

    def px(size: float) -> int:
        return round(size * text_scale)

    x_min, x_max = x_domain
    y_min, y_max = Y_CLIP[0], 4.0
    x_scale = alt.Scale(type="log", domain=[x_min, x_max], nice=False)
    y_scale = alt.Scale(type="log", domain=[y_min, y_max], nice=False, clamp=True)
    x_axis = alt.Axis(
        title=wrap(labels.x_title, TITLE_WRAP),  # lines: a phone at 320 px has about 250 px under the plot
        format=labels.x_format,
        values=[500, 1000, 2000, 4000, 8000],
        labelFontSize=px(13),
        titleFontSize=px(14),
        aria=False,
    )
    y_axis = alt.Axis(
        title=labels.y_title,
        values=[0.1, 0.2, 0.5, 1, 2, 4],
        labelFontSize=px(13),
        titleFontSize=px(14),
        aria=False,
    )

    lo, hi = model_range
    shade = pd.DataFrame({"x0": [x_min, hi], "x1": [lo, x_max]})
    regions = (
        alt.Chart(shade)
        .mark_rect(color=SHADE, opacity=0.8, aria=False)
        .encode(x=alt.X("x0:Q", scale=x_scale, axis=x_axis), x2="x1:Q")
    )
    # The shaded region right of the model is about a fifth of the plot: on a phone about 60 px,
    # so its label wraps to four Chinese characters (or eight letters) a line. It stands low in
    # the region, where nothing else is drawn (the chosen level's label is at the top, the
    # cut-points' at the foot); Vega
    # draws a text's lines downwards from its first, so the first moves up by the others.
    region_lines = wrap(labels.outside_region, REGION_WRAP)
    region_text = (
        alt.Chart(shade.iloc[[1]].assign(label="\n".join(region_lines), y=REGION_LABEL_FOOT))
        .mark_text(
            align="left",
            baseline="bottom",
            dx=px(4),
            dy=-px(4) - px(14) * (len(region_lines) - 1),
            fontSize=px(12),
            lineHeight=px(14),
            lineBreak="\n",
            color=GREY,
            aria=False,
            limit=px(150),
        )
        .encode(x=alt.X("x0:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N")
    )

    # Legend entries wrap (a 320 px screen has about 190 px beside the symbols): the line breaks
    # travel in the entry itself and the legend splits them into lines.
    line_kind, published_kind = ("\n".join(wrap(text, LEGEND_WRAP)) for text in (labels.line, labels.published))
    inside = curve[(curve["pnfh"] >= lo) & (curve["pnfh"] <= hi)].assign(kind=line_kind)
    kinds = [line_kind, published_kind]
    # One legend for both cues (colour and dash): Vega-Lite merges legends of the same field.
    legend = alt.Legend(
        title=None,
        orient="bottom",
        direction="vertical",
        labelFontSize=px(13),
        symbolStrokeWidth=3,
        symbolSize=px(100),
        labelLimit=px(400),
        labelExpr="split(datum.label, '\\n')",
        symbolType="stroke",
    )
    kind_dash = alt.StrokeDash("kind:N", scale=alt.Scale(domain=kinds, range=[[1, 0], [6, 3]]), legend=legend)
    kind_colour = alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[BLUE, "black"]), legend=legend)
    band = (
        alt.Chart(inside)
        .mark_area(color=BLUE, opacity=0.18, clip=True, aria=False)
        .encode(
            x=alt.X("pnfh:Q", scale=x_scale, axis=x_axis), y=alt.Y("lower:Q", scale=y_scale, axis=y_axis), y2="upper:Q"
        )
    )
    line = (
        alt.Chart(inside)
        .mark_line(strokeWidth=3, clip=True, aria=False)
        .encode(
            x=alt.X("pnfh:Q", scale=x_scale),
            y=alt.Y("hazard_ratio:Q", scale=y_scale),
            strokeDash=kind_dash,
            color=kind_colour,
        )
    )
    steps = pd.DataFrame(published).assign(kind=published_kind)
    step = (
        alt.Chart(steps)
        .mark_rule(strokeWidth=2.5, clip=True, aria=False)
        .encode(
            x=alt.X("x0:Q", scale=x_scale),
            x2="x1:Q",
            y=alt.Y("hr:Q", scale=y_scale),
            strokeDash=kind_dash,
            color=kind_colour,
        )
    )

    one = pd.DataFrame({"y": [1.0]})
    ref = alt.Chart(one).mark_rule(color="black", strokeWidth=1, aria=False).encode(y=alt.Y("y:Q", scale=y_scale))
    side = pd.DataFrame({"x": [x_min, x_min], "y": [1.0, 1.0], "label": [labels.above_one, labels.below_one]})
    # The two sides of 1 are named across the band and the lines; a white halo under each label
    # keeps it readable where it crosses them (on a phone the labels span most of the plot).
    above, below = (
        alt.layer(
            *(
                alt.Chart(side.iloc[[row]])
                .mark_text(align="left", baseline=baseline, dx=px(4), dy=dy, fontSize=px(12), aria=False, **look)
                .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N")
                for look in ({"stroke": "#FFFFFF", "strokeWidth": 4, "strokeJoin": "round"}, {})
            )
        )
        for row, baseline, dy in ((0, "bottom", -px(4)), (1, "top", px(4)))
    )

    cuts = pd.DataFrame({"x": list(cut_points), "label": list(labels.cut_labels), "y": [y_min] * len(cut_points)})
    cut_rules = (
        alt.Chart(cuts)
        .mark_rule(color=GREY, strokeDash=[2, 3], strokeWidth=1.5, aria=False)
        .encode(x=alt.X("x:Q", scale=x_scale))
    )
    cut_text = (
        alt.Chart(cuts)
        .mark_text(align="left", baseline="bottom", dx=px(3), dy=-px(3), fontSize=px(12), color=GREY, aria=False)
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N")
    )

    layers = [regions, region_text, band, ref, cut_rules, cut_text, step, line]
    # The chosen level comes from named datasets, so a template built once can be filled per level.
    marker = alt.NamedData(CHOSEN)
    layers += [
        alt.Chart(marker).mark_rule(color=VERMILLION, strokeWidth=2, aria=False).encode(x=alt.X("x:Q", scale=x_scale)),
        alt.Chart(marker)
        .mark_point(shape="diamond", size=px(160), filled=True, color=VERMILLION, stroke="black", aria=False)
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale)),
    ]
    layers += [above, below]  # over the band, the lines and the level's rule, each on its halo
    # The label sits at the top of the plot, clear of the labels on the line at 1; in the right half
    # of the plot it goes to the left of the mark so it stays inside.
    for align, dx in (("left", px(8)), ("right", -px(8))):
        layers.append(
            alt.Chart(marker)
            .transform_filter(alt.datum.align == align)
            .mark_text(
                align=align,
                baseline="top",
                dx=dx,
                dy=px(22),
                fontSize=px(13),
                fontWeight="bold",
                color="black",
                aria=False,
            )
            .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("top:Q", scale=y_scale), text="label:N")
        )
    # Padding: the rotated y title's glyphs reach a pixel or two past Vega's default 5 px (an
    # object: Streamlit's front end adds to it, and a number breaks the chart).
    template = finish(alt.layer(*layers).properties(width=width, height=height, padding=PADDING)).to_dict()
    # The curve, band and marks are the same at every level: inline, so a step converts only the
    # level's own row to Arrow (about 1 ms; each named dataset costs that, so there is one).
    template = inline_data(template, keep=(CHOSEN,))
    template["usermeta"] = {"x_domain": [x_min, x_max], "y_top": y_max}
    return place_level(template, curve, chosen, labels.chosen, description)


def place_level(
    template: dict, curve: pd.DataFrame, chosen: float | None, label: str, description: str | None = None
) -> dict:
    """Fill a template (``hr_curve_chart(..., chosen=None)``) with the reader's level: cheap per step.

    Without ``description`` the template's own (level-independent) accessible name is kept, so
    the browser only swaps the marker's data when the level moves (see ``charts.style.fill``).
    A level outside the curve gets no marker (there is no model number to mark)."""
    xs, hrs = curve["pnfh"].to_numpy(dtype=float), curve["hazard_ratio"].to_numpy(dtype=float)
    if chosen is None or not xs.min() <= chosen <= xs.max():
        return fill(template, description=description, **{CHOSEN: []})
    x_min, x_max = template["usermeta"]["x_domain"]
    hr_at = float(np.exp(np.interp(np.log(chosen), np.log(xs), np.log(hrs))))
    # In the right half of the plot the label goes to the left of the mark, so it stays inside.
    align = "right" if np.log(chosen) > (np.log(x_min) + np.log(x_max)) / 2 else "left"
    row = {"x": float(chosen), "y": hr_at, "label": label, "top": template["usermeta"]["y_top"], "align": align}
    return fill(template, description=description, **{CHOSEN: [row]})

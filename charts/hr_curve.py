"""The treatment hazard ratio across CSF-pNFH, with its band, cut-points and the chosen level.

Pure: tidy data in (model.benefit.hr_curve), Altair chart out. Every label arrives translated.
Second cues besides colour: the line is dashed where the trial had few people (and that region is
shaded and labelled); the reference line at 1 has a label on each side; the chosen level has text.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
from charts.style import fill, finish

BLUE = "#0072B2"  # Okabe-Ito blue: the model's hazard ratio
VERMILLION = "#D55E00"  # Okabe-Ito vermillion: the chosen level
GREY = "#595959"
SHADE = "#E6E6E6"
Y_CLIP = (0.1, 8.0)  # hazard ratios drawn (the text gives every number)


CHOSEN = "chosen"  # named datasets filled per level
CHOSEN_LABEL_LEFT = "chosen_label_left"
CHOSEN_LABEL_RIGHT = "chosen_label_right"

@dataclass(frozen=True)
class HrLabels:
    x_title: str  # "CSF-pNFH (pg/mL, log scale)"
    y_title: str  # "Hazard ratio (log scale)"
    dense: str  # legend: "Many people in the trial"
    sparse: str  # legend: "Few people in the trial: less certain"
    sparse_region: str  # text in the shaded regions
    below_one: str  # "Below 1: fewer deaths with IL-2LD"
    above_one: str  # "Above 1: more deaths with IL-2LD"
    chosen: str  # "Level chosen: 2,000" (already formatted)
    cut_labels: tuple[str, ...]  # formatted cut-point numbers, same order as ``cut_points``


def segments(curve: pd.DataFrame) -> pd.DataFrame:
    """Split the curve where certainty changes, repeating boundary points so lines join up."""
    sparse = curve["sparse"].to_numpy()
    seg = np.concatenate([[0], np.cumsum(sparse[1:] != sparse[:-1])])
    parts = []
    for k in np.unique(seg):
        idx = np.flatnonzero(seg == k)
        if idx[-1] + 1 < len(curve):
            idx = np.append(idx, idx[-1] + 1)
        part = curve.iloc[idx].copy()
        part["segment"] = int(k)
        part["sparse"] = bool(sparse[idx[0]])
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def hr_curve_chart(
    curve: pd.DataFrame,
    *,
    labels: HrLabels,
    description: str,
    chosen: float | None,
    cut_points: tuple[float, ...],
    sparse_limits: tuple[float, float],
    width: int | str = "container",
    height: int = 340,
) -> dict:
    """The chart as a Vega-Lite spec; with ``chosen=None`` a template for :func:`place_level`."""
    x_min, x_max = float(curve["pnfh"].min()), float(curve["pnfh"].max())
    # The band widens fast at the extremes; clip it so the region people care about stays readable.
    y_min = float(min(max(curve["lower"].min(), Y_CLIP[0]), 0.9))
    y_max = float(max(min(curve["upper"].max(), Y_CLIP[1]), 1.1))
    x_scale = alt.Scale(type="log", domain=[x_min, x_max], nice=False)
    y_scale = alt.Scale(type="log", domain=[y_min, y_max], nice=False)
    x_axis = alt.Axis(title=labels.x_title, format=",.0f", values=[250, 500, 1000, 2000, 4000, 8000],
                      labelFontSize=13, titleFontSize=14, aria=False)
    y_axis = alt.Axis(title=labels.y_title, values=[0.1, 0.2, 0.5, 1, 2, 4, 8], labelFontSize=13,
                      titleFontSize=14, aria=False)

    lo, hi = sparse_limits
    shade = pd.DataFrame({"x0": [x_min, hi], "x1": [lo, x_max]})
    shade = shade[shade["x1"] > shade["x0"]]
    regions = alt.Chart(shade).mark_rect(color=SHADE, opacity=0.8, aria=False).encode(
        x=alt.X("x0:Q", scale=x_scale, axis=x_axis), x2="x1:Q")
    region_text = alt.Chart(shade.assign(label=labels.sparse_region, y=y_max)).mark_text(
        align="left", baseline="top", dx=4, dy=4, fontSize=12, color=GREY, aria=False
    ).encode(x=alt.X("x0:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N")

    band = alt.Chart(curve).mark_area(color=BLUE, opacity=0.18, clip=True, aria=False).encode(
        x=alt.X("pnfh:Q", scale=x_scale, axis=x_axis),
        y=alt.Y("lower:Q", scale=y_scale, axis=y_axis), y2="upper:Q")

    seg = segments(curve).assign(certainty=lambda d: np.where(d["sparse"], labels.sparse, labels.dense))
    line = alt.Chart(seg).mark_line(color=BLUE, strokeWidth=3, clip=True, aria=False).encode(
        x=alt.X("pnfh:Q", scale=x_scale),
        y=alt.Y("hazard_ratio:Q", scale=y_scale),
        detail="segment:N",
        strokeDash=alt.StrokeDash(
            "certainty:N",
            scale=alt.Scale(domain=[labels.dense, labels.sparse], range=[[1, 0], [6, 4]]),
            legend=alt.Legend(title=None, orient="bottom", direction="vertical", labelFontSize=13,
                              symbolStrokeWidth=3, symbolStrokeColor=BLUE, labelLimit=400),
        ),
    )

    one = pd.DataFrame({"y": [1.0]})
    ref = alt.Chart(one).mark_rule(color="black", strokeWidth=1.5, aria=False).encode(y=alt.Y("y:Q", scale=y_scale))
    side = pd.DataFrame({"x": [x_min, x_min], "y": [1.0, 1.0], "label": [labels.above_one, labels.below_one],
                         "dy": [-8, 8], "baseline": ["bottom", "top"]})
    above = alt.Chart(side.iloc[[0]]).mark_text(align="left", baseline="bottom", dx=4, dy=-4, fontSize=12,
                                                 aria=False).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N")
    below = alt.Chart(side.iloc[[1]]).mark_text(align="left", baseline="top", dx=4, dy=4, fontSize=12,
                                                 aria=False).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N")

    cuts = pd.DataFrame({"x": list(cut_points), "label": list(labels.cut_labels), "y": [y_min] * len(cut_points)})
    cut_rules = alt.Chart(cuts).mark_rule(color=GREY, strokeDash=[2, 3], strokeWidth=1.5, aria=False).encode(
        x=alt.X("x:Q", scale=x_scale))
    cut_text = alt.Chart(cuts).mark_text(align="left", baseline="bottom", dx=3, dy=-3, fontSize=12,
                                          color=GREY, aria=False).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N")

    layers = [regions, region_text, band, ref, above, below, cut_rules, cut_text, line]
    # The chosen level comes from named datasets, so a template built once can be filled per level.
    marker = alt.NamedData(CHOSEN)
    layers += [
        alt.Chart(marker).mark_rule(color=VERMILLION, strokeWidth=2, aria=False).encode(
            x=alt.X("x:Q", scale=x_scale)),
        alt.Chart(marker).mark_point(shape="diamond", size=160, filled=True, color=VERMILLION, stroke="black",
                                     aria=False).encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale)),
    ]
    # The label sits at the top of the plot, clear of the labels on the line at 1; in the right half
    # of the plot it goes to the left of the mark so it stays inside.
    for name, align, dx in ((CHOSEN_LABEL_LEFT, "left", 8), (CHOSEN_LABEL_RIGHT, "right", -8)):
        layers.append(
            alt.Chart(alt.NamedData(name)).mark_text(
                align=align, baseline="top", dx=dx, dy=22, fontSize=13, fontWeight="bold", color="black", aria=False
            ).encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("top:Q", scale=y_scale), text="label:N")
        )
    template = finish(alt.layer(*layers).properties(width=width, height=height)).to_dict()
    return place_level(template, curve, chosen, labels.chosen, description)


def place_level(
    template: dict, curve: pd.DataFrame, chosen: float | None, label: str, description: str | None = None
) -> dict:
    """Fill a template (``hr_curve_chart(..., chosen=None)``) with the reader's level: cheap per step.

    Without ``description`` the template's own (level-independent) accessible name is kept, so
    the browser only swaps the marker's data when the level moves (see ``charts.style.fill``)."""
    empty: list[dict] = []
    if chosen is None:
        return fill(template, description=description,
                    **{CHOSEN: empty, CHOSEN_LABEL_LEFT: empty, CHOSEN_LABEL_RIGHT: empty})
    x_min, x_max = float(curve["pnfh"].min()), float(curve["pnfh"].max())
    y_max = float(max(min(curve["upper"].max(), Y_CLIP[1]), 1.1))
    hr_at = float(np.exp(np.interp(np.log(chosen), np.log(curve["pnfh"]), np.log(curve["hazard_ratio"]))))
    row = {"x": float(chosen), "y": hr_at, "label": label, "top": y_max}
    right_half = np.log(chosen) > (np.log(x_min) + np.log(x_max)) / 2
    return fill(template, description=description, **{
        CHOSEN: [row],
        CHOSEN_LABEL_LEFT: empty if right_half else [row],
        CHOSEN_LABEL_RIGHT: [row] if right_half else empty,
    })


def crossing_level(curve: pd.DataFrame) -> float | None:
    """The level where the modelled hazard ratio crosses 1 (None if it does not, in the range)."""
    hr = curve["hazard_ratio"].to_numpy()
    above = np.flatnonzero(hr >= 1)
    if above.size == 0 or above[0] == 0:
        return None
    k = above[0]
    p0, p1 = np.log(curve["pnfh"].iloc[k - 1]), np.log(curve["pnfh"].iloc[k])
    h0, h1 = np.log(hr[k - 1]), np.log(hr[k])
    return float(np.exp(p0 + (0 - h0) * (p1 - p0) / (h1 - h0)))

"""The trial as a timeline: the run-in, the injection cycles, follow-up and the main result.

A pure function from tidy data to an Altair chart. Every label comes in already translated and the
``description`` (the chart's accessible name) says in words what the picture shows, so this module
holds no language of its own. Colours are Okabe-Ito, each segment also carries its own text label,
so colour is never the only cue.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.forest import wrap
from charts.style import finish

# Okabe-Ito colours with at least 3:1 contrast on white.
SEGMENT_COLOURS: dict[str, str] = {
    "run_in": "#009E73",  # bluish green, 3.4:1
    "riluzole": "#0072B2",  # blue, 5.2:1
    "injections": "#D55E00",  # vermillion, 3.9:1
    "follow_up": "#595959",  # dark grey, 7:1
}
KINDS = tuple(SEGMENT_COLOURS)

# Average days and weeks in a month, to place days and weeks on a month axis (drawing only: the
# numbers themselves are shown in the labels, in the unit the source uses).
DAYS_PER_MONTH = 365.25 / 12
WEEKS_PER_MONTH = DAYS_PER_MONTH / 7

# Unnamed rows above and below the lanes that hold the event labels, so that two events never
# share a line (on a phone the chart is narrow).
EVENT_ROWS = {"top": " ", "bottom": "  "}

SEGMENT_COLUMNS = ("lane", "kind", "start", "end", "label", "label_below")
# Labels wrap at this display width (charts.forest.wrap: a Chinese character counts 2): a bar's
# label starts at its bar, and on a 320 px screen (400 % zoom) about 20 Chinese characters or 40
# letters fit between month 0 and the right edge.
LABEL_WIDTH = 40
LINE_HEIGHT = 16
EVENT_COLUMNS = ("month", "label", "align", "row")


def weeks_to_months(weeks: float) -> float:
    return weeks / WEEKS_PER_MONTH


def days_to_months(days: float) -> float:
    return days / DAYS_PER_MONTH


def cycle_starts(cycle_days: float, treatment_months: float) -> list[float]:
    """The month at which each treatment cycle starts (day 0, cycle_days, 2 * cycle_days ...)."""
    if cycle_days <= 0 or treatment_months <= 0:
        raise ValueError("cycle length and treatment length must be positive")
    starts: list[float] = []
    day = 0.0
    while days_to_months(day) < treatment_months:
        starts.append(days_to_months(day))
        day += cycle_days
    return starts


def _wrapped(label: str) -> str:
    return "\n".join(wrap(label, LABEL_WIDTH))


def timeline_chart(
    segments: pd.DataFrame,
    events: pd.DataFrame,
    *,
    lanes: list[str],
    axis_title: str,
    description: str,
    cycles: list[float] | None = None,
    cycle_lane: str | None = None,
    ticks: list[float] | None = None,
) -> alt.LayerChart:
    """A timeline; ``description`` becomes the chart's accessible name (say the numbers in it).

    ``segments``: one row per bar (lane, kind, start, end in months, label, label_below: whether
    the label goes under the bar, for short bars whose label would run into the next one);
    ``events``: one row per moment (month, label, align "left" or "right", row "top" or "bottom").
    Lanes have no axis: each bar's label says what it is.
    ``cycles``: months at which injection cycles start, drawn as ticks on ``cycle_lane``.
    """
    missing = set(SEGMENT_COLUMNS) - set(segments.columns) | set(EVENT_COLUMNS) - set(events.columns)
    if missing:
        raise ValueError(f"missing columns: {sorted(missing)}")
    bad_rows = set(events["row"]) - set(EVENT_ROWS)
    if bad_rows:
        raise ValueError(f"unknown event rows: {sorted(bad_rows)}")
    unknown = set(segments["kind"]) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown segment kinds: {sorted(unknown)}")
    low = min(segments["start"].min(), events["month"].min())
    high = max(segments["end"].max(), events["month"].max())
    pad = 0.04 * (high - low)
    x_scale = alt.Scale(domain=[low - pad, high + pad], nice=False, zero=False)
    lane_height = 80
    segments = segments.assign(label=segments["label"].map(_wrapped))
    events = events.assign(label=events["label"].map(_wrapped)) if not events.empty else events
    x_axis = alt.Axis(title=axis_title, values=ticks, grid=False, labelFontSize=13, titleFontSize=13, aria=False)
    rows = [EVENT_ROWS["top"], *lanes, EVENT_ROWS["bottom"]]
    y = alt.Y(
        "lane:N", sort=rows, title=None, axis=None, scale=alt.Scale(domain=rows, paddingInner=0.5, paddingOuter=0.2)
    )
    colour = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=list(KINDS), range=[SEGMENT_COLOURS[k] for k in KINDS]),
        legend=None,
    )

    bars = (
        alt.Chart(segments)
        .mark_bar(height=22, cornerRadius=3, aria=False)
        .encode(x=alt.X("start:Q", scale=x_scale, axis=x_axis), x2="end:Q", y=y, color=colour)
    )
    layers: list[alt.Chart] = [bars]
    lines = segments["label"].str.count("\n") + 1
    for (below, count), subset in segments.groupby([segments["label_below"], lines]):
        # A label above its bar grows upwards: Vega draws the lines of a text downwards from its
        # first line, so the first line moves up by the lines below it.
        layers.append(
            alt.Chart(subset)
            .mark_text(
                align="left",
                baseline="top" if below else "bottom",
                dx=2,
                dy=14 if below else -14 - LINE_HEIGHT * (int(count) - 1),
                fontSize=13,
                lineHeight=LINE_HEIGHT,
                lineBreak="\n",
                color="#1a1a1a",
                aria=False,
            )
            .encode(x=alt.X("start:Q", scale=x_scale), y=y, text="label:N")
        )

    if cycles and cycle_lane:
        cycle_data = pd.DataFrame({"month": cycles, "lane": cycle_lane})
        layers.append(
            alt.Chart(cycle_data)
            .mark_tick(color="#FFFFFF", thickness=2, size=22, aria=False)
            .encode(x=alt.X("month:Q", scale=x_scale), y=y)
        )

    rules = (
        alt.Chart(events)
        .mark_rule(color="#1a1a1a", strokeDash=[4, 3], strokeWidth=1.5, aria=False)
        .encode(x=alt.X("month:Q", scale=x_scale))
    )
    layers.append(rules)
    for align in ("left", "right"):
        subset = events[events["align"] == align].assign(lane=events["row"].map(EVENT_ROWS))
        if subset.empty:
            continue
        layers.append(
            alt.Chart(subset)
            .mark_text(
                align=align,
                baseline="middle",
                dx=4 if align == "left" else -4,
                fontSize=13,
                lineHeight=LINE_HEIGHT,
                lineBreak="\n",
                fontWeight="bold",
                color="#1a1a1a",
                aria=False,
            )
            .encode(x=alt.X("month:Q", scale=x_scale), y=y, text="label:N")
        )

    return finish(
        alt.layer(*layers).properties(width="container", height=lane_height * len(rows) + 50, description=description)
    )

"""The idea behind IL-2LD as a simple picture: a chain of steps from the injection to the nerve cells.

A pure function from tidy data to an Altair chart: boxes one under the other, joined by arrows.
Labels come in already translated; the ``description`` (the chart's accessible name) tells the same
chain in words. A step the trials have seen has a solid border; a step not proven has a dashed border
and says so in its own text, so neither colour nor line style is the only cue.
"""

from __future__ import annotations

import unicodedata

import altair as alt
import pandas as pd

from charts.style import finish

STATUS_STYLE: dict[str, dict[str, object]] = {
    "seen": {"stroke": "#0072B2", "dash": []},  # Okabe-Ito blue, solid: seen in the trials
    "unproven": {"stroke": "#D55E00", "dash": [7, 5]},  # vermillion, dashed: not proven
}
STEP_COLUMNS = ("step", "title", "detail", "status", "status_label")

BOX_HEIGHT = 1.0
GAP = 0.55


def _char_width(char: str) -> float:
    """Rough display width: CJK characters are about twice as wide as Latin letters."""
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.55


def wrap(text: str, width: float) -> list[str]:
    """Break text into lines of about ``width`` wide characters (by words in English, anywhere in
    Chinese except before closing punctuation)."""
    lines: list[str] = []
    line, used = "", 0.0
    tokens = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    for token in tokens:
        size = sum(_char_width(c) for c in token) + (0.55 if joiner and line else 0)
        if line and used + size > width and token not in "，。；：、）”！？":
            lines.append(line)
            line, used = token, sum(_char_width(c) for c in token)
        else:
            line = f"{line}{joiner}{token}" if line and joiner else line + token
            used += size
    if line:
        lines.append(line)
    return lines


# Lines of text inside a box, in wide characters: what fits a 320 px screen (400 % zoom), where the
# box's text has about 240 px; the status goes on its own line under the title for the same reason.
LINE_WIDTH = 17
PX_PER_UNIT = 115  # the chart's height per unit of the boxes' scale


def chain_chart(steps: pd.DataFrame, *, description: str, line_width: float = LINE_WIDTH) -> alt.LayerChart:
    """Steps as boxes top to bottom with arrows between them; ``description`` is the accessible name."""
    missing = set(STEP_COLUMNS) - set(steps.columns)
    if missing:
        raise ValueError(f"missing columns: {sorted(missing)}")
    unknown = set(steps["status"]) - set(STATUS_STYLE)
    if unknown:
        raise ValueError(f"unknown statuses: {sorted(unknown)}")
    steps = steps.sort_values("step").reset_index(drop=True)
    count = len(steps)
    top = [i * (BOX_HEIGHT + GAP) for i in range(count)]
    boxes = steps.assign(
        y=top,
        y2=[t + BOX_HEIGHT for t in top],
        title_y=[t + 0.2 for t in top],
        status_y=[t + 0.41 for t in top],
        detail_y=[t + 0.6 for t in top],
        number=[str(s) for s in steps["step"]],
        detail_text=["\n".join(wrap(d, line_width)) for d in steps["detail"]],
    )
    total = top[-1] + BOX_HEIGHT
    y_scale = alt.Scale(domain=[total + 0.05, -0.05], nice=False, zero=False)  # first step at the top
    x_scale = alt.Scale(domain=[0, 10], nice=False, zero=False)
    y_enc = alt.Y("y:Q", scale=y_scale, axis=None)

    layers: list[alt.Chart] = []
    for status, style in STATUS_STYLE.items():
        subset = boxes[boxes["status"] == status]
        if subset.empty:
            continue
        layers.append(
            alt.Chart(subset)
            .mark_rect(
                fill="#FFFFFF",
                stroke=style["stroke"],
                strokeWidth=3,
                strokeDash=style["dash"],
                cornerRadius=8,
                aria=False,
            )
            .encode(
                x=alt.datum(1.1, scale=x_scale, axis=None),
                x2=alt.datum(9.9),
                y=y_enc,
                y2="y2:Q",
            )
        )
    badges = (
        alt.Chart(boxes)
        .mark_circle(size=900, color="#1a1a1a", opacity=1, aria=False)
        .encode(x=alt.datum(0.5, scale=x_scale, axis=None), y=alt.Y("title_y:Q", scale=y_scale, axis=None))
    )
    numbers = (
        alt.Chart(boxes)
        .mark_text(color="#FFFFFF", fontSize=16, fontWeight="bold", baseline="middle", aria=False)
        .encode(
            x=alt.datum(0.5, scale=x_scale, axis=None),
            y=alt.Y("title_y:Q", scale=y_scale, axis=None),
            text="number:N",
        )
    )
    titles = (
        alt.Chart(boxes)
        .mark_text(align="left", baseline="middle", dx=0, fontSize=16, fontWeight="bold", color="#1a1a1a", aria=False)
        .encode(
            x=alt.datum(1.5, scale=x_scale, axis=None),
            y=alt.Y("title_y:Q", scale=y_scale, axis=None),
            text="title:N",
        )
    )
    details = (
        alt.Chart(boxes)
        .mark_text(
            align="left", baseline="top", fontSize=14, color="#1a1a1a", lineHeight=18, lineBreak="\n", aria=False
        )
        .encode(
            x=alt.datum(1.5, scale=x_scale, axis=None),
            y=alt.Y("detail_y:Q", scale=y_scale, axis=None),
            text="detail_text:N",
        )
    )
    statuses = (
        alt.Chart(boxes)
        .mark_text(align="left", baseline="middle", fontSize=13, fontStyle="italic", color="#1a1a1a", aria=False)
        .encode(
            x=alt.datum(1.5, scale=x_scale, axis=None),
            y=alt.Y("status_y:Q", scale=y_scale, axis=None),
            text="status_label:N",
        )
    )
    arrows = pd.DataFrame({"y": [t + BOX_HEIGHT for t in top[:-1]], "y2": [t for t in top[1:]]})
    shafts = (
        alt.Chart(arrows)
        .mark_rule(color="#1a1a1a", strokeWidth=2.5, aria=False)
        .encode(x=alt.datum(5.5, scale=x_scale, axis=None), y=y_enc, y2="y2:Q")
    )
    heads = (
        alt.Chart(arrows)
        .mark_point(shape="triangle-down", size=160, filled=True, color="#1a1a1a", opacity=1, aria=False)
        .encode(x=alt.datum(5.5, scale=x_scale, axis=None), y=alt.Y("y2:Q", scale=y_scale, axis=None))
    )
    layers += [shafts, heads, badges, numbers, titles, details, statuses]
    return finish(
        alt.layer(*layers).properties(width="container", height=int(PX_PER_UNIT * total), description=description)
    )

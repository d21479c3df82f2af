"""Forest plot of hazard ratios: a pure function from a tidy table to an Altair chart.

Each estimate gets its own band: its name (and note) written above the line, so the labels stay
readable on a 390 px phone instead of being squeezed into an axis; the hazard ratio and its 95%
interval are drawn on a log scale with a reference line at 1 and both sides named. An estimate
whose interval was not published gets a different marker (open diamond, second cue besides
colour) and the words "interval not published": an interval is never invented.

Labels come in already translated (``views.results.forest_labels``), so this module has
no language of its own.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from charts.style import finish

# Okabe-Ito: blue for estimates with an interval, vermillion for the one without.
CI_COLOUR = "#0072B2"
MISSING_COLOUR = "#D55E00"
REFERENCE_COLOUR = "#595959"
X_DOMAIN = (0.1, 4.0)
X_TICKS = [0.1, 0.2, 0.5, 1, 2, 4]
LINE = 17  # pixels per line of text
GAP = 30  # space between one estimate's marker and the next estimate's name
TOP = 50  # room for the "fewer / more deaths" labels (two lines on a phone)
WRAP = 40  # wrap text at this display width (a Chinese character counts 2) so it fits a 390 px phone
PADDING = {"left": 5, "right": 8, "top": 5, "bottom": 5}
SMALLEST_TEXT = 13  # px: the smallest text the chart draws (before ``text_scale``)
_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]")


def _width(token: str) -> int:
    return sum(2 if _CJK.match(ch) else 1 for ch in token)


def wrap(text: str, limit: int = WRAP) -> list[str]:
    """Lines no wider than ``limit`` display units; Chinese may break between any two characters,
    other text only at spaces, and a number such as "0.30–0.89" is never split."""
    tokens = re.findall(
        r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|\s+", text
    )
    lines: list[str] = []
    current = ""
    for token in tokens:
        if token.isspace():
            if current:
                current += " "
            continue
        if current and _width(current + token) > limit:
            lines.append(current.rstrip())
            current = ""
        if _CJK.match(token) and token in "，。；：）、" and lines and not current:
            lines[-1] += token  # no line starts with closing punctuation
            continue
        current += token
    if current.strip():
        lines.append(current.rstrip())
    return _no_widow(lines, limit, re.sub(r"\s+", " ", text)) or [""]


def _no_widow(lines: list[str], limit: int, text: str) -> list[str]:
    """A Chinese last line of one character ("少", or an arrow alone) takes characters from the
    line before until it holds two: "…组死亡更" / "少" becomes "…组死亡" / "更少"."""

    def cjk_count(line: str) -> int:
        return sum(1 for ch in line if _CJK.match(ch) and ch not in "，。；：）、")

    if len(lines) < 2 or not _CJK.search(lines[-2]) or cjk_count(lines[-1]) >= 2:
        return lines
    before, last = lines[-2], lines[-1]
    while cjk_count(last) < 2 and len(before) > 1 and _CJK.match(before[-1]) and before[-1] not in "（“":
        space = " " if f"{before[-1]} {last}" in text else ""  # the break was at a space: keep it
        before, last = before[:-1], before[-1] + space + last
        if _width(last) > limit:
            return lines
    return [*lines[:-2], before, last]


def _bands(rows: pd.DataFrame, show_ci: bool, labels: dict, scale: float = 1.0, limit: int = WRAP) -> pd.DataFrame:
    line, gap = LINE * scale, GAP * scale
    data = rows.sort_values("order").reset_index(drop=True).copy()
    data["kind"] = [
        (labels["kind_ci"] if show_ci else labels["kind_point"]) if known else labels["kind_missing"]
        for known in data["ci_known"]
    ]
    titles, details, marker_y, title_y, detail_y = [], [], [], [], []
    top = TOP * scale
    for row in data.itertuples():
        value = row.hr_ci_text if (show_ci or not row.ci_known) else row.hr_text
        title_lines = wrap(row.label, limit)
        detail_lines = wrap(value, limit) + wrap(row.note, limit)
        titles.append(title_lines)
        details.append(detail_lines)
        title_y.append(top)
        detail_y.append(top + line * len(title_lines) + 2 * scale)
        marker = top + line * (len(title_lines) + len(detail_lines)) + 16 * scale
        marker_y.append(marker)
        top = marker + gap
    data["title_lines"] = ["\n".join(lines) for lines in titles]
    data["detail_lines"] = ["\n".join(lines) for lines in details]
    data["y"] = marker_y
    data["title_y"] = title_y
    data["detail_y"] = detail_y
    data["y_top"] = [y - 12 * scale for y in marker_y]
    data["y_bottom"] = [y + 12 * scale for y in marker_y]
    return data


def forest_chart(
    rows: pd.DataFrame,
    *,
    labels: dict,
    description: str,
    show_ci: bool,
    width: int | str = "container",
    text_scale: float = 1.0,
    wrap_at: int = WRAP,
) -> alt.LayerChart:
    """The forest plot. ``rows`` as from ``views.results.forest_rows``: ``order``,
    ``label``, ``note``, ``hr``, ``ci_low``, ``ci_high``, ``ci_known``, ``hr_text``, ``hr_ci_text``.
    ``labels``: ``axis``, ``fewer``, ``more``, ``kind_ci``, ``kind_missing``, ``kind_point``.
    ``description`` becomes the chart's accessible name (state the numbers in it).
    ``text_scale`` enlarges every text (and the spacing of the rows with it), for the clinic's
    screen across the room, where the chart's labels must be as large as the slide's text; a
    wide chart may wrap its text later (``wrap_at``, display units as in :func:`wrap`)."""
    k = text_scale

    def px(size: float) -> int:
        return round(size * k)

    data = _bands(rows, show_ci, labels, k, wrap_at)
    height = int(data["y_bottom"].max()) + px(8)
    # The legend names only the kinds of row present: once every interval is published, no
    # "interval not published" entry is left over.
    styles = {
        labels["kind_ci"] if show_ci else labels["kind_point"]: (CI_COLOUR, "square", CI_COLOUR),
        labels["kind_missing"]: (MISSING_COLOUR, "diamond", "#FFFFFF"),
    }
    kinds = [kind for kind in styles if kind in set(data["kind"])]

    x_scale = alt.Scale(type="log", domain=list(X_DOMAIN), clamp=True, nice=False)
    y_scale = alt.Scale(domain=[height, 0], range=[height, 0], zero=False, nice=False)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    base = alt.Chart(data)

    # The line at 1, drawn only beside each marker so it never runs through the text.
    reference = base.mark_rule(color=REFERENCE_COLOUR, strokeWidth=1.5, strokeDash=[4, 3], aria=False).encode(
        x=alt.datum(1.0, scale=x_scale), y=alt.Y("y_top:Q", scale=y_scale, axis=None), y2="y_bottom:Q"
    )
    # The left label ends at 0.93, about 60% across; the right one starts at 1.07 with about a
    # third of the width left, so it wraps sooner.
    sides = [
        alt.Chart(pd.DataFrame({"x": [x], "text": ["\n".join(wrap(text, limit))]}))
        .mark_text(
            fontSize=px(13),
            baseline="top",
            align=align,
            dy=px(4),
            fontWeight="bold",
            color="#333333",
            lineHeight=px(LINE),
            lineBreak="\n",
            aria=False,
        )
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.value(0), text="text:N")
        for x, text, align, limit in (
            (0.93, labels["fewer"], "right", wrap_at * 7 // 10),
            (1.07, labels["more"], "left", wrap_at // 2),
        )
    ]
    titles = base.mark_text(
        align="left",
        baseline="top",
        fontSize=px(14),
        fontWeight="bold",
        lineHeight=px(LINE),
        lineBreak="\n",
        color="#1a1a1a",
        aria=False,
    ).encode(x=alt.value(0), y=alt.Y("title_y:Q", scale=y_scale, axis=None), text="title_lines:N")
    values = base.mark_text(
        align="left",
        baseline="top",
        fontSize=px(13),
        lineHeight=px(LINE),
        lineBreak="\n",
        color="#333333",
        aria=False,
    ).encode(x=alt.value(0), y=alt.Y("detail_y:Q", scale=y_scale, axis=None), text="detail_lines:N")
    colour = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=kinds, range=[styles[k][0] for k in kinds]),
        legend=alt.Legend(
            title=None,
            orient="bottom",
            direction="vertical",
            labelFontSize=px(13),
            labelLimit=px(360),
            labelColor="#333333",
            symbolStrokeWidth=2.5,
            symbolSize=px(100),
        ),
    )
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=[styles[k][1] for k in kinds]), legend=None)
    fill = alt.Fill("kind:N", scale=alt.Scale(domain=kinds, range=[styles[k][2] for k in kinds]), legend=None)
    points = base.mark_point(size=px(170), strokeWidth=2.5, opacity=1, filled=False, aria=False).encode(
        x=alt.X(
            "hr:Q",
            scale=x_scale,
            axis=alt.Axis(
                title=wrap(labels["axis"], wrap_at),
                values=X_TICKS,
                format="~g",
                labelFlush=True,  # the end labels (0.1, 4) inside the chart, not half past its edge
                labelFontSize=px(13),
                titleFontSize=px(13),
                titleLimit=px(360),
                grid=False,
                aria=False,
            ),
        ),
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
    return finish(
        alt.layer(*layers)
        # fit-x: as wide as the page; the height stays what the rows need (Streamlit's default
        # "fit" would squeeze the rows, the legend and the axis into the height).
        .properties(
            width=width,
            height=height,
            description=description,
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
            padding=PADDING,  # the flush end label "4" otherwise reaches a pixel past the edge
        )
    )

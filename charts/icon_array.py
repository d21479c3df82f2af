"""Icon arrays: 100 people, grouped, the way NHS Predict and IPDAS show "out of 100".

How many are alive comes in already counted (``model.counts.people_out_of``, called by the views);
the layout (``icon_grid``) and the colours live in ``charts.icons`` (no Altair there), shared by the
app and the PDF handout so both always show the same people; only the drawing differs. Labels come
in already translated, so this module holds no language of its own.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.icons import ALIVE_COLOUR, DIED_COLOUR, STATUSES, icon_people
from charts.style import finish

# A person: head and shoulders, in Vega's unit square. Same outline for both states; the fill is
# the second cue besides colour (filled = alive, outline = died), so it survives greyscale print.
PERSON_PATH = (
    "M -0.3,-0.62 A 0.3 0.3 0 1 1 0.3,-0.62 A 0.3 0.3 0 1 1 -0.3,-0.62 Z "
    "M -0.6,1 L -0.6,0.05 Q -0.6,-0.22 -0.32,-0.22 L 0.32,-0.22 Q 0.6,-0.22 0.6,0.05 L 0.6,1 Z"
)


ICONS = "people"  # the named dataset an icon-array template is filled with


def icon_rows(alive: int, status_labels: dict[str, str], denominator: int = 100) -> list[dict]:
    """The data of one icon array: one row per person, with its status in the reader's language."""
    return [{**p._asdict(), "label": status_labels[p.status]} for p in icon_people(alive, denominator)]


def icon_array_chart(
    grid: pd.DataFrame | None,
    *,
    status_labels: dict[str, str],
    description: str,
    title: str | None = None,
    size: int = 220,
    icon_size: float | None = None,
) -> alt.Chart:
    """An icon array; ``description`` becomes the chart's accessible name (say the numbers in it).

    With ``grid=None``, a template without its people, to be filled with :func:`icon_rows` under
    ``ICONS`` (``charts.style.fill``): for a picture that changes as a reader moves a control. Its
    spec stays the same from one count to the next, so the browser swaps the people instead of
    drawing the chart anew; ``description`` must then not depend on the count (write the numbers
    next to the picture).

    ``size`` is the grid's width and height in pixels; ``icon_size`` the symbol area (Vega scales a
    custom path by the square root of it): by default each person is about three quarters of
    its cell tall, so the people are legible and the rows do not touch."""
    data = alt.NamedData(ICONS) if grid is None else grid.assign(label=grid["status"].map(status_labels))
    if icon_size is None:
        icon_size = (0.75 * size / 10) ** 2
    order = [status_labels[s] for s in STATUSES]
    legend = alt.Legend(
        title=None,
        orient="bottom",
        symbolType=PERSON_PATH,
        symbolSize=260,
        symbolStrokeWidth=1.5,
        labelFontSize=16,  # still 12 px when a phone shrinks two arrays to fit side by side (ui.access)
        labelColor="#333333",
    )
    encoding_colour = alt.Color(
        "label:N",
        scale=alt.Scale(domain=order, range=[ALIVE_COLOUR, DIED_COLOUR]),
        legend=legend,
    )
    # The same legend on fill and stroke: Vega-Lite merges them into one legend whose symbols are
    # filled / outline like the icons (legend=None on one channel dropped the merged legend).
    encoding_fill = alt.Fill(
        "label:N",
        scale=alt.Scale(domain=order, range=[ALIVE_COLOUR, "#FFFFFF"]),
        legend=legend,
    )
    chart = (
        alt.Chart(data, title=alt.Title(title, fontSize=16, anchor="start") if title else alt.Undefined)
        .mark_point(shape=PERSON_PATH, size=icon_size, strokeWidth=1.5, filled=False, opacity=1, aria=False)
        .encode(
            x=alt.X("col:O", axis=None),
            y=alt.Y("row:O", axis=None),
            stroke=encoding_colour,
            fill=encoding_fill,
            tooltip=alt.value(None),
        )
        # "pad": keep the icons their drawn size; Streamlit's default "fit" squeezes the title and
        # legend into width x height and shrinks the people.
        .properties(width=size, height=size, description=description, autosize=alt.AutoSizeParams(type="pad"))
    )
    return finish(chart)

"""The finishing touches every chart shares, so each builder cannot forget them.

Vega names legends, axes and titles for screen readers with generated English sentences ("Symbol
legend titled ...", "X-axis titled ..."), which a Chinese page must not read out and which repeat
what the chart's own description already says in the reader's language; text colours meet WCAG AA.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import altair as alt

TEXT = "#1a1a1a"
MUTED_TEXT = "#333333"


def finish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """No generated English accessible names; readable text; no frame around the plot."""
    return (
        chart.configure_view(stroke=None)
        .configure_axis(aria=False, labelColor=MUTED_TEXT, titleColor=TEXT)
        .configure_legend(aria=False, labelColor=MUTED_TEXT, titleColor=TEXT)
        .configure_title(aria=False, color=TEXT)
    )


def fill(template: dict, *, description: str | None = None, **datasets: list[dict]) -> dict:
    """A chart spec from a template (built once, with named data) and this request's data.

    Building and validating an Altair chart costs far more than the numbers in it; charts whose
    shape does not change while the reader moves a slider are built once and filled here. Leave
    ``description`` out for a chart redrawn as a reader moves a control: while the spec (its
    accessible name included) stays byte-identical, the browser keeps the drawn chart and only
    swaps its data; a changed name makes it build the chart from scratch. Such a chart's name
    then says where its numbers are written, next to it.
    """
    spec = {**template, "datasets": {**template.get("datasets", {}), **datasets}}
    if description is not None:
        spec["description"] = description
    return spec


def inline_data(spec: dict, keep: Iterable[str] = ()) -> dict:
    """The spec with every named dataset but ``keep`` written into the layers that use it.

    Streamlit converts each named dataset to Arrow on every draw (about 1 ms each, even for one
    row: pandas, then pyarrow); data written into the spec is sent as JSON with it. A chart whose
    shape does not change keeps its constant data inline and only the datasets a control moves
    named, so a redraw converts those few and the spec stays byte-identical (the browser swaps the
    named data in place, see ``fill``)."""
    named = spec.get("datasets", {})
    moved = {name: rows for name, rows in named.items() if name not in set(keep)}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("data")
            if isinstance(ref, dict) and set(ref) == {"name"} and ref["name"] in moved:
                node = {**node, "data": {"values": moved[ref["name"]]}}
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    out = walk({key: value for key, value in spec.items() if key != "datasets"})
    left = {name: rows for name, rows in named.items() if name not in moved}
    if left:
        out["datasets"] = left
    return out

"""Charts keep their constant data inside the spec and name only what a control moves
(charts.style.inline_data): Streamlit converts each named dataset to Arrow on every draw."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from charts.hr_curve import CHOSEN, place_level
from charts.style import inline_data
from content.i18n import LANGUAGES
from model.benefit import hr_curve
from views import biomarker as bt


def _values(spec: dict) -> list[list[dict]]:
    """Every inline data block, in the order they appear."""
    found: list[list[dict]] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("data"), dict) and "values" in node["data"]:
                found.append(node["data"]["values"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


def test_named_data_moves_into_the_layers_that_use_it_and_the_kept_names_stay() -> None:
    points = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
    marker = alt.Chart(alt.NamedData("marker")).mark_rule().encode(x="x:Q")
    whole = alt.layer(alt.Chart(points).mark_line().encode(x="x:Q", y="y:Q"), marker).to_dict()
    (name,) = whole["datasets"]
    whole["datasets"]["marker"] = [{"x": 2}]
    out = inline_data(whole, keep=("marker",))
    assert out["datasets"] == {"marker": [{"x": 2}]}
    assert _values(out) == [points.to_dict("records")]
    assert name not in str(out)  # no reference to the moved dataset is left
    assert inline_data(whole)["layer"][1]["data"] == {"values": [{"x": 2}]} and "datasets" not in inline_data(whole)
    assert whole["datasets"][name] == points.to_dict("records")  # the input is not changed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_effect_curve_names_only_the_level_marker(lang: str) -> None:
    curve = hr_curve()
    spec = place_level(bt.hr_curve_spec(lang), curve, 2000, bt.hr_labels(2000, lang).chosen)
    assert set(spec["datasets"]) == {CHOSEN}
    (row,) = spec["datasets"][CHOSEN]
    assert row["x"] == 2000 and row["align"] == "left"  # at the middle of the axis or left of it: label to the right
    # The curve itself is drawn from the model's numbers, written into the spec.
    inline = _values(spec)
    line = next(rows for rows in inline if len(rows) == len(curve))
    assert [round(r["hazard_ratio"], 6) for r in line] == [round(v, 6) for v in curve["hazard_ratio"]]
    # Another level changes the marker only: the spec, inline data included, is the same.
    other = place_level(bt.hr_curve_spec(lang), curve, 4500, bt.hr_labels(4500, lang).chosen)
    strip = lambda s: {k: v for k, v in s.items() if k != "datasets"}  # noqa: E731
    assert strip(other) == strip(spec) and other["datasets"][CHOSEN][0]["align"] == "right"
    # A level the curve does not reach gets no marker.
    for outside in (500, 6000):  # the model's curve runs from 750 to 5,000 pg/mL
        assert place_level(bt.hr_curve_spec(lang), curve, outside, "")["datasets"] == {CHOSEN: []}


def test_filling_the_template_never_changes_it() -> None:
    # app_pages/biomarker.py keeps one template per language for every session (a cache resource,
    # not a copy per run): a level placed for one visitor must not reach the next one's chart.
    import copy

    template = bt.hr_curve_spec("en")
    kept = copy.deepcopy(template)
    spec = place_level(template, hr_curve(), 2000, "2,000")
    spec["datasets"][CHOSEN].append({"x": 1})
    spec["description"] = "changed"
    assert template == kept
    assert len(place_level(template, hr_curve(), 2000, "2,000")["datasets"][CHOSEN]) == 1

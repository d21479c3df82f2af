"""Icon arrays: whole people, always out of the same denominator, grouped, described."""

import pytest

from charts.icon_array import icon_array_chart
from charts.icons import icon_grid
from content.facts import registry
from model.counts import people_out_of

REG = registry()


def test_trial_counts_become_people_out_of_100() -> None:
    per_arm = REG.value("randomised_per_arm")
    for key in ("alive_il2", "alive_placebo"):
        count = REG.value(key)
        out_of_100 = people_out_of(count, per_arm)
        assert abs(out_of_100 - 100 * count / per_arm) <= 0.5
        grid = icon_grid(out_of_100)
        assert len(grid) == REG.value("denominator")
        assert (grid["status"] == "alive").sum() == out_of_100


def test_grid_is_grouped_not_scattered() -> None:
    grid = icon_grid(37)
    alive_positions = grid.loc[grid["status"] == "alive", "person"].tolist()
    assert alive_positions == list(range(37))
    assert grid["row"].max() == 9 and grid["col"].max() == 9


@pytest.mark.parametrize("bad", [-1, 101])
def test_grid_rejects_impossible_counts(bad: int) -> None:
    with pytest.raises(ValueError):
        icon_grid(bad)


def test_people_out_of_rejects_impossible_inputs() -> None:
    with pytest.raises(ValueError):
        people_out_of(5, 0)
    with pytest.raises(ValueError):
        people_out_of(11, 10)


def test_chart_carries_description_and_no_per_icon_labels() -> None:
    spec = icon_array_chart(
        icon_grid(63), status_labels={"alive": "活着", "died": "去世"}, description="100人中63人活着"
    ).to_dict()
    assert spec["description"] == "100人中63人活着"
    assert spec["mark"]["aria"] is False
    assert spec["encoding"]["stroke"]["scale"]["domain"] == ["活着", "去世"]


def test_every_chart_builder_is_finished_without_generated_english_names() -> None:
    """Each chart module ends in charts.style.finish: no Vega-generated English accessible names.
    (A module that does not import Altair, such as charts/icon_counts.py, builds no chart.)"""
    import ast
    from pathlib import Path

    charts_dir = Path(__file__).resolve().parent.parent / "charts"
    checked = []
    for path in sorted(charts_dir.glob("*.py")):
        if path.name in {"__init__.py", "style.py"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imports |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        if not any(m == "altair" or m.startswith("altair.") for m in imports):
            continue
        checked.append(path.name)
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "finish"]
        assert calls, f"{path.name} builds charts without charts.style.finish"
    assert "icon_array.py" in checked and "forest.py" in checked, checked
    spec = icon_array_chart(icon_grid(10), status_labels={"alive": "a", "died": "d"}, description="x").to_dict()
    assert spec["config"]["axis"]["aria"] is False
    assert spec["config"]["legend"]["aria"] is False
    assert spec["config"]["title"]["aria"] is False


@pytest.mark.parametrize("alive", [0, 37, 100])
def test_template_filled_with_rows_draws_the_same_people_as_the_chart(alive: int) -> None:
    """The biomarker page's template + rows and the one-off chart must show the same people."""
    from charts.icon_array import ICONS, icon_rows
    from charts.style import fill

    labels = {"alive": "Alive", "died": "Died"}
    whole = icon_array_chart(icon_grid(alive), status_labels=labels, description="d", size=200).to_dict()
    template = icon_array_chart(None, status_labels=labels, description="d", size=200).to_dict()
    filled = fill(template, **{ICONS: icon_rows(alive, labels)})
    (inline_rows,) = whole["datasets"].values()
    assert filled["datasets"][ICONS] == inline_rows
    assert sum(row["label"] == "Alive" for row in filled["datasets"][ICONS]) == alive
    assert {k: v for k, v in filled.items() if k not in ("data", "datasets")} == {
        k: v for k, v in whole.items() if k not in ("data", "datasets")
    }
    assert filled["data"] == {"name": ICONS}

"""The public contract model.benefit: published results first, the model only where there are data."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from content.facts import registry
from model.benefit import (
    INPUT_MAX,
    INPUT_MIN,
    MODEL_RANGE,
    Estimate,
    estimate,
    group_out_of_100,
    hr_curve,
    sensitivity,
)
from tests.servers import ROOT

R = registry()
MODEL_FIELDS = (
    "hazard_ratio",
    "hazard_ratio_ci",
    "alive_riluzole_of_100",
    "alive_il2_of_100",
    "extra_alive_of_100",
    "extra_alive_ci_of_100",
)
EVERY_LEVEL = list(range(100, 15001, 50)) + [749, 751, 3699, 3701, 4999, 5001]


@pytest.mark.parametrize(
    "level, band",
    [
        (100, "below"),
        (749, "below"),
        (750, "low"),
        (2000, "low"),
        (3700, "low"),
        (3701, "high"),
        (9000, "high"),
        (15000, "high"),
    ],
)
def test_published_result_first_from_the_registry(level: float, band: str) -> None:
    e = estimate(level)
    assert e.band == band
    p = e.published
    if band == "below":
        assert p.hazard_ratio is None and p.interval is None and p.source is None
    elif band == "low":
        assert (p.hazard_ratio, p.interval, p.source) == (R.value("hr_low"), R["hr_low"].ci, "hr_low")
    else:
        assert (p.hazard_ratio, p.interval, p.source) == (R.value("hr_high"), None, "hr_high")
        assert p.approx


def test_group_out_of_100_only_where_calculable() -> None:
    assert group_out_of_100("low") == (R.value("low_group_alive_placebo_of_100"), R.value("low_group_alive_il2_of_100"))
    assert group_out_of_100("high") is None and group_out_of_100("below") is None


@pytest.mark.parametrize("level", EVERY_LEVEL)
def test_model_only_inside_the_range_and_never_all_or_none(level: float) -> None:
    e = estimate(level)
    inside = MODEL_RANGE[0] <= level <= MODEL_RANGE[1]
    assert e.model_shown is inside
    if not inside:
        assert all(getattr(e, f) is None for f in MODEL_FIELDS)
        assert e.outside == ("below" if level < MODEL_RANGE[0] else "above")
        return
    for n in (e.alive_riluzole_of_100, e.alive_il2_of_100, *e.alive_riluzole_ci_of_100, *e.alive_il2_ci_of_100):
        assert 0 < n < 100
    assert e.extra_alive_of_100 == e.alive_il2_of_100 - e.alive_riluzole_of_100
    lo, hi = e.extra_alive_ci_of_100
    assert lo <= e.extra_alive_of_100 <= hi
    assert e.hazard_ratio_ci[0] < e.hazard_ratio < e.hazard_ratio_ci[1]


def test_nothing_modelled_below_750() -> None:
    assert MODEL_RANGE[0] == R.value("pnfh_low_min")
    for level in (100, 300, 500, 749.9):
        assert not estimate(level).model_shown


def test_hazard_ratio_rises_with_the_level() -> None:
    curve = hr_curve()
    assert curve["pnfh"].min() == MODEL_RANGE[0] and curve["pnfh"].max() == MODEL_RANGE[1]
    assert (np.diff(curve["hazard_ratio"]) > 0).all()
    assert ((curve["lower"] < curve["hazard_ratio"]) & (curve["hazard_ratio"] < curve["upper"])).all()
    hrs = [estimate(p).hazard_ratio for p in range(750, 5001, 250)]
    assert all(b > a for a, b in zip(hrs, hrs[1:], strict=False))
    survival = [estimate(p).alive_riluzole_of_100 for p in range(750, 5001, 500)]
    assert all(b < a for a, b in zip(survival, survival[1:], strict=False))  # higher level, shorter survival


def test_model_agrees_with_the_published_low_group_in_its_middle() -> None:
    # Inside the low group, the model's range at its middle contains the published estimate.
    e = estimate(2000)
    assert e.hazard_ratio_ci[0] < R.value("hr_low") < e.hazard_ratio_ci[1]
    assert e.hazard_ratio < 1 and e.extra_alive_ci_of_100[0] > 0


@pytest.mark.parametrize(
    "bad", [float("nan"), float("inf"), -float("inf"), -5, 1e308, 0, 99, 15001, "2000", None, True]
)
def test_invalid_input_raises_value_error(bad) -> None:
    with pytest.raises(ValueError):
        estimate(bad)


def test_sensitivity_rows_have_ranges() -> None:
    rows = sensitivity(3000)
    from model.assumptions import VARIANTS

    assert [r.key for r in rows] == ["main", *(k for k, _ in VARIANTS)]
    for r in rows:
        assert r.hazard_ratio_ci[0] < r.hazard_ratio < r.hazard_ratio_ci[1]
        assert r.extra_alive_ci_of_100[0] < r.extra_alive_ci_of_100[1]
    assert sensitivity(9000) == [] and sensitivity(500) == []
    by = {r.key: r for r in rows}
    # Holding the shape fixed narrows the range at the group's edge (shape is one of the unknowns).
    assert by["scale_linear"].hazard_ratio_ci != by["scale_log"].hazard_ratio_ci


def test_grid_is_current() -> None:
    result = subprocess.run([sys.executable, "-m", "model.grid", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_grid_matches_a_fresh_computation_and_the_seed_moves_nothing_shown() -> None:
    from model.grid import DRAWS_LOG2, compute, load

    levels = [750.0, 2000.0, 3700.0, 5000.0]
    shipped = load()
    index = [shipped["levels"].index(p) for p in levels]
    for seed in (0, 7):
        fresh = compute(seed=seed, draws_log2=DRAWS_LOG2, pnfh=np.array(levels), only=("main", "scale_log"))
        for run in ("main", "scale_log"):
            for name in ("hr",):
                got = np.array(fresh[run][name])
                want = np.array(shipped["runs"][run][name])[index]
                assert np.abs(got - want).max() < 0.01, (seed, run, name)
            for name in ("alive_riluzole", "alive_il2", "extra"):
                got = 100 * np.array(fresh[run][name])
                want = 100 * np.array(shipped["runs"][run][name])[index]
                assert np.abs(np.floor(got + 0.5) - np.floor(want + 0.5)).max() <= 1, (seed, run, name)


def test_deterministic_across_processes() -> None:
    code = "from model.benefit import estimate; e = estimate(2000); print(repr((e.hazard_ratio, e.alive_il2_of_100)))"
    runs = {
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


def test_a_level_change_is_a_lookup() -> None:
    import time

    estimate(2000)
    start = time.perf_counter()
    for p in range(750, 5000, 7):
        estimate(float(p) + 0.5)
    assert time.perf_counter() - start < 1.0
    assert isinstance(estimate(2000), Estimate)
    assert INPUT_MIN < MODEL_RANGE[0] < MODEL_RANGE[1] < INPUT_MAX

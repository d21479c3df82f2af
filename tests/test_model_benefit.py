"""The public contract model.benefit: behaviour the page and the handout rely on."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from content.facts import registry
from model.assumptions import DEFAULT
from model.benefit import (
    INPUT_MAX, Estimate, estimate, hr_curve, sparse_limits, survival_curves, trial_range,
)
from model.fit import fitted_model
from tests.servers import ROOT

R = registry()
LEVELS = [300, 750, 1000, 2000, 3700, 5000, 8000, 12000]


def test_hr_at_x_from_coefficients_and_covariance() -> None:
    m = fitted_model(DEFAULT)
    t, i = m.index("treatment"), m.index("treatment:x")
    for p in LEVELS:
        x = p / 1000  # the linear scale's covariate
        log_hr = m.params[t] + m.params[i] * x
        var = m.cov[t, t] + x**2 * m.cov[i, i] + 2 * x * m.cov[t, i]
        e = estimate(p)
        assert e.hazard_ratio == pytest.approx(math.exp(log_hr), rel=1e-12)
        assert e.hazard_ratio_ci[0] == pytest.approx(math.exp(log_hr - 1.959964 * math.sqrt(var)), rel=1e-6)
        assert e.hazard_ratio_ci[1] == pytest.approx(math.exp(log_hr + 1.959964 * math.sqrt(var)), rel=1e-6)


def test_hr_at_zero_is_lifelines_treatment_row() -> None:
    m = fitted_model(DEFAULT)
    row = m.summary.loc["treatment"]
    curve_at_zero = math.exp(m.params[m.index("treatment")])
    assert curve_at_zero == pytest.approx(row["exp(coef)"], rel=1e-12)


@pytest.mark.parametrize("scale", ["linear", "log"])
def test_hazard_ratio_rises_with_pnfh(scale: str) -> None:
    a = DEFAULT.with_(effect_scale=scale)
    hrs = [estimate(p, a).hazard_ratio for p in LEVELS]
    assert all(b > a_ for a_, b in zip(hrs, hrs[1:]))
    curve = hr_curve(a)
    assert (np.diff(curve["hazard_ratio"]) > 0).all()
    assert ((curve["lower"] <= curve["hazard_ratio"]) & (curve["hazard_ratio"] <= curve["upper"])).all()


def test_low_and_high_group_directions() -> None:
    low = estimate(R.value("pnfh_low_min"))
    assert low.hazard_ratio < 1
    assert estimate(2 * R.value("pnfh_cut")).hazard_ratio > 1


@pytest.mark.parametrize("p", LEVELS)
def test_probabilities_and_intervals(p: float) -> None:
    e = estimate(p)
    assert isinstance(e, Estimate)
    for s, (lo, hi) in ((e.survival_riluzole, e.survival_riluzole_ci), (e.survival_il2, e.survival_il2_ci)):
        assert 0 <= lo <= s <= hi <= 1
    assert e.hazard_ratio_ci[0] < e.hazard_ratio < e.hazard_ratio_ci[1]
    assert e.extra_alive_of_100 == e.alive_il2_of_100 - e.alive_riluzole_of_100
    assert e.extra_alive_ci_of_100[0] <= e.extra_alive_ci_of_100[1]
    assert 0 <= e.alive_riluzole_of_100 <= 100 and 0 <= e.alive_il2_of_100 <= 100
    assert e.days == R.value("endpoint_days")


def test_higher_pnfh_means_shorter_survival_on_riluzole() -> None:
    s = [estimate(p).survival_riluzole for p in LEVELS]
    assert all(b < a for a, b in zip(s, s[1:]))


def test_inputs_outside_the_trial_range_are_flagged() -> None:
    lo, hi = trial_range()
    assert estimate(R.value("pnfh_cut")).in_trial_range
    assert estimate(2000).in_trial_range and not estimate(2000).sparse
    assert not estimate(lo * 0.9).in_trial_range
    assert not estimate(min(hi * 1.1, INPUT_MAX)).in_trial_range
    s_lo, s_hi = sparse_limits()
    assert s_lo == R.value("pnfh_low_min")
    assert estimate(s_lo * 0.95).sparse and estimate(s_hi * 1.05).sparse


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), -5, 1e308, 0, "2000", None, True])
def test_invalid_input_raises_value_error(bad) -> None:
    with pytest.raises(ValueError):
        estimate(bad)


def test_deterministic_across_processes() -> None:
    code = "from model.benefit import estimate; e = estimate(2000); print(repr((e.hazard_ratio, e.survival_il2, e.survival_il2_ci)))"
    runs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(runs) == 1
    e = estimate(2000)
    assert runs.pop().strip() == repr((e.hazard_ratio, e.survival_il2, e.survival_il2_ci))


def test_fit_once_estimates_cheap() -> None:
    fitted_model(DEFAULT)
    before = fitted_model.cache_info().misses
    for p in range(500, 9000, 7):
        estimate(float(p))
    assert fitted_model.cache_info().misses == before


def test_survival_curves_tidy_and_consistent() -> None:
    df = survival_curves(2000)
    assert list(df.columns) == ["day", "arm", "survival", "lower", "upper"]
    assert set(df["arm"]) == {"riluzole", "il2"}
    assert df["day"].max() == R.value("endpoint_days")
    assert ((df["lower"] <= df["survival"] + 1e-12) & (df["survival"] <= df["upper"] + 1e-12)).all()
    e = estimate(2000)
    end = df[df["day"] == df["day"].max()].set_index("arm")["survival"]
    assert end["riluzole"] == pytest.approx(e.survival_riluzole, abs=1e-9)
    assert end["il2"] == pytest.approx(e.survival_il2, abs=1e-9)
    for arm, part in df.groupby("arm"):
        assert (np.diff(part["survival"]) <= 1e-12).all(), arm


def test_assumption_changes_move_the_answer() -> None:
    base = estimate(6000)
    log = estimate(6000, DEFAULT.with_(effect_scale="log"))
    assert log.assumptions != base.assumptions
    assert log.hazard_ratio != pytest.approx(base.hazard_ratio, rel=1e-3)

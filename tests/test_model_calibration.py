"""Golden numbers: the simulated trial reproduces the published figures (from the registry)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from content.facts import registry
from model.assumptions import (
    DEFAULT, EFFECT_SCALES, PROGNOSTIC_CHOICES, TOL_DEATHS, TOL_GROUP_SHARE_POINTS, TOL_LOG_HR,
    TOL_LOG_HR_HIGH, TOL_LOG_HR_VARIANT,
)
from model.cohort import simulate
from model.fit import calibration, fitted_model

R = registry()
VARIANTS = [DEFAULT.with_(effect_scale=s, prognostic_hr_per_doubling=p)
            for s in EFFECT_SCALES for p in PROGNOSTIC_CHOICES]


def _close(fitted: float, key: str, tol: float) -> None:
    published = R.value(key)
    assert abs(math.log(fitted / published)) <= tol, f"{key}: fitted {fitted:.3f} vs published {published}"


@pytest.mark.parametrize("a", VARIANTS, ids=lambda a: a.name)
def test_counts_are_exact_under_every_assumption(a) -> None:
    c = calibration(a)
    assert c["n_total"] == R.value("randomised_total")
    assert c["n_il2"] == R.value("randomised_per_arm")
    assert abs(c["deaths_il2"] - R.value("deaths_il2")) <= TOL_DEATHS
    assert abs(c["deaths_placebo"] - R.value("deaths_placebo")) <= TOL_DEATHS
    assert abs(100 * c["low_share"] - R.value("low_group_percent")) <= TOL_GROUP_SHARE_POINTS
    assert abs(100 * c["high_share"] - R.value("high_group_percent")) <= TOL_GROUP_SHARE_POINTS
    assert abs(100 * c["below_share"] - R.value("other_group_percent")) <= TOL_GROUP_SHARE_POINTS


def test_main_analysis_hazard_ratios_near_published() -> None:
    c = calibration(DEFAULT)
    _close(c["hr_low"], "hr_low", TOL_LOG_HR)
    _close(c["hr_overall"], "hr_overall", TOL_LOG_HR)
    _close(c["hr_at_zero"], "hr_adjusted", TOL_LOG_HR)
    _close(c["hr_high"], "hr_high", TOL_LOG_HR_HIGH)


@pytest.mark.parametrize("a", VARIANTS, ids=lambda a: a.name)
def test_sensitivity_variants_stay_near_published(a) -> None:
    c = calibration(a)
    for key in ("hr_low", "hr_overall", "hr_high"):
        _close(c[key], key, TOL_LOG_HR_VARIANT)
    assert c["hr_low"] < 1 < c["hr_high"]


def test_deaths_counted_by_the_endpoint() -> None:
    cohort, _ = simulate(DEFAULT)
    end = R.value("endpoint_days")
    assert cohort["time"].max() <= end
    assert ((cohort["time"] < end) == (cohort["died"] == 1)).all()


def test_hr_at_x_from_coefficients_matches_lifelines_at_zero() -> None:
    m = fitted_model(DEFAULT)
    row = m.summary.loc["treatment"]
    t = m.index("treatment")
    se = math.sqrt(m.cov[t, t])
    assert math.exp(m.params[t]) == pytest.approx(row["exp(coef)"], rel=1e-9)
    assert se == pytest.approx(row["se(coef)"], rel=1e-9)
    assert math.exp(m.params[t] - 1.959963984540054 * se) == pytest.approx(row["exp(coef) lower 95%"], rel=1e-6)
    assert math.exp(m.params[t] + 1.959963984540054 * se) == pytest.approx(row["exp(coef) upper 95%"], rel=1e-6)


def test_baseline_at_zero_matches_lifelines_prediction() -> None:
    # Our shift of lifelines' centred baseline to covariates zero reproduces its own prediction.
    import pandas as pd
    from model.fit import cox_fit, model_frame, _formula

    cohort, _ = simulate(DEFAULT)
    cph = cox_fit(model_frame(cohort, DEFAULT), _formula(DEFAULT))
    m = fitted_model(DEFAULT)
    row = pd.DataFrame({"treatment": [1], "x": [2.0], "z": [1.0]})
    lifelines_s = float(cph.predict_survival_function(row, times=[600.0]).iloc[0, 0])
    cov = np.array([{"treatment": 1, "x": 2.0, "treatment:x": 2.0, "z": 1.0}[t] for t in m.terms])
    ours = math.exp(-m.cum_hazard_at(600.0) * math.exp(cov @ m.params))
    assert ours == pytest.approx(lifelines_s, abs=2e-3)

"""Golden numbers: the calibrated curve reproduces every published figure within its tolerance."""

from __future__ import annotations

import math

import pytest

from content.facts import registry
from model.assumptions import DEFAULT, EFFECT_SCALES, TOL_SE, TOL_SHARE_POINTS
from model.benefit import MODEL_RANGE, calibration, high_group_median
from model.construction import calibrate, se_from_ci, shares_met, targets

R = registry()


@pytest.mark.parametrize("scale", EFFECT_SCALES)
def test_every_target_within_tolerance(scale: str) -> None:
    curve = calibration(scale)
    keys = {row[0] for row in curve.rows}
    expected = {"hr_overall", "hr_low", "hr_high", "deaths_il2", "deaths_placebo"}
    assert keys == (expected | {"hr_adjusted"} if scale == "linear" else expected)
    chi2 = 0.0
    for key, published, fitted, se in curve.rows:
        assert published == pytest.approx(R.value(key)), key  # targets are the registry's figures
        z = (math.log(fitted / published) if key.startswith("hr") else fitted - published) / se
        assert abs(z) <= TOL_SE, f"{key}: fitted {fitted:.3f} vs published {published} ({z:+.2f} SE)"
        chi2 += z * z
    assert curve.chi2 == pytest.approx(chi2, rel=1e-9)
    assert curve.chi2 < 1.0  # a few targets, each well inside its standard error


def test_standard_errors_come_from_the_published_intervals() -> None:
    t = targets()
    low, high = R["hr_low"].ci
    assert t.se_low == pytest.approx((math.log(high) - math.log(low)) / (2 * 1.959964), rel=1e-5)
    assert t.se_low == pytest.approx(R.value("hr_low_se"), abs=5e-4)
    assert se_from_ci(R["hr_overall"].ci) == pytest.approx(t.se_overall)


def test_group_shares_are_exact() -> None:
    s = shares_met()
    assert abs(100 * s["low"] - R.value("low_group_percent")) <= TOL_SHARE_POINTS
    assert abs(100 * s["high"] - R.value("high_group_percent")) <= TOL_SHARE_POINTS
    assert abs(100 * s["below"] - R.value("other_group_percent")) <= TOL_SHARE_POINTS + 1e-9


def test_the_curve_rises_and_keeps_the_published_directions() -> None:
    for scale in EFFECT_SCALES:
        c = calibrate(DEFAULT.with_(effect_scale=scale))
        assert c.b > 0
        assert dict((r[0], r[2]) for r in c.rows)["hr_low"] < 1 < dict((r[0], r[2]) for r in c.rows)["hr_high"]


def test_model_range_upper_end_is_inside_the_high_group() -> None:
    # The upper end stops before the middle of the high group (as assumed): above it, people thin out.
    assert R.value("pnfh_cut") < MODEL_RANGE[1] <= high_group_median()
    assert MODEL_RANGE[0] == R.value("pnfh_low_min")

"""One contract, run over every effect scale (the lifelines/emcee pattern): a new shape of the
curve must satisfy all of it before the model may use it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from content.facts import registry
from model.assumptions import DEFAULT
from model.construction import calibrate
from model.scales import REFERENCE_LEVEL, SCALES, scale


@pytest.mark.parametrize("name", sorted(SCALES))
def test_the_covariate_is_centred_and_rises_with_the_level(name: str) -> None:
    s = SCALES[name]
    assert s.name == name
    assert float(s.x(REFERENCE_LEVEL)) == pytest.approx(0.0, abs=1e-12) or s.anchored_at_zero
    levels = np.array([750.0, 1500.0, 3000.0, 6000.0])
    assert np.all(np.diff(s.x(levels)) > 0)


@pytest.mark.parametrize("name", sorted(SCALES))
def test_each_scale_calibrates_to_the_published_results(name: str) -> None:
    """Fitted to every published figure, each scale lands near the groups' published hazard ratios
    and uses the adjusted model's 0.32 only if the straight line can reach CSF-pNFH zero."""
    curve = calibrate(DEFAULT.with_(effect_scale=name))
    fitted = {key: (published, got, se) for key, published, got, se in curve.rows}
    for key in ("hr_low", "hr_overall"):
        published, got, se = fitted[key]
        assert abs(math.log(got) - math.log(published)) < 2 * se, (name, key, published, got)
    assert ("hr_adjusted" in fitted) is SCALES[name].anchored_at_zero
    assert curve.b > 0, "the benefit must shrink as CSF-pNFH rises, as the trial's interaction says"
    assert registry()["p_interaction"].known


def test_an_unknown_scale_is_an_error_not_a_silent_other_scale() -> None:
    with pytest.raises(ValueError, match="effect scale must be one of"):
        scale("spline")
    with pytest.raises(ValueError):
        DEFAULT.with_(effect_scale="spline")

"""How CSF-pNFH changes the effect of IL-2LD: one object per shape of the curve (an "effect scale").

The curve is log HR = a + b * x(pNFH), and a scale is the choice of x. Each scale says what it
needs said instead of the model asking "if linear ... else": its covariate ``x``, whether the
adjusted model's hazard ratio at CSF-pNFH zero (0.32) constrains it (``anchored_at_zero``: only a
straight line reaches zero; on a log scale "zero" lies infinitely far away), and where the fit
starts. A new shape is a new object in ``SCALES`` plus its words on the biomarker page; the
contract test (tests/test_model_scales.py) runs over every object.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

REFERENCE_LEVEL = 1000.0  # pg/mL: the covariate and the prognostic term are centred here


@dataclass(frozen=True)
class EffectScale:
    name: str
    anchored_at_zero: bool

    def x(self, pnfh) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def start_a(self, hr_zero: float, hr_low: float) -> float:
        """A starting value for the intercept when fitting (where the curve's a is easiest to guess)."""
        return math.log(hr_zero) if self.anchored_at_zero else math.log(hr_low)


@dataclass(frozen=True)
class LinearScale(EffectScale):
    """log HR = a + b * pNFH/1000: a straight line, whose value at zero is the adjusted model's 0.32."""

    name: str = "linear"
    anchored_at_zero: bool = True

    def x(self, pnfh) -> np.ndarray:
        return np.asarray(pnfh, dtype=float) / REFERENCE_LEVEL


@dataclass(frozen=True)
class LogScale(EffectScale):
    """log HR = a + b * log2(pNFH/1000): the same step each time the level doubles."""

    name: str = "log"
    anchored_at_zero: bool = False

    def x(self, pnfh) -> np.ndarray:
        return np.log2(np.asarray(pnfh, dtype=float) / REFERENCE_LEVEL)


SCALES: dict[str, EffectScale] = {scale.name: scale for scale in (LinearScale(), LogScale())}


def scale(name: str) -> EffectScale:
    """The scale called ``name``; an unknown name is an error (never silently another scale)."""
    try:
        return SCALES[name]
    except KeyError:
        raise ValueError(f"effect scale must be one of {tuple(SCALES)}, not {name!r}") from None


def mixed_x(pnfh, linear_mask) -> np.ndarray:
    """The covariate per draw when the Monte-Carlo draws mix the two shapes (``linear_mask`` True
    where a draw uses the straight line, else the log scale)."""
    p = np.asarray(pnfh, dtype=float)
    lin = np.asarray(linear_mask, dtype=bool)
    if p.ndim == 2 and lin.ndim == 1:
        lin = lin[:, None]
    return np.where(lin, SCALES["linear"].x(p), SCALES["log"].x(p))

"""Every assumption the CSF-pNFH model makes, as a named value or range with its source.

The trial's own data are not public. What is published (content/facts.toml) fixes the calibration
targets; everything else the model needs is listed here, with the word "assumption" and a stated
range, so the page can show it and the Monte-Carlo ranges can carry it (model.construction).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from model.scales import SCALES, scale

# How CSF-pNFH enters the treatment x CSF-pNFH interaction (the trial did not publish it): one
# object per shape in model.scales. The Monte-Carlo ranges mix the straight line and the log scale.
EFFECT_SCALES: tuple[str, ...] = tuple(SCALES)
EffectScale = str


@dataclass(frozen=True)
class Assumptions:
    """The choices the model rests on: a main value (the calibrated curve) and a range (the
    Monte-Carlo draws). ``seed`` only scrambles the quasi-random draws; enough draws are taken
    that it moves no figure the page shows (tests/test_model_benefit.py)."""

    # linear: log HR = a + b * (pNFH / 1000); log: log HR = a + b * log2(pNFH / 1000).
    effect_scale: EffectScale = "linear"  # main curve; the ranges draw both, half and half
    linear_share: float = 0.5
    # Higher CSF-pNFH means shorter survival on riluzole alone: hazard ratio per doubling.
    prognostic_hr_per_doubling: float = 1.5
    prognostic_range: tuple[float, float] = (1.25, 2.5)
    # Spread of log(CSF-pNFH) within the groups: the log-normal's sigma times this factor (the
    # group shares stay as published whatever the factor).
    spread_factor: float = 1.0
    spread_range: tuple[float, float] = (0.8, 1.25)
    # What IL-2LD did for the about 9% below 750 pg/mL or without a sample: unknown, not on the
    # curve. A constant hazard ratio, main value 1 (no effect), range 0.5 to 2 (log-uniform).
    below_hr: float = 1.0
    below_hr_range: tuple[float, float] = (0.5, 2.0)
    # The high group's standard error of log HR (its interval is unpublished): Var(log HR) is
    # about 1/D1 + 1/D0, and about 25 to 45 deaths in the group give 0.30 to 0.40.
    high_se: float = 0.35
    high_se_range: tuple[float, float] = (0.30, 0.40)
    # Monte-Carlo draws (a power of two: scrambled Sobol points) and their scrambling seed.
    draws_log2: int = 14
    seed: int = 0

    def __post_init__(self) -> None:
        scale(self.effect_scale)  # ValueError for a shape with no object in model.scales
        for lo, hi in (self.prognostic_range, self.spread_range, self.below_hr_range, self.high_se_range):
            if not 0 < lo <= hi:
                raise ValueError("a range must be positive and ordered")
        if not 0.0 <= self.linear_share <= 1.0:
            raise ValueError("linear_share must lie in [0, 1]")

    def with_(self, **changes) -> Assumptions:
        return replace(self, **changes)


DEFAULT = Assumptions()

# Assumptions that are described, not varied: no knob changes them, so they are not fields of
# Assumptions (which holds only what changes numbers); the page lists them with the others.
DESCRIBED: dict[str, str] = {
    "baseline": "Risk of death on riluzole alone is constant over the 640 days (exponential survival).",
}

# The sensitivity table: each unknown held at one end of its range while the others are drawn.
# (field changes applied to DEFAULT, key for the row's label)
VARIANTS: tuple[tuple[str, dict], ...] = (
    ("scale_linear", {"linear_share": 1.0}),
    ("scale_log", {"linear_share": 0.0}),
    ("prognostic_low", {"prognostic_range": (1.25, 1.25)}),
    ("prognostic_high", {"prognostic_range": (2.5, 2.5)}),
    ("spread_narrow", {"spread_range": (0.8, 0.8)}),
    ("spread_wide", {"spread_range": (1.25, 1.25)}),
    ("below_benefit", {"below_hr_range": (0.5, 0.5)}),
    ("below_harm", {"below_hr_range": (2.0, 2.0)}),
)

# Where each assumption comes from. Keys of content/sources.toml, "calc" (computed from registry
# figures) or "assumption" (the model's own choice, shown on the page as such).
SOURCES: dict[str, tuple[str, ...]] = {
    "effect_scale": ("assumption", "lancet_comment"),  # comment: "HR at zero ... rises with CSF-pNFH"
    "prognostic_hr_per_doubling": ("assumption", "benatar_nfh", "medwire"),  # direction sourced, size assumed
    "spread_factor": ("assumption", "calc"),  # shape assumed; placed by the published group shares
    "below_hr": ("assumption",),
    "high_se": ("assumption", "calc"),
    "baseline": ("assumption",),
    "placebo_mortality": ("mnda_blog", "calc"),
}

# ---------------------------------------------------------------- calibration tolerances
# How close the calibrated curve must come to each published figure, in standard errors of that
# figure (tests and the page both use this). Group shares are met exactly by construction.
TOL_SE = 1.0
TOL_SHARE_POINTS = 0.01

"""The public contract: what the model says for one CSF-pNFH level.

    estimate(pnfh_pg_ml, assumptions=DEFAULT) -> Estimate
    hr_curve(assumptions=DEFAULT) -> DataFrame  (pnfh, hazard_ratio, lower, upper, sparse, in_trial_range)
    survival_curves(pnfh, assumptions=DEFAULT) -> DataFrame  (day, arm, survival, lower, upper)

Used by the /biomarker page, the handout and the tests. The fit happens once per process
(model.fit.fitted_model is cached); everything here is a few numpy operations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from functools import lru_cache
from numbers import Real

import numpy as np
import pandas as pd

from charts.icon_counts import people_out_of
from content.facts import registry
from model.assumptions import DEFAULT, Assumptions
from model.cohort import distribution, targets
from model.fit import FittedModel, fitted_model

ARMS = ("riluzole", "il2")  # riluzole alone (placebo arm); riluzole + IL-2LD
# From the registry, like every figure the text prints: the people-out-of frame, and the model's
# interval level, kept equal to the trial's published intervals' level so the page compares like
# with like ("95%" in the text and the percentiles here can never disagree).
DENOMINATOR = int(registry().value("denominator"))
INTERVAL_LEVEL = float(registry().value("interval_level_percent"))
_TAIL = (100 - INTERVAL_LEVEL) / 2  # percent in each tail
Z95 = NormalDist().inv_cdf(1 - _TAIL / 100)

# Levels the aid offers at all (pg/mL): the biomarker page's controls, ?pnfh= links, the handout
# and the command line share these. The trial's levels (as modelled) span a few hundred to about
# nine thousand; beyond that the answer is extrapolation and says so. Assumption.
INPUT_MIN = 100.0
INPUT_MAX = 15000.0
# "Inside the range the trial observed": the trial's range is not published, so the model uses the
# central 95% of its assumed CSF-pNFH distribution (assumption). "Few people": below the low group's
# lower limit (about 9% of participants) or above the distribution's 90th percentile (10%).
TRIAL_RANGE_QUANTILES = (0.025, 0.975)
SPARSE_UPPER_QUANTILE = 0.90


@dataclass(frozen=True)
class Estimate:
    pnfh: float
    hazard_ratio: float
    hazard_ratio_ci: tuple[float, float]
    survival_riluzole: float  # probability alive at the endpoint, riluzole alone
    survival_il2: float  # with IL-2LD added
    survival_riluzole_ci: tuple[float, float]
    survival_il2_ci: tuple[float, float]
    in_trial_range: bool
    sparse: bool  # a level where the trial had few people
    assumptions: str  # Assumptions.name
    days: float  # the endpoint (640)
    alive_riluzole_of_100: int
    alive_il2_of_100: int
    extra_alive_of_100: int  # alive_il2_of_100 - alive_riluzole_of_100 (negative = fewer)
    extra_alive_ci_of_100: tuple[int, int]  # 95% range of the difference, whole people

    @property
    def benefit_direction(self) -> str:
        """'fewer_deaths' / 'more_deaths' / 'unclear' (the interval crosses 1)."""
        low, high = self.hazard_ratio_ci
        if high < 1:
            return "fewer_deaths"
        if low > 1:
            return "more_deaths"
        return "unclear"


def trial_range() -> tuple[float, float]:
    d = distribution()
    lo, hi = d.quantile(np.array(TRIAL_RANGE_QUANTILES))
    return float(lo), float(hi)


def sparse_limits() -> tuple[float, float]:
    """Below the first or above the second, the trial (as modelled) had few people."""
    return targets().pnfh_low_min, float(distribution().quantile(SPARSE_UPPER_QUANTILE))


def default_level() -> float:
    """The level the page starts at: the assumed distribution's median, to the nearest 100."""
    return float(round(distribution().median, -2))


def validate(pnfh_pg_ml: object) -> float:
    """A usable CSF-pNFH level in pg/mL, or ValueError saying what is wrong."""
    if isinstance(pnfh_pg_ml, bool) or not isinstance(pnfh_pg_ml, Real):
        raise ValueError(f"CSF-pNFH must be a number in pg/mL, not {type(pnfh_pg_ml).__name__}")
    value = float(pnfh_pg_ml)
    if math.isnan(value) or math.isinf(value):
        raise ValueError("CSF-pNFH must be a finite number (got NaN or infinity)")
    if value < 0:
        raise ValueError("CSF-pNFH cannot be negative")
    if not INPUT_MIN <= value <= INPUT_MAX:
        raise ValueError(
            f"CSF-pNFH {value:g} pg/mL lies outside what the model can describe "
            f"({INPUT_MIN:g}-{INPUT_MAX:g} pg/mL)"
        )
    return value


def _log_hr(m: FittedModel, pnfh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Treatment log HR at each level and its SE: b_t + b_i x, var = V_tt + x^2 V_ii + 2x V_ti."""
    x = m.covariates(pnfh, 1)[:, m.index("x")]
    t, i = m.index("treatment"), m.index("treatment:x")
    b, v = m.params, m.cov
    log_hr = b[t] + b[i] * x
    var = v[t, t] + x**2 * v[i, i] + 2 * x * v[t, i]
    return log_hr, np.sqrt(var)


def _survival_draws(m: FittedModel, pnfh: float, treatment: int) -> np.ndarray:
    row = m.covariates(pnfh, treatment)[0]
    return np.exp(-np.exp(m.log_h0_draws + m.draws @ row))


def _survival(m: FittedModel, pnfh: float, treatment: int, day: float) -> float:
    row = m.covariates(pnfh, treatment)[0]
    return math.exp(-m.cum_hazard_at(day) * math.exp(float(row @ m.params)))


def _interval(draws: np.ndarray) -> tuple[float, float]:
    lo, hi = np.percentile(draws, [_TAIL, 100 - _TAIL])
    return float(lo), float(hi)


@lru_cache(maxsize=1024)
def estimate(pnfh_pg_ml: float, assumptions: Assumptions = DEFAULT) -> Estimate:
    """What the model says for one level (cheap: no refit)."""
    p = validate(pnfh_pg_ml)
    m = fitted_model(assumptions)
    day = targets().endpoint_days
    log_hr, se = _log_hr(m, np.array([p]))
    hr = math.exp(log_hr[0])
    ci = (math.exp(log_hr[0] - Z95 * se[0]), math.exp(log_hr[0] + Z95 * se[0]))
    s_ril, s_il2 = _survival(m, p, 0, day), _survival(m, p, 1, day)
    d_ril, d_il2 = _survival_draws(m, p, 0), _survival_draws(m, p, 1)
    alive_ril = people_out_of(s_ril, 1, DENOMINATOR)
    alive_il2 = people_out_of(s_il2, 1, DENOMINATOR)
    diff_lo, diff_hi = _interval(DENOMINATOR * (d_il2 - d_ril))
    lo_range, hi_range = trial_range()
    sparse_lo, sparse_hi = sparse_limits()
    return Estimate(
        pnfh=p,
        hazard_ratio=hr,
        hazard_ratio_ci=ci,
        survival_riluzole=s_ril,
        survival_il2=s_il2,
        survival_riluzole_ci=_interval(d_ril),
        survival_il2_ci=_interval(d_il2),
        in_trial_range=lo_range <= p <= hi_range,
        sparse=not (sparse_lo <= p <= sparse_hi),
        assumptions=assumptions.name,
        days=day,
        alive_riluzole_of_100=alive_ril,
        alive_il2_of_100=alive_il2,
        extra_alive_of_100=alive_il2 - alive_ril,
        extra_alive_ci_of_100=(int(math.floor(diff_lo + 0.5)), int(math.floor(diff_hi + 0.5))),
    )


@lru_cache(maxsize=16)
def _hr_curve(assumptions: Assumptions, low: float, high: float, points: int) -> pd.DataFrame:
    m = fitted_model(assumptions)
    pnfh = np.geomspace(low, high, points)
    log_hr, se = _log_hr(m, pnfh)
    lo_range, hi_range = trial_range()
    sparse_lo, sparse_hi = sparse_limits()
    return pd.DataFrame(
        {
            "pnfh": pnfh,
            "hazard_ratio": np.exp(log_hr),
            "lower": np.exp(log_hr - Z95 * se),
            "upper": np.exp(log_hr + Z95 * se),
            "sparse": (pnfh < sparse_lo) | (pnfh > sparse_hi),
            "in_trial_range": (pnfh >= lo_range) & (pnfh <= hi_range),
        }
    )


def hr_curve(
    assumptions: Assumptions = DEFAULT, low: float = 200.0, high: float = 12000.0, points: int = 121
) -> pd.DataFrame:
    """The treatment hazard ratio across CSF-pNFH (log-spaced levels) with its 95% band."""
    validate(low), validate(high)
    return _hr_curve(assumptions, float(low), float(high), int(points)).copy()


@lru_cache(maxsize=256)
def _survival_curves(pnfh: float, assumptions: Assumptions, step: int) -> pd.DataFrame:
    m = fitted_model(assumptions)
    end = targets().endpoint_days
    days = np.append(np.arange(0.0, end, step), end)
    h0 = np.interp(days, m.times, m.cum_hazard0)
    h_end = m.cum_hazard_at(end)
    rows = []
    for treatment, arm in ((0, "riluzole"), (1, "il2")):
        cov = m.covariates(pnfh, treatment)[0]
        # Uncertainty: the coefficient and baseline draws at the endpoint, scaled along the curve.
        scale = np.exp(m.log_h0_draws + m.draws @ cov) / h_end  # one per draw
        sims = np.exp(-np.outer(scale, h0))
        lower, upper = np.percentile(sims, [_TAIL, 100 - _TAIL], axis=0)
        rows.append(pd.DataFrame({
            "day": days, "arm": arm, "survival": np.exp(-h0 * math.exp(float(cov @ m.params))),
            "lower": lower, "upper": upper,
        }))
    return pd.concat(rows, ignore_index=True)


def survival_curves(pnfh: float, assumptions: Assumptions = DEFAULT, step: int = 10) -> pd.DataFrame:
    """Model-based survival over the trial's 640 days for one level, both arms (tidy)."""
    return _survival_curves(validate(pnfh), assumptions, int(step)).copy()

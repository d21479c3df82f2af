"""A simulated MIROCALS cohort, built so it reproduces the published figures.

Construction (vectorised numpy, seeded; see ``simulate``):

1. **Levels.** CSF-pNFH is log-normal; its median and spread are solved so that exactly the
   published shares fall below ``pnfh_low_min`` (the rest: about 9%), in the low group (about 70%)
   and above ``pnfh_cut`` (21%). Each arm gets the same whole-number group counts, and each person a
   level at an evenly spaced quantile within their group (no sampling noise in the levels).
2. **Twins.** Each IL-2LD participant has a placebo twin with the same level and the same random
   draw ``U`` (evenly spaced quantiles, shuffled by the seed). Their survival times differ only by the
   treatment effect, so the arms differ only where the model says they should.
3. **Exact deaths.** Time of death on riluzole alone is ``-ln U / (lambda * exp(prognostic))``
   (constant hazard). ``lambda`` is placed between two order statistics so exactly
   ``deaths_placebo`` placebo twins die by day ``endpoint_days``.
4. **Treatment effect.** IL-2LD multiplies the hazard by ``HR(x) = exp(b_t + b_i x)``. One anchor
   comes from the registry (linear: ``hr_adjusted`` at CSF-pNFH zero; log: ``hr_low`` at the low
   group's median level); the slope ``b_i`` is then found by a grid search so exactly
   ``deaths_il2`` IL-2LD participants die by the endpoint (middle of the interval of slopes that give
   that count). Everyone is censored at the endpoint (no one was lost to follow-up).

The Cox models fitted to this cohort (model.fit) then land near the published hazard ratios; the
tolerances are in model.assumptions and checked by tests/test_model_calibration.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.stats import norm

from content.facts import registry
from model.assumptions import Assumptions


@dataclass(frozen=True)
class Targets:
    """The published figures the simulation must reproduce, read from the registry."""

    n_per_arm: int
    deaths_il2: int
    deaths_placebo: int
    endpoint_days: float
    pnfh_low_min: float
    pnfh_cut: float
    low_share: float
    high_share: float
    hr_low: float
    hr_high: float
    hr_overall: float
    hr_adjusted: float

    @property
    def below_share(self) -> float:
        return 1.0 - self.low_share - self.high_share


@lru_cache(maxsize=1)
def targets() -> Targets:
    r = registry()
    return Targets(
        n_per_arm=int(r.value("randomised_per_arm")),
        deaths_il2=int(r.value("deaths_il2")),
        deaths_placebo=int(r.value("deaths_placebo")),
        endpoint_days=r.value("endpoint_days"),
        pnfh_low_min=r.value("pnfh_low_min"),
        pnfh_cut=r.value("pnfh_cut"),
        low_share=r.value("low_group_percent") / 100,
        high_share=r.value("high_group_percent") / 100,
        hr_low=r.value("hr_low"),
        hr_high=r.value("hr_high"),
        hr_overall=r.value("hr_overall"),
        hr_adjusted=r.value("hr_adjusted"),
    )


@dataclass(frozen=True)
class Distribution:
    """log(CSF-pNFH) ~ Normal(mu, sigma), placed by the published group shares."""

    mu: float
    sigma: float

    def quantile(self, q: float | np.ndarray) -> np.ndarray:
        return np.exp(self.mu + self.sigma * norm.ppf(q))

    def cdf(self, x: float | np.ndarray) -> np.ndarray:
        return norm.cdf((np.log(x) - self.mu) / self.sigma)

    @property
    def median(self) -> float:
        return math.exp(self.mu)


@lru_cache(maxsize=1)
def distribution() -> Distribution:
    t = targets()
    z_low, z_cut = norm.ppf(t.below_share), norm.ppf(1.0 - t.high_share)
    sigma = (math.log(t.pnfh_cut) - math.log(t.pnfh_low_min)) / (z_cut - z_low)
    mu = math.log(t.pnfh_low_min) - sigma * z_low
    return Distribution(mu=mu, sigma=sigma)


def group_counts(n: int) -> tuple[int, int, int]:
    """Whole people per arm below / in / above the low group (largest shares rounded)."""
    t = targets()
    low = round(n * t.low_share)
    high = round(n * t.high_share)
    return n - low - high, low, high


def levels(n: int) -> np.ndarray:
    """CSF-pNFH levels for one arm: evenly spaced quantiles within each published group."""
    t, d = targets(), distribution()
    below, low, high = group_counts(n)
    edges = [(0.0, d.cdf(t.pnfh_low_min), below), (d.cdf(t.pnfh_low_min), d.cdf(t.pnfh_cut), low),
             (d.cdf(t.pnfh_cut), 1.0, high)]
    parts = [d.quantile(a + (b - a) * (np.arange(k) + 0.5) / k) for a, b, k in edges]
    return np.concatenate(parts)


def interaction_x(pnfh: np.ndarray | float, scale: str) -> np.ndarray:
    """The interaction covariate: pNFH in thousands of pg/mL (linear) or log2(pNFH / 1000)."""
    p = np.asarray(pnfh, dtype=float)
    return p / 1000.0 if scale == "linear" else np.log2(p / 1000.0)


def prognostic_z(pnfh: np.ndarray | float) -> np.ndarray:
    """The prognostic covariate: doublings of CSF-pNFH above 1000 pg/mL."""
    return np.log2(np.asarray(pnfh, dtype=float) / 1000.0)


@dataclass(frozen=True)
class TruePars:
    """The data-generating parameters the calibration found (not the fitted estimates)."""

    baseline_hazard: float  # per day, at CSF-pNFH 1000 pg/mL on riluzole alone
    b_t: float
    b_i: float


def _first_run_middle(grid: np.ndarray, ok: np.ndarray) -> float:
    idx = np.flatnonzero(ok)
    if idx.size == 0:
        raise RuntimeError("calibration failed: no slope gives the published death count")
    start = stop = idx[0]
    while stop + 1 < ok.size and ok[stop + 1]:
        stop += 1
    return float((grid[start] + grid[stop]) / 2)


def simulate(assumptions: Assumptions) -> tuple[pd.DataFrame, TruePars]:
    """The simulated trial: one row per person (arm, level, time, death by the endpoint)."""
    t = targets()
    n = t.n_per_arm
    rng = np.random.default_rng(assumptions.seed)
    pnfh = levels(n)
    u = ((np.arange(n) + 0.5) / n)[rng.permutation(n)]
    e = -np.log(u)
    beta_p = math.log(assumptions.prognostic_hr_per_doubling)
    scaled = e / np.exp(beta_p * prognostic_z(pnfh))  # time to death x lambda, riluzole alone
    order = np.sort(scaled)
    k = t.deaths_placebo
    lam = (order[k - 1] + order[k]) / 2 / t.endpoint_days
    t_placebo = scaled / lam

    x = interaction_x(pnfh, assumptions.effect_scale)
    if assumptions.effect_scale == "linear":
        b_t_of = lambda b_i: np.full_like(b_i, math.log(t.hr_adjusted))  # noqa: E731
    else:
        d = distribution()
        low_median = d.quantile((d.cdf(t.pnfh_low_min) + d.cdf(t.pnfh_cut)) / 2)
        x_anchor = float(interaction_x(low_median, "log"))
        b_t_of = lambda b_i: math.log(t.hr_low) - b_i * x_anchor  # noqa: E731
    grid = np.linspace(0.0, 3.0, 30001)
    log_hr = b_t_of(grid)[:, None] + grid[:, None] * x[None, :]
    deaths = (t_placebo[None, :] * np.exp(-log_hr) <= t.endpoint_days).sum(axis=1)
    b_i = _first_run_middle(grid, deaths == t.deaths_il2)
    b_t = float(b_t_of(np.array([b_i]))[0])
    t_il2 = t_placebo / math.exp(b_t) / np.exp(b_i * x)

    time = np.concatenate([t_il2, t_placebo])
    frame = pd.DataFrame(
        {
            "treatment": np.repeat([1, 0], n),
            "pnfh": np.concatenate([pnfh, pnfh]),
            "time": np.minimum(time, t.endpoint_days),
            "died": (time <= t.endpoint_days).astype(int),
        }
    )
    return frame, TruePars(baseline_hazard=lam, b_t=b_t, b_i=b_i)

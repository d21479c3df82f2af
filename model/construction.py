"""The CSF-pNFH model as a curve, calibrated to the published figures (numpy, no simulated sample).

Construction (one set of values for the calibrated curve; many quasi-random sets for the ranges):

1. **Levels.** log(CSF-pNFH) is normal with median and spread placed so exactly the published
   shares fall below 750 pg/mL (about 9%: below the low group or no sample), in the low group
   (about 70%) and above 3,700 (21%). Within each group the levels sit at evenly spaced quantiles
   (``NODES`` per group) of that log-normal, truncated to the group; the spread factor widens or
   narrows it while the shares stay as published.
2. **Riluzole alone.** A constant hazard ``lam * g ** log2(pNFH / 1000)`` over the 640 days, ``g``
   the prognostic hazard ratio per doubling (assumption) and ``lam`` placed so the expected share
   of deaths on placebo is the placebo arm's (49 of 110).
3. **IL-2LD.** log HR(pNFH) = a + b s(pNFH), s = pNFH/1000 (straight line) or log2(pNFH/1000).
   The group below 750 pg/mL is *not* on the curve: it gets its own constant hazard ratio, an
   assumption with a range.
4. **Group results as a Cox fit weights them.** A Cox model's hazard ratio for a group is close to
   the death-weighted mean of log HR over the group's people; each node is weighted by its
   expected deaths in both arms. The whole-trial figure averages over all three groups.
5. **Calibration.** The curve (a, b, lam) is fitted to all published figures at once, each
   weighted by its precision (1 / SE^2): whole trial 0.81, low group 0.52, high group about 1.37
   (SE an assumption), at CSF-pNFH zero 0.32 (straight line only: on the log scale "zero" does
   not exist), deaths 41 and 49 (binomial SE). ``calibrate`` returns each target, fitted against
   published, and the chi-square.
6. **Ranges.** ``monte_carlo`` draws the published estimates from their intervals and every
   unknown from its range (model.assumptions), solves the curve for each draw the same way
   (weighted least squares on the drawn group results, placebo deaths from Beta(50, 62)), and
   keeps the draws' parameters. An answer at a level is then the median and the central 95% of
   the draws evaluated there: a few numpy operations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.stats import beta as beta_dist
from scipy.stats import norm, qmc

from content.facts import registry
from model.assumptions import DEFAULT, Assumptions
from model.scales import REFERENCE_LEVEL, mixed_x, scale

NODES = 16  # levels per group for the death-weighted averages
GROUPS = ("below", "low", "high")


def z_interval() -> float:
    """The normal quantile of the trial's interval level (95% -> 1.96), from the registry."""
    level = registry().value("interval_level_percent") / 100
    return float(norm.ppf(0.5 + level / 2))


def se_from_ci(ci: tuple[float, float]) -> float:
    """Standard error of a log hazard ratio from its published interval."""
    return (math.log(ci[1]) - math.log(ci[0])) / (2 * z_interval())


@dataclass(frozen=True)
class Targets:
    """The published figures the curve must reproduce, read from the registry."""

    n_per_arm: int
    deaths_il2: int
    deaths_placebo: int
    endpoint_days: float
    pnfh_low_min: float
    pnfh_cut: float
    low_share: float
    high_share: float
    hr_low: float
    se_low: float
    hr_high: float
    hr_overall: float
    se_overall: float
    hr_zero: float
    se_zero: float

    @property
    def below_share(self) -> float:
        return 1.0 - self.low_share - self.high_share

    @property
    def shares(self) -> tuple[float, float, float]:
        return self.below_share, self.low_share, self.high_share

    def deaths_se(self, deaths: int) -> float:
        p = deaths / self.n_per_arm
        return math.sqrt(self.n_per_arm * p * (1 - p))


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
        se_low=se_from_ci(r["hr_low"].ci),
        hr_high=r.value("hr_high"),
        hr_overall=r.value("hr_overall"),
        se_overall=se_from_ci(r["hr_overall"].ci),
        hr_zero=r.value("hr_adjusted"),
        se_zero=se_from_ci(r["hr_adjusted"].ci),
    )


@dataclass(frozen=True)
class Distribution:
    """log(CSF-pNFH) ~ Normal(mu, sigma), placed by the published group shares."""

    mu: float
    sigma: float

    def quantile(self, q):
        return np.exp(self.mu + self.sigma * norm.ppf(q))

    def cdf(self, x):
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


def node_levels(spread: np.ndarray) -> np.ndarray:
    """Levels (draws x 3*NODES): evenly spaced quantiles of the log-normal within each group,
    its sigma multiplied by ``spread`` (one factor per draw) around the same median."""
    t, d = targets(), distribution()
    sig = d.sigma * np.asarray(spread, dtype=float)[:, None]
    u = (np.arange(NODES) + 0.5) / NODES
    parts = []
    for lo, hi in ((None, t.pnfh_low_min), (t.pnfh_low_min, t.pnfh_cut), (t.pnfh_cut, None)):
        z_lo = -np.inf if lo is None else (math.log(lo) - d.mu) / sig
        z_hi = np.inf if hi is None else (math.log(hi) - d.mu) / sig
        p_lo = norm.cdf(z_lo) if lo is not None else np.zeros_like(sig)
        p_hi = norm.cdf(z_hi) if hi is not None else np.ones_like(sig)
        q = p_lo + (p_hi - p_lo) * u[None, :]
        parts.append(np.exp(d.mu + sig * norm.ppf(q)))
    return np.concatenate(parts, axis=1)


def node_mass() -> np.ndarray:
    """Share of participants each node stands for (sums to 1)."""
    return np.repeat(np.array(targets().shares) / NODES, NODES)


def scale_x(pnfh, linear) -> np.ndarray:
    """The interaction covariate per draw (see ``model.scales``): True for the straight line."""
    return mixed_x(pnfh, linear)


def relative_risk(pnfh, g) -> np.ndarray:
    """Riluzole-alone hazard relative to 1000 pg/mL: g per doubling."""
    g = np.asarray(g, dtype=float)
    p = np.asarray(pnfh, dtype=float)
    if p.ndim == 2 and g.ndim == 1:
        g = g[:, None]
    return np.exp(np.log(g) * np.log2(p / REFERENCE_LEVEL))


def solve_baseline(x: np.ndarray, g: np.ndarray, placebo_death_share: np.ndarray, days: float) -> np.ndarray:
    """lam per draw so the expected share of placebo deaths by the endpoint is as given."""
    mass = node_mass()
    rt = relative_risk(x, g) * days
    log_lam = np.log(-np.log1p(-placebo_death_share) / days)
    for _ in range(12):
        h = np.exp(log_lam)[:, None] * rt
        f = ((1 - np.exp(-h)) * mass).sum(axis=1) - placebo_death_share
        df = (h * np.exp(-h) * mass).sum(axis=1)
        step = f / df
        log_lam -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return np.exp(log_lam)


@dataclass(frozen=True)
class Summary:
    """What a curve implies for the trial's groups (arrays, one value per draw)."""

    log_hr_low: np.ndarray
    log_hr_high: np.ndarray
    log_hr_overall: np.ndarray
    deaths_il2: np.ndarray  # expected, per arm of n_per_arm
    deaths_placebo: np.ndarray
    mean_s: dict  # death-weighted mean covariate per group ("low", "high")
    weight_share: dict  # each group's share of the death weight ("below", "low", "high")


def summarise(a, b, lam, x, linear, g, below_hr) -> Summary:
    """Group results of curves (a, b) under baseline lam, as a Cox fit would weight them."""
    return _summarise_t(targets(), a, b, lam, x, linear, g, below_hr)


def _summarise_t(t: Targets, a, b, lam, x, linear, g, below_hr) -> Summary:
    lam = np.asarray(lam, dtype=float)
    h = lam[:, None] * relative_risk(x, g) * t.endpoint_days
    return _summary(h, scale_x(x, linear), a, b, below_hr, t.n_per_arm)


def _summary(h: np.ndarray, s: np.ndarray, a, b, below_hr, n_per_arm: int | None = None) -> Summary:
    """``summarise`` from the cumulative hazards on riluzole alone (h) and covariates (s) at the nodes."""
    t = targets()
    mass = node_mass()
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    k = NODES
    log_hr = a[:, None] + b[:, None] * s
    log_hr[:, :k] = np.log(np.asarray(below_hr, dtype=float))[:, None]
    d0 = -np.expm1(-h)
    d1 = -np.expm1(-h * np.exp(log_hr))
    w = (d0 + d1) * mass
    parts = {name: slice(i * k, (i + 1) * k) for i, name in enumerate(GROUPS)}
    wsum = {name: w[:, sl].sum(axis=1) for name, sl in parts.items()}
    mean_s = {name: (w[:, parts[name]] * s[:, parts[name]]).sum(axis=1) / wsum[name] for name in ("low", "high")}
    group_hr = {name: (w[:, parts[name]] * log_hr[:, parts[name]]).sum(axis=1) / wsum[name] for name in GROUPS}
    total = sum(wsum.values())
    overall = sum(wsum[n] * group_hr[n] for n in GROUPS) / total
    n = t.n_per_arm if n_per_arm is None else n_per_arm
    return Summary(
        log_hr_low=group_hr["low"],
        log_hr_high=group_hr["high"],
        log_hr_overall=overall,
        deaths_il2=n * (d1 * mass).sum(axis=1),
        deaths_placebo=n * (d0 * mass).sum(axis=1),
        mean_s=mean_s,
        weight_share={name: wsum[name] / total for name in GROUPS},
    )


# ---------------------------------------------------------------- the calibrated curve


@dataclass(frozen=True)
class Curve:
    """One calibrated curve: the main assumptions' answer, with its misfit."""

    effect_scale: str
    a: float
    b: float
    lam: float
    prognostic_hr_per_doubling: float
    below_hr: float
    rows: tuple  # (key, published, fitted, se) per target
    chi2: float

    def log_hr(self, pnfh) -> np.ndarray:
        return self.a + self.b * scale(self.effect_scale).x(pnfh)

    def survival(self, pnfh, il2: bool) -> np.ndarray:
        t = targets()
        s0 = np.exp(-self.lam * relative_risk(pnfh, self.prognostic_hr_per_doubling) * t.endpoint_days)
        return s0 ** np.exp(self.log_hr(pnfh)) if il2 else s0


def _residuals(theta, x, linear, a_: Assumptions, t: Targets, with_zero: bool):
    a, b, log_lam = theta
    sm = _summarise_t(t, [a], [b], [math.exp(log_lam)], x, [linear], [a_.prognostic_hr_per_doubling], [a_.below_hr])
    out = [
        (sm.log_hr_overall[0] - math.log(t.hr_overall)) / t.se_overall,
        (sm.log_hr_low[0] - math.log(t.hr_low)) / t.se_low,
        (sm.log_hr_high[0] - math.log(t.hr_high)) / a_.high_se,
        (sm.deaths_il2[0] - t.deaths_il2) / t.deaths_se(t.deaths_il2),
        (sm.deaths_placebo[0] - t.deaths_placebo) / t.deaths_se(t.deaths_placebo),
    ]
    if with_zero:
        out.append((a - math.log(t.hr_zero)) / t.se_zero)
    return np.array(out), sm


@lru_cache(maxsize=16)
def calibrate(assumptions: Assumptions = DEFAULT, t: Targets | None = None) -> Curve:
    """The curve fitted to all published figures at once, weighted by precision (``t``: other
    figures to fit, as model.validate does with a simulated trial's; default the registry's)."""
    from scipy.optimize import least_squares

    t = targets() if t is None else t
    shape = scale(assumptions.effect_scale)
    linear = shape.name == "linear"  # the vectorised summary takes a per-draw mask of the two shapes
    x = node_levels(np.array([assumptions.spread_factor]))
    start = np.array([shape.start_a(t.hr_zero, t.hr_low), 0.3, math.log(1e-3)])
    anchored = shape.anchored_at_zero
    fit = least_squares(
        lambda th: _residuals(th, x, linear, assumptions, t, anchored)[0], start, xtol=1e-12, ftol=1e-12, gtol=1e-12
    )
    res, sm = _residuals(fit.x, x, linear, assumptions, t, anchored)
    a, b, log_lam = (float(v) for v in fit.x)
    rows = [
        ("hr_overall", t.hr_overall, math.exp(sm.log_hr_overall[0]), t.se_overall),
        ("hr_low", t.hr_low, math.exp(sm.log_hr_low[0]), t.se_low),
        ("hr_high", t.hr_high, math.exp(sm.log_hr_high[0]), assumptions.high_se),
        ("deaths_il2", float(t.deaths_il2), float(sm.deaths_il2[0]), t.deaths_se(t.deaths_il2)),
        ("deaths_placebo", float(t.deaths_placebo), float(sm.deaths_placebo[0]), t.deaths_se(t.deaths_placebo)),
    ]
    if anchored:
        rows.append(("hr_adjusted", t.hr_zero, math.exp(a), t.se_zero))
    return Curve(
        effect_scale=assumptions.effect_scale,
        a=a,
        b=b,
        lam=math.exp(log_lam),
        prognostic_hr_per_doubling=assumptions.prognostic_hr_per_doubling,
        below_hr=assumptions.below_hr,
        rows=tuple(rows),
        chi2=float(np.sum(res**2)),
    )


def shares_met() -> dict[str, float]:
    """Each group's share under the placed distribution (equal to the published by construction)."""
    t, d = targets(), distribution()
    below = float(d.cdf(t.pnfh_low_min))
    high = 1.0 - float(d.cdf(t.pnfh_cut))
    return {"below": below, "low": 1.0 - below - high, "high": high}


# ---------------------------------------------------------------- the ranges


@dataclass(frozen=True)
class Draws:
    """One Monte-Carlo run: the parameters of every drawn curve (one entry per draw)."""

    a: np.ndarray
    b: np.ndarray
    lam: np.ndarray
    linear: np.ndarray
    g: np.ndarray
    below_hr: np.ndarray
    spread: np.ndarray

    @property
    def size(self) -> int:
        return int(self.a.size)

    def log_hr(self, pnfh: float) -> np.ndarray:
        return self.a + self.b * scale_x(np.full(self.size, pnfh), self.linear)

    def survival(self, pnfh: float) -> tuple[np.ndarray, np.ndarray]:
        """Probability alive at the endpoint, riluzole alone and with IL-2LD, per draw."""
        t = targets()
        s0 = np.exp(-self.lam * relative_risk(np.full(self.size, pnfh), self.g) * t.endpoint_days)
        return s0, s0 ** np.exp(self.log_hr(pnfh))


def _uniform(u, lo, hi):
    return lo + (hi - lo) * u


def _log_uniform(u, lo, hi):
    return np.exp(_uniform(u, math.log(lo), math.log(hi)))


@lru_cache(maxsize=32)
def monte_carlo(assumptions: Assumptions = DEFAULT, t: Targets | None = None) -> Draws:
    """Curves drawn with the published estimates from their intervals and unknowns from their ranges
    (``t``: other figures, as model.validate does with a simulated trial's; default the registry's)."""
    t = targets() if t is None else t
    a_ = assumptions
    u = qmc.Sobol(d=10, scramble=True, seed=a_.seed).random_base2(a_.draws_log2)
    u = np.clip(u, 1e-12, 1 - 1e-12)
    linear = u[:, 0] < a_.linear_share
    g = _uniform(u[:, 1], *a_.prognostic_range)
    spread = _uniform(u[:, 2], *a_.spread_range)
    # Placebo deaths: 49 of 110 -> Beta(1 + 49, 1 + 61) for the share who died.
    p0 = beta_dist.ppf(u[:, 3], 1 + t.deaths_placebo, 1 + t.n_per_arm - t.deaths_placebo)
    below_hr = _log_uniform(u[:, 4], *a_.below_hr_range)
    se_high = _uniform(u[:, 5], *a_.high_se_range)
    z = norm.ppf(u[:, 6:10])
    y_low = math.log(t.hr_low) + t.se_low * z[:, 0]
    y_high = math.log(t.hr_high) + se_high * z[:, 1]
    y_overall = math.log(t.hr_overall) + t.se_overall * z[:, 2]
    y_zero = math.log(t.hr_zero) + t.se_zero * z[:, 3]

    x = node_levels(spread)
    lam = solve_baseline(x, g, p0, t.endpoint_days)
    n = linear.size
    a, b = np.zeros(n), np.zeros(n)
    w_low, w_high, w_ov, w_zero = 1 / t.se_low**2, 1 / se_high**2, 1 / t.se_overall**2, linear / t.se_zero**2
    h = lam[:, None] * relative_risk(x, g) * t.endpoint_days
    s = scale_x(x, linear)
    for _ in range(4):  # weights depend on the curve: a few fixed-point steps
        sm = _summary(h, s, a, b, below_hr, t.n_per_arm)
        wl, wh, wb = sm.weight_share["low"], sm.weight_share["high"], sm.weight_share["below"]
        # rows: (coefficient of a, coefficient of b, target, weight)
        rows = [
            (np.ones(n), sm.mean_s["low"], y_low, np.full(n, w_low)),
            (np.ones(n), sm.mean_s["high"], y_high, w_high),
            (
                wl + wh,
                wl * sm.mean_s["low"] + wh * sm.mean_s["high"],
                y_overall - wb * np.log(below_hr),
                np.full(n, w_ov),
            ),
            (np.ones(n), np.zeros(n), y_zero, w_zero),
        ]
        saa = sum(w * ca * ca for ca, cb, y, w in rows)
        sab = sum(w * ca * cb for ca, cb, y, w in rows)
        sbb = sum(w * cb * cb for ca, cb, y, w in rows)
        sya = sum(w * ca * y for ca, cb, y, w in rows)
        syb = sum(w * cb * y for ca, cb, y, w in rows)
        det = saa * sbb - sab * sab
        a = (sbb * sya - sab * syb) / det
        b = (saa * syb - sab * sya) / det
    return Draws(a=a, b=b, lam=lam, linear=linear, g=g, below_hr=below_hr, spread=spread)

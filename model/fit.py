"""Fit the Cox models to the simulated cohort, once per process and set of assumptions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from model.assumptions import DEFAULT, Assumptions
from model.cohort import TruePars, interaction_x, prognostic_z, simulate, targets

N_DRAWS = 4000  # coefficient draws for survival intervals (seeded)


@dataclass(frozen=True)
class FittedModel:
    """The fitted interaction model, reduced to plain numbers so estimates are cheap."""

    assumptions: Assumptions
    cohort: pd.DataFrame
    truth: TruePars
    terms: tuple[str, ...]  # e.g. ("treatment", "x", "treatment:x", "z")
    params: np.ndarray  # coefficients, in ``terms`` order
    cov: np.ndarray  # their covariance matrix
    summary: pd.DataFrame  # lifelines' own summary (for checks)
    times: np.ndarray  # days where the baseline changes (0 first)
    cum_hazard0: np.ndarray  # baseline cumulative hazard at all covariates zero
    draws: np.ndarray  # N_DRAWS x len(terms) coefficient draws
    log_h0_draws: np.ndarray  # N_DRAWS draws of log H0(endpoint)

    def index(self, term: str) -> int:
        return self.terms.index(term)

    def covariates(self, pnfh: float | np.ndarray, treatment: int) -> np.ndarray:
        """Rows of covariate values (same order as ``terms``) for levels and an arm."""
        p = np.atleast_1d(np.asarray(pnfh, dtype=float))
        x = interaction_x(p, self.assumptions.effect_scale)
        cols = {"treatment": np.full_like(p, treatment), "x": x, "treatment:x": treatment * x,
                "z": prognostic_z(p)}
        return np.column_stack([cols[t] for t in self.terms])

    def cum_hazard_at(self, day: float) -> float:
        return float(np.interp(day, self.times, self.cum_hazard0))


def _formula(assumptions: Assumptions) -> str:
    # Under the log scale the prognostic covariate equals x, so x's main effect carries it.
    return "treatment * x + z" if assumptions.effect_scale == "linear" else "treatment * x"


def cox_fit(frame: pd.DataFrame, formula: str):
    from lifelines import CoxPHFitter  # imported here: ~1.3 s, paid once on first use

    return CoxPHFitter().fit(frame, duration_col="time", event_col="died", formula=formula)


def model_frame(cohort: pd.DataFrame, assumptions: Assumptions) -> pd.DataFrame:
    out = cohort[["treatment", "time", "died"]].copy()
    out["x"] = interaction_x(cohort["pnfh"].to_numpy(), assumptions.effect_scale)
    if assumptions.effect_scale == "linear":
        out["z"] = prognostic_z(cohort["pnfh"].to_numpy())
    return out


@lru_cache(maxsize=16)
def fitted_model(assumptions: Assumptions = DEFAULT) -> FittedModel:
    """Simulate and fit, once per process for each set of assumptions (about 0.1 s after import)."""
    cohort, truth = simulate(assumptions)
    cph = cox_fit(model_frame(cohort, assumptions), _formula(assumptions))
    terms = tuple(str(t) for t in cph.params_.index)
    params = cph.params_.to_numpy(dtype=float)
    cov = cph.variance_matrix_.loc[list(terms), list(terms)].to_numpy(dtype=float)
    # lifelines' baseline is at the covariate means; move it to all covariates zero.
    mean = np.asarray(cph._norm_mean.loc[list(terms)], dtype=float)
    base = cph.baseline_cumulative_hazard_.iloc[:, 0]
    times = np.concatenate([[0.0], base.index.to_numpy(dtype=float)])
    h0 = np.concatenate([[0.0], base.to_numpy(dtype=float)]) * math.exp(-float(mean @ params))
    rng = np.random.default_rng(assumptions.seed)
    draws = rng.multivariate_normal(params, cov, size=N_DRAWS)
    # Uncertainty of the baseline at the endpoint: Poisson approximation, SE(log H0) = 1/sqrt(deaths).
    events = int(cohort["died"].sum())
    h_end = float(np.interp(targets().endpoint_days, times, h0))
    log_h0 = math.log(h_end) + rng.standard_normal(N_DRAWS) / math.sqrt(events)
    return FittedModel(
        assumptions=assumptions, cohort=cohort, truth=truth, terms=terms, params=params, cov=cov,
        summary=cph.summary, times=times, cum_hazard0=h0, draws=draws, log_h0_draws=log_h0,
    )


def group_hazard_ratio(cohort: pd.DataFrame, low: float, high: float) -> float:
    """A within-group Cox hazard ratio (IL-2LD vs placebo), as the trial reported its groups."""
    part = cohort[(cohort["pnfh"] >= low) & (cohort["pnfh"] <= high)][["treatment", "time", "died"]]
    return float(math.exp(cox_fit(part, "treatment").params_["treatment"]))


@lru_cache(maxsize=16)
def calibration(assumptions: Assumptions = DEFAULT) -> dict[str, float]:
    """What the simulated trial reproduces, next to each published target (for tests and the page)."""
    t = targets()
    m = fitted_model(assumptions)
    c = m.cohort
    per_arm = c[c["treatment"] == 1]
    out = {
        "n_total": float(len(c)),
        "n_il2": float(c["treatment"].sum()),
        "deaths_il2": float(c.loc[c["treatment"] == 1, "died"].sum()),
        "deaths_placebo": float(c.loc[c["treatment"] == 0, "died"].sum()),
        "below_share": float((per_arm["pnfh"] < t.pnfh_low_min).mean()),
        "low_share": float(((per_arm["pnfh"] >= t.pnfh_low_min) & (per_arm["pnfh"] <= t.pnfh_cut)).mean()),
        "high_share": float((per_arm["pnfh"] > t.pnfh_cut).mean()),
        "hr_overall": float(math.exp(cox_fit(c[["treatment", "time", "died"]], "treatment").params_["treatment"])),
        "hr_low": group_hazard_ratio(c, t.pnfh_low_min, t.pnfh_cut),
        "hr_high": group_hazard_ratio(c, np.nextafter(t.pnfh_cut, np.inf), np.inf),
    }
    if assumptions.effect_scale == "linear":
        out["hr_at_zero"] = float(math.exp(m.params[m.index("treatment")]))
    return out

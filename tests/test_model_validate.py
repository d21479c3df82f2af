"""A small version of `python -m model.validate`: simulated trials analysed with lifelines."""

from __future__ import annotations

import numpy as np

from model import validate as v
from model.assumptions import DEFAULT
from model.construction import calibrate, targets


def test_published_figures_are_ordinary_outcomes_of_the_construction() -> None:
    sims, pct = v.percentiles(n_trials=20, seed=3)
    assert len(sims) == 20
    for key in ("hr_overall", "hr_low", "hr_high", "hr_adjusted", "deaths_il2", "deaths_placebo"):
        assert 2.5 <= pct[key] <= 97.5, (key, pct[key])
    # Deaths per arm come out around the published counts (the curve was fitted to them).
    t = targets()
    assert abs(np.median(sims["deaths_placebo"]) - t.deaths_placebo) <= 6
    assert abs(np.median(sims["deaths_il2"]) - t.deaths_il2) <= 6


def test_a_known_curve_is_recovered() -> None:
    rec = v.recovery(n_per_arm=3000, seed=5)
    assert set(rec["shape"]) == {"linear", "log"}
    assert rec["relative_error"].abs().max() < 0.2
    # The recovered curve keeps the truth's ordering: rises with the level.
    for _, part in rec.groupby("shape"):
        assert (np.diff(part["recovered_hr"]) > 0).all()


def test_coverage_runs_and_mostly_contains_the_truth() -> None:
    cov = v.coverage(n_reps=4, seed=11, draws_log2=10)
    assert set(cov.index) == {"hr", "alive_riluzole", "alive_il2", "extra"}
    assert cov.to_numpy().mean() >= 60  # 4 truths only: a smoke test; the report uses 200


def test_simulated_trial_has_the_trials_shape() -> None:
    truth = v.Truth.of(calibrate(DEFAULT))
    trial = v.simulate(truth, np.random.default_rng(0), targets().n_per_arm)
    assert len(trial) == 2 * targets().n_per_arm and trial["treatment"].sum() == targets().n_per_arm
    assert trial["time"].max() <= targets().endpoint_days
    assert ((trial["time"] < targets().endpoint_days) == (trial["died"] == 1)).all()


def test_the_report_is_in_the_repository() -> None:
    from tests.servers import ROOT

    text = (ROOT / "docs" / "model-validation.md").read_text(encoding="utf-8")
    assert "python -m model.validate" in text and "Percentile" in text and "Coverage" in text
    c = calibrate(DEFAULT)
    assert f"chi-square {c.chi2:.2f}" in text  # the report matches the current calibration

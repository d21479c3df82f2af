"""The Monte-Carlo answers precomputed on a grid of levels, shipped as model/grid.json.

    python -m model.grid          regenerate model/grid.json (about a minute)
    python -m model.grid --check  exit 1 if the file is not current

Why a file: the ranges need many draws (2^16 quasi-random curves per assumption set, nine sets)
so that the scrambling seed moves no figure the page shows; computing them takes tens of seconds,
and the page must answer a level change at once. The file records a fingerprint of everything it
was computed from (the model's code, the registry figures it reads, the assumptions); the tests
fail when the fingerprint no longer matches (tests/test_model_benefit.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
GRID_FILE = HERE / "grid.json"
GRID_STEP = 50.0  # pg/mL between grid levels (the page's own step)
DRAWS_LOG2 = 16
# Registry keys the construction reads.
FACT_KEYS = (
    "randomised_per_arm",
    "deaths_il2",
    "deaths_placebo",
    "endpoint_days",
    "pnfh_low_min",
    "pnfh_cut",
    "low_group_percent",
    "high_group_percent",
    "hr_low",
    "hr_high",
    "hr_overall",
    "hr_adjusted",
    "interval_level_percent",
)
QUANTILES = (2.5, 50.0, 97.5)


def levels() -> np.ndarray:
    from model.benefit import MODEL_RANGE

    lo, hi = MODEL_RANGE
    return np.arange(lo, hi + GRID_STEP / 2, GRID_STEP)


def fingerprint() -> str:
    """A hash of the inputs: the model's code, the figures it reads and the grid's settings."""
    from content.facts import registry
    from model.assumptions import DEFAULT

    r = registry()
    h = hashlib.sha256()
    for name in ("construction.py", "assumptions.py", "grid.py"):
        h.update((HERE / name).read_bytes())
    facts = {k: [r[k].value, r[k].ci] for k in FACT_KEYS}
    h.update(json.dumps(facts, sort_keys=True, default=str).encode())
    h.update(repr((DEFAULT.with_(draws_log2=DRAWS_LOG2), levels().tolist())).encode())
    return h.hexdigest()


def summarise_draws(draws, pnfh: np.ndarray) -> dict[str, list]:
    """Median and central 95% of each answer at each level, over one run's draws."""
    out: dict[str, list] = {"hr": [], "alive_riluzole": [], "alive_il2": [], "extra": []}
    for p in pnfh:
        hr = np.exp(draws.log_hr(float(p)))
        s0, s1 = draws.survival(float(p))
        for key, values in (("hr", hr), ("alive_riluzole", s0), ("alive_il2", s1), ("extra", s1 - s0)):
            out[key].append([round(float(v), 6) for v in np.percentile(values, QUANTILES)])
    return out


def compute(
    seed: int = 0, draws_log2: int = DRAWS_LOG2, pnfh: np.ndarray | None = None, only: tuple[str, ...] | None = None
) -> dict:
    """The grid for the main assumptions and every sensitivity variant (or ``only`` those runs)."""
    from model.assumptions import DEFAULT, VARIANTS
    from model.construction import monte_carlo

    pnfh = levels() if pnfh is None else np.asarray(pnfh, dtype=float)
    base = DEFAULT.with_(seed=seed, draws_log2=draws_log2)
    runs = {"main": base, **{key: base.with_(**changes) for key, changes in VARIANTS}}
    return {key: summarise_draws(monte_carlo(a), pnfh) for key, a in runs.items() if only is None or key in only}


def write() -> None:
    data = {
        "fingerprint": fingerprint(),
        "draws_log2": DRAWS_LOG2,
        "seed": 0,
        "quantiles": list(QUANTILES),
        "levels": levels().tolist(),
        "runs": compute(),
    }
    GRID_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load() -> dict:
    """The shipped grid, read once per process."""
    return json.loads(GRID_FILE.read_text(encoding="utf-8"))


def current() -> bool:
    return GRID_FILE.exists() and load().get("fingerprint") == fingerprint()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="exit 1 if model/grid.json is not current")
    args = p.parse_args(argv)
    if args.check:
        ok = current()
        print("model/grid.json is current" if ok else "model/grid.json is stale: run python -m model.grid")
        return 0 if ok else 1
    write()
    print(f"wrote {GRID_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The public contract: what the aid says for one CSF-pNFH level, published result first.

    estimate(pnfh_pg_ml) -> Estimate
        band          "below" (< 750 pg/mL), "low" (750 to 3,700) or "high" (> 3,700)
        published     the band's published hazard ratio, its interval (None where unpublished) and
                      its registry key; for "below" no result was published (all None)
        model_shown   True only inside MODEL_RANGE
        hazard_ratio, hazard_ratio_ci, alive_riluzole_of_100, alive_il2_of_100,
        extra_alive_of_100, extra_alive_ci_of_100
                      the model's median and central 95% over its Monte-Carlo draws, only when
                      model_shown (None otherwise)
    hr_curve() -> DataFrame (pnfh, hazard_ratio, lower, upper), inside MODEL_RANGE only
    sensitivity(pnfh_pg_ml) -> one row per assumption variant, each with its range
    calibration() -> each published target, fitted against published, and the chi-square

The page, the clinic view, the handout and the command line use only these. Every answer is a
lookup in the shipped grid (model/grid.py, model/grid.json): nothing is simulated per request.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real

import numpy as np
import pandas as pd

from content.facts import registry

ARMS = ("riluzole", "il2")
DENOMINATOR = int(registry().value("denominator"))
INTERVAL_LEVEL = float(registry().value("interval_level_percent"))

# Levels the aid accepts at all (pg/mL): the page's controls, ?pnfh= links, the handout and the
# command line share these. Outside MODEL_RANGE a level gets its group's published result only.
INPUT_MIN = 100.0
INPUT_MAX = 15000.0

# Where the model gives level-specific numbers. Lower end: the low group's published lower limit
# (nothing was published below it). Upper end: about the middle of the high group under the
# assumed log-normal (its median there is about 5,200 pg/mL, see high_group_median), so that at
# least half the high group's roughly 23 people per arm lie below it. Above, the trial had a
# handful of people per arm, the level distribution itself is an assumption, and the straight-line
# and logarithmic shapes part ways: the model would be guessing. One constant for every view.
MODEL_RANGE: tuple[float, float] = (750.0, 5000.0)

BANDS = ("below", "low", "high")
# The registry keys of each band's published result and its share of participants.
BAND_FACTS = {
    "below": {"hr": None, "share": "other_group_percent"},
    "low": {"hr": "hr_low", "share": "low_group_percent", "p": "p_low"},
    "high": {"hr": "hr_high", "share": "high_group_percent"},
}
# A group's "out of 100" where it can be calculated from published figures (registry, calc).
GROUP_OUT_OF_100 = {"low": ("low_group_alive_placebo_of_100", "low_group_alive_il2_of_100")}


@dataclass(frozen=True)
class Published:
    """The published result for a band: hazard ratio, interval (None if unpublished), registry key."""

    band: str
    hazard_ratio: float | None
    interval: tuple[float, float] | None
    source: str | None  # registry key of the hazard ratio, None where nothing was published
    approx: bool = False

    @property
    def exists(self) -> bool:
        return self.hazard_ratio is not None


@dataclass(frozen=True)
class Estimate:
    pnfh: float
    band: str
    published: Published
    model_shown: bool
    outside: str | None  # None inside MODEL_RANGE; "below" or "above" it
    days: float
    hazard_ratio: float | None = None
    hazard_ratio_ci: tuple[float, float] | None = None
    alive_riluzole_of_100: int | None = None
    alive_il2_of_100: int | None = None
    alive_riluzole_ci_of_100: tuple[int, int] | None = None
    alive_il2_ci_of_100: tuple[int, int] | None = None
    extra_alive_of_100: int | None = None  # alive_il2_of_100 - alive_riluzole_of_100
    extra_alive_ci_of_100: tuple[int, int] | None = None  # central 95% of the difference


def band_of(pnfh: float) -> str:
    r = registry()
    if pnfh < r.value("pnfh_low_min"):
        return "below"
    return "low" if pnfh <= r.value("pnfh_cut") else "high"


def published_result(band: str) -> Published:
    key = BAND_FACTS[band]["hr"]
    if key is None:
        return Published(band=band, hazard_ratio=None, interval=None, source=None)
    fact = registry()[key]
    return Published(band=band, hazard_ratio=fact.number, interval=fact.ci, source=key, approx=fact.approx)


def group_out_of_100(band: str) -> tuple[int, int] | None:
    """(alive on riluzole alone, alive with IL-2LD) out of 100, calculated from published figures;
    None where it cannot be calculated honestly (the high group: no interval, no death count)."""
    keys = GROUP_OUT_OF_100.get(band)
    if keys is None:
        return None
    r = registry()
    return int(r.value(keys[0])), int(r.value(keys[1]))


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
            f"CSF-pNFH {value:g} pg/mL lies outside what the aid accepts ({INPUT_MIN:g}-{INPUT_MAX:g} pg/mL)"
        )
    return value


_LEVEL_TEXT = re.compile(r"[0-9]{1,6}")


def parse_level(raw: object) -> float:
    """The one rule for a CSF-pNFH level from outside (the page's address ``?pnfh=``, the handout
    page, ``python -m handout --pnfh``), or ValueError saying what is wrong.

    Text must be plain ASCII digits, a whole number of pg/mL as a lab report prints it ("2000",
    spaces around it allowed). Anything Python's ``float`` would also take is refused rather than
    read silently as some number: signs ("+2000"), exponents ("2e3"), separators ("2,000",
    "2 000"), decimals ("2000.5"), full-width or Arabic-Indic digits ("２０００", "٢٠٠٠"), "nan".
    A repeated URL parameter counts by its last value. Numbers go straight to ``validate``.
    """
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    if isinstance(raw, str):
        text = raw.strip()
        if not _LEVEL_TEXT.fullmatch(text):
            shown = text if len(text) <= 20 else text[:20] + "..."
            raise ValueError(
                f"CSF-pNFH must be a whole number of pg/mL written with the digits 0-9 only "
                f"(for example 2000), not {shown!r}"
            )
        raw = int(text)
    if raw is None:
        raise ValueError("no CSF-pNFH level was given")
    return validate(raw)


def in_model_range(pnfh: float) -> bool:
    lo, hi = MODEL_RANGE
    return lo <= pnfh <= hi


# ---------------------------------------------------------------- the grid lookups


@lru_cache(maxsize=16)
def _run(key: str) -> dict[str, np.ndarray]:
    from model.grid import load

    data = load()
    run = data["runs"][key]
    return {
        "levels": np.asarray(data["levels"], dtype=float),
        **{k: np.asarray(v, dtype=float) for k, v in run.items()},
    }


def _at(key: str, pnfh: float) -> dict[str, np.ndarray]:
    """Quantiles (2.5, 50, 97.5) of each answer at one level: linear interpolation on the grid."""
    run = _run(key)
    x = run["levels"]
    return {
        name: np.array([np.interp(pnfh, x, run[name][:, j]) for j in range(3)])
        for name in ("hr", "alive_riluzole", "alive_il2", "extra")
    }


def _people(p: float) -> int:
    """Whole people out of 100 (half up), kept away from 0 and 100: the model never says 'all' or 'none'."""
    return int(min(max(math.floor(DENOMINATOR * p + 0.5), 1), DENOMINATOR - 1))


@lru_cache(maxsize=4096)
def estimate(pnfh_pg_ml: float) -> Estimate:
    """What the aid says for one level: the band's published result, then (inside MODEL_RANGE) the model."""
    p = validate(pnfh_pg_ml)
    band = band_of(p)
    published = published_result(band)
    days = registry().value("endpoint_days")
    if not in_model_range(p):
        outside = "below" if p < MODEL_RANGE[0] else "above"
        return Estimate(pnfh=p, band=band, published=published, model_shown=False, outside=outside, days=days)
    q = _at("main", p)
    ril, il2 = _people(q["alive_riluzole"][1]), _people(q["alive_il2"][1])
    diff_lo, diff_hi = (int(math.floor(DENOMINATOR * v + 0.5)) for v in (q["extra"][0], q["extra"][2]))
    return Estimate(
        pnfh=p,
        band=band,
        published=published,
        model_shown=True,
        outside=None,
        days=days,
        hazard_ratio=float(q["hr"][1]),
        hazard_ratio_ci=(float(q["hr"][0]), float(q["hr"][2])),
        alive_riluzole_of_100=ril,
        alive_il2_of_100=il2,
        alive_riluzole_ci_of_100=(_people(q["alive_riluzole"][0]), _people(q["alive_riluzole"][2])),
        alive_il2_ci_of_100=(_people(q["alive_il2"][0]), _people(q["alive_il2"][2])),
        extra_alive_of_100=il2 - ril,
        extra_alive_ci_of_100=(min(diff_lo, il2 - ril), max(diff_hi, il2 - ril)),
    )


@lru_cache(maxsize=1)
def _hr_curve() -> pd.DataFrame:
    run = _run("main")
    return pd.DataFrame(
        {"pnfh": run["levels"], "hazard_ratio": run["hr"][:, 1], "lower": run["hr"][:, 0], "upper": run["hr"][:, 2]}
    )


def hr_curve() -> pd.DataFrame:
    """The model's hazard ratio (median and central 95%) across MODEL_RANGE, on the grid's levels."""
    return _hr_curve().copy()


@dataclass(frozen=True)
class Variant:
    key: str  # "main" or a key of model.assumptions.VARIANTS
    hazard_ratio: float
    hazard_ratio_ci: tuple[float, float]
    extra_alive_of_100: int
    extra_alive_ci_of_100: tuple[int, int]


def sensitivity(pnfh_pg_ml: float) -> list[Variant]:
    """Each assumption held at one end of its range (the others still drawn), at one level inside
    MODEL_RANGE: hazard ratio and people out of 100, each with its range. Empty outside."""
    from model.assumptions import VARIANTS

    p = validate(pnfh_pg_ml)
    if not in_model_range(p):
        return []
    rows = []
    for key in ("main", *(k for k, _ in VARIANTS)):
        q = _at(key, p)
        ril, il2 = _people(q["alive_riluzole"][1]), _people(q["alive_il2"][1])
        lo, hi = (int(math.floor(DENOMINATOR * v + 0.5)) for v in (q["extra"][0], q["extra"][2]))
        rows.append(
            Variant(
                key=key,
                hazard_ratio=float(q["hr"][1]),
                hazard_ratio_ci=(float(q["hr"][0]), float(q["hr"][2])),
                extra_alive_of_100=il2 - ril,
                extra_alive_ci_of_100=(min(lo, il2 - ril), max(hi, il2 - ril)),
            )
        )
    return rows


def calibration(effect_scale: str = "linear"):
    """The calibrated curve's targets (key, published, fitted, SE) and its chi-square (model.construction)."""
    from model.assumptions import DEFAULT
    from model.construction import calibrate

    return calibrate(DEFAULT.with_(effect_scale=effect_scale))


def high_group_median() -> float:
    """The high group's median level under the assumed log-normal (justifies MODEL_RANGE's upper end)."""
    from model.construction import distribution

    d = distribution()
    cut = float(d.cdf(registry().value("pnfh_cut")))
    return float(d.quantile((cut + 1) / 2))

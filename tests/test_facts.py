"""The facts registry: every figure sourced, calculations reproducible, formatting faithful."""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator

import pytest

from content.facts import CONFIDENCE_LEVELS, format_fact, placeholders, registry
from content.i18n import LANGUAGES

REG = registry()


@pytest.mark.parametrize("key", sorted(REG.facts))
def test_every_fact_is_sourced(key: str) -> None:
    fact = REG[key]
    assert fact.sources, f"{key} has no source"
    for source in fact.sources:
        assert source in REG.sources, f"{key} cites unknown source {source!r}"
    assert fact.confidence in CONFIDENCE_LEVELS
    assert all(fact.label_for(lang).strip() for lang in LANGUAGES)
    if fact.confidence == "unknown":
        assert fact.value is None, "an unpublished figure must not carry an invented value"
    else:
        assert fact.value is not None
    if fact.confidence == "calc":
        assert fact.calc, f"{key} is calculated but does not show its arithmetic"


_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}


def _implied_survival(hr: float, se: float, n: float) -> float:
    """Share alive on placebo in a group of n per arm whose log-HR standard error is se:
    1/D1 + 1/D0 = se^2 with D0 = n(1 - S), D1 = n(1 - S^hr), solved by bisection (written here,
    independently of the model's code)."""
    lo, hi = 1e-6, 1 - 1e-6
    f = lambda s: 1 / (n * (1 - s)) + 1 / (n * (1 - s**hr)) - se * se  # noqa: E731 (rises with s)
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
    return (lo + hi) / 2


def _z(level_percent: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + level_percent / 200)


_FUNCS = {"log": math.log, "z": _z, "implied_survival": _implied_survival}


def _evaluate(expr: str) -> float:
    """Evaluate 'a - b * 100'-style arithmetic over registry keys (no eval of arbitrary code), with
    log, z (normal quantile of a two-sided level), ci_low/ci_high (a key's published interval)
    and implied_survival (above)."""

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            return REG.value(node.id)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name in ("ci_low", "ci_high"):
                (arg,) = node.args
                return REG[arg.id].ci[0 if name == "ci_low" else 1]
            return _FUNCS[name](*(walk(a) for a in node.args))
        raise ValueError(f"unsupported expression part: {ast.dump(node)}")

    return walk(ast.parse(expr, mode="eval"))


def test_implied_survival_reproduces_the_published_interval() -> None:
    # Round trip: deaths from the solved survival give back the published interval's width.
    n = REG.value("low_group_percent") * REG.value("randomised_per_arm") / 100
    s = _implied_survival(REG.value("hr_low"), REG.value("hr_low_se"), n)
    d0, d1 = n * (1 - s), n * (1 - s ** REG.value("hr_low"))
    assert math.sqrt(1 / d0 + 1 / d1) == pytest.approx(REG.value("hr_low_se"), rel=1e-6)
    assert d1 < d0  # fewer deaths with IL-2LD, as HR < 1 says


@pytest.mark.parametrize("key", sorted(k for k, f in REG.facts.items() if f.calc))
def test_calculated_facts_reproduce(key: str) -> None:
    fact = REG[key]
    tolerance = 0.5 * 10**-fact.decimals + 1e-9
    if fact.approx:
        tolerance = max(tolerance, 0.5)
    assert abs(_evaluate(fact.calc) - fact.number) <= tolerance


def test_deaths_add_up_and_are_not_the_published_mistake() -> None:
    # mirocals-facts.md mistake 1: deaths were 41 on IL-2LD and 49 on placebo, not the reverse.
    assert REG.value("deaths_il2") + REG.value("deaths_placebo") == REG.value("deaths_total")
    assert REG.value("deaths_il2") < REG.value("deaths_placebo")


def test_adjusted_estimate_is_labelled_as_pnfh_zero() -> None:
    label = REG["hr_adjusted"].label_for("en").lower()
    assert "zero" in label and "not the low" in label


def test_an_unpublished_interval_is_part_of_its_figure_and_has_no_placeholder() -> None:
    """The high group's interval is a state of its figure (ci = "not published"), not a second fact."""
    high = REG["hr_high"]
    assert high.known and high.ci is None and high.ci_not_published
    assert "hr_high_ci" not in REG.facts
    for lang in LANGUAGES:
        assert "hr_high" in placeholders(lang)
        assert "hr_high_ci" not in placeholders(lang)
        assert "hr_high_ci_low" not in placeholders(lang)


def test_a_ci_that_is_neither_an_interval_nor_not_published_is_refused(tmp_path) -> None:
    from content.facts import load_registry

    bad = tmp_path / "facts.toml"
    bad.write_text(
        '[x]\nvalue = 1.0\nunit = "hazard ratio"\nsources = ["medwire"]\nconfidence = "1"\n'
        'ci = "unknown"\nlabel.en = "x"\nlabel.zh = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="not published"):
        load_registry(bad)


def test_a_label_missing_in_one_language_is_an_error_at_load(tmp_path) -> None:
    from content.facts import load_registry

    bad = tmp_path / "facts.toml"
    bad.write_text(
        '[x]\nvalue = 1\nunit = "people"\nsources = ["medwire"]\nconfidence = "1"\n' 'label.en = "People"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="missing \\['zh', 'zh-Hant'\\]"):
        load_registry(bad)


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
@pytest.mark.parametrize("key", sorted(k for k, f in REG.facts.items() if isinstance(f.value, (int, float))))
def test_numbers_read_the_same_in_every_language(key: str, lang: str) -> None:
    """The same quantity in every language, written as each writes it: English groups thousands
    (3,700); Chinese does not (3700), writes round multiples of 10 000 in 万 (10万; Traditional
    萬) and counts doses in 万 (2 million IU = 200万IU)."""
    fact = REG[key]
    en, zh = format_fact(key, "en"), format_fact(key, lang)
    assert float(en.replace(",", "")) == pytest.approx(fact.number)
    assert "," not in zh
    wan = zh.endswith(("万", "萬"))
    value = float(zh.removesuffix("万").removesuffix("萬")) * (10_000 if wan else 1)
    if fact.unit == "million IU":
        value /= 100  # 万 units of the dose: 200 (万IU) is 2 million IU
    assert value == pytest.approx(fact.number)


def test_chinese_numbers_by_hand() -> None:
    """Expected values written out, not taken from the code under test."""
    assert format_fact("pnfh_cut", "en") == "3,700" and format_fact("pnfh_cut", "zh") == "3700"
    assert format_fact("incidence_denominator", "en") == "100,000"
    assert format_fact("incidence_denominator", "zh") == "10万"
    assert format_fact("dose_miu", "en") == "2" and format_fact("dose_miu", "zh") == "200"
    assert placeholders("zh")["hr_overall_ci"] == "0.54～1.22"
    assert format_fact("incidence_denominator", "zh-Hant") == "10萬" and format_fact("pnfh_cut", "zh-Hant") == "3700"
    assert placeholders("zh-Hant")["hr_overall_ci"] == "0.54～1.22"
    assert placeholders("en")["hr_overall_ci"] == "0.54–1.22"


def test_dates_follow_the_language() -> None:
    day: dt.date = REG["publication_date"].value  # type: ignore[assignment]
    assert format_fact("publication_date", "zh") == f"{day.year}年{day.month}月{day.day}日"
    assert str(day.year) in format_fact("publication_date", "en")
    assert "年" not in format_fact("publication_date", "en")


def test_intervals_become_placeholders() -> None:
    low, high = REG["hr_low"].ci  # type: ignore[misc]
    values = placeholders("en")
    assert values["hr_low_ci"] == f"{low:.2f}–{high:.2f}"
    assert values["hr_low_ci_low"] == f"{low:.2f}"

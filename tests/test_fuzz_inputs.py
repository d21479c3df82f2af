"""Bad input from the address, fuzzed through the real app (issue 14's probe, kept as a test).

Every value is tried on every page that reads it, in every language: no exception, no markup
reflected, and every refused level gets the aid's own message in the page's language (never a
silent other number). The values are the probe's: signs, exponents, separators, other scripts'
digits, decimals, markup, NaN, repeats, very long text.
"""

from __future__ import annotations

import re

import pytest

from content.i18n import LANGUAGES
from tests.explorer_text import drawn_text

CJK = re.compile(r"[\u4e00-\u9fff]")
MARKUP = "<script>alert(1)</script>"
LEVELS_REFUSED = [
    "2e3",
    "+2000",
    "2,000",
    "2 000",
    "２０００",
    "٢٠٠٠",
    "2000.5",
    "-5",
    "0",
    "99999",
    "nan",
    "inf",
    "",
    " ",
    "abc",
    "二千",
    MARKUP,
    "1" * 500,
    "%00",
    "2000;drop",
]
LEVELS_TAKEN = ["2000", " 2000 ", "750", "15000"]
PAGES_WITH_A_LEVEL = ["app_pages/biomarker.py", "app_pages/handout.py", None]  # None: the clinic view


def _texts(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "warning", "error", "info", "success", "title", "header", "subheader"):
        parts += [getattr(e, "value", "") or "" for e in getattr(at, kind)]
    parts.append(drawn_text(at))  # what the level explorer draws in the browser
    return "\n".join(str(p) for p in parts)


def _open(app, page, **params):
    if page is None:
        params = {**params, "mode": "clinic", "slide": "curve"}
    return app(page, **params)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES_WITH_A_LEVEL, ids=["biomarker", "handout", "clinic"])
def test_refused_levels_say_so_in_the_page_language_and_change_nothing(app, page, lang) -> None:
    outcomes = {}
    for raw in LEVELS_REFUSED:
        at = _open(app, page, lang=lang, pnfh=raw)
        if page is None:  # the clinic curve says it only behind the right-not-to-know choice
            at.button(key="clinic_reveal").click().run()
        assert not at.exception, (raw, [e.message for e in at.exception])
        assert "<script>" not in _texts(at), raw
        warnings = [w.value for w in at.warning]
        assert warnings, f"{raw!r} was refused silently on {page}"
        if lang != "en":
            assert all(CJK.search(w) for w in warnings), (raw, warnings)
        if "bm_level" in at.session_state:
            assert at.session_state["bm_level"] is None, raw  # no level guessed from the bad value
        outcomes[raw] = "refused with a message"
    assert len(outcomes) == len(LEVELS_REFUSED)


@pytest.mark.parametrize("page", PAGES_WITH_A_LEVEL, ids=["biomarker", "handout", "clinic"])
def test_plain_digits_are_taken_everywhere(app, page) -> None:
    for raw in LEVELS_TAKEN:
        at = _open(app, page, lang="en", pnfh=raw)
        assert not at.exception, raw
        assert not [w.value for w in at.warning if "could not be used" in w.value or "not a level" in w.value], raw
        if page == "app_pages/handout.py":
            assert at.number_input(key="handout_pnfh").value == float(raw.strip()), raw
        else:
            assert at.session_state["bm_level"] == float(raw.strip()), raw


@pytest.mark.parametrize("param", ["lang", "mode", "slide", "s"])
def test_odd_values_of_the_other_parameters_change_nothing_and_raise_nothing(app, param) -> None:
    for raw in ["", MARKUP, "zh-TW", "ZH", "clinic" * 50, "%00", "../../etc/passwd", "1" * 500]:
        at = app(None, **{param: raw})
        assert not at.exception, (param, raw)
        assert "<script>" not in _texts(at), (param, raw)
        assert at.session_state["lang"] in LANGUAGES

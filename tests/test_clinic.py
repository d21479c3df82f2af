"""Clinic mode and the accessibility frame through the real entrypoint (AppTest, no browser)."""

from __future__ import annotations

from app_pages.clinic import SLIDES
from content.i18n import gettext_for
from ui import access


def _c(lang: str, message: str) -> str:
    return gettext_for(lang, "clinic")(message)


def _query(at, name: str):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) and value else value


def test_clinic_mode_from_the_address(app) -> None:
    at = app(None, lang="en", mode="clinic")
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == SLIDES[0].title("en")
    assert _query(at, "mode") == "clinic" and _query(at, "slide") == SLIDES[0].slug
    assert at.button(key="clinic_prev").disabled
    assert not at.button(key="clinic_next").disabled


def test_previous_next_and_language(app) -> None:
    at = app(None, lang="en", mode="clinic")
    for slide in SLIDES[1:]:
        at.button(key="clinic_next").click().run()
        assert not at.exception
        assert at.title[0].value == slide.title("en")
        assert _query(at, "slide") == slide.slug
    assert at.button(key="clinic_next").disabled
    at.segmented_control(key="lang_switch").set_value("zh").run()
    assert at.title[0].value == SLIDES[-1].title("zh")
    assert _query(at, "mode") == "clinic" and _query(at, "lang") == "zh"
    at.button(key="clinic_prev").click().run()
    assert at.title[0].value == SLIDES[-2].title("zh")


def test_the_model_picture_waits_until_asked(app) -> None:
    at = app(None, lang="zh", mode="clinic", slide="curve")
    assert at.title[0].value == SLIDES[-1].title("zh")
    assert not at.get("vega_lite_chart")
    at.button(key="clinic_reveal").click().run()
    assert not at.exception
    assert at.get("vega_lite_chart"), "the curve is drawn once the person asks for it"


def test_back_to_the_full_app_opens_the_explaining_page(app) -> None:
    at = app(None, lang="en", mode="clinic", slide="forest")
    at.button(key="clinic_exit").click().run()
    assert not at.exception
    assert at.title[0].value == gettext_for("en", "app")("What the trial found")
    assert _query(at, "mode") is None and _query(at, "slide") is None
    assert _query(at, "lang") == "en"


def test_bad_slide_and_mode_values_are_quiet(app) -> None:
    at = app(None, lang="en", mode="clinic", slide="<script>")
    assert not at.exception and not at.error
    assert at.title[0].value == SLIDES[0].title("en")
    at = app(None, lang="en", mode="nonsense")
    assert not at.exception
    assert at.title[0].value == gettext_for("en", "app")("Start here")
    assert _query(at, "mode") is None


def test_full_app_offers_clinic_mode(app) -> None:
    at = app("app_pages/biomarker.py", lang="zh")
    button = at.sidebar.button(key="clinic_enter")
    assert button.label == _c("zh", "Clinic view (large pictures)")
    button.click().run()
    assert at.title[0].value == SLIDES[-1].title("zh"), "entering from a page starts at its picture"


def test_style_sheet_covers_targets_focus_print_and_stays_local() -> None:
    sheet = access.css(clinic=True)
    for needle in (
        "min-height: 44px",
        ":focus-visible",
        "@media print",
        "break-inside: avoid",
        "stElementToolbar",
        "stSidebar",
    ):
        assert needle in sheet
    assert "http" not in sheet and "@import" not in sheet and "url(" not in sheet


def test_no_usage_statistics_or_outside_fonts() -> None:
    import tomllib

    from tests.servers import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    entry = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    assert 'page_icon=":material' not in entry, "a Material favicon is fetched from fonts.gstatic.com"


def test_survival_icons_slide_waits_until_asked(app) -> None:
    from views import results as rf

    at = app(None, lang="en", mode="clinic", slide="icons")
    sentence = rf.arm_sentence("il2", "en")
    assert sentence not in [m.value for m in at.markdown]
    assert not at.get("vega_lite_chart")
    at.button(key="clinic_reveal_icons").click().run()
    assert not at.exception
    assert sentence in [m.value for m in at.markdown]


def test_curve_slide_has_no_crossing_point_and_published_first(app) -> None:
    at = app(None, lang="zh", mode="clinic", slide="curve")
    at.button(key="clinic_reveal").click().run()
    text = "\n".join(m.value for m in at.markdown)
    assert "crosses" not in text and "穿过" not in text
    assert "发表" in text


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


import pytest  # noqa: E402


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("level", [800, 1250])
def test_the_level_in_the_address_is_the_level_shown(app, lang: str, level: int) -> None:
    """A bookmarked or reloaded clinic address (the one the clinic button writes) shows its level."""
    from content.facts import format_number
    from model.benefit import estimate
    from views import biomarker as bt

    at = app(None, lang=lang, pnfh=str(level), mode="clinic", slide="curve")
    assert not at.exception, [e.message for e in at.exception]
    at.button(key="clinic_reveal").click().run()
    assert not at.exception
    est = estimate(float(level))
    text = _markdown(at)
    assert bt.hr_sentence(est, lang) in text, "the slide speaks about the address's level"
    assert format_number(level, 0, lang) in text
    chart = at.get("vega_lite_chart")[0]
    label = bt.hr_labels(float(level), lang).chosen
    drawn = [chart.proto.spec.encode(), *(d.data.data for d in chart.proto.datasets)]
    assert any(label.encode() in blob for blob in drawn), "the chart marks that level"
    assert _query(at, "pnfh") == str(level) and _query(at, "slide") == "curve"
    at.button(key="clinic_prev").click().run()
    at.button(key="clinic_next").click().run()
    assert bt.hr_sentence(est, lang) in _markdown(at) and _query(at, "pnfh") == str(level)


def test_a_level_chosen_on_the_page_goes_into_the_clinic_address(app) -> None:
    at = app("app_pages/biomarker.py", lang="en", pnfh="1800")
    at.sidebar.button(key="clinic_enter").click().run()
    assert not at.exception
    assert _query(at, "pnfh") == "1800" and _query(at, "mode") == "clinic"


def test_an_unusable_level_in_the_clinic_address_is_said_not_guessed(app) -> None:
    at = app(None, lang="zh", pnfh="abc", mode="clinic", slide="curve")
    at.button(key="clinic_reveal").click().run()
    assert not at.exception
    from content.glossary import glossary

    # in Chinese the level is named by the glossary's short name (issue 13), never in English
    short = glossary()["pnfh"].short["zh"]
    assert at.warning and short in at.warning[0].value and "could" not in at.warning[0].value
    assert all("abc" not in m.value for m in at.markdown)


def test_every_clinic_slide_waits_for_the_same_choice(app) -> None:
    """Forest plot and table too: hazard ratios and death counts are survival numbers."""
    at = app(None, lang="en", mode="clinic", slide="forest")
    assert not at.get("vega_lite_chart") and not at.table
    at.button(key="clinic_reveal_forest").click().run()
    assert at.get("vega_lite_chart") and at.table
    at.button(key="clinic_next").click().run()
    assert at.get("vega_lite_chart"), "asked once: the next slide shows its picture"
    at.button(key="clinic_hide").click().run()
    assert not at.get("vega_lite_chart")
    assert at.session_state["bm_show_numbers"] is False


def test_inline_scripts_have_no_markup_inside() -> None:
    """A tag-like text inside a script given to st.html (even "<body>" in a comment) makes
    Streamlit drop the whole script silently: <html lang>, the live region and focus then fail."""
    from app_pages import clinic
    from ui import announce

    for script in (
        access.document_script("zh"),
        access.document_script("en"),
        clinic._KEYS_SCRIPT,
        announce.markup({"text": "<b>x</b>", "focus": None, "focusText": None}),
    ):
        inner = script[script.index("<script>") + len("<script>") :].removesuffix("</script>")
        assert "<" not in inner.replace("<\\/", ""), "markup inside an inline script"


def test_announce_script_is_fixed_and_allowed_by_the_policy() -> None:
    """Production allows inline scripts only by hash: the announcement's script text must not
    change with its message; the message travels in the data attribute before it, intact."""
    import html
    import json
    import re

    from deploy import security
    from ui import announce

    messages = [
        {"text": 'Page: <Résultats> & "more" -->', "focus": '[data-testid="stMain"] h1', "focusText": "试验结果"},
        {"text": "生存数字已显示。", "focus": ".st-key-results_hide button", "focusText": None},
    ]
    bodies, data = set(), []
    for message in messages:
        out = announce.markup(message)
        found = re.fullmatch(r'<div hidden data-aid-announce="([^"]*)"></div><script>(.*)</script>', out, re.S)
        assert found, out[:200]
        assert not re.search(r"[<>]", found.group(1)), "no markup characters in the attribute"
        data.append(json.loads(html.unescape(found.group(1))))
        bodies.add(found.group(2))
    assert len(bodies) == 1, "the script text changed with the message"
    for message, got in zip(messages, data, strict=False):
        assert {k: got[k] for k in message} == message
    assert security._sha256(bodies.pop()) in security.content_security_policy()

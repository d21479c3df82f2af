"""The five explainer pages through the real entrypoint, in both languages: they draw their prose,
figures from the registry, translated charts and tables, and links that keep the language."""

from __future__ import annotations

import json
import re

import pytest

from content.facts import format_fact, registry
from content.i18n import LANGUAGES, gettext_for, language
from content.prose import render
from content.site import PAGES, page
from views.explainer import chain_parts, timeline_parts

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")
LANGS = LANGUAGES  # from the language table (content/i18n.py)


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _first_heading(name: str, lang: str) -> str:
    """The first '## ' heading of a prose document, as the reader sees it."""
    return next(line[3:] for line in render(name, lang).splitlines() if line.startswith("## "))


def _open(app, slug: str, lang: str):
    at = app(page(slug).script, lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == gettext_for(lang, "app")(page(slug).title)
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_start_leads_with_the_main_message(app, lang: str) -> None:
    at = _open(app, "start", lang)
    text = _markdown(at)
    message = render("start/main_message", lang)
    # The main message is the first thing under the page title (the frame's banner, the aid's name
    # on every page, stands above the title).
    banner = gettext_for(lang, "app")(
        "**MIROCALS decision aid**: what one trial found, for people with ALS and their families"
    )
    assert [m.value for m in at.markdown if m.value != banner][0] == message
    assert _first_heading("start/not_advice", lang) in text
    assert _first_heading("start/who_for", lang) in text
    # Not licensed, said plainly in the reader's language: in the one access statement, on this page.
    from views.decision import access_statement

    assert access_statement(lang) in [m.value for m in at.markdown]
    said = {"en": "not licensed", "zh": "没有任何国家批准", "zh-Hant": "沒有任何國家核准"}[lang]
    assert said in access_statement(lang)
    assert format_fact("evidence_date", lang) in text and format_fact("aid_review_date", lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_start_links_every_other_page_keeping_the_language(app, lang: str) -> None:
    at = _open(app, "start", lang)
    links = at.get("page_link")
    _ = gettext_for(lang, "app")
    titles = {link.proto.label.strip("*") for link in links}
    for info in PAGES[1:]:
        assert _(info.title) in titles, f"no link to {info.slug}"
    for link in links:
        assert link.proto.query_string == f"lang={lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_about_als_shows_riluzole_figures_from_the_registry(app, lang: str) -> None:
    at = _open(app, "als", lang)
    text = _markdown(at)
    survival = ("riluzole_median_placebo_months", "riluzole_median_months", "riluzole_hr")
    # The right not to know: no survival number until the reader asks; the explanations are there.
    assert not [key for key in survival if format_fact(key, lang) in text]
    assert render("als/survival_numbers", lang) not in text
    assert render("als/treatments", lang) in text and render("als/progression", lang) in text
    at.button(key="als_reveal").click().run()
    assert not at.exception
    text = _markdown(at)
    assert render("als/survival_numbers", lang) in text
    for key in (
        "riluzole_median_placebo_months",
        "riluzole_median_months",
        "riluzole_gain_months",
        "riluzole_hr",
        "edaravone_us_year",
        "tofersen_us_year",
        "sod1_percent",
    ):
        assert format_fact(key, lang) in text, key
    low, high = registry()["riluzole_hr"].ci
    assert f"{low:.2f}" in text and f"{high:.2f}" in text
    _ = gettext_for(lang, "app")
    labels = [e.label for e in at.expander] + [b.label for b in at.button]
    assert gettext_for(lang, "clinic")("Hide the survival numbers") in labels
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        assert not any(ENGLISH_WORD.search(label) for label in labels)


def _chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


@pytest.mark.parametrize("lang", LANGS)
def test_il2_page_draws_the_chain_in_the_readers_language(app, lang: str) -> None:
    at = _open(app, "il2-tregs", lang)
    specs = _chart_specs(at)
    assert len(specs) == 1
    assert specs[0]["description"] == chain_parts(lang)["description"]
    assert _first_heading("il2_tregs/imodals", lang) in _markdown(at)
    assert format_fact("imodals_n", lang) in _markdown(at)
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        assert CJK.search(specs[0]["description"])
        assert not ENGLISH_WORD.search(specs[0]["description"])


@pytest.mark.parametrize("lang", LANGS)
def test_trial_page_draws_the_timeline_in_the_readers_language(app, lang: str) -> None:
    at = _open(app, "trial", lang)
    specs = _chart_specs(at)
    assert len(specs) == 1
    assert specs[0]["description"] == timeline_parts(lang)["description"]
    text = _markdown(at)
    for key in ("randomised_total", "age_min", "age_max", "svc_min_percent", "dose_miu", "endpoint_days"):
        assert format_fact(key, lang) in text, key
    if language(lang).script != "Latn":  # a Chinese language (Simplified or Traditional)
        dumped = json.dumps(specs[0], ensure_ascii=False)
        # Every text the chart shows is in its data or title: none of it English.
        for value in re.findall(r'"(?:label|lane|description|title)": "([^"]*)"', dumped):
            assert not ENGLISH_WORD.search(value), value


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_lists_every_fact(app, lang: str) -> None:
    at = _open(app, "sources", lang)
    facts = at.table[0].value
    labels = list(facts.iloc[:, 0])
    assert labels == [f.label_for(lang) for f in registry().facts.values()]
    not_published = gettext_for(lang, "app")("Not published")
    unknown_rows = facts[facts.iloc[:, 1] == not_published]
    assert list(unknown_rows.iloc[:, 0]) == [f.label_for(lang) for f in registry().facts.values() if not f.known]
    text = _markdown(at)
    for name in ("sources/update_policy", "sources/funding", "sources/translation", "sources/reading_level"):
        assert _first_heading(name, lang) in text
    # The reading level table names each explainer page in the reader's language.
    levels = at.table[1].value
    assert gettext_for(lang, "app")(page("trial").title) in list(levels.iloc[:, 0])

"""Issue 12: the decision, the options side by side, one access statement, values and questions.

Content is checked against the registry; pages through AppTest in both languages; the handout by
reading the PDF's text (pdftotext) as a reader's screen reader or search would.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from content.facts import format_fact, registry
from content.i18n import LANGUAGES, PAIRS
from content.prose import fields, raw, render
from handout import build_pdf
from handout.document import Bullets, Table, build_document
from views import decision

LANGS = LANGUAGES  # from the language table (content/i18n.py)
REG = registry()


def _squash(text: str) -> str:
    """Text as pdftotext gives it back: no line breaks, hyphenation or spaces that Chinese lacks."""
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


def _pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the handout as a reader would")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Page footers ("... page 3 of 13", "第3页，共13页", "第3頁，共13頁") fall inside a row split over two pages.
    return "\n".join(
        line for line in out.splitlines() if not re.search(r"page \d+ of \d+|第\d+[页頁]，共\d+[页頁]", line)
    )


def _figures(text: str) -> list[str]:
    """The figures in a text, in sorted order (word order differs between languages)."""
    for name in ("IL-2LD", "低剂量IL-2", "interleukin-2", "白细胞介素-2"):
        text = text.replace(name, "")
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


# ---------------------------------------------------------------- content
@pytest.mark.parametrize("lang", LANGS)
def test_options_table_has_every_row_with_both_options(lang: str) -> None:
    rows = decision.option_rows(lang)
    assert [r.key for r in rows] == [key for key, *_ in decision.ROWS]
    for row in rows:
        assert row.question and row.riluzole and row.il2ld
        assert "{" not in row.riluzole + row.il2ld, f"unfilled placeholder in {row.key}"


def test_options_table_rows_are_the_same_in_both_languages() -> None:
    en, zh = decision.option_rows("en"), decision.option_rows("zh")
    assert [r.key for r in en] == [r.key for r in zh]
    for a, b in zip(en, zh, strict=False):
        assert a.question != b.question, f"{a.key}: Chinese row not translated"
        # every figure in a cell is the same figure in both languages
        assert _figures(a.riluzole + a.il2ld) == _figures(b.riluzole + b.il2ld), a.key


def test_injection_burden_is_the_registry_calculation() -> None:
    total = REG["injection_days_total"]
    assert total.confidence == "calc" and total.approx
    assert total.number == REG.value("injection_days") * REG.value("treatment_months")
    involves = {r.key: r for r in decision.option_rows("en")}["involves"].il2ld
    assert f"about {format_fact('injection_days_total', 'en')} injection days" in involves


@pytest.mark.parametrize("lang", LANGS)
def test_survival_row_uses_the_trial_people_out_of_100(lang: str) -> None:
    from model.counts import people_out_of

    survival = {r.key: r for r in decision.option_rows(lang)}["survival"]
    per_arm = REG.value("randomised_per_arm")
    assert str(people_out_of(REG.value("alive_placebo"), per_arm)) in survival.riluzole
    assert str(people_out_of(REG.value("alive_il2"), per_arm)) in survival.il2ld
    assert format_fact("hr_overall", lang) in survival.il2ld  # the relative effect beside the absolute


def test_access_statement_says_what_the_sources_say() -> None:
    text = decision.access_statement("en")
    for key in ("map_open_date", "map_limited_date", "mnd_csg_date"):
        assert format_fact(key, "en") in text
    assert "not licensed for ALS" in text
    assert "could not find out whether it is open today" in text  # its current state is unknown
    assert not REG["map_current_state"].known
    assert "phase 3" in text and "Do not buy them or inject them on your own" in text
    assert "ask your neurologist" in text
    for wrong in ("no way to get it", "only be given in a clinical trial", "no routine way"):
        assert wrong not in text.lower()
    zh = decision.access_statement("zh")
    assert "注射用重组人白介素-2" in zh and "请不要自行购买" in zh and "神经内科" in zh


def test_access_statement_uses_the_same_figures_in_both_languages() -> None:
    assert fields(raw("decision/access", "en")) == fields(raw("decision/access", "zh"))


def test_topline_note_explains_both_sets_of_numbers() -> None:
    text = decision.text("topline", "en")
    for key in (
        "topline_group_percent",
        "topline_lower_percent",
        "low_group_percent",
        "low_lower_percent",
        "topline_year",
    ):
        assert format_fact(key, "en") in text
    assert REG.value("low_lower_percent") == round(100 - 100 * REG.value("hr_low"))


def test_lumbar_puncture_risks_come_from_the_registry() -> None:
    text = decision.text("lumbar_puncture", "en")
    for key in (
        "lp_headache_atraumatic_of_100",
        "lp_headache_conventional_of_100",
        "lp_minutes_min",
        "lp_minutes_max",
        "pnfh_interlab_cv_percent",
    ):
        assert format_fact(key, "en") in text
    assert "local anaesthetic" in text and "lying down" in text and "not yet a routine test" in text
    zh = decision.text("lumbar_puncture", "zh")
    assert "腰穿" in zh and "局部麻药" in zh and "平躺" in zh


def test_china_section_has_each_approval_with_a_source() -> None:
    for key in ("riluzole_cn_status", "edaravone_cn_status", "tofersen_cn_year", "rare_list_year", "il2_cn_status"):
        fact = REG[key]
        assert fact.sources and fact.confidence in ("1", "2+"), key
    zh = decision.text("china", "zh")
    assert "神经内科" in zh and "ChiCTR" in zh and "药物临床试验登记与信息公示平台" in zh
    assert "第一批罕见病目录" in zh and format_fact("rare_list_year", "zh") in zh
    assert "ALS医疗团队" not in zh


def test_taiwan_section_has_each_fact_with_a_source_and_says_what_is_unknown() -> None:
    for key in (
        "als_tw_rare_status",
        "tw_rare_law_year",
        "riluzole_tw_nhi",
        "il2_tw_status",
        "tofersen_tw_orphan_year",
    ):
        fact = REG[key]
        assert fact.sources and fact.confidence in ("1", "2+") and fact.country == "taiwan", key
        assert all(source in REG.sources for source in fact.sources), key
    hant = decision.text("taiwan", "zh-Hant")
    for needed in ("神經內科", "健保", "重大傷病", "台灣藥品臨床試驗資訊網", "中華民國運動神經元疾病病友協會", "香港"):
        assert needed in hant, needed
    assert format_fact("tofersen_tw_orphan_year", "zh-Hant") in hant and "未查到" in hant
    assert "醫生" not in hant and "醫保" not in hant and "国" not in hant
    # the country sections each language shows, on the page and in the handout alike
    assert decision.country_sections("zh-Hant") == ("taiwan",) and decision.country_sections("zh") == ("china",)
    assert [s.key for s in build_document("zh-Hant").sections if s.key in ("china", "taiwan")] == ["taiwan"]
    assert [s.key for s in build_document("en").sections if s.key in ("china", "taiwan")] == ["china", "taiwan"]
    english = decision.text("taiwan", "en")
    assert "not found" in english and format_fact("tw_rare_law_year", "en") in english


def test_choices_keep_only_known_keys() -> None:
    got = decision.clean_choices(
        {"live_longer": "agree", "travel": "<script>", "nope": "agree", "research": "unsure"},
        ["lp", "made-up", "trial"],
    )
    assert got.values == (("live_longer", "agree"), ("research", "unsure"))
    assert got.questions == ("trial", "lp")  # in the aid's order
    assert not decision.clean_choices(None, None)


# ---------------------------------------------------------------- the handout
CHOICES = decision.Choices(
    values=(("live_longer", "agree_strongly"), ("avoid_needles", "disagree")), questions=("scheme", "lab")
)


@pytest.mark.parametrize("lang", LANGS)
def test_handout_starts_with_the_decisions_and_holds_the_same_table(lang: str) -> None:
    doc = build_document(lang)
    assert doc.sections[0].key == "decisions"
    tables = [b for s in doc.sections if s.key == "options" for b in s.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    page_rows = decision.option_rows(lang)
    assert tables[0].header == decision.option_headers(lang)
    assert tables[0].rows == tuple((r.question, r.riluzole, r.il2ld) for r in page_rows)


@pytest.mark.parametrize("lang", LANGS)
def test_handout_pdf_shows_every_option_row(lang: str) -> None:
    text = _squash(_pdf_text(build_pdf(lang)))
    for row in decision.option_rows(lang):
        for cell in (row.question, row.riluzole, row.il2ld):
            assert _squash(cell) in text, f"{row.key}: {cell!r} not in the PDF text"


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_side_by_side_handout_shows_every_row_in_both_languages(pair: str) -> None:
    text = _squash(_pdf_text(build_pdf(pair)))
    for lang in PAIRS[pair]:
        for row in decision.option_rows(lang):
            assert _squash(row.question) in text
            assert _squash(row.il2ld) in text


@pytest.mark.parametrize("lang", LANGS)
def test_handout_prints_the_chosen_values_and_questions(lang: str) -> None:
    text = _squash(_pdf_text(build_pdf(lang, choices=CHOICES)))
    for line in (*decision.value_lines(CHOICES, lang), *decision.question_lines(CHOICES, lang)):
        assert _squash(line) in text, line
    plain = _squash(_pdf_text(build_pdf(lang)))
    assert _squash(decision.value_lines(CHOICES, lang)[0]) not in plain


def test_handouts_with_choices_are_not_cached() -> None:
    from handout import _build

    before = _build.cache_info().currsize
    build_pdf("en", choices=CHOICES)
    assert _build.cache_info().currsize == before


# ---------------------------------------------------------------- one access statement everywhere
def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", LANGS)
def test_access_statement_is_the_same_text_everywhere(app, lang: str) -> None:
    statement = decision.access_statement(lang)
    for script in ("app_pages/start.py", "app_pages/results.py", "app_pages/options.py"):
        at = app(script, lang=lang)
        assert not at.exception, [e.message for e in at.exception]
        assert statement in [m.value for m in at.markdown], f"{script}: access statement missing or changed"
        # and no other wording about access survives on the page
        other = _markdown(at).replace(statement, "")
        for old in (
            "There is no way to get it",
            "no routine way",
            "Please do not try to get aldesleukin",
            "没有任何途径",
            "没有常规途径",
            "请不要在试验以外设法获取",
        ):
            assert old not in other, f"{script}: old access wording {old!r}"
    doc = build_document(lang)
    access = [b for s in doc.sections if s.key == "access" for b in s.blocks if isinstance(b, Bullets)]
    assert access and access[0].items == decision.access_items(lang)
    assert (
        tuple(decision.plain(line[2:]) for line in statement.splitlines() if line.startswith("- ")) == access[0].items
    )
    pdf = _squash(_pdf_text(build_pdf(lang)))
    for item in access[0].items:
        assert _squash(item) in pdf


# ---------------------------------------------------------------- pages
@pytest.mark.parametrize("lang", LANGS)
def test_start_page_names_the_decisions(app, lang: str) -> None:
    at = app("app_pages/start.py", lang=lang)
    headers = [h.value for h in at.header]
    assert decision.titles(lang)["decisions"] in headers
    assert decision.text("decisions", lang) in [m.value for m in at.markdown]


@pytest.mark.parametrize("lang", LANGS)
def test_options_page_shows_table_values_and_questions(app, lang: str) -> None:
    at = app("app_pages/options.py", lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    html = "".join(el.proto.body for el in at.get("html"))
    for row in decision.option_rows(lang):
        assert row.question in html.replace("&#x27;", "'") or row.question in html
    assert len(at.radio) == len(decision.VALUE_STATEMENTS)
    assert all(r.value is None for r in at.radio), "no statement is placed for the person"
    assert len(at.checkbox) == len(decision.QUESTIONS)
    labels = decision.statement_labels(lang)
    assert [r.label for r in at.radio] == list(labels.values())


def test_choices_reach_the_handout_page_and_nothing_is_logged(app, caplog, capfd) -> None:
    """Place statements and tick questions as a person would; the handout page offers to print
    them; no log record and no output of the app (stdout, stderr) contains them."""
    caplog.set_level(logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    at = app("app_pages/options.py", lang="en")
    at.radio(key="value_live_longer").set_value("agree_strongly").run()
    at.radio(key="value_travel").set_value("disagree").run()
    at.checkbox(key="question_scheme").check().run()
    at.checkbox(key="question_lp").check().run()
    assert at.session_state["decision_values"] == {"live_longer": "agree_strongly", "travel": "disagree"}
    at.switch_page("app_pages/handout.py").run()
    assert not at.exception, [e.message for e in at.exception]
    include = at.checkbox(key="handout_include_choices")
    assert include.value is True
    assert "2 statements, 2 questions" in include.label
    choices = decision.clean_choices(at.session_state["decision_values"], at.session_state["decision_questions"])
    text = _squash(_pdf_text(build_pdf("en", choices=choices)))
    secrets = (*decision.value_lines(choices, "en"), *decision.question_lines(choices, "en"))
    for line in secrets:
        assert _squash(line) in text
    out, err = capfd.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records) + out + err
    for line in secrets:
        for part in (line, decision.statement_labels("en")["live_longer"], decision.question_labels("en")["scheme"]):
            assert part not in logged
    assert "agree_strongly" not in logged and "question_scheme" not in logged


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_states_what_has_been_reviewed(app, lang: str) -> None:
    at = app("app_pages/sources.py", lang=lang)
    text = _markdown(at)
    if lang == "en":
        assert "Nothing in this aid has been independently reviewed yet" in text
        assert "team planned this look" not in text
    else:
        assert decision.plain(render("sources/review", lang).splitlines()[2]) in decision.plain(text)
        assert ("本工具的内容还没有经过任何独立审阅" if lang == "zh" else "本工具的內容還沒有經過任何獨立審閱") in text

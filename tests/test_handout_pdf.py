"""The handout builders, checked as a reader's software sees the PDF (poppler), for every variant."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from content.facts import format_fact, format_number, placeholders, registry
from content.i18n import HTML_LANG, LANGUAGES, PAIRS, gettext_for, language
from handout import LANG_OPTIONS, MAX_PAGES, build_pdf
from handout.document import build_document
from handout.fonts import lean_charset
from handout.pdf import document_chars
from model.benefit import estimate
from tests.handout_checks import (
    CJK,
    LATIN_WORD,
    cjk_share,
    fonts,
    info,
    need_poppler,
    pages,
    run,
    scenario_hr_text,
    squash,
    text,
)
from views import results as results_figures

LEVEL = 2000.0
VARIANTS = list(itertools.product(LANG_OPTIONS, (None, LEVEL), ("a4", "letter")))


def _id(v) -> str:
    lang, pnfh, paper = v
    return f"{lang}-{'pnfh' if pnfh else 'none'}-{paper}"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple, Path]:
    need_poppler()
    root = tmp_path_factory.mktemp("handouts")
    out = {}
    for lang, pnfh, paper in VARIANTS:
        path = root / f"{_id((lang, pnfh, paper))}.pdf"
        path.write_bytes(build_pdf(lang, pnfh, paper))
        out[(lang, pnfh, paper)] = path
    return out


def _langs(lang: str) -> list[str]:
    return list(PAIRS.get(lang, (lang,)))


def _key_figures(lang: str) -> list[str]:
    """Figures every handout must print, formatted from the registry and the results functions."""
    arms = results_figures.arm_outcomes()
    figures = [
        format_fact(key, lang)
        for key in ("hr_overall", "hr_low", "randomised_total", "endpoint_months", "evidence_date")
    ]
    figures += [placeholders(lang)[key] for key in ("hr_overall_ci", "hr_low_ci")]
    figures += [str(arms[arm]["alive"]) for arm in ("placebo", "il2")]
    return figures


@pytest.mark.parametrize("variant", VARIANTS, ids=_id)
def test_every_font_is_embedded_as_a_subset(pdfs, variant) -> None:
    table = fonts(pdfs[variant])
    assert table, "no fonts found"
    for font in table:
        assert font["emb"] == "yes", font
        assert font["sub"] == "yes", font
        assert font["uni"] == "yes", font  # text maps back to Unicode: searchable, read aloud
    # each language's own family (Traditional glyph shapes for zh-Hant), and nothing else
    families = {language(code).pdf_font for code in _langs(variant[0])}
    assert {f["name"].split("+")[-1] for f in table} == {name for f in families for name in (f, f"{f}Bold")}


@pytest.mark.parametrize("variant", VARIANTS, ids=_id)
def test_key_figures_are_extractable(pdfs, variant) -> None:
    lang, pnfh, _paper = variant
    found = squash(text(pdfs[variant]))
    for code in _langs(lang):
        for figure in _key_figures(code):
            assert squash(figure) in found, f"{figure!r} missing from the {code} text"
        # the high group's interval is shown as missing, never invented
        missing = gettext_for(code, "results")("interval not published")
        assert squash(missing) in found
        # the adjusted model's coefficient at CSF-pNFH zero is no longer plotted as a result
        assert "hr_adjusted" not in set(results_figures.forest_rows(code)["key"])
        assert squash(placeholders(code)["hr_adjusted_ci"]) not in found


@pytest.mark.parametrize("variant", VARIANTS, ids=_id)
def test_scenario_hazard_ratio_from_the_model(pdfs, variant) -> None:
    lang, pnfh, _paper = variant
    found = squash(text(pdfs[variant]))
    est = estimate(LEVEL)
    for code in _langs(lang):
        title = gettext_for(code, "handout")("What a CSF-pNFH level of {level} pg/mL might mean").format(
            level=format_number(LEVEL, 0, code)
        )
        if pnfh is None:
            assert squash(title) not in found
            continue
        assert squash(title) in found
        assert scenario_hr_text(est, code) in found  # formatted as the biomarker page does
        for value in est.hazard_ratio_ci:
            assert squash(format_number(value, 2, code)) in found
        assert f"{est.alive_riluzole_of_100}" in found and f"{est.alive_il2_of_100}" in found


@pytest.mark.parametrize("variant", VARIANTS, ids=_id)
def test_page_count_within_limits(pdfs, variant) -> None:
    lang = variant[0]
    assert 1 <= pages(pdfs[variant]) <= MAX_PAGES[lang]


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v[0] in ("zh", "zh-Hant")], ids=_id)
def test_chinese_pages_are_chinese(pdfs, variant) -> None:
    path = pdfs[variant]
    assert cjk_share(text(path)) > 0.5
    # Citations stay as published (mostly English): leave their words out of the count.
    citation_words = {w for src in registry().sources.values() for w in re.findall(r"[\w.:/()-]+", src.citation)}
    for page in range(1, pages(path) + 1):
        page_text = " ".join(w for w in text(path, page).split() if w not in citation_words)
        assert cjk_share(page_text) > 0.3, f"page {page} is not mainly Chinese"
    # nothing of the English interface left in it
    for english in ("The main message", "Side effects", "Key terms", "Questions to ask"):
        assert english not in text(path)


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v[0] in PAIRS], ids=_id)
def test_side_by_side_has_both_languages_on_every_page(pdfs, variant) -> None:
    path = pdfs[variant]
    for page in range(1, pages(path) + 1):
        page_text = text(path, page)
        assert len(CJK.findall(page_text)) >= 20, f"page {page}: no Chinese"
        assert len(LATIN_WORD.findall(page_text)) >= 15, f"page {page}: no English"
    first = squash(text(path, 1))
    for code in PAIRS[variant[0]]:
        assert squash(gettext_for(code, "handout")("The main message")) in first


@pytest.mark.parametrize("variant", VARIANTS, ids=_id)
def test_metadata_language_title_and_structure(pdfs, variant) -> None:
    lang = variant[0]
    path = pdfs[variant]
    meta = info(path)
    first = _langs(lang)[0]  # a pair's metadata language is its first (English)
    title = gettext_for(first, "handout")("MIROCALS: low-dose interleukin-2 (IL-2LD) added to riluzole in ALS")
    assert title in meta["Title"]
    assert meta.get("Author") and meta.get("Creator") and meta.get("Subject")
    assert meta.get("Tagged") == "yes"  # drawn figures are tagged /Figure with alternative text
    raw = path.read_bytes()
    assert f"/Lang ({HTML_LANG[first]})".encode() in raw
    assert b"/Outlines" in raw  # bookmarks: one per section
    assert b"/Alt" in raw


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v[0] != "en"], ids=_id)
def test_chinese_lines_in_the_pdf_are_broken_correctly(pdfs, variant) -> None:
    """pdftotext gives the lines as printed: no line starts with closing punctuation, no number
    or unit is split between lines."""
    from handout.linebreak import line_faults

    lines = [line.strip() for line in text(pdfs[variant]).splitlines()]
    lines = [line for line in lines if line and CJK.search(line)]
    faults = [f for f in line_faults(lines) if "number split" not in f]
    assert not faults, faults[:5]
    raw_lines = [line.strip() for line in text(pdfs[variant]).splitlines() if line.strip()]
    for before, after in zip(raw_lines, raw_lines[1:], strict=False):
        if CJK.search(before) or CJK.search(after):
            assert not (re.search(r"\d[.,]$", before) and re.match(r"\d", after)), (before, after)
            assert not (re.search(r"\d$", before) and after.startswith(("pg/mL", "%"))), (before, after)


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v[0] != "en"], ids=_id)
def test_no_chinese_line_of_one_character_in_the_pdf(pdfs, variant) -> None:
    """As printed (pdftotext -layout; a run of spaces separates the columns and table cells): no
    Chinese line holds a single character or only punctuation ("组。", "唑）", "读" once did)."""
    from handout.linebreak import is_widow

    parts = [
        part.strip()
        for line in run("pdftotext", "-layout", "-enc", "UTF-8", str(pdfs[variant]), "-").splitlines()
        for part in re.split(r"\s{3,}", line.strip())
    ]
    assert sum(bool(CJK.search(p)) for p in parts) > 100  # the Chinese text was read
    assert not [p for p in parts if is_widow(p)]


@pytest.mark.parametrize("variant", VARIANTS, ids=_id)
def test_forest_direction_labels_are_each_printed_on_one_line(pdfs, variant) -> None:
    """The arrows under the forest plot say which side means fewer deaths: each label stays whole
    (it once wrapped its last character, "少", or its arrow onto a line of its own)."""
    lang = variant[0]
    lines = [
        re.sub(r"\s+", " ", line).strip()
        for line in run("pdftotext", "-layout", "-enc", "UTF-8", str(pdfs[variant]), "-").splitlines()
    ]
    for one in _langs(lang):
        labels = results_figures.forest_labels(one)
        for key in ("fewer", "more"):
            label = re.sub(r"\s+", " ", labels[key])
            assert any(label in line for line in lines), (one, label)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("pnfh", [None, LEVEL, 200.0, 12000.0])
def test_lean_fonts_cover_every_character(lang: str, pnfh) -> None:
    chars = document_chars([build_document(lang, pnfh)])
    assert chars <= lean_charset() | {"\n"}, sorted(chars - lean_charset())


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_same_structure_in_both_languages(pair: str) -> None:
    """A pair's two documents, built as the side-by-side handout builds them (the country sections
    both show), have the same sections and blocks."""
    from content.i18n import shared_country_sections

    first, second = PAIRS[pair]
    countries = shared_country_sections(PAIRS[pair])
    for pnfh in (None, LEVEL):
        en, zh = build_document(first, pnfh, countries=countries), build_document(second, pnfh, countries=countries)
        assert [s.key for s in en.sections] == [s.key for s in zh.sections]
        for a, b in zip(en.sections, zh.sections, strict=False):
            assert [type(x) for x in a.blocks] == [type(x) for x in b.blocks], a.key
            for x, y in zip(a.blocks, b.blocks, strict=False):
                if hasattr(x, "items"):
                    assert len(x.items) == len(y.items), a.key


def test_icon_counts_come_from_the_shared_counting() -> None:
    from handout.document import IconArrays
    from model.counts import people_out_of

    reg = registry()
    doc = build_document("en")
    icons = [b for s in doc.sections for b in s.blocks if isinstance(b, IconArrays)][0]
    expected = [people_out_of(reg.value(k), reg.value("randomised_per_arm")) for k in ("alive_placebo", "alive_il2")]
    assert [p.alive for p in icons.panels] == expected


def test_a_changed_registry_changes_the_handout(monkeypatch) -> None:
    """One source of truth: the handout prints what the registry says, not a copy."""
    import content.facts as facts

    original = facts.format_fact

    def fake(key: str, lang: str) -> str:
        return "TWENTY-ONE" if key == "endpoint_months" else original(key, lang)

    monkeypatch.setattr(facts, "format_fact", fake)
    import handout.document as document

    monkeypatch.setattr(document, "format_fact", fake)
    doc = build_document("en")
    assert "TWENTY-ONE" in " ".join(i.alive_label for s in doc.sections for i in s.blocks if hasattr(i, "alive_label"))


@pytest.mark.parametrize("family", ["NotoSansSC", "NotoSansTC"])
def test_prepared_fonts_are_cached_per_user_and_never_trusted_blindly(monkeypatch, tmp_path, family) -> None:
    """The lean fonts kept between processes are the very bytes ``_prepare_font`` makes; a damaged
    file is prepared again; no cache folder (or one inside the repository) only costs time."""
    from handout import fonts as pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = pdf._cache_file(family, "", True)
    assert path is not None and path.parent == tmp_path / "mirocals-handout"
    made = pdf._font_bytes.__wrapped__(family, "", True)  # a miss: prepared and written
    assert path.exists() and (path.parent.stat().st_mode & 0o777) == 0o700
    assert pdf._read_cached(path) == made == pdf._prepare_font(family, "", True)
    assert pdf._font_bytes.__wrapped__(family, "", True) == made  # a hit
    path.write_bytes(path.read_bytes()[:-100])  # damaged: not used, made again
    assert pdf._read_cached(path) is None
    assert pdf._font_bytes.__wrapped__(family, "", True) == made and pdf._read_cached(path) == made
    monkeypatch.setenv("XDG_CACHE_HOME", str(pdf.ROOT / "cache"))
    assert pdf._cache_file(family, "", True) is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/dev/null/not-a-folder")  # not writable
    assert pdf._font_bytes.__wrapped__(family, "", True) == made


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("level", [500.0, 3701.0, 5000.0, 9000.0])
def test_scenario_published_first_and_model_only_in_range(tmp_path, lang: str, level: float) -> None:
    from views import biomarker as bt

    need_poppler()
    est = estimate(level)
    path = tmp_path / "h.pdf"
    path.write_bytes(build_pdf(lang, level, "letter"))
    assert pages(path) <= MAX_PAGES[lang]
    found = squash(text(path))
    published = squash(bt.published_sentences(est.band, lang)[0])
    assert published in found
    if est.model_shown:
        counts = squash(bt.count_sentences(est, lang)[0])
        assert counts in found and found.index(published) < found.index(counts)
    else:
        assert squash(bt.outside_sentence(est, lang)) in found
        assert squash(bt.who_sentence(lang)) not in found  # no model "out of 100" at all

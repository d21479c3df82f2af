"""Chinese terms and typography on what readers actually see: every Chinese page (AppTest), its
chart specs and the Chinese handout document, in Simplified and in Traditional Chinese (each with
its own glossary forms; Traditional writes 「」 quotes and 於 where Simplified writes 于).

Why on rendered text: a breach is usually made where pieces meet (a catalog sentence, a Babel
number, a prose file), so checking the sources alone misses it. The rules follow mainland norms for
patient material (GB/T 15834 punctuation, GB/T 15835 numbers) as the Chinese review asks:

- no thousands separator (3700, 10万: Babel's zh formatting is configured in content/facts.py);
- one way to write a numeric range: the full-width wave dash (0.54～1.22), never –, - or 到/至
  between two numbers;
- full-width brackets and punctuation next to Chinese; no space after 。，；：！？;
- P values as Chinese journals write them: capital P, no spaces (P=0.016), 'P值';
- 1, not 一, when comparing with a number (风险比小于1);
- headings do not end in 。 (page headings, expanders, handout headings and bold lead-ins).

Reference lists are exempt: citations keep their published form, and GB/T 7714 itself writes
half-width marks in Chinese references.
"""

from __future__ import annotations

import re

import pytest

from content.facts import registry
from content.glossary import glossary, misused_variants
from content.i18n import language
from tests.zh_text import CHINESE, HEADING, RUNNING, all_page_states, handout_items, page_items, split

CJK = r"[\u4e00-\u9fff]"
FULL = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”]"  # Chinese characters and full-width marks (「」 are in 3000-303f)
NUM = r"\d+(?:\.\d+)?"

RULES: dict[str, re.Pattern[str]] = {
    "thousands separator": re.compile(r"\d,\d{3}(?!\d)"),
    "range not written with ～": re.compile(
        rf"(?:(?<={FULL})|(?<={FULL}\s)|^){NUM}\s*[–—\-~]\s*{NUM}(?=\s*(?:pg/mL|%)?\s*(?:{FULL}|$))"
        rf"|{NUM}\s*(?:到|至)\s*{NUM}"
    ),
    "half-width bracket around Chinese": re.compile(
        rf"\([^()]*{CJK}[^()]*\)|{CJK}\(|\){CJK}|\({NUM}\s*[～–\-]\s*{NUM}\)"
    ),
    "half-width punctuation next to Chinese": re.compile(rf"{CJK}[,;:?!]|[,;:?!]{CJK}|{CJK}\.(?=\s|$)"),
    "space after Chinese punctuation": re.compile(r"[。，；：！？][ \t\u00a0\u3000]+(?=\S)"),
    "P value not as P=": re.compile(r"(?<![A-Za-z])p\s*[=<>＝＜]|(?<![A-Za-z])p值|P\s+[=<>]|P[=<>]\s+\d"),
    "一 compared with a number": re.compile(
        r"[大小等高低][于於]一(?![些般个個种種致定次部切半])|越[过過]一(?![些个個])"
    ),
}


def typography_breaches(text: str) -> list[tuple[str, str]]:
    """(rule, excerpt) for every breach in one Chinese string (citations and URLs taken out)."""
    for source in registry().sources.values():
        text = text.replace(source.citation, "")
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # Markdown link targets
    found = []
    for rule, pattern in RULES.items():
        for m in pattern.finditer(text):
            found.append((rule, text[max(0, m.start() - 12) : m.end() + 12]))
    return found


def heading_breaches(heading: str) -> list[tuple[str, str]]:
    return [("heading ends in 。", heading)] if heading.rstrip().rstrip("*").endswith("。") else []


PUNCT = "，。：；！？、（）“”「」『』《》"


def bold_lead_breaches(text: str) -> list[tuple[str, str]]:
    """A bold lead-in ending in 。 ('**分组**。', '**举个例子。**') is a heading with a full stop.

    Also bold that Markdown will not render: a closing ** right after Chinese punctuation and
    right before a character ('**要点：**正文') is not right-flanking in CommonMark, so the
    reader sees the asterisks. Write '**要点**：正文'.
    """
    found = [("bold lead-in ends in 。", m.group(0)) for m in re.finditer(r"\*\*[^*\n]+?(?:。\*\*|\*\*。)", text)]
    for m in re.finditer(r"\*\*([^*\n]+?)\*\*", text):
        after = text[m.end() : m.end() + 1]
        before = text[m.start() - 1 : m.start()] if m.start() else ""
        if m.group(1)[-1] in PUNCT and after and not after.isspace() and after not in PUNCT:
            found.append(("bold will not render (closing ** after punctuation)", m.group(0) + after))
        if m.group(1)[0] in PUNCT and before and not before.isspace() and before not in PUNCT:
            found.append(("bold will not render (opening ** before punctuation)", before + m.group(0)))
    return found


# ---------------------------------------------------------------- short names
# A family cannot say CSF-pNFH or IL-2LD. Each page (and the handout, and each clinic slide) gives
# the glossary's full name at its first mention in running text, then the Chinese short name
# (zh_short). The abbreviation itself is printed only inside the full name, or quoted as the
# word a lab report prints (“CSF-pNFH”).
SHORT_NAMED = ("il2ld", "pnfh")
ABBREVIATION = {"il2ld": r"IL-2LD", "pnfh": r"(?:CSF-)?pNFH"}


def _mention_pattern(key: str, lang: str = "zh") -> re.Pattern[str]:
    entry = glossary()[key]
    head, abbreviation = entry.term(lang).rstrip("）").split("（")
    row = language(lang)
    q_open, q_close = re.escape(row.quote_open), re.escape(row.quote_close)
    return re.compile(
        rf"(?P<full>{re.escape(head)}（{re.escape(abbreviation)}(?:，[^）]*)?）)"  # 全称（缩写，以下简称…）
        rf"|(?P<quoted>{q_open}(?:{ABBREVIATION[key]}|pNfH){q_close})"  # the word on a lab report, quoted
        rf"|(?P<long>{re.escape(head)})"  # the full name without its abbreviation
        rf"|(?P<short>{re.escape(entry.short[lang])})"
        rf"|(?P<abbreviation>{ABBREVIATION[key]})"
    )


def short_name_breaches(items: list[tuple[str, str]], lang: str = "zh") -> list[tuple[str, str]]:
    """(rule, excerpt) for one page's or document's strings in reading order.

    - the abbreviation outside the full name, anywhere in Chinese text (headings, labels, charts
      and tables included: they take the short name);
    - a short (or long) name in running text before the full name has been given there.
    Headings and labels may use the short name before the full name (a menu entry, a title); so
    may a paragraph's bold lead-in ("**什么是神经丝重链**：…"), which works as its heading."""
    found = []
    lead_in = re.compile(r"(?m)^(?:[-*] )?\*\*[^*\n]+\*\*：")
    split_items = []
    for kind, text in items:
        if kind == RUNNING:
            heads = lead_in.findall(text)
            split_items += [("lead-in", h) for h in heads]
            text = lead_in.sub("", text)
        split_items.append((kind, text))
    items = split_items
    citations = [source.citation for source in registry().sources.values()]
    for key in SHORT_NAMED:
        pattern = _mention_pattern(key, lang)
        introduced = False
        for kind, text in items:
            for citation in citations:
                text = text.replace(citation, "")
            text = re.sub(r"https?://\S+", "", text)
            for m in pattern.finditer(text):
                excerpt = text[max(0, m.start() - 10) : m.end() + 10]
                if m.lastgroup == "full":
                    introduced = introduced or kind in (RUNNING, "lead-in")  # a lead-in is read, too
                elif m.lastgroup == "abbreviation":
                    found.append((f"{key}: abbreviation, not the short name", excerpt))
                elif m.lastgroup in ("short", "long") and kind == RUNNING and not introduced:
                    found.append((f"{key}: first mention is not the full name", excerpt))
    return found


def test_short_name_checker() -> None:
    full, short = glossary()["il2ld"].zh, glossary()["il2ld"].zh_short
    good = [
        (HEADING, "为什么低剂量IL-2能增加调节性T细胞"),
        (RUNNING, f"研究的是{full}。"),
        (RUNNING, f"一部分人加用{short}。"),
        ("label", f"{short}组"),
    ]
    assert not short_name_breaches(good)
    assert not short_name_breaches(
        [
            (RUNNING, "脑脊液磷酸化神经丝重链（CSF-pNFH，以下简称神经丝重链）较低。"),
            (RUNNING, "化验单上可能写作“CSF-pNFH”或“pNfH”。神经丝重链越高……"),
        ]
    )
    assert short_name_breaches([(RUNNING, f"研究的是{full}。"), (RUNNING, "使用IL-2LD的人")])  # after
    assert short_name_breaches([(RUNNING, "使用IL-2LD的人"), (RUNNING, f"研究的是{full}。")])  # before
    assert short_name_breaches([(RUNNING, f"一部分人加用{short}。"), (RUNNING, f"研究的是{full}。")])
    assert short_name_breaches([(RUNNING, "神经丝重链水平较低的人"), (RUNNING, "脑脊液磷酸化神经丝重链（CSF-pNFH）")])
    assert short_name_breaches([(RUNNING, "脑脊液磷酸化神经丝重链（CSF-pNFH）"), ("label", "CSF-pNFH水平（pg/mL）")])
    assert short_name_breaches([(RUNNING, "脑脊液磷酸化神经丝重链（CSF-pNFH）"), ("cell", "低pNFH组")])
    # a full name in a heading does not stand for the running text's first mention
    assert short_name_breaches([(HEADING, f"加用{full}"), (RUNNING, f"加用{short}")])


# ---------------------------------------------------------------- the checker itself can fail
@pytest.mark.parametrize(
    "bad",
    [
        "每年每100,000人",
        "风险比0.81（0.54–1.22）",
        "范围48-68人",
        "年龄18到76岁",
        "（95%置信区间 0.14–0.73）",
        "0.60 (0.37～0.99)",
        "试验报告(评论)",
        "相差8人。 这么小",
        "结果很明确：p = 0.001。",
        "P = 0.33",
        "p值",
        "风险比小于一，表示",
        "健康报, 我国",
        "750–3700 pg/mL）",
        "風險比小於一，表示",
        "相差8人。 這麼小",
        "（95%信賴區間 0.14–0.73）",
    ],
)
def test_checker_catches(bad: str) -> None:
    assert typography_breaches(bad), bad


@pytest.mark.parametrize(
    "good",
    [
        "每年每10万人",
        "风险比0.81（95%置信区间0.54～1.22；P=0.33）",
        "年龄18～76岁",
        "低于一半的人",
        "3700 pg/mL",
        "doi:10.1016/S0140-6736(25)00262-4.",
        "ALSFRS-R评分",
        "IL-2LD组",
        "Lancet 2025;405(10492):1837-1850.",
        "安慰劑是「假」治療，年齡18～76歲",
    ],
)
def test_checker_passes(good: str) -> None:
    assert not typography_breaches(good), typography_breaches(good)


def test_heading_checks() -> None:
    assert heading_breaches("分组。") and not heading_breaches("分组")
    assert bold_lead_breaches("**分组**。约70%") and bold_lead_breaches("**举个例子。** 全体")
    assert not bold_lead_breaches("**分组**：约70%")
    assert bold_lead_breaches("- **先看已发表的数字：**无论")
    assert not bold_lead_breaches("请试读。**这些步骤还没有完成**，我们")


# ---------------------------------------------------------------- what readers see
STATES = all_page_states()


def _answers():
    from views import decision

    return decision.Choices(values=tuple((k, "agree") for k in decision.VALUE_KEYS), questions=decision.QUESTION_KEYS)


ANSWERS = _answers()  # every values statement and question chosen on the options page


@pytest.fixture(scope="module", params=CHINESE)
def lang(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def rendered_items(lang) -> dict[str, list[tuple[str, str]]]:
    """Every Chinese page state and handout, as (kind, text) in reading order."""
    out = {s.name: page_items(s, lang) for s in STATES}
    for pnfh in (None, 2000.0, 6000.0):
        out[f"handout pnfh={pnfh}"] = handout_items(pnfh, lang=lang)
    out["handout with answers"] = handout_items(2000.0, choices=ANSWERS, lang=lang)
    return out


@pytest.fixture(scope="module")
def rendered(rendered_items) -> dict[str, tuple[list[str], list[str]]]:
    return {where: split(items) for where, items in rendered_items.items()}


def _all_breaches(rendered) -> list[tuple[str, str, str]]:
    found = []
    for where, (headings, texts) in rendered.items():
        for heading in headings:
            found.extend((where, *b) for b in heading_breaches(heading) + typography_breaches(heading))
        for text in texts:
            found.extend((where, *b) for b in typography_breaches(text) + bold_lead_breaches(text))
    return sorted(set(found))


def test_chinese_typography(rendered) -> None:
    assert len(rendered) >= len(STATES) + 4
    breaches = _all_breaches(rendered)
    assert not breaches, "\n".join(" | ".join(b) for b in breaches)


def test_chinese_terms_on_rendered_text(rendered, lang) -> None:
    """Citations are taken out first: a reference keeps its published title, in its own script."""
    citations = [source.citation for source in registry().sources.values()]
    found = []
    for where, (headings, texts) in rendered.items():
        for text in headings + texts:
            for citation in citations:
                text = text.replace(citation, "")
            found.extend((where, right, wrong) for right, wrong in misused_variants(text, lang))
    assert not sorted(set(found)), sorted(set(found))


def test_short_names_after_the_first_full_mention(rendered_items, lang) -> None:
    """On every page state, clinic slide and handout: the full name first, the short name after
    it, the bare abbreviation nowhere (the glossary's short name, issue 13)."""
    assert all(glossary()[k].short.get(lang) for k in SHORT_NAMED)
    found = sorted({(where, *b) for where, items in rendered_items.items() for b in short_name_breaches(items, lang)})
    assert not found, "\n".join(" | ".join(b) for b in found)


def test_short_names_are_really_used(rendered_items, lang) -> None:
    """Both concepts are on the pages that explain them, under their short names."""
    for where, key in (
        ("app_pages/results.py click:results_reveal", "pnfh"),
        ("app_pages/results.py click:results_reveal", "il2ld"),
        ("app_pages/biomarker.py pnfh=2000 click:bm_reveal", "pnfh"),
        ("handout pnfh=2000.0", "il2ld"),
    ):
        running = "".join(t for k, t in rendered_items[where] if k == RUNNING)
        full = [m for m in _mention_pattern(key, lang).finditer(running) if m.lastgroup == "full"]
        assert full and running.count(glossary()[key].short[lang]) >= 3, (where, key)


def test_alive_and_died_labels_are_the_glossarys(rendered, lang) -> None:
    """The icon and survival legends say 在世 / 已去世, never a bare 去世 label."""
    assert glossary()["vital_status"].term(lang) == "在世"
    labels = {t.strip() for _, texts in rendered.values() for t in texts if len(t.strip()) <= 8}
    assert "去世" not in labels and "空心人形：去世" not in labels, labels


def test_rendered_text_is_really_collected(rendered) -> None:
    """The collector reads real page text: each page state yields Chinese strings, charts included."""
    for where, (headings, texts) in rendered.items():
        assert headings and texts, where
    results = rendered["app_pages/results.py click:results_reveal"][1]
    # the revealed states are really reached: the model's answer and the clinic's pictures
    revealed = rendered["app_pages/biomarker.py pnfh=2000 click:bm_reveal"][1]
    assert any("～" in t and "人" in t for t in revealed) and len(revealed) > len(
        rendered["app_pages/biomarker.py pnfh=2000"][1]
    )
    assert any("人形" in t for t in results)
    assert any("～" in t for t in results)


# ---------------------------------------------------------------- states the page walk does not reach
from content.prose import declared_extras, names, raw, render  # noqa: E402

ZH_PROSE = [(code, n) for code in CHINESE for n in names(code) if not declared_extras(raw(n, code))]


@pytest.mark.parametrize(("code", "name"), ZH_PROSE)
def test_every_chinese_prose_document(code: str, name: str) -> None:
    """Documents shown only after a click (the 'unknown' path, expanders) are checked too."""
    text = render(name, code)
    breaches = typography_breaches(text) + bold_lead_breaches(text)
    breaches += [b for h in re.findall(r"(?m)^#{1,6}\s+(.+?)\s*$", text) for b in heading_breaches(h)]
    assert not breaches, breaches


def _zh_messages():
    from babel.messages.pofile import read_po

    from content.i18n import po_path

    for code in CHINESE:
        yield from _messages_of(code, po_path(code, "app").parent, read_po)


def _messages_of(code, folder, read_po):
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language(code).babel_locale):
                if message.id and message.string:
                    strings = message.string if isinstance(message.string, tuple) else (message.string,)
                    yield from ((path.stem, s) for s in strings)


def test_catalog_ranges_and_p_values() -> None:
    """A range or P value built from placeholders ('{low}到{high}', 'p = {p}') is a breach
    before any number fills it."""
    bad = re.compile(r"\}\s*(?:到|至|–|—|-)\s*\{|(?<![A-Za-z])p\s*=|P\s+=|=\s+\{p")
    found = [(domain, s) for domain, s in _zh_messages() if bad.search(s)]
    assert not found, found


# ---------------------------------------------------------------- one script, no stray English
from tests.zh_text import other_script_characters, without_names  # noqa: E402


@pytest.fixture(scope="module")
def other_script(lang) -> frozenset[str]:
    return other_script_characters(language(lang).script)


def test_the_script_check_can_fail(other_script, lang) -> None:
    """The set is real: the other script's everyday characters are in it, shared ones are not."""
    if language(lang).script == "Hant":
        assert set("发脑医这们说") <= other_script and not set("台干里") & other_script
    else:
        assert set("發腦醫這們說") <= other_script and not set("台后") & other_script


def test_each_script_shows_only_its_own_characters(rendered, other_script, lang) -> None:
    """Every page state, chart and handout in Traditional shows no Simplified-only character, and
    the reverse, outside names (citations, the other language's name in the switch)."""
    found = []
    for where, (headings, texts) in rendered.items():
        for text in headings + texts:
            rest = without_names(text)
            found.extend((where, c, rest[max(0, i - 8) : i + 8]) for i, c in enumerate(rest) if c in other_script)
    assert not found, "\n".join(" | ".join(f) for f in sorted(set(found))[:40])


# Latin words a Chinese page may show: names of trials, drugs, tools, journals and scores, units.
LATIN_NAMES = {
    "MIROCALS",
    "IMODALS",
    "ALS",
    "ALSFRS",
    "IL",
    "LD",
    "CSF",
    "pNFH",
    "pNfH",
    "NfL",
    "Treg",
    "Tregs",
    "CCL",
    "SOD",
    "CD",
    "FOXP",
    "IU",
    "MIU",
    "pg",
    "mL",
    "PDF",
    "Cox",
    "ILTOO",
    "Pharma",
    "ILT",
    "NHS",
    "MND",
    "The",
    "Lancet",
    "Benatar",
    "McDermott",
    "Gendron",
    "medwireNews",
    "Cochrane",
    "Riluzole",
    "Edaravone",
    "Tofersen",
    "ClinicalTrials",
    "gov",
    "ChiCTR",
    "OpenCC",
    "lifelines",
    "Letter",
    "A4",
    "P",
    "HR",
    "ITT",
    "NCT",
    "Rilutek",
    "MCP",
    "aldesleukin",
    "Association",  # MND Association, the UK charity's name
    "ln",
    "log",
    "Var",
    "SE",  # symbols of the formulas behind calculated figures (Sources page)
}


def test_no_stray_english(rendered, lang) -> None:
    """No English word is left on a Chinese page, chart or handout: only names (above), outside
    citations and addresses."""
    found = []
    for where, (headings, texts) in rendered.items():
        for text in headings + texts:
            for word in re.findall(r"[A-Za-z][A-Za-z]+", without_names(text)):
                if word not in LATIN_NAMES:
                    found.append((where, word))
    assert not found, sorted(set(found))[:60]

"""The line breaker: pure function tests, then every sentence of the real handouts at many widths."""

from __future__ import annotations

from functools import lru_cache

import pytest

from content.i18n import LANGUAGES
from handout.document import build_document
from handout.linebreak import CLOSING, OPENING, TERMS, break_lines, is_cjk, is_widow, line_faults
from handout.pdf import document_strings


def cells(s: str) -> float:
    """Width in 'cells': a Chinese character is two, anything else one (a monospace model)."""
    return sum(2 if is_cjk(c) else 1 for c in s)


@lru_cache(maxsize=1)
def _metrics():
    from fpdf import FPDF

    from handout.fonts import FONT, add_fonts

    pdf = FPDF()
    add_fonts(pdf, lean=True)
    pdf.set_font(FONT, "", 11)
    return pdf.get_string_width


def test_numbers_and_units_stay_whole() -> None:
    text = "低CSF-pNFH组（750–3,700 pg/mL）的风险比为0.52（95%置信区间0.30–0.89）。"
    # from the width of the widest unbreakable piece, "（750–3,700 pg/mL）的" (20 cells), up
    for width in range(20, 60):
        lines = break_lines(text, cells, width)
        for token in ("750–3,700 pg/mL", "0.52", "95%", "0.30–0.89", "CSF-pNFH"):
            assert any(token in line for line in lines), (width, token, lines)
        assert not line_faults(lines, text), (width, lines)
    # narrower than that, the unit goes to the next line but punctuation rules still hold
    for width in range(12, 20):
        assert not line_faults(break_lines(text, cells, width)), width


def test_no_line_starts_with_closing_punctuation() -> None:
    text = "这是一个“亚组”结果，不是预测。它需要确认！是吗？是的：对；好、行）"
    for width in range(4, 40):
        lines = break_lines(text, cells, width)
        for line in lines[1:]:
            assert line[:1] not in CLOSING, (width, lines)
        for line in lines:
            assert line[-1:] not in OPENING, (width, lines)


def test_latin_words_break_at_spaces_only() -> None:
    text = "In people with low CSF-pNFH (750–3,700 pg/mL), the hazard ratio was 0.52."
    lines = break_lines(text, cells, 20)
    assert " ".join(lines) == text
    words = set(text.split())
    for line in lines:
        assert set(line.split()) <= words


def test_mixed_line_breaks_between_chinese_and_latin_without_spaces() -> None:
    lines = break_lines("使用IL-2LD的人比使用安慰剂的人死亡更少", cells, 14)
    assert "".join(lines) == "使用IL-2LD的人比使用安慰剂的人死亡更少"
    assert all(cells(line) <= 14 for line in lines)
    assert any("IL-2LD" in line for line in lines)


def test_lines_fit_and_lose_nothing() -> None:
    text = "IL-2LD目前在任何国家都没有获批用于治疗ALS，现在只能在临床试验中使用。 Then English words follow."
    for width in (10, 17, 33):
        lines = break_lines(text, cells, width)
        assert all(cells(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_run_in_first_line_is_narrower() -> None:
    lines = break_lines("one two three four five six", cells, 12, first_width=5)
    assert cells(lines[0]) <= 5 and all(cells(x) <= 12 for x in lines[1:])
    assert break_lines("unbreakable word", cells, 20, first_width=3)[0] == ""


def test_fault_finder_finds_faults() -> None:
    assert line_faults(["风险比为0.", "52。"], "风险比为0.52。")
    assert line_faults(["风险比为0.52", "。好"])
    assert line_faults(["水平（", "高）"])
    assert line_faults(["3,700", "pg/mL的人"], "3,700 pg/mL的人")
    assert not line_faults(["alive after 21 months,", "45 outline"], "alive after 21 months, 45 outline")


def _sentences(lang: str) -> list[str]:
    return [text for text in document_strings(build_document(lang, 2000.0)) if len(text) > 3]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_handout_text_breaks_cleanly(lang: str) -> None:
    width = _metrics()
    for sentence in _sentences(lang):
        for column in (48.0, 62.0, 87.0, 120.0, 182.0):  # millimetres at 11 pt: the handout's columns
            lines = break_lines(sentence, width, column)
            assert not line_faults(lines, sentence), (column, lines)
            assert all(width(line) <= column + 0.01 for line in lines if " " in line or len(line) > 1), (column, lines)
            assert "".join(lines).replace(" ", "") == sentence.replace(" ", "").replace("\n", "")


def test_chinese_range_and_number_with_its_unit_stay_together() -> None:
    from handout.linebreak import break_lines

    width = lambda s: float(len(s))  # noqa: E731 - one unit per character
    for text in ("风险比为0.52（95%置信区间0.30～0.89）加用", "每次皮下注射200万国际单位（IU）"):
        for max_width in range(6, 20):
            lines = break_lines(text, width, float(max_width))
            joined = "\n".join(lines)
            assert "0.30～\n" not in joined and "～\n0.89" not in joined, lines
            assert "200\n万" not in joined, lines


# ---------------------------------------------------------------- one-character last lines
def test_widow_finder() -> None:
    for widow in ("读", "组。", "法？", "唑）", "等）。", "。"):
        assert is_widow(widow), widow
    for fine in ("更少", "组死亡。", "R", "IL-2LD组。", "21日", "Then words.", ""):
        assert not is_widow(fine), fine


def test_a_last_line_of_one_character_takes_one_from_the_line_before() -> None:
    text = "一二三四五六七八九十。"  # 9 characters fill a line of 18 cells: "十。" would be alone
    assert break_lines(text, cells, 18) == ["一二三四五六七八", "九十。"]
    for width in range(6, 30):  # from three characters a line ("十。" is one piece of two)
        lines = break_lines(text, cells, width)
        assert "".join(lines) == text and all(cells(line) <= width for line in lines), (width, lines)
        assert len(lines) == 1 or not is_widow(lines[-1]), (width, lines)


def test_pulling_down_keeps_glued_pieces_whole() -> None:
    text = "每次皮下注射200万。"  # "200万。" is one piece: it moves as a whole or not at all
    for width in range(8, 24):
        lines = break_lines(text, cells, width)
        assert any("200万" in line for line in lines) and not line_faults(lines, text), (width, lines)
    # English is left as it was
    assert break_lines("one two three four five six seven", cells, 30)[-1] == "seven"


def _zh_paragraphs() -> list[str]:
    from views import decision

    answers = decision.Choices(
        values=tuple((k, "agree") for k in decision.VALUE_KEYS), questions=decision.QUESTION_KEYS
    )
    docs = [build_document("zh", pnfh) for pnfh in (None, 2000.0, 6000.0, 500.0)]
    docs.append(build_document("zh", 2000.0, answers))
    return sorted({t for t in document_strings(docs) if any(is_cjk(c) for c in t)})


def test_real_chinese_handout_paragraphs_end_on_more_than_one_character() -> None:
    """Every Chinese string the handout prints (paragraphs, list items, table cells, headings),
    at every column width it is set in: a last line of one character appears only where the
    line before has nothing to spare (a single unbreakable piece)."""
    width = _metrics()
    found = []
    for paragraph in _zh_paragraphs():
        for column in (36.0, 48.0, 55.0, 62.0, 87.0, 120.0, 182.0):
            lines = break_lines(paragraph, width, column)
            if len(lines) >= 2 and is_widow(lines[-1]) and sum(is_cjk(c) for c in lines[-2]) >= 2:
                found.append((column, lines[-2:]))
    assert not found, found[:10]


def test_names_are_never_split_in_the_real_handout() -> None:
    """利鲁 / 唑 and 白细胞介 / 素-2 once; now the drugs and the short names stay whole."""
    width = _metrics()
    for column in range(10, 24):
        assert any("低剂量IL-2" in line for line in break_lines("患者加用低剂量IL-2的人", cells, column)), column
    found = []
    for paragraph in _zh_paragraphs():
        terms = [t for t in TERMS if t in paragraph]
        for column in (48.0, 62.0, 87.0, 182.0):
            lines = break_lines(paragraph, width, column)
            joined = "".join(lines)
            for term in terms:
                if joined.count(term) != sum(line.count(term) for line in lines):
                    found.append((term, column, lines))
    assert not found, found[:5]


# ---------------------------------------------------------------- names kept whole, every script
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossarys_unbreakable_names_never_split_in_the_handout(lang: str) -> None:
    """The breaker keeps the glossary's names whole in every language of the table: a Traditional
    handout never prints "利魯 / 唑" (TERMS once held the Simplified names only)."""
    from content.glossary import unbreakable

    for name in unbreakable(lang):
        assert name in TERMS, name
        text = "试验中，" * 3 + name + "，" + "每天" * 3
        for max_width in range(int(cells(name)) + 2, 40):  # room for the name and the comma glued to it
            lines = break_lines(text, cells, float(max_width))
            assert any(name in line for line in lines), (name, max_width, lines)


def test_the_unbreakable_names_are_the_right_ones() -> None:
    from content.glossary import unbreakable

    assert {"利鲁唑", "神经丝重链", "低剂量IL-2", "白细胞介素-2", "安慰剂"} <= set(unbreakable("zh"))
    assert {"利魯唑", "神經絲重鏈", "低劑量IL-2", "介白素-2", "安慰劑"} <= set(unbreakable("zh-Hant"))
    assert "脑脊液磷酸化神经丝重链" not in unbreakable("zh")  # too long: half a phone line left empty
    assert unbreakable("en") == ()  # Latin names are kept whole by the rules for Latin runs


def test_keep_whole_joins_names_for_text_the_page_script_cannot_reach() -> None:
    """The option grid's card labels are CSS generated content (attr(data-label)): the joiners are
    put in on the server. Nothing else changes: the text reads the same without them."""
    from content.glossary import WORD_JOINER, keep_whole

    label = "去問能否透過試驗或恩慈用藥計畫用上低劑量IL-2"
    joined = keep_whole(label, "zh-Hant")
    assert WORD_JOINER.join("低劑量IL-2") in joined and joined.replace(WORD_JOINER, "") == label
    assert keep_whole("Ask about IL-2LD", "en") == "Ask about IL-2LD"  # English lines break as English does

"""The static first screen serve.py puts into Streamlit's index page (ui.frame.first_screen,
deploy/layout.py): the aid's name and that it is loading, in the language the app will choose,
until the page's first text is drawn (issue 18: a slow phone showed a blank page for 8 s)."""

from __future__ import annotations

import re

import pytest

from ui.frame import first_screen


@pytest.mark.parametrize(
    ("url_value", "browser", "name", "loading", "lang"),
    [
        (None, None, "MIROCALS decision aid", "Loading… On a slow connection", "en"),
        (None, "en-GB", "MIROCALS decision aid", "Loading… On a slow connection", "en"),
        ("zh", "en-GB", "MIROCALS决策辅助工具", "正在加载……网络较慢时", "zh-CN"),
        (None, "zh-CN", "MIROCALS决策辅助工具", "正在加载……网络较慢时", "zh-CN"),
        (None, "zh-TW", "MIROCALS決策輔助工具", "正在載入……網路較慢時", "zh-Hant"),
        ("zh-Hant", "zh-CN", "MIROCALS決策輔助工具", "正在載入……網路較慢時", "zh-Hant"),
        ('"><script>alert(1)</script>', "fr-FR", "MIROCALS decision aid", "Loading…", "en"),
    ],
)
def test_the_first_screen_speaks_the_visitors_language(url_value, browser, name, loading, lang) -> None:
    title, body = first_screen(url_value, browser)
    assert title == name
    assert body.startswith(f'<div class="aid-first" lang="{lang}"><p>')
    assert f"<strong>{name}</strong>" in body
    text = re.sub(r"<[^>]+>", "", body)
    assert loading in text and "<script" not in body and "**" not in body
    if lang != "en":  # no English left in the Chinese screens but the names ALS and MIROCALS
        assert not re.search(r"[A-Za-z]{2,}", text.replace("MIROCALS", "").replace("ALS", ""))


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
@pytest.mark.parametrize("width", [320, 360, 412])
def test_chinese_first_screen_keeps_its_clauses_whole_on_a_phone(browser, lang, width) -> None:
    """Before the document script (which keeps Chinese words whole) has arrived, the browser may
    break between any two characters: at 412 px 什么 stood split over two lines. Each clause is
    one line where it fits, so no word is split and no line starts with punctuation."""
    from deploy.layout import STABLE_CSS

    title, body = first_screen(lang, None)
    page = browser.new_page(viewport={"width": width, "height": 700})
    try:
        page.set_content(f"<!doctype html><html><head><style>{STABLE_CSS}</style></head><body>{body}</body></html>")
        clauses = page.locator(".aid-first .aid-clause")
        assert clauses.count() == 6
        boxes = clauses.evaluate_all(
            "els => els.map(e => ({text: e.textContent, h: e.getBoundingClientRect().height,"
            " right: e.getBoundingClientRect().right}))"
        )
        line = float(page.locator(".aid-first p").first.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)"))
        for box in boxes:
            assert box["h"] <= line + 1, (width, box)  # one line: not broken inside
            assert box["right"] <= width, (width, box)
        text = "".join(b["text"] for b in boxes)
        assert "什么" in text or "什麼" in text
    finally:
        page.close()

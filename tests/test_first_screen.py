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
    assert body.startswith(f'<div class="aid-first" lang="{lang}"><p><strong>{name}</strong>')
    assert loading in body and "<script" not in body and "**" not in body
    text = re.sub(r"<[^>]+>", "", body)
    if lang != "en":  # no English left in the Chinese screens but the names ALS and MIROCALS
        assert not re.search(r"[A-Za-z]{2,}", text.replace("MIROCALS", "").replace("ALS", ""))

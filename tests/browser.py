"""Helpers for driving the app in a real browser the way a person would."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from harness.local import IDLE  # noqa: E402,F401

# Streamlit draws a grey placeholder for a widget until the widget's code has loaded (about a
# second after the run on a cold page): until then the control is not there to focus or press.
SKELETON = '[data-testid="stMain"] [data-testid="stSkeleton"]'


def wait_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the current run and the page is drawn, widgets included."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector(SKELETON, state="detached", timeout=timeout)  # no eval: works under the CSP


def open_page(page: Page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}{path}")
    page.wait_for_selector('[data-testid="stMain"]')
    wait_idle(page)


# The document script (ui/access.py) keeps names and numbers on one line with invisible word joiners
# (U+2060) and no-break spaces between a number and its unit. A reader sees neither: text the tests
# read from the page is compared as read (conftest.py applies this to Playwright's text getters).
INVISIBLE_JOINS = str.maketrans({"\u2060": None, "\u00a0": " "})


def reader_text(text):
    """Page text as a reader sees it: word joiners gone, no-break spaces as spaces."""
    return text.translate(INVISIBLE_JOINS) if isinstance(text, str) else text


def as_read(expected: str, whole: bool = False, ignore_case: bool = False) -> re.Pattern:
    """A text a test expects on the page, as a pattern that also matches it with the document
    script's invisible joiners inside (a word joiner may sit between any two characters; any run of
    spaces, no-break ones too, is one space). ``whole``: the element's whole text (to_have_text)."""
    tokens = expected.split()
    body = r"\s+".join(JOINER.join(re.escape(ch) for ch in token) for token in tokens)
    if whole:
        body = r"^\s*" + body + r"\s*$"
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


JOINER = "\u2060?"


# The same, for text read inside the page by a test's own script.
JS_READER_TEXT = "(t) => (t || '').replace(/\\u2060/g, '').replace(/\\u00a0/g, ' ')"


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()

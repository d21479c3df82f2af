"""Helpers for driving the app in a real browser the way a person would."""

from __future__ import annotations

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


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()

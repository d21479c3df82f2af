"""Shared fixtures: AppTest factory, a live Streamlit server, and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from harness.local import CHROMIUM, CHROMIUM_ARGS
from tests.servers import ROOT, Server, streamlit_server

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))


def pytest_report_header(config: pytest.Config) -> str:
    return f"screenshots and server logs: {ARTIFACTS}"


@pytest.fixture
def app() -> Callable[..., AppTest]:
    """An AppTest of the whole app (frame included) opened at a page with query parameters."""

    def make(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page is not None:
            at.switch_page(page)
            at.run()
        return at

    return make


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """One server for the read-only browser tests of a run."""
    with streamlit_server(ARTIFACTS / "logs") as srv:
        yield srv


@pytest.fixture
def fresh_server() -> Iterator[Server]:
    """A server nobody has visited yet: for deep-link-first and cold-start checks."""
    with streamlit_server(ARTIFACTS / "logs") as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()

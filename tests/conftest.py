"""Shared fixtures: AppTest factory, a live Streamlit server, and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from harness.local import CHROMIUM, CHROMIUM_ARGS
from tests.browser import as_read, reader_text
from tests.servers import ROOT, Server, streamlit_server


def _read_as_seen() -> None:
    """Playwright's text getters return the page's text as a reader sees it (tests/browser.py:
    reader_text): the invisible word joiners of the document script are not part of what is read.
    Tests of the joiners themselves read the raw text with page.evaluate."""
    try:
        from playwright.sync_api import ElementHandle, Locator, Page
    except ImportError:  # AppTest-only runs
        return
    for cls, names in (
        (Locator, ("inner_text", "text_content", "all_inner_texts", "all_text_contents")),
        (Page, ("inner_text", "text_content")),
        (ElementHandle, ("inner_text", "text_content")),
    ):
        for name in names:
            original = getattr(cls, name)
            if getattr(original, "_reads_as_seen", False):
                continue

            def read(self, *args, _original=original, **kwargs):
                value = _original(self, *args, **kwargs)
                return [reader_text(v) for v in value] if isinstance(value, list) else reader_text(value)

            read._reads_as_seen = True
            setattr(cls, name, read)

    _expect_as_read()


def _expect_as_read() -> None:
    """Texts a test expects (assertions, get_by_text, a role's name, has_text) match the page's text
    with or without the joiners: each expected string becomes the pattern of tests/browser.as_read.
    Patterns a test writes itself are left as they are."""
    from playwright.sync_api import FrameLocator, Locator, Page
    from playwright.sync_api._generated import LocatorAssertions

    def wrap_assertion(name: str, whole: bool) -> None:
        original = getattr(LocatorAssertions, name)
        if getattr(original, "_reads_as_seen", False):
            return

        def check(self, expected, *args, _original=original, **kwargs):
            if isinstance(expected, str):
                expected = as_read(expected, whole=whole, ignore_case=bool(kwargs.pop("ignore_case", False)))
            elif isinstance(expected, list | tuple):
                expected = [as_read(e, whole=whole) if isinstance(e, str) else e for e in expected]
            return _original(self, expected, *args, **kwargs)

        check._reads_as_seen = True
        setattr(LocatorAssertions, name, check)

    for name, whole in (
        ("to_contain_text", False),
        ("not_to_contain_text", False),
        ("to_have_text", True),
        ("not_to_have_text", True),
        ("to_have_accessible_name", True),
        ("not_to_have_accessible_name", True),
        ("to_have_accessible_description", True),
    ):
        wrap_assertion(name, whole)

    def wrap_finder(cls, name: str) -> None:
        original = getattr(cls, name)
        if getattr(original, "_reads_as_seen", False):
            return
        if name == "get_by_text":

            def find(self, text, *args, _original=original, **kwargs):
                if isinstance(text, str):
                    exact = bool(kwargs.pop("exact", False))
                    text = as_read(text, whole=exact, ignore_case=not exact)
                return _original(self, text, *args, **kwargs)
        elif name == "get_by_role":

            def find(self, role, *args, _original=original, **kwargs):
                if isinstance(kwargs.get("name"), str):
                    exact = bool(kwargs.pop("exact", False))
                    kwargs["name"] = as_read(kwargs["name"], whole=exact, ignore_case=not exact)
                return _original(self, role, *args, **kwargs)
        else:  # filter, locator: has_text=

            def find(self, *args, _original=original, **kwargs):
                for key in ("has_text", "has_not_text"):
                    if isinstance(kwargs.get(key), str):
                        kwargs[key] = as_read(kwargs[key], ignore_case=True)
                return _original(self, *args, **kwargs)

        find._reads_as_seen = True
        setattr(cls, name, find)

    for cls in (Page, Locator, FrameLocator):
        for name in ("get_by_text", "get_by_role"):
            wrap_finder(cls, name)
    wrap_finder(Locator, "filter")
    for cls in (Page, Locator, FrameLocator):
        wrap_finder(cls, "locator")


_read_as_seen()

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

"""Every piece of Chinese text a reader meets, collected for the glossary and typography tests.

Why a collector: terms and typography go wrong where text is assembled (a catalog string plus a
formatted number plus a prose file), so the tests read what the pages, the chart descriptions and
the handout actually show, not the sources they are built from.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from content.site import PAGES

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")

# Not a query parameter: the reader has chosen to see the survival numbers (ui.reveal), so the
# numbers behind the one right-not-to-know choice are read too, not only the gate.
REVEAL = "reveal"

# Page states worth reading besides each page's default (query parameters, and REVEAL).
EXTRA_STATES: list[tuple[str, dict[str, str]]] = [
    ("app_pages/biomarker.py", {"pnfh": "2000"}),
    ("app_pages/biomarker.py", {"pnfh": "2000", REVEAL: "1"}),
    ("app_pages/biomarker.py", {"pnfh": "6000", REVEAL: "1"}),
    ("app_pages/handout.py", {"pnfh": "2000"}),
    ("app_pages/handout.py", {"pnfh": "2000", REVEAL: "1"}),
    ("app_pages/results.py", {REVEAL: "1"}),
    ("app_pages/als.py", {REVEAL: "1"}),
]

_TEXT_TYPES = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error", "text")


def _chart_strings(spec: object) -> list[str]:
    """Every string in a Vega-Lite spec that contains Chinese (descriptions, titles, labels)."""
    out: list[str] = []
    if isinstance(spec, dict):
        for value in spec.values():
            out.extend(_chart_strings(value))
    elif isinstance(spec, list):
        for value in spec:
            out.extend(_chart_strings(value))
    elif isinstance(spec, str) and CJK.search(spec):
        out.append(spec)
    return out


def page_strings(page: str | None, **params: str) -> tuple[list[str], list[str]]:
    """(headings, other strings) of one Chinese page state: text elements, widget labels, tables
    and every Chinese string in its charts' specs (descriptions, titles, legends)."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    at.query_params["lang"] = "zh"
    if params.pop(REVEAL, None):
        at.session_state["bm_show_numbers"] = True  # ui.reveal.SHOW
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    headings: list[str] = []
    texts: list[str] = []
    for kind in ("title", "header", "subheader"):
        headings.extend(str(element.value) for element in getattr(at, kind, []))
    for kind in _TEXT_TYPES:
        if kind in ("title", "header", "subheader"):
            continue
        for element in getattr(at, kind, []):
            value = str(element.value)
            texts.append(value)
            headings.extend(m.group(1) for m in re.finditer(r"(?m)^#{1,6}\s+(.+?)\s*$", value))
    headings.extend(str(expander.label) for expander in at.expander)
    for kind in ("button", "checkbox", "radio", "selectbox", "number_input", "toggle", "text_input"):
        for widget in getattr(at, kind, []):
            texts.append(str(getattr(widget, "label", "")))
            help_text = getattr(widget, "help", None)
            if help_text:
                texts.append(str(help_text))
            for option in getattr(widget, "options", []) or []:
                texts.append(str(option))
    for element in at.get("vega_lite_chart"):
        texts.extend(_chart_strings(json.loads(element.proto.spec)))
    for element in at.get("table") + at.get("dataframe"):
        frame = element.value
        texts.extend(str(v) for v in frame.astype(str).to_numpy().ravel())
        texts.extend(str(c) for c in frame.columns)
    keep = lambda items: [t for t in items if t and CJK.search(t)]  # noqa: E731
    return keep(headings), keep(texts)


def page_texts(page: str | None, **params: str) -> list[str]:
    headings, texts = page_strings(page, **params)
    return headings + texts


def all_page_states() -> list[tuple[str, dict[str, str]]]:
    clinic = [
        (None, {"mode": "clinic", "slide": slide, **extra})
        for slide in ("icons", "forest", "curve")
        for extra in ({}, {REVEAL: "1"})
    ]
    return [(info.script, {}) for info in PAGES] + EXTRA_STATES + clinic


def _strings(obj: object, headings: list[str], out: list[str], heading: bool = False) -> None:
    if isinstance(obj, str):
        (headings if heading else out).append(obj)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            is_heading = type(obj).__name__ == "Heading" or f.name == "title"
            _strings(getattr(obj, f.name), headings, out, is_heading)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _strings(item, headings, out, heading)


def handout_texts(pnfh: float | None = None) -> tuple[list[str], list[str]]:
    """(headings, other strings) of the Chinese handout document, as the PDF prints them."""
    from handout.document import build_document

    headings: list[str] = []
    out: list[str] = []
    _strings(build_document("zh", pnfh=pnfh), headings, out)
    return [h for h in headings if CJK.search(h)], [t for t in out if CJK.search(t)]

"""Every piece of Chinese text a reader meets, collected for the glossary and typography tests, in
each Chinese language of the table (Simplified and Traditional: ``lang``).

Why a collector: terms and typography go wrong where text is assembled (a catalog string plus a
formatted number plus a prose file), so the tests read what the pages, the chart descriptions and
the handout actually show, not the sources they are built from.

Why in reading order, and in the states a click reaches: the short-name rule ("the full name at a
page's first mention, the short name after it") is about order; and much of the biomarker page,
the handout preview and two clinic slides are drawn only after "Show the survival numbers".
"""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from content.site import PAGES
from tests import explorer_text

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
CHINESE = ("zh", "zh-Hant")  # the Chinese languages of content/i18n.py's table

HEADING = "heading"  # titles, subheaders, Markdown '#' lines, expander labels, handout headings
RUNNING = "running"  # paragraphs, list items, captions, callouts: the text a reader reads through
LABEL = "label"  # widget labels and options, page links, every string in a chart spec
CELL = "cell"  # a cell of a table with Chinese headers: read even without a Chinese character ("0.51 (0.31～0.79)")


@dataclasses.dataclass(frozen=True)
class State:
    """One page state: the page, its address's query parameters, then what a reader does.

    ``actions``: ("click", key) presses a button; ("radio", key, value) and ("number", key,
    value) answer a widget; ("session", key, value) sets what another page left in the session
    (the clinic view reads the biomarker page's level and choice to see numbers)."""

    page: str | None
    params: tuple[tuple[str, str], ...] = ()
    actions: tuple[tuple, ...] = ()

    @property
    def name(self) -> str:
        parts = [self.page or "clinic"]
        parts += [f"{k}={v}" for k, v in self.params if k != "mode"]
        parts += [":".join(str(a) for a in action) for action in self.actions]
        return " ".join(parts)


def state(page: str | None, *actions: tuple, **params: str) -> State:
    return State(page, tuple(params.items()), tuple(actions))


BM = "app_pages/biomarker.py"
REVEAL = ("click", "bm_reveal")
# Page states worth reading besides each page's first render.
EXTRA_STATES: list[State] = [
    state(BM, pnfh="2000"),
    state(BM, pnfh="6000"),
    # revealed: the published result, the model's answer, its charts and the sensitivity table
    state(BM, REVEAL, pnfh="2000"),
    state(BM, REVEAL, pnfh="6000"),
    state(BM, REVEAL, pnfh="500"),
    # the technical notes, built only once opened (lazy expanders)
    state(
        BM,
        ("session", "bm_x_sensitivity", True),
        ("session", "bm_x_assumptions", True),
        ("session", "bm_x_how", True),
        REVEAL,
        pnfh="3000",
    ),
    # a level typed into the box (no address), then revealed; and the "I don't know" path
    state(BM, ("radio", "bm_mode", "known"), ("number", "bm_number", 3000), REVEAL),
    state(BM, ("radio", "bm_mode", "unknown")),
    state(BM, ("radio", "bm_mode", "unknown"), REVEAL),
    state("app_pages/handout.py", pnfh="2000"),
    # a level in the address that cannot be used: the warning comes first on the handout page
    state("app_pages/handout.py", pnfh="abc"),
    state(BM, pnfh="abc"),
    state("app_pages/handout.py", ("click", "handout_reveal"), pnfh="2000"),
    # the pages whose survival numbers wait behind the one right-not-to-know choice (ui.reveal)
    state("app_pages/results.py", ("click", "results_reveal")),
    state("app_pages/als.py", ("click", "als_reveal")),
]


def _clinic_states() -> list[State]:
    out = []
    for slide in ("icons", "forest", "curve"):
        out.append(state(None, mode="clinic", slide=slide))
    out.append(state(None, ("click", "clinic_reveal_icons"), mode="clinic", slide="icons"))
    out.append(state(None, ("click", "clinic_reveal_forest"), mode="clinic", slide="forest"))
    out.append(state(None, ("click", "clinic_reveal"), mode="clinic", slide="curve"))
    # the curve with the level the biomarker page left behind
    out.append(
        state(None, ("session", "bm_level", 2000.0), ("session", "bm_show_numbers", True), mode="clinic", slide="curve")
    )
    return out


_TEXT_KINDS = {"Markdown", "Caption", "Info", "Warning", "Success", "Error", "Text"}
_HEADING_KINDS = {"Title", "Header", "Subheader"}
_WIDGET_KINDS = {
    "Button",
    "Checkbox",
    "Radio",
    "Selectbox",
    "NumberInput",
    "Toggle",
    "TextInput",
    "Slider",
    "PageLink",
    "DownloadButton",
    "ButtonGroup",
    "Multiselect",
    "TextArea",
    "SelectSlider",
}


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


def _markdown_items(value: str) -> list[tuple[str, str]]:
    """A Markdown element as headings ('#' lines) and the running text between them, in order."""
    out: list[tuple[str, str]] = []
    running: list[str] = []
    for line in value.splitlines():
        m = re.match(r"^#{1,6}\s+(.+?)\s*$", line)
        if m:
            if any(r.strip() for r in running):
                out.append((RUNNING, "\n".join(running).strip()))
            running = []
            out.append((HEADING, m.group(1)))
        else:
            running.append(line)
    if any(r.strip() for r in running):
        out.append((RUNNING, "\n".join(running).strip()))
    return out


class _HtmlText(HTMLParser):
    """The visible text nodes of an st.html element (the options grid), scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def _html_texts(markup: str) -> list[str]:
    parser = _HtmlText()
    parser.feed(markup)
    return parser.texts


_EXPLORER: dict[str, dict] = {}  # the explorer's controls, read before its answer (reading order)


def _walk(node: object, out: list[tuple[str, str]]) -> None:
    """The elements of a rendered page in reading order (columns left to right)."""
    kind = type(node).__name__
    if isinstance(node, Block):
        if kind == "Expander":
            out.append((HEADING, str(node.label)))
        for index in sorted(node.children):
            _walk(node.children[index], out)
        return
    if kind in _HEADING_KINDS:
        out.append((HEADING, str(node.value)))
    elif kind in _TEXT_KINDS:
        out.extend(_markdown_items(str(node.value)))
    elif kind in _WIDGET_KINDS:
        out.append((LABEL, str(getattr(node, "label", ""))))
        help_text = getattr(node, "help", None)
        if help_text:
            out.append((LABEL, str(help_text)))
        if kind in ("Radio", "Selectbox", "Multiselect", "SelectSlider", "ButtonGroup"):
            out.extend((LABEL, str(option)) for option in getattr(node, "options", []) or [])
    elif kind in ("Table", "Dataframe"):
        frame = node.value
        columns = [str(c) for c in frame.columns]
        cell = CELL if any(CJK.search(c) for c in columns) else LABEL
        out.extend((LABEL, c) for c in columns)
        out.extend((cell, str(v)) for v in frame.astype(str).to_numpy().ravel())
    elif kind == "Html":
        out.extend((LABEL, t) for t in _html_texts(str(node.proto.body)))
    elif kind == "UnknownElement" and node.type == "bidi_component":  # the level explorer (ui/explorer.py)
        data = explorer_text.data_of(node.proto)
        if data["part"] == "controls":
            _EXPLORER["controls"] = data
            out.extend((LABEL, t) for _k, t in explorer_text.control_items(data))
        else:
            for k, t in explorer_text.answer_items(_EXPLORER["controls"], data):
                if k == explorer_text.HEADING:
                    out.append((HEADING, t))
                elif k == explorer_text.TEXT:
                    out.extend(_markdown_items(t))
                else:
                    out.append((LABEL, t))
    elif kind == "UnknownElement" and node.type in ("vega_lite_chart", "arrow_vega_lite_chart"):
        out.extend((LABEL, s) for s in _chart_strings(json.loads(node.proto.spec)))


def run_state(s: State, lang: str = "zh") -> AppTest:
    """The whole app at one Chinese page state (the frame included), after the state's actions."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in s.params:
        at.query_params[key] = value
    for action in s.actions:
        if action[0] == "session":
            at.session_state[action[1]] = action[2]
    at.run()
    if s.page is not None:
        at.switch_page(s.page)
        at.run()
    for action in s.actions:
        if action[0] == "click":
            at.button(key=action[1]).click()
        elif action[0] == "radio":
            at.radio(key=action[1]).set_value(action[2])
        elif action[0] == "number":
            at.number_input(key=action[1]).set_value(action[2])
        else:
            continue
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def page_items(s: State, lang: str = "zh") -> list[tuple[str, str]]:
    """(kind, text) of every Chinese string of one page state, in reading order: the sidebar,
    then the main area."""
    at = run_state(s, lang)
    out: list[tuple[str, str]] = []
    _walk(at.sidebar, out)
    _walk(at.main, out)
    return _chinese(out)


def every_item(s: State, lang: str) -> list[tuple[str, str]]:
    """(kind, text) of every string of one page state in any language (English included), in
    reading order: what page_items reads before it keeps the Chinese."""
    at = run_state(s, lang)
    out: list[tuple[str, str]] = []
    _walk(at.sidebar, out)
    _walk(at.main, out)
    return [(kind, text) for kind, text in out if text]


def _chinese(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in items if text and (CJK.search(text) or kind == CELL)]


def split(items: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(headings, other strings), as the typography checks read them."""
    return [t for k, t in items if k == HEADING], [t for k, t in items if k != HEADING]


def page_strings(s: State, lang: str = "zh") -> tuple[list[str], list[str]]:
    """(headings, other strings) of one Chinese page state: text elements, widget labels, tables
    and every Chinese string in its charts' specs (descriptions, titles, legends)."""
    return split(page_items(s, lang))


def all_page_states() -> list[State]:
    return [state(info.script) for info in PAGES] + EXTRA_STATES + _clinic_states()


# ---------------------------------------------------------------- the handout, as the PDF prints it


def _handout_walk(obj: object, out: list[tuple[str, str]]) -> None:
    from handout import document as d

    if isinstance(obj, d.Document):
        out.append((HEADING, obj.title))
        out.append((RUNNING, obj.subtitle))
        for section in obj.sections:
            _handout_walk(section, out)
        out.append((LABEL, obj.footer))  # keywords are metadata, never printed
    elif isinstance(obj, d.Section):
        out.append((HEADING, obj.title))
        for block in obj.blocks:
            _handout_walk(block, out)
    elif isinstance(obj, d.Heading):
        out.append((HEADING, obj.text))
    elif isinstance(obj, d.Para):
        out.append((RUNNING, obj.text))
    elif isinstance(obj, d.Bullets):
        out.extend((RUNNING, item) for item in obj.items)
    elif isinstance(obj, d.WriteSpace):
        out.append((RUNNING, obj.prompt))
    elif isinstance(obj, d.IconArrays):
        for panel in obj.panels:
            out += [(LABEL, panel.title), (RUNNING, panel.caption)]
        out += [(LABEL, obj.alive_label), (LABEL, obj.died_label), (LABEL, obj.alt)]
    elif isinstance(obj, d.Forest):
        out += [(LABEL, obj.heading_left), (LABEL, obj.heading_right)]
        for row in obj.rows:
            out += [(LABEL, row.label), (CELL, row.value_text), (LABEL, row.note)]
        out += [(LABEL, obj.lower), (LABEL, obj.higher), (LABEL, obj.alt)]
    elif isinstance(obj, d.Table):
        out.extend((CELL, cell) for row in (obj.header, *obj.rows) for cell in row)
    elif isinstance(obj, d.Terms):
        for term, definition in obj.items:
            out += [(LABEL, term), (RUNNING, definition)]
    else:  # a new block type must be read too
        raise TypeError(f"the collector does not know {type(obj).__name__}")


def handout_items(pnfh: float | None = None, choices=None, lang: str = "zh") -> list[tuple[str, str]]:
    """(kind, text) of the Chinese handout document in printed order."""
    from handout.document import build_document

    out: list[tuple[str, str]] = []
    _handout_walk(build_document(lang, pnfh=pnfh, choices=choices), out)
    return _chinese(out)


def every_handout_item(pnfh: float | None = None, choices=None, lang: str = "en") -> list[tuple[str, str]]:
    """(kind, text) of the handout document in any language, in printed order."""
    from handout.document import build_document

    out: list[tuple[str, str]] = []
    _handout_walk(build_document(lang, pnfh=pnfh, choices=choices), out)
    return [(kind, text) for kind, text in out if text]


def handout_texts(pnfh: float | None = None) -> tuple[list[str], list[str]]:
    """(headings, other strings) of the Chinese handout document, as the PDF prints them."""
    return split(handout_items(pnfh))


# ---------------------------------------------------------------- one script per page
def _convert_each(config: str, chars: list[str]) -> list[str]:
    """Each character converted on its own (a newline between them, so no phrase rule applies)."""
    import opencc

    return opencc.OpenCC(config).convert("\n".join(chars)).split("\n")


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def other_script_characters(script: str) -> frozenset[str]:
    """Characters that belong only to the other script, so a page in ``script`` must not show them.

    For Traditional pages ("Hant"): the characters OpenCC changes from Simplified to Traditional
    (s2t), less those Big5, Taiwan's character set, also holds (台, 干, 里 are characters of both
    scripts). For Simplified pages ("Hans"): those it changes from Traditional to Simplified (t2s),
    less those GB 2312, the mainland's set, also holds.
    """
    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    config, codec = {"Hant": ("s2t", "big5"), "Hans": ("t2s", "gb2312")}[script]
    converted = _convert_each(config, chars)
    return frozenset(c for c, out in zip(chars, converted, strict=True) if out != c and not _encodable(c, codec))


def names_to_keep() -> list[str]:
    """Text shown as a name, in the script it was published in: every citation and each language's
    own name in the switch (简体中文 on a Traditional page)."""
    from content.facts import registry
    from content.i18n import LANGUAGE_NAMES, SWITCH_LABEL

    kept = {s.citation for s in registry().sources.values()} | set(LANGUAGE_NAMES.values()) | {SWITCH_LABEL}
    return sorted(kept, key=len)[::-1]


def without_names(text: str) -> str:
    for name in names_to_keep():
        text = text.replace(name, "")
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(
        r"(?<![A-Za-z0-9])(?:www\d?\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|gov|com|cn|tw)(?:/[\w/.-]*)?", "", text
    )  # printed addresses
    return text.replace("{page}", "").replace("{nb}", "")  # the footer's page numbers, filled when drawn

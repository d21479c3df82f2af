"""What the level explorer (ui/explorer_assets/explorer.js) draws, read from the data the server
sends it, for tests that read a page through AppTest (which runs no JavaScript).

It follows explorer.js's drawAnswer step by step: the level is the controls' (the server's), its
answer the table's entry (or the server's own answer for a level off the grid). The browser tests
(tests/test_browser_explorer.py) hold the drawn page to this, so an AppTest that reads it reads
what a visitor sees."""

from __future__ import annotations

import json
from typing import Any

HEADING, TEXT, LABEL = "heading", "text", "label"


def data_of(proto) -> dict[str, Any]:
    """A part's data as explorer.js reads it: the controls' is JSON, the answer's UTF-8 bytes of
    JSON (views.explorer.answer_payload)."""
    return json.loads(proto.json if proto.WhichOneof("data") == "json" else proto.bytes.decode())


def parts(at_or_block) -> dict[str, dict[str, Any]]:
    """The explorer's parts on a page ({"controls": data, "answer": data}), if drawn."""
    out = {}
    for element in at_or_block.get("bidi_component"):
        data = data_of(element.proto)
        out[data["part"]] = data
    return out


def control_items(controls: dict[str, Any]) -> list[tuple[str, str]]:
    c = controls["c"]
    return [(LABEL, c["slider"]), (LABEL, controls["current"]["label"]), (LABEL, c["lower"]), (LABEL, c["higher"])]


def answer_for(controls: dict[str, Any], table: dict[str, Any]) -> dict[str, Any]:
    current = controls["current"]
    if current["level"] == controls["level"]:
        return current
    return table["answers"][str(int(controls["level"]))]


def answer_items(controls: dict[str, Any], answer: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, text) in reading order, as explorer.js draws them; text keeps its **bold** marks."""
    table = answer["table"]
    ans = answer_for(controls, table)
    band = table["bands"][ans["band"]]
    out = [(HEADING, band["heading"])]
    out += [(TEXT, s) for s in band["sentences"]]
    out.append((TEXT, band["source"]))
    out += [(TEXT, s) for s in band["support"]]
    out.append((HEADING, ans["heading"]))
    if not ans["shown"]:
        out.append((TEXT, ans["outside"]))
        return out
    out.append((TEXT, table["who"]))
    for arm, counts in zip(table["arms"], ans["arms"], strict=True):
        out += [(TEXT, f"**{arm['title']}**")]  # drawn in <strong>
        out += [(LABEL, arm["name"]), (LABEL, table["alive"]), (LABEL, table["died"])]
        out.append((TEXT, counts["counts"]))
    out += [(TEXT, s) for s in ans["sentences"]]
    return out


def drawn(at) -> list[tuple[str, str]]:
    """Everything the explorer draws on this page state (nothing if it is not on the page)."""
    found = parts(at)
    if "controls" not in found:
        return []
    out = control_items(found["controls"])
    if "answer" in found:
        out += answer_items(found["controls"], found["answer"])
    return out


def drawn_text(at) -> str:
    return "\n".join(text for _, text in drawn(at))

"""The level explorer's two parts on /biomarker, a Streamlit custom component (components v2)
whose script and style sheet are files under ui/explorer_assets/ (the CSP allows no inline or
blob: script): see views/explorer.py for what it draws and why.

Streamlit finds a v2 component's files through an installed package's manifest; the aid is not
installed, so the same manifest is registered on the running server before the first mount (once
per runtime: AppTest starts a new one for every test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest
from streamlit.runtime import Runtime

from views import explorer as ex

NAME = "mirocals.explorer"
ROOT = Path(__file__).resolve().parent.parent
ASSETS = "ui/explorer_assets"
CONTROLS_KEY = "bm_explorer"
ANSWER_KEY = "bm_explorer_answer"

_mounts: dict[int, Any] = {}


def _component():
    """The component's mount function, registered on the running server the first time."""
    if not Runtime.exists():  # bare mode (a unit test that imports the page): nothing to draw
        return None
    runtime = Runtime.instance()
    mount = _mounts.get(id(runtime))
    if mount is None:
        manager = runtime.bidi_component_registry
        if manager.get_component_asset_root(NAME) is None:
            manifest = ComponentManifest(name="mirocals", version="1", components=[ComponentConfig("explorer", ASSETS)])
            manager.register_from_manifest(manifest, ROOT)
        mount = st.components.v2.component(NAME, js="explorer.js", css="explorer.css", isolate_styles=False)
        _mounts.clear()  # one runtime at a time
        _mounts[id(runtime)] = mount
    return mount


def controls(level: float, current: dict[str, Any], lang: str, on_change) -> None:
    """The slider and the lower / higher buttons, at the server's level (``current`` is its answer,
    needed for a typed level off the slider's grid)."""
    mount = _component()
    if mount is None:
        return
    mount(
        key=CONTROLS_KEY,
        data={"part": "controls", "level": level, "current": current, "c": ex.controls(lang)},
        on_level_change=on_change,
    )


def answer(lang: str) -> None:
    """Every grid level's answer, shipped once per language and session: the data never changes,
    so Streamlit's message cache sends it once and later reruns only its reference. It is given
    as bytes encoded once (``views.explorer.answer_payload``); explorer.js decodes them."""
    mount = _component()
    if mount is None:
        return
    mount(key=ANSWER_KEY, data=ex.answer_payload(lang))


def reported_level() -> float | None:
    """The level the controls last reported (their state is {"level": …, "seq": …})."""
    state = st.session_state.get(CONTROLS_KEY)
    value = state.get("level") if state is not None else None
    if isinstance(value, dict) and isinstance(value.get("level"), (int, float)):
        return float(value["level"])
    return None

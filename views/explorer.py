"""Everything the level explorer on /biomarker draws, for every level its slider can reach, built
once per language (issue 18: a slider step waited for the server, 2.8-3.1 times the floor).

The browser swaps these answers as the reader moves the slider (ui/explorer_assets/explorer.js),
then tells the server, which draws the rest (the effect curve, the technical note, the link, the
handout's level). So every sentence here comes from views.biomarker, the functions the handout and
the clinic view use, and every number from model.benefit.estimate: the step is faster, not
different. A level typed off the slider's grid (2013) is answered by the server with the same
function (``answer``), never guessed from its neighbours.

Plain data (no Streamlit, no HTML): text may hold Markdown bold (``**58**``) and nothing else,
which the component turns into <strong> (tests/test_explorer.py holds both to that).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from charts.icon_array import PERSON_PATH
from charts.icons import ALIVE_COLOUR, DIED_COLOUR
from content.facts import format_fact, format_number
from content.i18n import gettext_for
from model.benefit import DENOMINATOR, INPUT_MAX, INPUT_MIN, Estimate, estimate
from views import biomarker as bt

DOMAIN = "biomarker"
LEVEL_MIN = int(INPUT_MIN)
LEVEL_MAX = int(INPUT_MAX)
SLIDER_STEP = 50  # the slider's grid (pg/mL): fine enough, and no fine dragging needed
BIG_STEP = 250  # the lower / higher buttons
ARMS = ("riluzole", "il2")


def grid_levels() -> range:
    """Every level the slider can reach (the same grid as before: LEVEL_MIN + k x SLIDER_STEP)."""
    return range(LEVEL_MIN, LEVEL_MAX + 1, SLIDER_STEP)


def level_label(level: float, lang: str) -> str:
    """What a screen reader says for the slider's value: "2,000 pg/mL" / "2000 pg/mL"."""
    return f"{format_number(level, 0, lang)}\N{NO-BREAK SPACE}pg/mL"


def answer(est: Estimate, lang: str) -> dict[str, Any]:
    """One level's answer: its group, the model section's heading, and either the model's counts
    (icon arrays and sentences) or the sentence that says the model gives none here."""
    _ = gettext_for(lang, DOMAIN)
    level = int(est.pnfh) if float(est.pnfh).is_integer() else est.pnfh
    out: dict[str, Any] = {
        "level": level,
        "label": level_label(level, lang),
        "band": est.band,
        "heading": _("What a model suggests at {level} pg/mL: an illustration").format(
            level=format_number(level, 0, lang)
        ),
        "shown": est.model_shown,
        "spoken": _("The numbers now show {level} pg/mL.").format(level=format_number(level, 0, lang)),
    }
    if not est.model_shown:
        out["outside"] = bt.outside_sentence(est, lang)
        return out
    arms = []
    for alive in (est.alive_riluzole_of_100, est.alive_il2_of_100):
        arms.append(
            {
                "alive": alive,
                "counts": _("**{alive}** alive · **{died}** died").format(
                    alive=format_number(alive, 0, lang), died=format_number(DENOMINATOR - alive, 0, lang)
                ),
            }
        )
    out["arms"] = arms
    out["sentences"] = bt.count_sentences(est, lang)
    return out


def band_sections(lang: str) -> dict[str, dict[str, Any]]:
    """The published result of each group the level can fall in, as /biomarker shows it first."""
    _ = gettext_for(lang, DOMAIN)
    out = {}
    for band in ("below", "low", "high"):
        out[band] = {
            "heading": _("What the trial published for this level's group"),
            "sentences": bt.published_sentences(band, lang),
            "source": bt.source_sentence(band, lang),
            "support": bt.high_level_support(lang) if band == "high" else [],
        }
    return out


def controls(lang: str) -> dict[str, Any]:
    """The slider's and the buttons' words, limits and steps."""
    _ = gettext_for(lang, DOMAIN)
    return {
        "min": LEVEL_MIN,
        "max": LEVEL_MAX,
        "step": SLIDER_STEP,
        "big": BIG_STEP,
        "slider": _("CSF-pNFH level (pg/mL)"),
        "lower": _("Lower by {step}").format(step=format_number(BIG_STEP, 0, lang)),
        "higher": _("Higher by {step}").format(step=format_number(BIG_STEP, 0, lang)),
    }


@functools.cache
def table(lang: str) -> dict[str, Any]:
    """What the answer part of the explorer ships once per language: every grid level's answer,
    each group's published section and the words that never change with the level. About 155 KB
    of JSON (about a sixth of that on the wire: the WebSocket is deflated, .streamlit/config.toml);
    the browser keeps it (Streamlit sends a large unchanged element once per session)."""
    _ = gettext_for(lang, DOMAIN)
    arm_titles = [bt.arm_title(arm, lang) for arm in ARMS]
    return {
        "lang": lang,
        "answers": {str(level): answer(estimate(float(level)), lang) for level in grid_levels()},
        "bands": band_sections(lang),
        "who": bt.who_sentence(lang),
        "arms": [{"title": title, "name": bt.icon_chart_name(title, lang)} for title in arm_titles],
        "alive": _("Alive"),
        "died": _("Died"),
        "denominator": format_fact("denominator", lang),
        "colours": {"alive": ALIVE_COLOUR, "died": DIED_COLOUR, "person": PERSON_PATH},
    }


@functools.cache
def answer_payload(lang: str) -> bytes:
    """The answer part's data as the component receives it: ``{"part": "answer", "table": …}``
    encoded once per language (UTF-8, compact). Given as a dict, Streamlit would encode the
    155 KB again on every rerun, and once more sorted to name the element: about a seventh of
    the server's work for a visitor's reveal and step (py-spy, docs/performance.md). Bytes are
    sent as they are and named by their hash."""
    return json.dumps({"part": "answer", "table": table(lang)}, ensure_ascii=False, separators=(",", ":")).encode()

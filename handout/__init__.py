"""Take-home PDF handouts: English, Chinese, or both side by side (``python -m handout --help``).

    build_pdf(lang, pnfh=None, paper="a4") -> bytes

``lang`` is a language of the table ("en", "zh", "zh-Hant") or a side-by-side pair ("both":
English beside Simplified Chinese, "both-hant": English beside Traditional Chinese); ``pnfh``
(pg/mL) adds the CSF-pNFH model's scenario; ``paper`` is "a4" or "letter". Page limits: at most 9
pages for one language (10 for English, which prints the China and the Taiwan sections); the
side-by-side version has every section in English beside its Chinese and at most 16 pages. (Until issue 12 the limit was 4 and 8; the decisions, the options table,
access, living with each option, the country sections and the person's own answers now belong in
the handout too.)
"""

from __future__ import annotations

from functools import lru_cache

from content.i18n import LANGUAGES, PAIRS, language, shared_country_sections

# One language, or a side-by-side pair (content/i18n.py's PAIRS: "both" is English beside Chinese).
LANG_OPTIONS = (*LANGUAGES, *PAIRS)
PAPER_OPTIONS = ("a4", "letter")
# Eight pages and at most one more per country section it prints (English prints China's and
# Taiwan's: 10; each Chinese language its own: 9); side by side, 16.
MAX_PAGES = {**{code: 8 + len(language(code).country_sections) for code in LANGUAGES}, **{pair: 16 for pair in PAIRS}}


def check_pnfh(value: object) -> float:
    """A CSF-pNFH level the model accepts, else ValueError: the model's one rule
    (``model.benefit.parse_level``), for text and numbers alike."""
    from model.benefit import parse_level

    return parse_level(value)


def check_args(lang: str, pnfh: object, paper: str) -> tuple[str, float | None, str]:
    if lang not in LANG_OPTIONS:
        raise ValueError(f"language must be one of {', '.join(LANG_OPTIONS)}, not {lang!r}")
    if paper not in PAPER_OPTIONS:
        raise ValueError(f"paper must be one of {', '.join(PAPER_OPTIONS)}, not {paper!r}")
    return lang, (None if pnfh is None else check_pnfh(pnfh)), paper


def build_pdf(lang: str, pnfh: float | None = None, paper: str = "a4", choices=None) -> bytes:
    """The handout as PDF bytes (the same document for the page and the command line).

    ``choices`` (a ``views.decision.Choices``: the person's values and questions) are printed
    in it. A handout with choices is never cached: what a person chose is theirs, so it is built
    for them and not kept in this process once their download is made."""
    lang, pnfh, paper = check_args(lang, pnfh, paper)
    if choices:
        return _render(lang, pnfh, paper, choices)
    return _build(lang, pnfh, paper)


def _render(lang: str, pnfh: float | None, paper: str, choices=None) -> bytes:
    from handout.document import build_document
    from handout.pdf import render_pdf

    langs = PAIRS.get(lang, (lang,))
    countries = shared_country_sections(langs)  # both columns print the same country sections
    return render_pdf([build_document(code, pnfh, choices, countries) for code in langs], paper)


@lru_cache(maxsize=32)
def _build(lang: str, pnfh: float | None, paper: str) -> bytes:
    return _render(lang, pnfh, paper)


def filename(lang: str, pnfh: float | None, paper: str) -> str:
    """The download's name. Never the level: it stays in the download history of a shared
    family or clinic computer (``pnfh`` is accepted so callers need not know that)."""
    return f"mirocals-handout-{lang}-{paper}.pdf"

"""The site map: every page, its fixed address and its title. No Streamlit here.

Addresses are ASCII and never change with the language, because clinicians bookmark and print
them. Titles are gettext messages (domain "app"), translated when the frame draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

APP_VERSION = "1.0.0"


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, in the reader's language."""
    return message


@dataclass(frozen=True)
class PageInfo:
    slug: str  # stable identifier, used in tests and links
    url_path: str  # "" for the start page, else the address after the host
    script: str  # page module, relative to the project root
    title: str  # English msgid, domain "app"
    icon: str  # Material icon; decorative, never the only label


PAGES: tuple[PageInfo, ...] = (
    PageInfo("start", "", "app_pages/start.py", N_("Start here"), ":material/home:"),
    PageInfo("als", "als", "app_pages/als.py", N_("About ALS"), ":material/info:"),
    PageInfo(
        "il2-tregs", "il2-tregs", "app_pages/il2_tregs.py", N_("IL-2 and regulatory T cells"), ":material/biotech:"
    ),
    PageInfo("trial", "trial", "app_pages/trial.py", N_("How the MIROCALS trial worked"), ":material/timeline:"),
    PageInfo("results", "results", "app_pages/results.py", N_("What the trial found"), ":material/bar_chart:"),
    PageInfo(
        "biomarker", "biomarker", "app_pages/biomarker.py", N_("What a CSF-pNFH level might mean"), ":material/tune:"
    ),
    PageInfo(
        "options", "options", "app_pages/options.py", N_("Your options side by side"), ":material/compare_arrows:"
    ),
    PageInfo("handout", "handout", "app_pages/handout.py", N_("Take-home handout"), ":material/print:"),
    PageInfo(
        "sources", "sources", "app_pages/sources.py", N_("Sources and how this aid was made"), ":material/menu_book:"
    ),
)


def page(slug: str) -> PageInfo:
    for info in PAGES:
        if info.slug == slug:
            return info
    raise KeyError(slug)


def neighbours(slug: str) -> tuple[PageInfo | None, PageInfo | None]:
    """The previous and next page on the suggested path through the aid."""
    index = [p.slug for p in PAGES].index(slug)
    before = PAGES[index - 1] if index > 0 else None
    after = PAGES[index + 1] if index + 1 < len(PAGES) else None
    return before, after

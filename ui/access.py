"""Accessibility, phone and print styling shared by every page, and the document-level script.

Injected once per run by the entrypoint (``inject``). Everything targets Streamlit's stable
``data-testid`` attributes and ``st-key-<key>`` classes, never generated class names. Nothing here
loads anything from another host.

What it guarantees (tests/test_browser_quality.py measures it in Chromium):
- targets at least 44 px (buttons, page and menu links, segmented control options, radios,
  toggles, checkboxes, slider thumbs, number-box steps, expanders, tabs);
- a focus ring that is always visible (3 px, dark on light plus a white halo), on the slider's
  thumb too; no Tab stop off screen (the collapsed menu) or invisible (the main area);
- a second skip link to a page's main controls (``skip_target``), a share box whose link is shown
  whole and copied by a visible button (``share_box``), start-page cards that are links as a whole;
- text contrast AA (captions and the selected option are darker than Streamlit's defaults);
- no sideways scrolling at 390 px (long words wrap, wide tables scroll inside themselves);
- clean printing: no menu, header, form controls or navigation buttons; closed sections printed
  open, headings kept with what follows, charts kept whole at the size they were drawn;
- clinic mode: larger type for a screen across the room.
"""

from __future__ import annotations

import html
import json

import streamlit as st

from content.glossary import unbreakable
from content.i18n import HTML_LANG, LANGUAGE_NAMES, SOURCE_LANGUAGE, gettext_for, language

DOMAIN = "clinic"

# Colours: text #262730 is Streamlit's; these keep AA (4.5:1) on white and on light tints.
FOCUS = "#1A1A1A"
MUTED_TEXT = "#4A4A55"  # captions: 8.6:1 on white
SELECTED_TEXT = "#8E1B27"  # the chosen segmented option on its pink tint: 7:1

TARGET = "44px"

# Interactive things a person has to hit. Measured by the browser tests with the same list.
_TARGET_RULES = f"""
[data-testid="stSidebarNavLink"],
[data-testid="stPageLink-NavLink"] {{
  min-height: {TARGET}; display: flex; align-items: center;
}}
[data-testid="stSidebarNavLinkContainer"] {{ min-height: {TARGET}; }}
/* Menu titles wrap instead of being cut off with an ellipsis. */
[data-testid="stSidebarNavLink"] span[label], [data-testid="stSidebarNavLink"] [data-testid="stMarkdownContainer"],
[data-testid="stSidebarNavLink"] p {{
  white-space: normal; text-overflow: clip; overflow: visible; height: auto; line-height: 1.35;
}}
[data-testid="stSidebarNavLink"] {{ height: auto; padding-top: 0.35rem; padding-bottom: 0.35rem; }}
[data-testid="stMain"] button,
[data-testid="stSidebar"] button,
[data-testid="stHeader"] button,
[data-testid="stDownloadButton"] button {{
  min-height: {TARGET}; min-width: {TARGET};
}}
[data-testid="stButtonGroup"] button {{ padding-left: 0.9rem; padding-right: 0.9rem; }}
[data-testid="stRadio"] label,
[data-testid="stCheckbox"] label {{
  min-height: {TARGET}; min-width: {TARGET}; display: flex; align-items: center;
}}
[data-testid="stExpander"] summary {{ min-height: {TARGET}; display: flex; align-items: center; }}
[data-testid="stTab"] {{ min-height: {TARGET}; }}
[data-testid="stSlider"] div:has(> div > input[type="range"]) {{
  width: {TARGET}; height: {TARGET};
}}
[data-testid="stSlider"] > [role="group"] {{ padding-top: 1.1rem; }}
[data-testid="stNumberInput"] input {{ min-height: {TARGET}; }}
[data-testid="stNumberInputStepDown"],
[data-testid="stNumberInputStepUp"] {{ min-width: {TARGET}; min-height: {TARGET}; }}
[data-testid="stSelectbox"] [data-baseweb="select"] > div {{ min-height: {TARGET}; }}
"""

_FOCUS_RULES = f"""
a:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible,
[role="radio"]:focus-visible, [role="slider"]:focus-visible, [role="tab"]:focus-visible,
[role="checkbox"]:focus-visible, [role="switch"]:focus-visible, [tabindex]:focus-visible,
label:focus-within {{
  outline: 3px solid {FOCUS} !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #FFFFFF !important;
}}
/* The slider's focus lands on a visually hidden range input: draw the ring on its thumb. */
[data-testid="stSlider"] div:has(> div > input[type="range"]:focus-visible) {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #FFFFFF !important;
}}
/* The main area is only a skip link's target (tabindex -1, set by the document script), never a Tab stop. */
[data-testid="stMain"]:focus, [data-testid="stMain"]:focus-visible {{ outline: none !important; box-shadow: none !important; }}
[data-testid="stExpandSidebarButton"]::after {{
  content: attr(data-aid-label); margin-left: 0.3rem; font-size: 1rem; color: #1A1A1A; }}
[data-testid="stExpandSidebarButton"] {{ width: auto; padding: 0 0.6rem; }}
.st-key-aid_banner p {{ margin: 0; }}
/* The collapsed menu (a phone, or 400 % zoom) is off screen: out of the Tab order and the
   accessibility tree until it is opened. */
[data-testid="stSidebar"][data-collapsed="true"] {{ visibility: hidden; }}
.aid-skip:not(:focus) {{
  position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap;
}}
[data-testid="stSkipToContent"]:focus, .aid-skip:focus {{
  position: fixed; top: 0.5rem; left: 0.5rem; z-index: 1000000; width: auto; height: auto;
  min-height: {TARGET}; padding: 0.6rem 1rem; display: flex; align-items: center;
  background: #FFFFFF; color: #1A1A1A; font-size: 1.1rem; text-decoration: underline;
  clip: auto; clip-path: none; overflow: visible;
}}
"""

# Colour is never the only cue: the chosen option also gets a tick, bold text and a thicker
# border; the current page in the menu a bar at its left edge (Streamlit already bolds it).
_STATE_RULES = """
[data-testid="stButtonGroup"] button[data-selected="true"] { border-width: 2px; font-weight: 700; }
[data-testid="stButtonGroup"] button[data-selected="true"] p { font-weight: 700; }
[data-testid="stButtonGroup"] button[data-selected="true"] p::before { content: "✓" / ""; margin-right: 0.3em; }
[data-testid="stSidebarNavLink"][aria-current="page"] { border-left: 4px solid #262730; }
"""

_CONTRAST_RULES = f"""
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: {MUTED_TEXT} !important; opacity: 1 !important; }}
[data-testid="stButtonGroup"] button[data-selected="true"],
[data-testid="stButtonGroup"] button[data-selected="true"] p {{ color: {SELECTED_TEXT}; }}
"""

# Nothing wider than a phone: words and addresses wrap, tables and code scroll inside themselves.
# Chart toolbars (Show data, Download as PNG, Copy Vega-Lite spec, Fullscreen) are English-only,
# add four Tab stops per chart for switch users, and the numbers are already in text beside it.
# Heading anchor links ("Link to heading") are 16 px, English-only and an extra Tab stop each.
_QUIET_RULES = """
.aid-live { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
[data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stHeaderActionElements"] { display: none !important; }
"""

# Layout stability (CLS): Streamlit's 40 px skeleton of a widget still loading takes no room, and
# what follows it stays unseen until the widget is there, so nothing visible moves when it takes its own height. The same
# rule, and the menu's reserved room, are in the index page serve.py sends (deploy/layout.py), so they
# hold before this style sheet (itself a lazily drawn element) arrives.
_STABLE_RULES = """
[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stSkeleton"]) { display: none; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stSkeleton"]) ~ * { visibility: hidden; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stHtml"]):not(:has(> [data-testid="stHtml"] > :not(script, style, [hidden]))) { display: none; }
[data-testid="stMain"] { scrollbar-gutter: stable; }
[data-testid="stMain"] [data-testid="stElementContainer"].st-key-lang_switch:has(> [data-testid="stSkeleton"]) { display: block; height: 72px; visibility: hidden; }
"""

_PHONE_RULES = """
[data-testid="stMarkdownContainer"] { overflow-wrap: anywhere; }
[data-testid="stMarkdownContainer"] table { display: block; max-width: 100%; overflow-x: auto; }
[data-testid="stTableStyledTable"] { width: 100%; }
[data-testid="stTableStyledTable"] th { color: #31333F; }
[data-testid="stTableStyledTable"] th, [data-testid="stTableStyledTable"] td { overflow-wrap: anywhere; }
[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"] { max-width: 100%; overflow-x: auto; }
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > [data-aid-announce]),
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > [data-aid-skip]) { display: none; }
/* The share box: the whole link, wrapped, and a copy button that is always there. */
.aid-share-url { display: block; font-family: "Source Code Pro", monospace; font-size: 1rem; line-height: 1.5;
  overflow-wrap: anywhere; word-break: break-all; padding: 0.5rem 0.75rem; margin-bottom: 0.5rem;
  background: #F4F4F7; border: 1px solid #6B6B76; border-radius: 0.5rem; color: #1A1A1A; }
.aid-share button { min-height: 44px; min-width: 44px; padding: 0.4rem 1rem; font: inherit; color: #1A1A1A;
  background: #FFFFFF; border: 1px solid #6B6B76; border-radius: 0.5rem; cursor: pointer; }
.aid-share-status { margin-left: 0.75rem; }
/* A component whose script could not be loaded: Streamlit's English error (the file's address, a
   stack trace) gives way to the document script's notice in the reader's language. */
[data-testid="stMain"] .stBidiComponent:not(:has([data-testid="stBidiComponentRegular"], [data-testid="stBidiComponentIsolated"])) > :not(.aid-x-failed) { display: none; }
.aid-x-failed { padding: 0.75rem 1rem; margin: 0.5rem 0; border: 2px solid #8A5300; border-left-width: 0.5rem;
  border-radius: 0.5rem; background: #FFF4E0; color: #1A1A1A; line-height: 1.6; }
/* Start-page cards: the whole card is the link (its title is the link's name) and looks it. */
[class*="st-key-start_card_"] { position: relative; }
[class*="st-key-start_card_"] [data-testid="stElementContainer"] { position: static; }
[class*="st-key-start_card_"] [data-testid="stPageLink-NavLink"]::after {
  content: ""; position: absolute; inset: 0; border-radius: inherit; }
[class*="st-key-start_card_"] [data-testid="stPageLink-NavLink"] p {
  font-size: 1.1rem; text-decoration: underline; text-underline-offset: 0.2em; }
[class*="st-key-start_card_"]:hover { background: #F4F4F7; }
[class*="st-key-start_card_"] a:focus-visible { outline: none !important; box-shadow: none !important; }
[class*="st-key-start_card_"]:has(a:focus-visible) { outline: 3px solid #1A1A1A; outline-offset: 2px; box-shadow: 0 0 0 5px #FFFFFF; }
/* An arm's name breaks before its bracket, not inside a word: 安慰剂组 / （同时服用利鲁唑）. */
.st-key-icon_pair strong { word-break: keep-all; }
/* The two arms' icon arrays (key icon_pair) stay side by side on a phone, shrunk to fit, so they
   can be compared at a glance (Streamlit stacks columns below 640 px); below 361 px they stack. */
@media (max-width: 640px) and (min-width: 361px) {
  .st-key-icon_pair [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; gap: 0.75rem; }
  .st-key-icon_pair [data-testid="stColumn"] { min-width: 0 !important; width: auto !important; flex: 1 1 0 !important; }
  .st-key-icon_pair [data-testid="stVegaLiteChart"] { zoom: 0.74; }
}
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
  [data-testid="stMain"] h2 { font-size: 1.5rem; }
  [data-testid="stMain"] h3 { font-size: 1.25rem; }
  [data-testid="stTableStyledTable"] th, [data-testid="stTableStyledTable"] td { padding: 0.3rem 0.35rem; font-size: 0.875rem; }
}
"""

# Printing from the browser: the content only, charts whole, on plain white. No form controls
# (a printout cannot be clicked; what they chose is in the text), closed sections printed open,
# headings kept with what follows, the two arms' pictures side by side. The main column keeps its
# screen width (46rem, a little over A4's 186 mm): a chart drawn for the screen is then printed at
# the size it was drawn, not squeezed to 5 pt text by a wider print layout.
_PRINT_RULES = """
.print-only, [class*="st-key-print_only"] { display: none; }
@media print {
  @page { margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stSkipToContent"], .aid-skip,
  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"],
  .st-key-lang_switch, .st-key-page_nav, .st-key-clinic_entry, .st-key-clinic_top,
  [data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stPageLink"],
  [data-testid="stRadio"], [data-testid="stCheckbox"], [data-testid="stToggle"], [data-testid="stSlider"],
  [data-testid="stNumberInput"], [data-testid="stTextInput"], [data-testid="stTextArea"],
  [data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stButtonGroup"],
  [data-testid="stWidgetLabel"], .aid-share button, .no-print { display: none !important; }
  .print-only, [class*="st-key-print_only"] { display: block !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {
    position: static !important; height: auto !important; min-height: 0 !important;
    overflow: visible !important; background: #FFFFFF !important;
  }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 46rem !important; padding: 0 !important; }
  details::details-content { content-visibility: visible !important; display: block !important; }
  /* A closed technical note whose contents are built only when opened (ui.page.lazy_expander) has
     nothing to print: left out, not printed as an empty heading. */
  [data-testid="stExpander"]:not(:has([data-testid="stElementContainer"])) { display: none !important; }
  [data-testid="stExpander"] summary svg, [data-testid="stExpander"] summary [data-testid="stIconMaterial"] {
    display: none !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"], [data-testid="stImage"],
  [data-testid="stTable"], [data-testid="stDataFrame"], [data-testid="stMetric"], figure, table,
  svg, canvas, [data-testid="stAlert"], .st-key-icon_pair, .keep-together {
    break-inside: avoid; page-break-inside: avoid;
  }
  h1, h2, h3, h4,
  [data-testid="stElementContainer"]:has(h1, h2, h3, h4, [data-testid="stHeading"]),
  [data-testid="stElementContainer"]:has(+ :is([data-testid="stElementContainer"], [data-testid="stLayoutWrapper"])
    :is([data-testid="stVegaLiteChart"], [data-testid="stTable"])) {
    break-after: avoid; page-break-after: avoid;  /* a heading, and the line just before a chart, stay with it */
  }
  /* Streamlit's own print style stacks columns that hold a chart: not these two. */
  .st-key-icon_pair [data-testid="stHorizontalBlock"] { display: flex !important; flex-wrap: nowrap !important; }
  .st-key-icon_pair [data-testid="stColumn"] { min-width: 0 !important; width: auto !important; flex: 1 1 0 !important; }
  .st-key-icon_pair [data-testid="stVegaLiteChart"] { zoom: 1 !important; }
  a { color: #1A1A1A !important; }
}
"""

# Clinic mode: a screen across the room. The menu is hidden by the frame; type and targets grow.
_CLINIC_RULES = """
/* No menu here: give back the room deploy/layout.py keeps for it until it is drawn. */
[data-testid="stAppViewContainer"] > div:has(> [data-testid="stMain"]) { margin-left: 0 !important; }
[data-testid="stMainBlockContainer"] { max-width: 1200px; padding-top: 1rem; padding-bottom: 2rem; }
/* A wide screen takes the picture and its words side by side (app_pages/clinic.py), so a
   slide fits 1920 x 1080 without scrolling. */
@media (min-width: 1500px) { [data-testid="stMainBlockContainer"] { max-width: 1800px; } }
[data-testid="stMain"] h1 { padding-top: 0.25rem; padding-bottom: 0.25rem; }
[data-testid="stMain"] button { min-height: 64px; font-size: 1.3rem; }
[data-testid="stMain"] button p { font-size: 1.3rem; }
@media (min-width: 700px) {
  [data-testid="stMain"] { font-size: 1.3rem; }
  [data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td, [data-testid="stMain"] th {
    font-size: 1.4rem; line-height: 1.5;
  }
  [data-testid="stMain"] h1 { font-size: 2.6rem; }
  [data-testid="stMain"] h2 { font-size: 2rem; }
}
@media (max-width: 699px) {
  [data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.15rem; }
}
/* Icon arrays have a fixed size, so they can be enlarged whole (icons too). Charts that fill
   the width are drawn larger by their builder instead: zoom would cut them off. */
@media (min-width: 900px) {
  .st-key-clinic_icons [data-testid="stVegaLiteChart"] { zoom: 1.7; }
}
"""

# Lines (issue 13): headings balanced, paragraphs and list items without a one-character (or one-word)
# last line where the browser can avoid it. Names and numbers are kept whole by the document
# script's word joiners.
_LINE_RULES = """
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stMain"] h4, [data-testid="stSidebar"] h1 { text-wrap: balance; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td,
[data-testid="stMain"] th, [data-testid="stMain"] summary { text-wrap: pretty; }
"""

# Chinese quotation marks drawn by a Chinese font (issue 13): Streamlit's Latin font has narrow “ ”,
# which in a Chinese sentence look like English quotes. Only those characters are taken from a
# Chinese font installed on the reader's device (local(): no download, nothing leaves the device);
# where none of these is installed the page looks as before.
_QUOTE_FONTS = {  # per script: the Traditional faces centre the marks, as Taiwanese type does
    "SC": (
        (
            "100 599",
            (
                "Noto Sans CJK SC",
                "NotoSansCJKsc-Regular",
                "Source Han Sans SC",
                "PingFangSC-Regular",
                "Microsoft YaHei",
                "Hiragino Sans GB",
            ),
        ),
        (
            "600 900",
            (
                "Noto Sans CJK SC Bold",
                "NotoSansCJKsc-Bold",
                "Source Han Sans SC Bold",
                "PingFangSC-Semibold",
                "Microsoft YaHei Bold",
                "Hiragino Sans GB W6",
            ),
        ),
    ),
    "TC": (
        (
            "100 599",
            (
                "Noto Sans CJK TC",
                "NotoSansCJKtc-Regular",
                "Source Han Sans TC",
                "PingFangTC-Regular",
                "Microsoft JhengHei",
            ),
        ),
        (
            "600 900",
            (
                "Noto Sans CJK TC Bold",
                "NotoSansCJKtc-Bold",
                "Source Han Sans TC Bold",
                "PingFangTC-Semibold",
                "Microsoft JhengHei Bold",
            ),
        ),
    ),
}
_QUOTED = ':is([data-testid="stMain"], [data-testid="stSidebar"]) :is(p, li, h1, h2, h3, h4, h5, td, th, summary, label, strong, em, a):not(svg *)'
_QUOTE_RULES = "".join(
    f'@font-face {{ font-family: "Aid CJK quotes {script}"; font-weight: {weight}; src: '
    + ", ".join(f'local("{name}")' for name in names)
    + "; unicode-range: U+2018-2019, U+201C-201D, U+2026; }\n"
    for script, faces in _QUOTE_FONTS.items()
    for weight, names in faces
) + (
    f':lang(zh) {_QUOTED} {{ font-family: "Aid CJK quotes SC", "Source Sans", sans-serif; }}\n'
    f':lang(zh-Hant) {_QUOTED} {{ font-family: "Aid CJK quotes TC", "Source Sans", sans-serif; }}\n'
)

STYLE = (
    _LINE_RULES
    + _QUOTE_RULES
    + _TARGET_RULES
    + _FOCUS_RULES
    + _STATE_RULES
    + _CONTRAST_RULES
    + _QUIET_RULES
    + _STABLE_RULES
    + _PHONE_RULES
    + _PRINT_RULES
)
CLINIC_STYLE = _CLINIC_RULES


def css(clinic: bool = False) -> str:
    return STYLE + (CLINIC_STYLE if clinic else "")


def inject_style(clinic: bool = False) -> None:
    """The style sheet, once per run (style-only st.html takes no room on the page)."""
    st.html(f"<style>{css(clinic)}</style>")


def skip_target(label: str) -> None:
    """Mark the page's main controls: the document script adds a second skip link, labelled
    ``label`` (already in the page's language), that puts focus on the first control after here."""
    st.html(f'<div hidden data-aid-skip="{html.escape(label, quote=True)}"></div>')


def share_box(url: str, lang: str) -> None:
    """A link to copy: shown whole (wrapped, so a phone shows the level at its end), with a copy
    button that is always visible, in the page's language (Streamlit's code box has a hover-only
    "Copy to clipboard", in English). The document script does the copying."""
    _ = gettext_for(lang, DOMAIN)
    words = {
        "button": _("Copy the link"),
        "copied": _("The link is copied."),
        "failed": _("The link could not be copied: press and hold it to copy it."),
    }
    safe = {name: html.escape(text, quote=True) for name, text in {**words, "url": url}.items()}
    st.html(
        f'<div class="aid-share"><a class="aid-share-url" href="{safe["url"]}">{safe["url"]}</a>'
        f'<button type="button" data-aid-copy="{safe["url"]}" data-aid-copied="{safe["copied"]}"'
        f' data-aid-failed="{safe["failed"]}">{safe["button"]}</button>'
        '<span class="aid-share-status" role="status"></span></div>'
    )


def _builtin_labels(lang: str) -> dict[str, str]:
    """Streamlit's own English accessible names, in the reader's language (empty for English)."""
    _ = gettext_for(lang, DOMAIN)
    labels = {
        "Skip to main content": _("Skip to main content"),
        "App pages": _("App pages"),
        "Sidebar": _("Sidebar"),
        "Collapse sidebar": _("Collapse sidebar"),
        "Expand sidebar": _("Expand sidebar"),
        "Decrement": _("Decrement"),
        "Increment": _("Increment"),
        "Close": _("Close"),
    }
    return {en: there for en, there in labels.items() if en != there}


def _builtin_texts(lang: str) -> tuple[dict[str, str], list[list[str]]]:
    """Streamlit's own visible messages a visitor can meet (a lost connection, an address that is
    not a page, the running indicator), in the reader's language and in plain words: for English
    too, since "restart it in your terminal: streamlit run yourscript.py" is meant for developers.

    Returns exact texts and [prefix, text] pairs (for messages that carry the address)."""
    _ = gettext_for(lang, DOMAIN)
    lost = _(
        "The aid's server is not answering. It keeps trying to reconnect by itself; check your "
        "internet connection, or reload the page in a minute."
    )
    not_a_page = _("This address is not a page of the aid, so the start page is shown instead.")
    exact = {
        "Connection error": _("Connection lost"),
        "Streamlit server is not responding. Are you connected to the internet?": lost,
        "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:": lost,
        "streamlit run yourscript.py": "",
        "Page not found": _("Page not found"),
        "Running...": _("Working…"),
        "Stop": _("Stop"),
        "Connecting": _("Connecting"),
        "Please wait...": _("Please wait…"),
    }
    prefixes = [
        ["You have requested page /", not_a_page],
        ["The page that you have requested does not seem to exist", not_a_page],
        [
            "Cannot connect to Streamlit",
            _(
                "The aid's server refused the connection. Reload the page; if this keeps happening, tell the people who run this site."
            ),
        ],
    ]
    return exact, prefixes


def document_script(lang: str) -> str:
    """Set <html lang>, and keep it set: Streamlit's page shell says lang="en" and may re-render.

    Also puts Streamlit's built-in English texts that a screen reader or keyboard user meets (the
    "Skip to main content" link, the menu's and number box's accessible names, "Help for ...")
    into the reader's language, including on elements drawn later.
    """
    _ = gettext_for(lang, DOMAIN)
    settings = json.dumps(
        {
            "lang": HTML_LANG[lang],
            "skip": _("Skip to main content"),
            "labels": _builtin_labels(lang),
            "help": _("Help for {label}") if lang != SOURCE_LANGUAGE else "",
            "downloading": _("The file is downloading."),
            "texts": _builtin_texts(lang)[0],
            "prefixes": _builtin_texts(lang)[1],
            "keep": list(unbreakable(lang)),
            "join": language(lang).join_lines,
            "names": {LANGUAGE_NAMES[code]: HTML_LANG[code] for code in LANGUAGE_NAMES},
            "menu": _("Menu"),
            "explorerFailed": _(
                "The part of this page that shows the result for your level could not be loaded. Reload "
                "the page to try again. You can still type a level in the box above, and the take-home "
                "handout (in the menu) can include the result for that level."
            ),
        },
        ensure_ascii=False,
    ).replace("<", "\\u003c")  # tag-like text inside a script makes Streamlit drop it
    return f"""<script>
(() => {{
  window.__aidDocument = {settings};
  const root = document.documentElement;
  // Vega names legends, titles and axes itself, in English ("Symbol legend for ...", "Title text
  // ..."). Every chart already has its description as its name and its numbers in the text, so
  // these inner names are hidden rather than read out in the wrong language.
  const vegaAuto = /^(Symbol legend|Gradient legend|Discrete legend|Title text|[XY]-axis)/;
  const relabel = (el) => {{
    const now = window.__aidDocument;
    const label = el.getAttribute("aria-label");
    if (!label) return;
    if (vegaAuto.test(label) && el.closest('[data-testid="stVegaLiteChart"] svg')) {{
      el.removeAttribute("aria-label");
      el.removeAttribute("aria-roledescription");
      el.setAttribute("aria-hidden", "true");
      return;
    }}
    // Translated from Streamlit's own English name, kept aside (data-aid-en): after a switch of
    // language the sidebar is not drawn again, and its names would stay in the language before.
    let original = el.getAttribute("data-aid-en");
    if (original === null || label !== el.getAttribute("data-aid-said")) {{
      original = label;  // first seen, or Streamlit has named it anew
      el.setAttribute("data-aid-en", original);
    }}
    let said = now.labels[original] || original;
    if (now.help && original.startsWith("Help for ")) said = now.help.replace("{{label}}", original.slice(9));
    if (el.getAttribute("data-aid-said") !== said) el.setAttribute("data-aid-said", said);
    if (label !== said) el.setAttribute("aria-label", said);
  }};
  // A page's main controls (ui.access.skip_target leaves a hidden marker before them) get a
  // second skip link, right after Streamlit's: Tab, Tab, Enter puts focus on the first of them.
  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary';
  const marker = () => [...document.querySelectorAll("[data-aid-skip]")].find((m) => !m.closest('[data-stale="true"]'));
  const goSkip = (event) => {{
    event.preventDefault();
    const from = marker();
    const main = document.querySelector('[data-testid="stMain"]');
    if (!from || !main) return;
    let target = [...main.querySelectorAll(FOCUSABLE)].find((el) =>
      (from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) && el.getClientRects().length);
    if (target && target.type === "radio") {{  // a radio group is entered at its chosen option
      const group = target.closest('[role="radiogroup"]');
      target = (group && group.querySelector("input:checked")) || target;
    }}
    if (target) {{ target.focus(); target.scrollIntoView({{ block: "center" }}); }}
  }};
  const placeSkip = (now, skip) => {{
    const from = marker();
    let link = document.getElementById("aid-skip");
    if (!from) {{ if (link && !link.hidden) link.hidden = true; return; }}
    if (!link) {{
      link = document.createElement("a");
      link.id = "aid-skip"; link.className = "aid-skip"; link.href = "#";
      link.addEventListener("click", goSkip);
    }}
    if (skip && link.previousElementSibling !== skip) skip.after(link);
    else if (!skip && !link.isConnected) document.body.prepend(link);
    const label = from.getAttribute("data-aid-skip");
    if (link.textContent !== label) link.textContent = label;
    if (link.hidden) link.hidden = false;
    if (link.lang !== now.lang) link.lang = now.lang;
  }};
  const JOIN = "\\u2060";
  const joined = new WeakMap();
  let keepRe = null, keepLang = null;
  // An address (a source's link) keeps its own break chances: joined, it could not wrap at all.
  const join = (text) => text.split(/(https?:\\/\\/\\S+)/).map((part, i) => (i % 2 ? part : joinPart(part))).join("");
  const joinPart = (text) => {{
    let out = text;
    if (keepRe) out = out.replace(keepRe, (name) => [...name].join(JOIN));
    return out
      .replace(/([0-9]\\u6708)(?=[0-9]+\\u65e5)/g, "$1" + JOIN)
      .replace(/([0-9])([\\u2013\\uff5e~])(?=[0-9])/g, "$1" + JOIN + "$2" + JOIN)
      .replace(/([0-9]) (?=(?:pg\\/mL|MIU|IU|mL|mg|months?|weeks?|days?|years?)(?![A-Za-z]))/g, "$1\\u00a0")
      .replace(/([0-9]\\u2060?[\\u4e2a\\u500b])(?=\\u6708)/g, "$1" + JOIN)
      .replace(/([A-Za-z0-9])([-/])(?=[A-Za-z0-9])/g, "$1$2" + JOIN)
      .replace(/([0-9])(?=[%\\u3400-\\u9fff])/g, "$1" + JOIN);
  }};
  const joinText = (now) => {{
    if (keepLang !== now.lang) {{
      keepLang = now.lang;
      const names = (now.keep || []).map((n) => n.replace(/[.*+?^${{}}()|[\\]\\\\]/g, "\\\\$&"));
      keepRe = names.length ? new RegExp(names.join("|"), "g") : null;
    }}
    // The clinic view's tables, in type for across a room, need every break chance to fit the
    // screen: their cells are left as they are.
    const skip = document.querySelector(".st-key-clinic_top") ? ', [data-testid="stTable"]' : "";
    document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]').forEach((scope) => {{
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
        const value = node.nodeValue;
        if (joined.get(node) === value || !/[0-9A-Za-z\\u3400-\\u9fff]/.test(value)) continue;
        const parent = node.parentElement;
        // Controls keep their names as typed (a button or option is one short line anyway, and its
        // name is what a screen reader and a switch user's scanning read).
        if (!parent || parent.closest('svg, script, style, textarea, [contenteditable], code, pre, .aid-share, button, label, [role="radio"], [role="button"], [role="tab"]' + skip)) {{
          joined.set(node, value);
          continue;
        }}
        // A short label alone in a table cell (可信程度, 多来源) is kept whole too: in a narrow column
        // it would otherwise stand one character a line.
        const cell = parent.closest("td, th");
        const bare = value.replace(/\\u2060/g, "").trim();
        const label = cell && 6 >= bare.length && /[\\u3400-\\u9fff]/.test(bare)
          && cell.textContent.replace(/\\u2060/g, "").trim() === bare;
        let to = label ? [...bare].join(JOIN) : join(value);
        // The last two Chinese characters of a heading, paragraph or cell stay together, so no
        // line holds one character alone (a typesetter's rule; punctuation after them is glued anyway).
        const block = parent.closest("p, li, td, th, h1, h2, h3, h4, summary");
        if (!label && block && block.textContent.replace(/\\u2060/g, "").trimEnd().endsWith(value.replace(/\\u2060/g, "").trimEnd())) {{
          to = to.replace(/([\\u3400-\\u9fff])([\\u3400-\\u9fff][^\\u3400-\\u9fff]*)$/, "$1" + JOIN + "$2");
        }}
        if (to !== value) node.nodeValue = to;
        joined.set(node, to);
      }}
    }});
  }};
  const apply = () => {{
    const now = window.__aidDocument;
    if (root.lang !== now.lang) root.lang = now.lang;
    const skip = document.querySelector('[data-testid="stSkipToContent"]');
    if (skip && skip.textContent !== now.skip) {{ skip.textContent = now.skip; skip.lang = now.lang; }}
    // The main area is the skip link's target; as a Tab stop (Streamlit gives it tabindex 0) it is
    // invisible, one wasted press on every page.
    const main = document.querySelector('[data-testid="stMain"]');
    if (main && main.getAttribute("tabindex") !== "-1") main.setAttribute("tabindex", "-1");
    placeSkip(now, skip);
    document.querySelectorAll("[aria-label]").forEach(relabel);
    // Names and numbers kept on one line (issue 13): a word joiner (U+2060: invisible, silent, no
    // width) inside each name the glossary keeps whole (利鲁唑, 神经丝重链), after a hyphen or slash
    // inside a Latin name (IL-2LD, CSF-pNFH, pg/mL), around a range's dash, and between a number and the
    // Chinese character after it ("21个月", "4例", a date's "5月9日", which may break after its 年); a no-break space between a number and its unit
    // ("2000 pg/mL": a word joiner beside a space does not stop Chrome breaking there). Only the text nodes' values
    // change (React keeps its nodes), once per value, so a rerun's new text is joined again.
    if (now.join) joinText(now);
    // Each language's name in the switch is in its own language (English · 简体中文 · 繁體中文), so a
    // screen reader reads it with that language's voice.
    document.querySelectorAll('[data-testid="stButtonGroup"] button').forEach((button) => {{
      const name = button.textContent.replace(/\\u2060/g, "").trim();
      if (Object.prototype.hasOwnProperty.call(now.names || {{}}, name) && button.lang !== now.names[name]) {{
        button.lang = now.names[name];
      }}
    }});
    // A chart is one item for a screen reader, named by its description on its container (its
    // numbers are in the text): Vega's drawing inside it is hidden, or it is read as "graphics-
    // document", "group mark container" (English, on every page) after the description.
    document.querySelectorAll('[data-testid="stVegaLiteChart"] svg:not([aria-hidden])').forEach((svg) => {{
      svg.setAttribute("aria-hidden", "true");
    }});
    // The slider's input is named twice (its aria-label, then an aria-labelledby that lists the
    // input itself and the group): "level level, slider". Its own label is enough.
    document.querySelectorAll('input[type="range"][aria-label][aria-labelledby]').forEach((input) => {{
      if (input.getAttribute("aria-labelledby").split(" ").includes(input.id)) input.removeAttribute("aria-labelledby");
    }});
    // The reader's choices, kept for a reconnect in this tab's session cookie (ui/resume.py).
    const kept = [...document.querySelectorAll("[data-aid-state]")]
      .sort((a, b) => Number(a.getAttribute("data-aid-seq")) - Number(b.getAttribute("data-aid-seq"))).pop();
    if (kept) {{
      const name = kept.getAttribute("data-aid-state"), value = kept.getAttribute("data-aid-value") || "";
      if (/^aid_[0-9a-f]{{16}}$/.test(name) && /^[a-z0-9=&]*$/.test(value) && window.__aidKept !== name + value) {{
        window.__aidKept = name + value;
        const secure = location.protocol === "https:" ? "; Secure" : "";
        document.cookie = name + "=" + value + "; path=/; SameSite=Strict" + secure;
      }}
    }}
    // Streamlit's own messages (connection lost, page not found, the running indicator).
    document.querySelectorAll('[role="dialog"], [data-testid="stStatusWidget"], [data-testid="stToast"]')
      .forEach((scope) => {{
        const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
          const text = node.nodeValue.trim();
          if (!text) continue;
          let to = Object.prototype.hasOwnProperty.call(now.texts, text) ? now.texts[text] : undefined;
          if (to === undefined) {{
            const hit = now.prefixes.find(([prefix]) => text.startsWith(prefix));
            if (hit) to = hit[1];
          }}
          if (to !== undefined && to !== text) {{
            node.nodeValue = to;
            if (node.parentElement) node.parentElement.lang = now.lang;
          }}
        }}
      }});
    // The level explorer (ui/explorer.py) is a component whose script is a file of its own. If that
    // file cannot be loaded (a proxy that refuses /_stcore/bidi-components/, a dropped download),
    // Streamlit draws, in the component's place, its own English error with the file's address and
    // a stack trace. The style sheet hides that; this says in the reader's words what is missing
    // and what still works. It goes when the component is drawn after all (a later rerun).
    const broken = [...document.querySelectorAll('[data-testid="stMain"] .stBidiComponent')].filter(
      (c) => !c.querySelector('[data-testid="stBidiComponentRegular"], [data-testid="stBidiComponentIsolated"]'));
    let notice = document.getElementById("aid-x-failed");
    if (broken.length && now.explorerFailed) {{
      if (!notice) {{
        notice = document.createElement("div");
        notice.id = "aid-x-failed"; notice.className = "aid-x-failed";
        notice.setAttribute("role", "alert");
      }}
      const host = broken[broken.length - 1];  // the lowest: the answer's place, below the controls
      if (notice.parentElement !== host) host.appendChild(notice);
      if (notice.textContent !== now.explorerFailed) notice.textContent = now.explorerFailed;
      if (notice.lang !== now.lang) notice.lang = now.lang;
    }} else if (notice) notice.remove();
    // The phone's menu button is an unlabelled arrow: it says "Menu" (the style sheet shows the
    // word beside the arrow), and its accessible name is the same word.
    const opener = document.querySelector('[data-testid="stExpandSidebarButton"]');
    if (opener && opener.getAttribute("data-aid-label") !== now.menu) {{
      opener.setAttribute("data-aid-label", now.menu);
      opener.setAttribute("aria-label", now.menu);
    }}
  }};
  apply();
  // The polite live region (ui.announce writes into it), outside React so reruns keep it: a
  // region must exist before its text changes for a screen reader to announce the change.
  if (!document.getElementById("aid-live")) {{
    const region = document.createElement("div");
    region.id = "aid-live"; region.className = "aid-live";
    region.setAttribute("role", "status"); region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    document.body.appendChild(region);
  }}
  // After a download button is pressed, focus falls to the page body: put it back on
  // the button (found again by its key) for a moment, and say that the file is coming.
  if (!window.__aidDownloads) {{
    window.__aidDownloads = true;
    document.addEventListener("click", (event) => {{
      const button = event.target.closest && event.target.closest('[data-testid="stDownloadButton"] button');
      if (!button) return;
      const holder = button.closest('[class*="st-key-"]');
      const key = holder && [...holder.classList].find((c) => c.startsWith("st-key-"));
      const restore = (tries) => {{
        const again = key ? document.querySelector("." + key + " button") : button;
        const active = document.activeElement;
        if (again && (!active || active === document.body || !document.contains(active))) again.focus();
        if (tries > 0) setTimeout(() => restore(tries - 1), 250);
      }};
      setTimeout(() => restore(12), 50);
      const region = document.getElementById("aid-live");
      if (region) {{
        region.textContent = "";
        setTimeout(() => {{ region.textContent = window.__aidDocument.downloading; }}, 150);
      }}
    }}, true);
  }}
  // The share box's copy button (ui.access.share_box): the clipboard where the browser allows it,
  // otherwise the link is selected; either way the result is said in the box's status line.
  if (!window.__aidCopy) {{
    window.__aidCopy = true;
    document.addEventListener("click", (event) => {{
      const button = event.target.closest && event.target.closest("[data-aid-copy]");
      if (!button) return;
      const box = button.closest(".aid-share");
      const status = box && box.querySelector(".aid-share-status");
      const report = (ok) => {{
        if (!status) return;
        status.textContent = "";
        setTimeout(() => {{ status.textContent = button.getAttribute(ok ? "data-aid-copied" : "data-aid-failed"); }}, 100);
      }};
      const select = () => {{
        const url = box && box.querySelector(".aid-share-url");
        let ok = false;
        if (url) {{
          const range = document.createRange();
          range.selectNodeContents(url);
          const selection = window.getSelection();
          selection.removeAllRanges(); selection.addRange(range);
          try {{ ok = document.execCommand("copy"); }} catch (e) {{ ok = false; }}
        }}
        report(ok);
      }};
      const text = button.getAttribute("data-aid-copy");
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(() => report(true), select);
      else select();
    }});
  }}
  // Opening the menu (a phone, or a collapsed sidebar) leaves focus on the menu button, after the
  // menu in the page's order: the next Tab would go past it. Focus moves into the opened menu.
  if (!window.__aidMenu) {{
    window.__aidMenu = true;
    document.addEventListener("click", (event) => {{
      if (!(event.target.closest && event.target.closest('[data-testid="stExpandSidebarButton"]'))) return;
      const into = (tries) => {{
        const menu = document.querySelector('[data-testid="stSidebar"][data-collapsed="false"]');
        const first = menu && menu.querySelector("a[href], button");
        if (first && first.getBoundingClientRect().left >= 0) first.focus();  // slid in
        else if (tries > 0) setTimeout(() => into(tries - 1), 50);
      }};
      setTimeout(() => into(40), 50);
    }}, true);
  }}
  if (!window.__aidObserver) {{
    // One callback per batch of DOM changes (after each React commit or Vega redraw).
    window.__aidObserver = new MutationObserver(apply);
    window.__aidObserver.observe(root, {{ attributes: true, attributeFilter: ["lang"] }});
    window.__aidObserver.observe(document.body, {{ childList: true, subtree: true, characterData: true }});
  }}
}})();
</script>"""


def set_document(lang: str) -> None:
    st.html(document_script(lang), unsafe_allow_javascript=True)

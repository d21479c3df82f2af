"""Take-home handout: choose the language(s), the scenario and the paper; preview; download."""

from __future__ import annotations

import streamlit as st

from content.facts import format_number
from content.i18n import LANGUAGE_NAMES, PAIRS, gettext_for, language, shared_country_sections
from handout import LANG_OPTIONS, PAPER_OPTIONS, build_pdf, check_pnfh, filename
from handout.document import Bullets, Para, Terms, WriteSpace, build_document
from model.benefit import INPUT_MAX, INPUT_MIN
from ui import access, reveal
from ui.page import BM_LEVEL_KEY, current_lang, page_heading
from views import decision

# The biomarker page keeps the level a reader chose under this session key (pg/mL), and the
# reader's choice to see survival numbers (the right not to know) under the other.
BIOMARKER_PNFH_KEY = BM_LEVEL_KEY
SHOW_NUMBERS_KEY = reveal.SHOW
# The options page keeps the person's values and questions under these keys (session only).
VALUES_KEY = "decision_values"
QUESTIONS_KEY = "decision_questions"

lang = current_lang()
_ = gettext_for(lang, "handout")
page_heading("handout")


@st.cache_data(max_entries=64, show_spinner=False)
def pdf_bytes(choice: str, pnfh: float | None, paper: str) -> bytes:
    """Built once per language, level and paper for every visitor (no personal data is kept:
    a level is just a number, and the cache holds no name)."""
    return build_pdf(choice, pnfh, paper)


@st.cache_data(max_entries=64, show_spinner=False)
def preview(choice: str, pnfh: float | None) -> list[tuple[str, str, list[str]]]:
    """Section keys, titles and the first key sentence of each, in the chosen language(s)."""
    codes = PAIRS.get(choice, (choice,))
    docs = [build_document(code, pnfh, countries=shared_country_sections(codes)) for code in codes]
    out = []
    for sections in zip(*(d.sections for d in docs), strict=False):
        lines = [_first_line(section, doc.lang) for section, doc in zip(sections, docs, strict=False)]
        out.append((sections[0].key, " · ".join(s.title for s in sections), [line for line in lines if line]))
    return out


def _first_line(section, code: str) -> str:
    for block in section.blocks:
        if isinstance(block, Para) and block.tone != "note":
            return block.text
        if isinstance(block, Bullets):
            return block.items[0]
        if isinstance(block, WriteSpace):
            return block.prompt
        if isinstance(block, Terms):
            return language(code).list_sep.join(term for term, _definition in block.items)
    return ""


_SCENARIO_KEY = "scenario"  # the model's scenario section (handout.document.build_document)


def _url_pnfh() -> tuple[float | None, bool]:
    """The level in ?pnfh=, and whether the address had one that could not be used."""
    raw = st.query_params.get_all("pnfh")
    if not raw:
        return None, False
    try:
        return check_pnfh(raw[-1]), False
    except ValueError:
        return None, True


st.markdown(
    _(
        "Make a PDF to print or share: the trial's main results, side effects, questions to ask "
        "your care team and space for your own notes. It gives information, not advice."
    )
)

# Printing this page (the browser's Print) gives the form's summary, not the handout: say so on paper.
with st.container(key="print_only_handout"):
    st.markdown(
        _(
            "**To print the handout itself**, open this page, press “Download the handout (PDF)” and "
            "print the PDF file. This printout only lists what the handout will contain."
        )
    )

url_level, url_bad = _url_pnfh()
low, high = INPUT_MIN, INPUT_MAX
if url_bad:
    st.warning(
        _(
            "The CSF-pNFH level in the address could not be used. Enter a number from {low} to "
            "{high} pg/mL below, or leave the scenario out."
        ).format(low=format_number(low, 0, lang), high=format_number(high, 0, lang)),
        icon=":material/warning:",
    )

session_level = st.session_state.get(BIOMARKER_PNFH_KEY)
try:
    session_level = check_pnfh(session_level) if session_level is not None else None
except ValueError:
    session_level = None
known_level = url_level if url_level is not None else session_level

# Each language in its own name; each pair as "side by side (English · 简体中文)".
choice_names = {
    **LANGUAGE_NAMES,
    **{
        pair: _("Side by side ({languages})").format(languages=" · ".join(LANGUAGE_NAMES[c] for c in codes))
        for pair, codes in PAIRS.items()
    },
}
choice = st.radio(
    _("Language of the handout"),
    options=list(LANG_OPTIONS),
    index=list(LANG_OPTIONS).index(lang),
    format_func=choice_names.__getitem__,
    key="handout_lang",
)

include = st.checkbox(
    _("Include what a CSF-pNFH level might mean (the model's scenario)"),
    value=url_level is not None,
    key="handout_include_pnfh",
)
pnfh: float | None = None
if include:
    # Shown as text, not a hover tooltip: touch, switch and eye-gaze users cannot hover.
    st.markdown(_("The level comes from the page “What a CSF-pNFH level might mean” or from the address."))
    # No min_value / max_value: the browser would refuse an out-of-range number with Streamlit's
    # English "!" and keep it in the box while the PDF used another level. The page checks it.
    pnfh = st.number_input(
        _("CSF-pNFH level (pg/mL)"),
        value=float(known_level) if known_level is not None else None,
        placeholder=_("Type the level"),
        step=100.0,
        format="%.0f",
        key="handout_pnfh",
    )
    try:
        pnfh = check_pnfh(float(pnfh)) if pnfh is not None else None
    except ValueError:
        st.warning(
            _(
                "{value} pg/mL is not a level this aid can use (it must be from {low} to {high} pg/mL), "
                "so the handout leaves the scenario out."
            ).format(
                value=format_number(float(pnfh), 0, lang),
                low=format_number(low, 0, lang),
                high=format_number(high, 0, lang),
            ),
            icon=":material/warning:",
        )
        pnfh = None

paper_names = {"a4": _("A4"), "letter": _("US Letter (for North America only)")}
paper = st.radio(
    _("Paper size"),
    options=list(PAPER_OPTIONS),
    format_func=paper_names.__getitem__,
    horizontal=True,
    key="handout_paper",
)

# The person's own values and questions (from the options page), printed only if they wish.
choices = decision.clean_choices(st.session_state.get(VALUES_KEY), st.session_state.get(QUESTIONS_KEY))
words = decision.handout_page_texts(lang, choices)
if choices:
    with st.container(border=True):
        include_choices = st.checkbox(words["include"], value=True, key="handout_include_choices")
        st.caption(words["private"])
    if not include_choices:
        choices = decision.Choices()
else:
    st.markdown(words["none"])

st.header(_("What will be in it"), anchor=False)
# The right not to know: the scenario's numbers appear in the preview only once the reader has
# chosen to see survival numbers (here or on the biomarker page).
for number, (key, title, lines) in enumerate(preview(choice, pnfh), start=1):
    st.markdown(f"**{number}. {title}**")
    if key == _SCENARIO_KEY and pnfh is not None:
        # The same choice as on every page: asked here too, kept for the visit, can be undone.
        hidden_text = _(
            "The survival numbers for this level are in the handout. They stay hidden here until you "
            "choose to see them."
        )
        if not reveal.gate(hidden_text, show_key="handout_reveal", hide_key="handout_hide"):
            continue
    for line in lines:
        st.caption(line)


# run_every: Streamlit's browser side reruns the page after a reconnect only when a fragment on it
# reruns on a timer; otherwise, after a restart or a replica failover, it keeps showing a button
# whose file was in the lost session (the download silently fails). The hourly rerun itself is
# cheap (the PDF is cached, unless it holds the person's own answers).
@st.fragment(run_every=3600)
def export_panel(choice: str, pnfh: float | None, paper: str, choices: decision.Choices) -> None:
    """The download, in a fragment so clicking it does not redraw the page. The PDF's bytes are
    handed over with the page, not a callable: a deferred download is refused once the session
    has changed (a restart or a replica failover). Built once per choice and cached, unless it
    holds the person's own values and questions: those are never cached."""
    st.download_button(
        _("Download the handout (PDF)"),
        data=build_pdf(choice, pnfh, paper, choices) if choices else pdf_bytes(choice, pnfh, paper),
        file_name=filename(choice, pnfh, paper),
        mime="application/pdf",
        icon=":material/download:",
        type="primary",
        on_click="ignore",
        key="handout_download",
    )


access.skip_target(_("Skip to the download button"))
export_panel(choice, pnfh, paper, choices)

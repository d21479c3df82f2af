"""The decision the aid supports, the options side by side, access, and the person's own choices.

One place for all of it, so the start page, the results page, the options page and the handout
can never say different things (issue 12): the access statement is one prose document shown
verbatim everywhere; the options table is built here, per language, as plain rows that the page
draws as an HTML table and the handout draws in the PDF. No Streamlit here.

The values exercise and the question list are defined here too, with ``clean_choices`` to check
what a session hands in (unknown keys are dropped, never echoed). Choices are plain data: they are
passed from the session to the handout builder and never written anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from content.facts import format_fact, registry
from content.glossary import keep_whole
from content.i18n import gettext_for, language
from content.prose import render, render_template
from content.site import N_
from model.counts import people_out_of

DOMAIN = "decision"

# ---------------------------------------------------------------- prose shared by page and handout
PROSE = {
    "decisions": "decision/decisions",
    "access": "decision/access",
    "topline": "decision/topline",
    "living": "decision/living",
    "harms": "decision/harms",
    "lumbar_puncture": "decision/lumbar_puncture",
    "china": "decision/china",
    "taiwan": "decision/taiwan",
}


def text(name: str, lang: str) -> str:
    """One of the shared documents (Markdown), figures filled from the registry."""
    return render(PROSE[name], lang)


def access_statement(lang: str) -> str:
    """The one statement on getting IL-2LD (Markdown bullets). Every place that talks about access
    shows exactly this text."""
    return text("access", lang)


_LINK = r"\[([^\]]+)\]\(https?://([^)/]+)/?\)"


def plain(markdown: str, print_links: bool = False) -> str:
    """Markdown emphasis and links dropped, for comparing texts. ``print_links``: for paper, a
    link keeps its address ("registry (www.chictr.org.cn)"), merged into a bracket that follows
    it ("registry (ChiCTR, www.chictr.org.cn)"), since nobody can click on paper."""
    if print_links:
        markdown = re.sub(_LINK + r"（([^）]+)）", r"\1（\3，\2）", markdown)
        markdown = re.sub(_LINK + r" \(([^)]+)\)", r"\1 (\3, \2)", markdown)

        def keep(match: re.Match) -> str:
            text, host = match.group(1), match.group(2)
            if host.lower().removeprefix("www.") in text.lower():
                return text
            cjk = re.search(r"[\u4e00-\u9fff]", text)
            return f"{text}（{host}）" if cjk else f"{text} ({host})"

        markdown = re.sub(_LINK, keep, markdown)
    markdown = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"\*\*(.+?)\*\*", r"\1", markdown).strip()


def access_items(lang: str) -> tuple[str, ...]:
    """The access statement as plain bullet items (the handout prints these)."""
    return tuple(plain(line[2:]) for line in access_statement(lang).splitlines() if line.startswith("- "))


# ---------------------------------------------------------------- the options side by side
# Each row: a question people ask, then what is known for each option. The cells are gettext
# messages whose figures are {placeholders} from the registry (plus the trial's people out of 100).
HEADERS = (
    N_("What people ask"),
    N_("Going on with riluzole alone"),
    N_("Asking about IL-2LD in a trial or an access scheme"),
)

ROWS: tuple[tuple[str, str, str, str], ...] = (
    (
        "survival",
        N_("How long did people live?"),
        N_(
            "In MIROCALS everyone took riluzole. Out of {denominator} people who had riluzole and a "
            "placebo, about {placebo_alive} were alive after {endpoint_months} months. Riluzole "
            "itself helps people live about {riluzole_gain_months} months longer on average."
        ),
        N_(
            "Out of {denominator} people who had IL-2LD added, about {il2_alive} were alive after "
            "{endpoint_months} months. This difference could be due to chance (hazard ratio "
            "{hr_overall}). With a low CSF-pNFH level the risk of dying was about half (hazard "
            "ratio {hr_low}); how many out of {denominator} was not published. With a high level "
            "no benefit was seen, and harm could not be ruled out."
        ),
    ),
    (
        "function",
        N_("Daily function (moving, speaking, swallowing)"),
        N_("Riluzole has not been shown to slow the loss of daily function."),
        N_(
            "With a low CSF-pNFH level, daily function (ALSFRS-R score) got worse about "
            "{alsfrs_slower_percent}% more slowly (one source). Not reported for other levels in "
            "the sources we could read."
        ),
    ),
    (
        "involves",
        N_("What the treatment involves"),
        N_("A tablet twice a day, at home."),
        N_(
            "Riluzole as before, plus injections under the skin once a day for {injection_days} "
            "days in every {cycle_days}, for {treatment_months} months: about "
            "{injection_days_total} injection days. Extra visits and blood tests."
        ),
    ),
    (
        "common_effects",
        N_("Common side effects"),
        N_("Riluzole's own side effects, such as tiredness and nausea. The same with both options."),
        N_(
            "Also reactions where the injection goes in, and flu-like symptoms, mild to moderate. "
            "How many people out of {denominator} had them was not published."
        ),
    ),
    (
        "serious_effects",
        N_("Serious side effects"),
        N_(
            "In the placebo group: {sae_placebo} serious events judged to be caused by the "
            "treatment, in {randomised_per_arm} people."
        ),
        N_(
            "{sae_il2} serious events judged to be caused by the treatment, in {randomised_per_arm} "
            "people: pneumonia, a change in alertness, inflamed blood vessels, a rash and thyroid "
            "inflammation. These are events, not people, so they cannot be shown out of "
            "{denominator}."
        ),
    ),
    (
        "tests",
        N_("Tests needed"),
        N_("Your usual clinic checks. No lumbar puncture is needed for this choice."),
        N_(
            "A trial or scheme may ask for a lumbar puncture to measure CSF-pNFH. Headache "
            "afterwards: about {lp_headache_atraumatic_of_100} to {lp_headache_conventional_of_100} "
            "out of {denominator} people, depending on the needle."
        ),
    ),
    (
        "access",
        N_("How to get it"),
        N_("Prescribed by your neurologist."),
        N_(
            "Not licensed for ALS. Only through a trial or an access scheme, if one is open to "
            "you: ask your neurologist. Do not buy or inject interleukin-2 on your own."
        ),
    ),
    (
        "cost",
        N_("What it costs"),
        N_("Depends on where you live and your health insurance: ask your clinic or hospital."),
        N_("Not known to us: ask what a trial or scheme would cost you (medicine, travel) before " "you agree."),
    ),
    (
        "good_points",
        N_("Good points"),
        N_("No injections, no lumbar puncture, no extra visits. A licensed medicine with a " "proven, modest benefit."),
        N_(
            "A possible benefit for people with a low CSF-pNFH level. In a trial, you help find "
            "out whether it works."
        ),
    ),
)


@dataclass(frozen=True)
class OptionRow:
    key: str
    question: str
    riluzole: str
    il2ld: str


def _trial_alive() -> dict[str, str]:
    """People alive out of 100 in each arm, counted as the results page counts them."""
    reg = registry()
    per_arm, denominator = reg.value("randomised_per_arm"), int(reg.value("denominator"))
    return {
        "placebo_alive": str(people_out_of(reg.value("alive_placebo"), per_arm, denominator)),
        "il2_alive": str(people_out_of(reg.value("alive_il2"), per_arm, denominator)),
    }


@lru_cache(maxsize=4)
def option_headers(lang: str) -> tuple[str, str, str]:
    _ = gettext_for(lang, DOMAIN)
    return tuple(_(h) for h in HEADERS)  # type: ignore[return-value]


@lru_cache(maxsize=4)
def option_rows(lang: str) -> tuple[OptionRow, ...]:
    """The options table in one language: the same rows, in the same order, for page and handout."""
    _ = gettext_for(lang, DOMAIN)
    extra = _trial_alive()
    return tuple(
        OptionRow(key, _(question), render_template(_(ril), lang, **extra), render_template(_(il2), lang, **extra))
        for key, question, ril, il2 in ROWS
    )


def options_table_html(lang: str) -> str:
    """The table as HTML for the page: real table semantics (a caption, column and row headers),
    and on a narrow screen each row stacks, its cells labelled with their column's name."""
    import html

    _ = gettext_for(lang, DOMAIN)
    q, ril, il2 = option_headers(lang)
    caption = _("The options side by side")
    body = "".join(
        "<tr>"
        f'<th scope="row">{html.escape(row.question)}</th>'
        f'<td data-label="{html.escape(keep_whole(ril, lang))}">{html.escape(row.riluzole)}</td>'
        f'<td data-label="{html.escape(keep_whole(il2, lang))}">{html.escape(row.il2ld)}</td>'
        "</tr>"
        for row in option_rows(lang)
    )
    return (
        f'<table class="option-grid" lang="{language(lang).html_lang}">'
        f"<caption>{html.escape(caption)}</caption>"
        f'<thead><tr><th scope="col">{html.escape(q)}</th><th scope="col">{html.escape(ril)}</th>'
        f'<th scope="col">{html.escape(il2)}</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


OPTION_GRID_CSS = """
<style>
table.option-grid { border-collapse: collapse; width: 100%; font-size: 1rem; line-height: 1.5; }
table.option-grid caption { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; } /* the heading above says it; screen readers still get it */
table.option-grid th, table.option-grid td { border: 1px solid #767676; padding: 0.5rem 0.6rem;
  vertical-align: top; text-align: left; overflow-wrap: anywhere; }
table.option-grid thead th { background: #e8eef5; }
table.option-grid tbody th { background: #f5f5f5; width: 24%; }
@media (max-width: 640px) {
  table.option-grid thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  table.option-grid tr, table.option-grid th, table.option-grid td { display: block; width: auto; }
  table.option-grid tbody th { width: auto; border-bottom: none; }
  table.option-grid td { border-top: none; }
  table.option-grid td::before { content: attr(data-label); display: block; font-weight: 600; }
  table.option-grid tbody tr { margin-bottom: 0.75rem; }
}
</style>
"""

# ---------------------------------------------------------------- the person's values and questions
SCALE: tuple[tuple[str, str], ...] = (
    ("disagree_strongly", N_("Strongly disagree")),
    ("disagree", N_("Disagree")),
    ("unsure", N_("Not sure")),
    ("agree", N_("Agree")),
    ("agree_strongly", N_("Strongly agree")),
)

VALUE_STATEMENTS: tuple[tuple[str, str], ...] = (
    ("live_longer", N_("Living longer matters most to me, even with injections and extra hospital visits.")),
    ("avoid_needles", N_("I want to avoid extra needles and tests, including a lumbar puncture.")),
    ("research", N_("I would like to take part in research, even if I might get a placebo.")),
    ("proven_only", N_("I would rather use only medicines that are licensed and proven.")),
    ("travel", N_("Travelling to a hospital often would be hard for me or my family.")),
    ("know_level", N_("I want to know my CSF-pNFH level, even if it cannot tell me for sure what to do.")),
)

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("trial", N_("Is there a trial of IL-2LD, or another trial, that I could join? Where, and who can take part?")),
    ("scheme", N_("Is any access scheme for IL-2LD open to me?")),
    ("measured", N_("Has my CSF-pNFH been measured? Would measuring it change anything for me?")),
    ("lp", N_("What would a lumbar puncture involve here, which needle would you use, and what are the risks for me?")),
    ("lab", N_("Can a laboratory here measure CSF-pNFH, and how would its results compare with the trial's?")),
    ("daily", N_("What would IL-2LD mean for me day to day: injections, visits, side effects, travel?")),
    ("cost", N_("What would a trial or a scheme cost me, and is riluzole covered by my health insurance?")),
    ("sure", N_("How sure can we be about these results, given that the trial has not been repeated?")),
    ("other", N_("What other treatments, care and support are there for me now?")),
    ("contact", N_("Who can I contact if I have more questions after today?")),
)

SCALE_KEYS = tuple(k for k, _label in SCALE)
VALUE_KEYS = tuple(k for k, _label in VALUE_STATEMENTS)
QUESTION_KEYS = tuple(k for k, _label in QUESTIONS)


@dataclass(frozen=True)
class Choices:
    """What one person chose: (statement, place on the scale) pairs and question keys, in the
    aid's order. Plain data, hashable, holding no free text (so nothing typed can leak)."""

    values: tuple[tuple[str, str], ...] = ()
    questions: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.values or self.questions)


def clean_choices(values: Mapping[str, object] | None, questions: Sequence[object] | None) -> Choices:
    """Only known statements, scale points and questions survive; anything else is dropped."""
    values = values or {}
    chosen = set(questions or ())
    return Choices(
        values=tuple((k, str(values[k])) for k in VALUE_KEYS if values.get(k) in SCALE_KEYS),
        questions=tuple(k for k in QUESTION_KEYS if k in chosen),
    )


def scale_labels(lang: str) -> dict[str, str]:
    _ = gettext_for(lang, DOMAIN)
    return {k: _(label) for k, label in SCALE}


def statement_labels(lang: str) -> dict[str, str]:
    _ = gettext_for(lang, DOMAIN)
    return {k: _(label) for k, label in VALUE_STATEMENTS}


def question_labels(lang: str) -> dict[str, str]:
    _ = gettext_for(lang, DOMAIN)
    return {k: _(label) for k, label in QUESTIONS}


def value_lines(choices: Choices, lang: str) -> tuple[str, ...]:
    """'Statement: where I placed it', one line per statement the person placed."""
    _ = gettext_for(lang, DOMAIN)
    statements, scale = statement_labels(lang), scale_labels(lang)
    return tuple(
        _("{statement} My answer: {answer}").format(statement=statements[k], answer=scale[v]) for k, v in choices.values
    )


def question_lines(choices: Choices, lang: str) -> tuple[str, ...]:
    labels = question_labels(lang)
    return tuple(labels[k] for k in choices.questions)


def handout_page_texts(lang: str, choices: Choices) -> dict[str, str]:
    """What the handout page says about the person's answers."""
    _ = gettext_for(lang, DOMAIN)
    return {
        "include": _(
            "Print my answers from “Your options side by side” ({values} statements, {questions} questions)"
        ).format(values=len(choices.values), questions=len(choices.questions)),
        "private": _("They are printed in this PDF only; they are not saved or sent anywhere."),
        "none": _(
            "You can add your own values and questions on the page “Your options side by side”; "
            "they will then be printed here."
        ),
    }


def titles(lang: str) -> dict[str, str]:
    """Section titles shared by the options page and the handout."""
    _ = gettext_for(lang, DOMAIN)
    return {
        "decisions": _("The decisions this aid can help with"),
        "options": _("The options side by side"),
        "harms": _("Side effects and risks, out of {denominator} where we can").format(
            denominator=format_fact("denominator", lang)
        ),
        "living": _("What living with each option is like"),
        "access": _("Can I get IL-2LD?"),
        "topline": _("Why the numbers in some reports differ"),
        "lumbar_puncture": _("The test: lumbar puncture"),
        "china": _("For readers in China"),
        "taiwan": _("For readers in Taiwan"),
        "values": _("What matters most to you?"),
        "questions": _("Questions to ask your neurologist"),
        "my_values": _("Where I placed these statements"),
        "my_questions": _("The questions I chose"),
    }


SOURCE_KINDS: dict[str, str] = {
    "charity summary": N_("Patient charity summary"),
    "patient group statement": N_("Patient group statement"),
    "press release": N_("Press release"),
    "company statement": N_("Company statement"),
    "systematic review": N_("Systematic review"),
    "patient information": N_("Patient information"),
    "professional statement": N_("Professional statement"),
    "regulator": N_("Medicines regulator"),
    "review": N_("Review"),
    "cohort studies": N_("Cohort studies"),
}


def source_kind(kind: str, lang: str) -> str | None:
    """A source's kind in the reader's language, for the sources this module adds to the handout."""
    _ = gettext_for(lang, DOMAIN)
    return _(SOURCE_KINDS[kind]) if kind in SOURCE_KINDS else None


# Sources behind the access statement and the risks, cited in the handout; then those behind each
# country section, cited where that section is printed.
HANDOUT_SOURCES = ("mnda_csg_2025", "mn5df_map", "clinigen_2022", "nath2018")
COUNTRY_SOURCES: dict[str, tuple[str, ...]] = {
    "china": ("hndaily_2024", "jkb_2018"),
    "taiwan": ("tw_mnda_2025", "tw_tfda_tofersen_2025", "tw_jtp_il2", "tw_trial_registry_2018"),
}


def country_sections(lang: str) -> tuple[str, ...]:
    """The country sections a language's pages show (content.i18n's table: Simplified Chinese the
    China one, Traditional Chinese the Taiwan one, English both)."""
    return language(lang).country_sections


def handout_sources(countries: tuple[str, ...]) -> tuple[str, ...]:
    return (*HANDOUT_SOURCES, *(key for country in countries for key in COUNTRY_SOURCES[country]))

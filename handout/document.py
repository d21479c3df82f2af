"""What a handout says, as plain data: sections of blocks, built for one language.

No PDF here: the same structure feeds the PDF renderer (``handout.pdf``) and the page's preview,
and both languages are built by the same function, so the English and Chinese versions always
have the same sections and blocks in the same order (which is what lets the side-by-side version
pair them up). Every figure comes from the registry, the results page's functions or the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from content.facts import format_fact, format_number, registry
from content.glossary import glossary
from content.i18n import gettext_for, language
from content.prose import render
from content.site import APP_VERSION
from views import decision
from views import results as rf

# ``views.biomarker`` (and through it ``model.benefit`` with numpy) is imported by the scenario
# section only: a handout without a CSF-pNFH scenario, the common case, never loads the model.

DOMAIN = "handout"

# Glossary terms a family needs to read this handout, in reading order.
KEY_TERMS = (
    "il2ld",
    "placebo",
    "pnfh",
    "lumbar_puncture",
    "hazard_ratio",
    "confidence_interval",
    "adverse_event",
)
# Sources the handout rests on (keys of content/sources.toml).
SOURCE_KEYS = ("lancet2025", "lancet_comment", "review", "medwire", "mnda_blog", "trial_registry")


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    tone: str = "body"  # body | key (the main message, bold) | note (smaller, grey, still >= 11 pt)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class IconPanel:
    title: str
    alive: int  # people out of 100, counted by model.counts.people_out_of
    caption: str


@dataclass(frozen=True)
class IconArrays:
    panels: tuple[IconPanel, ...]
    alive_label: str
    died_label: str
    alt: str  # the figure's text alternative (its numbers in words)
    icon_mm: float | None = None  # size of one person; None: the renderer's default


@dataclass(frozen=True)
class ForestRow:
    label: str
    hr: float
    ci: tuple[float, float] | None
    value_text: str  # "0.52 (0.30–0.89)" or "about 1.37 (interval not published)"
    note: str = ""


@dataclass(frozen=True)
class Forest:
    rows: tuple[ForestRow, ...]
    heading_left: str
    heading_right: str
    lower: str  # "← lower risk of dying with IL-2LD"
    higher: str
    alt: str


@dataclass(frozen=True)
class WriteSpace:
    prompt: str
    lines: int


@dataclass(frozen=True)
class Terms:
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; the first column holds each row's name (the question)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Bullets | IconArrays | Forest | WriteSpace | Terms | Table


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    footer: str
    keywords: str = ""
    scenario_pnfh: float | None = field(default=None)


def _plain(text: str) -> str:
    """Markdown emphasis and link targets dropped (the PDF sets whole runs in one weight)."""
    return decision.plain(text, print_links=True)


def _bullets(text: str) -> tuple[str, ...]:
    return tuple(_plain(line[2:]) for line in text.splitlines() if line.startswith("- "))


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """The little Markdown our prose uses: paragraphs, "- " lists, and a paragraph that opens
    with a bold lead ("**Common side effects.** ...") becomes a small heading and its text."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append(Bullets(tuple(_plain(line[2:]) for line in lines)))
            continue
        if all(line.startswith("|") for line in lines):  # a Markdown table: header, rule, rows
            cells = [tuple(_plain(c.strip()) for c in line.strip().strip("|").split("|")) for line in lines]
            blocks.append(Table(cells[0], tuple(row for row in cells[2:])))
            continue
        paragraph = " ".join(line.strip() for line in lines)
        # a lead's own full stop may sit just outside the bold ("**严重不良事件**。")
        lead = re.match(r"\*\*(.+?)\*\*([。：:.，,]?)\s*(.*)", paragraph)
        if lead and lead.group(3):
            # a Chinese heading ends in no mark (its 。 or ： belonged to the running-in lead)
            blocks.append(Heading((lead.group(1) + lead.group(2)).strip().rstrip("。：")))
            paragraph = lead.group(3)
        blocks.append(Para(_plain(paragraph)))
    return tuple(blocks)


def _paragraphs(text: str) -> tuple[Para, ...]:
    return tuple(Para(_plain(p)) for p in text.split("\n\n") if p.strip())


def _forest_row(row: dict, lang: str) -> ForestRow:
    """A results-page forest record as the handout draws it: the interval only where published."""
    ci = (float(row["ci_low"]), float(row["ci_high"])) if row["ci_known"] else None
    value = language(lang).parenthesise(row["hr_text"], row["ci_text"])
    return ForestRow(label=row["label"], hr=float(row["hr"]), ci=ci, value_text=value, note=row["note"])


def _results_section(lang: str) -> Section:
    _ = gettext_for(lang, DOMAIN)
    outcomes = rf.arm_outcomes()
    panels = tuple(
        IconPanel(rf.arm_name(arm, lang), int(outcomes[arm]["alive"]), _plain(rf.arm_sentence(arm, lang)))
        for arm in rf.ARMS
    )
    icons = IconArrays(
        panels=panels,
        alive_label=_("Filled figure: alive after {months} months").format(months=format_fact("endpoint_months", lang)),
        died_label=_("Outline figure: died"),
        alt=language(lang).sentence_join.join(rf.icon_description(arm, lang) for arm in rf.ARMS),
    )
    labels = rf.forest_labels(lang)
    rows = tuple(_forest_row(row, lang) for row in rf.forest_records(lang))
    forest = Forest(
        rows=rows,
        heading_left=labels["estimate"],
        heading_right=labels["interval"],
        lower=labels["fewer"],
        higher=labels["more"],
        alt=rf.forest_description(lang, True),
    )
    blocks: list[Block] = [Para(_plain(rf.block("out_of_100_intro", lang))), icons, Heading(labels["axis"]), forest]
    return Section(
        "results",
        _("The results, out of {denominator} people").format(denominator=format_fact("denominator", lang)),
        tuple(blocks),
    )


def _scenario_section(lang: str, pnfh: float) -> Section:
    """One level: the group's published result first; the model's answer only inside its range."""
    _ = gettext_for(lang, DOMAIN)
    from model.benefit import estimate
    from views import biomarker as bt

    est = estimate(float(pnfh))
    months = format_fact("endpoint_months", lang)
    join = language(lang).sentence_join.join
    blocks: list[Block] = []
    published = bt.published_with_support(est, lang)
    blocks.append(Para(join(published)))
    if est.model_shown:
        counts = bt.count_sentences(est, lang)
        panels = tuple(
            IconPanel(
                bt.arm_title(arm, lang),
                alive,
                _("About {alive} of {denominator} alive after {months} months").format(
                    alive=format_number(alive, 0, lang), months=months, denominator=format_fact("denominator", lang)
                ),
            )
            for arm, alive in (("riluzole", est.alive_riluzole_of_100), ("il2", est.alive_il2_of_100))
        )
        blocks.append(Heading(_("What a model suggests at this level: an illustration")))
        blocks += [Para(join(counts[:2])), Para(join([*counts[2:], bt.hr_sentence(est, lang, explain=False)]))]
        blocks.append(
            IconArrays(
                panels=panels,
                alive_label=_("Filled figure: alive after {months} months").format(months=months),
                died_label=_("Outline figure: died"),
                alt=join(counts),
                icon_mm=3.2,  # a little smaller than the trial's own figure: the scenario is an illustration
            )
        )
        notes = [bt.who_sentence(lang), *bt.caveats(est, lang)]
    else:
        blocks.append(Para(bt.outside_sentence(est, lang)))
        notes = bt.caveats(est, lang)
    blocks.append(Para(join(notes), tone="note"))
    title = _("What a CSF-pNFH level of {level} pg/mL might mean").format(level=format_number(pnfh, 0, lang))
    return Section("scenario", title, tuple(blocks))


def options_table(lang: str) -> Table:
    """The options side by side: the very rows the options page shows (views.decision)."""
    rows = decision.option_rows(lang)
    return Table(decision.option_headers(lang), tuple((r.question, r.riluzole, r.il2ld) for r in rows))


def _decision_sections(lang: str) -> tuple[Section, Section, Section]:
    """The decisions (at the top), the one access statement, and the options side by side with
    their harms and what living with each is like (issue 12)."""
    titles = decision.titles(lang)
    decisions = Section("decisions", titles["decisions"], markdown_blocks(decision.text("decisions", lang)))
    access = Section("access", titles["access"], (Bullets(decision.access_items(lang)),))
    options = Section(
        "options",
        titles["options"],
        (
            options_table(lang),
            Heading(titles["harms"]),
            *markdown_blocks(decision.text("harms", lang)),
            Heading(titles["living"]),
            *markdown_blocks(decision.text("living", lang)),
        ),
    )
    return decisions, access, options


def _questions_and_values(lang: str, choices: decision.Choices) -> tuple[Section, Section]:
    """The person's own questions and values when they chose some on the options page; otherwise
    the standard list and open prompts. Either way both languages get the same blocks."""
    _ = gettext_for(lang, DOMAIN)
    titles = decision.titles(lang)
    if choices.questions:
        questions: tuple[Block, ...] = (
            Heading(titles["my_questions"]),
            Bullets(decision.question_lines(choices, lang)),
        )
    else:
        questions = (Bullets(_bullets(render("handout/questions", lang))),)
    values: tuple[Block, ...] = ()
    if choices.values:
        values = (Heading(titles["my_values"]), Bullets(decision.value_lines(choices, lang)))
    return (
        Section("questions", titles["questions"], (*questions, WriteSpace(_("My own questions:"), 2))),
        Section(
            "values",
            titles["values"],
            (*values, *(WriteSpace(prompt, 2) for prompt in _bullets(render("handout/values", lang)))),
        ),
    )


def build_document(
    lang: str,
    pnfh: float | None = None,
    choices: decision.Choices | None = None,
    countries: tuple[str, ...] | None = None,
) -> Document:
    """The handout's content in one language; ``pnfh`` (pg/mL) adds the model's scenario;
    ``choices`` (the person's values and questions from the options page) are printed in it;
    ``countries``: the country sections (default: the language's own; a side-by-side handout
    passes those both its languages show)."""
    _ = gettext_for(lang, DOMAIN)
    reg = registry()
    choices = choices or decision.Choices()
    decisions, access, options = _decision_sections(lang)
    titles = decision.titles(lang)
    sections: list[Section] = [
        decisions,
        Section(
            "main",
            _("The main message"),
            (*_paragraphs(render("handout/intro", lang)), *markdown_blocks(rf.main_message(lang))),
        ),
        access,
        options,
        Section("trial", _("The trial in brief"), (Bullets(_bullets(render("handout/trial_brief", lang))),)),
        _results_section(lang),
    ]
    if pnfh is not None:
        sections.append(_scenario_section(lang, pnfh))
    sections.append(Section("safety", _("Side effects"), markdown_blocks(rf.safety_summary(lang))))
    countries = decision.country_sections(lang) if countries is None else countries
    for country in countries:
        sections.append(Section(country, titles[country], markdown_blocks(decision.text(country, lang))))
    sections.extend(_questions_and_values(lang, choices))
    terms = glossary()
    sections.append(
        Section(
            "terms",
            _("Key terms"),
            (Terms(tuple((terms[k].term(lang), terms[k].definition(lang)) for k in KEY_TERMS)),),
        )
    )
    about = _(
        "MIROCALS decision aid, version {version}. Evidence up to {evidence_date}; content last "
        "checked {review_date}. Information, not medical advice: talk to your care team before "
        "any decision about treatment."
    ).format(
        version=APP_VERSION,
        evidence_date=format_fact("evidence_date", lang),
        review_date=format_fact("aid_review_date", lang),
    )
    kinds = {
        "trial report": _("Trial report"),
        "commentary": _("Commentary"),
        "news summary": _("News summary"),
        "review": _("Review"),
        "charity summary": _("Patient charity summary"),
        "trial registry": _("Trial registry"),
    }

    def kind(key: str) -> str:
        found = reg.sources[key].kind
        return kinds.get(found) or decision.source_kind(found, lang) or found

    citations = tuple(
        f"{kind(k)}{language(lang).colon}{reg.sources[k].citation}"
        for k in (*SOURCE_KEYS, *decision.handout_sources(countries))
    )
    sections.append(
        Section(
            "sources",
            _("Sources"),
            (
                Bullets(citations),
                Para(_("Citations are given as published, in their original language.")),
                Para(about, tone="note"),
            ),
        )
    )
    return Document(
        lang=lang,
        title=_("MIROCALS: low-dose interleukin-2 (IL-2LD) added to riluzole in ALS"),
        subtitle=_("A take-home summary of one trial, for people with ALS and their families"),
        sections=tuple(sections),
        footer=_("MIROCALS decision aid {version} · information, not medical advice · page {page} of {pages}").format(
            version=APP_VERSION, page="{page}", pages="{nb}"
        ),
        keywords=_("ALS, MIROCALS, interleukin-2, riluzole, CSF-pNFH, decision aid"),
        scenario_pnfh=pnfh,
    )

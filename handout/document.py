"""What a handout says, as plain data: sections of blocks, built for one language.

No PDF here: the same structure feeds the PDF renderer (``handout.pdf``) and the page's preview,
and both languages are built by the same function, so the English and Chinese versions always
have the same sections and blocks in the same order (which is what lets the side-by-side version
pair them up). Every figure comes from the registry, the results page's functions or the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from charts.icon_array import people_out_of
from content.facts import format_fact, format_number, registry
from content.glossary import glossary
from content.i18n import gettext_for
from content.prose import render
from content.site import APP_VERSION
from handout import upstream

DOMAIN = "handout"

# Glossary terms a family needs to read this handout, in reading order.
KEY_TERMS = (
    "als", "riluzole", "il2ld", "placebo", "randomised", "csf", "pnfh", "lumbar_puncture",
    "hazard_ratio", "confidence_interval", "adverse_event",
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
    alive: int  # people out of 100, counted by charts.icon_array.people_out_of
    caption: str


@dataclass(frozen=True)
class IconArrays:
    panels: tuple[IconPanel, ...]
    alive_label: str
    died_label: str
    alt: str  # the figure's text alternative (its numbers in words)


@dataclass(frozen=True)
class ForestRow:
    label: str
    hr: float
    ci: tuple[float, float] | None
    value_text: str  # "0.52 (0.30–0.89)" or "1.37 (interval not published)"


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


Block = Heading | Para | Bullets | IconArrays | Forest | WriteSpace | Terms


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


def _bullets(text: str) -> tuple[str, ...]:
    return tuple(line[2:].strip() for line in text.splitlines() if line.startswith("- "))


def _paragraphs(text: str) -> tuple[Para, ...]:
    return tuple(Para(re.sub(r"\*\*(.+?)\*\*", r"\1", p.strip())) for p in text.split("\n\n") if p.strip())


def _results_section(lang: str) -> Section:
    _ = gettext_for(lang, DOMAIN)
    reg = registry()
    per_arm = reg.value("randomised_per_arm")
    panels = []
    for arm, key in (("placebo", "alive_placebo"), ("il2", "alive_il2")):
        alive = people_out_of(reg.value(key), per_arm)
        panels.append(IconPanel(upstream.arm_title(arm, lang), alive, upstream.arm_sentence(arm, lang)))
    alt = " ".join(p.caption for p in panels)
    icons = IconArrays(
        panels=tuple(panels),
        alive_label=_("Filled figure: alive after {months} months").format(months=format_fact("endpoint_months", lang)),
        died_label=_("Outline figure: died"),
        alt=alt,
    )
    rows = tuple(ForestRow(**row) for row in upstream.forest_rows(lang))
    forest = Forest(
        rows=rows,
        heading_left=_("Who"),
        heading_right=_("Hazard ratio (95% confidence interval)"),
        lower=_("Lower risk of dying with IL-2LD"),
        higher=_("Higher risk"),
        alt=" ".join(f"{r.label}: {r.value_text}." for r in rows),
    )
    blocks: list[Block] = [Para(upstream.results_intro(lang)), icons, Heading(_("Hazard ratios: risk of dying, IL-2LD compared with placebo")), forest]
    blocks.extend(Para(note, tone="note") for note in upstream.forest_notes(lang))
    return Section("results", _("The results, out of 100 people"), tuple(blocks))


def _scenario_section(lang: str, pnfh: float) -> Section:
    _ = gettext_for(lang, DOMAIN)
    est = upstream.estimate(pnfh)
    level = format_number(pnfh, 0, lang)
    panels = (
        IconPanel(upstream.arm_title("placebo", lang), people_out_of(est.survival_riluzole, 1),
                  upstream.scenario_arm_sentence("placebo", est, lang)),
        IconPanel(upstream.arm_title("il2", lang), people_out_of(est.survival_il2, 1),
                  upstream.scenario_arm_sentence("il2", est, lang)),
    )
    blocks: list[Block] = [Para(s) for s in upstream.scenario_sentences(pnfh, lang)]
    blocks.append(
        IconArrays(
            panels=panels,
            alive_label=_("Filled figure: alive after {months} months").format(months=format_fact("endpoint_months", lang)),
            died_label=_("Outline figure: died"),
            alt=" ".join(p.caption for p in panels),
        )
    )
    blocks.extend(Para(c, tone="note") for c in upstream.scenario_caveats(pnfh, lang))
    title = _("What a CSF-pNFH level of {level} pg/mL might mean").format(level=level)
    return Section("scenario", title, tuple(blocks))


def build_document(lang: str, pnfh: float | None = None) -> Document:
    """The handout's content in one language; ``pnfh`` (pg/mL) adds the model's scenario."""
    _ = gettext_for(lang, DOMAIN)
    reg = registry()
    sections: list[Section] = [
        Section("main", _("The main message"), (Para(upstream.main_message(lang), tone="key"), *_paragraphs(render("handout/intro", lang)))),
        Section("trial", _("The trial in brief"), (Bullets(_bullets(render("handout/trial_brief", lang))),)),
        _results_section(lang),
    ]
    if pnfh is not None:
        sections.append(_scenario_section(lang, pnfh))
    sections.append(Section("safety", _("Side effects"), tuple(Para(p) for p in upstream.safety_summary(lang))))
    questions = _bullets(render("handout/questions", lang))
    sections.append(
        Section("questions", _("Questions to ask your care team"),
                (Bullets(questions), WriteSpace(_("My own questions:"), 3)))
    )
    sections.append(
        Section("values", _("What matters most to you?"),
                tuple(WriteSpace(prompt, 2) for prompt in _bullets(render("handout/values", lang))))
    )
    terms = glossary()
    sections.append(
        Section("terms", _("Key terms"), (Terms(tuple((terms[k].term(lang), terms[k].definition(lang)) for k in KEY_TERMS)),))
    )
    about = _(
        "Made with the MIROCALS decision aid, version {version}. Evidence up to {evidence_date}; "
        "content last checked {review_date}. This handout gives information, not medical advice: "
        "talk to your care team before making any decision about treatment."
    ).format(
        version=APP_VERSION,
        evidence_date=format_fact("evidence_date", lang),
        review_date=format_fact("aid_review_date", lang),
    )
    sections.append(
        Section("sources", _("Sources"),
                (Bullets(tuple(reg.sources[k].citation for k in SOURCE_KEYS)), Para(about, tone="note")))
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

"""One name for each trial arm (issue 17): the placebo arm is "Placebo (with riluzole)" / 安慰剂组
（同时服用利鲁唑） / 安慰劑組（同時服用利魯唑） everywhere, never also "riluzole alone" / 只用利鲁唑.

The words "riluzole alone" belong to an option on the options page ("Going on with riluzole
alone": a choice someone can make today, content/glossary.toml [riluzole_alone_option]); the
option's forms are taken out first, then any avoided form left is an arm misnamed. Checked where
the words can come from (every catalog, prose file and registry label) and where a reader meets
them (every rendered page state and the handout), in every language of the table. English is
compared in lower case, so "Riluzole alone" at a sentence start is caught too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from content.facts import registry
from content.glossary import glossary, misused_variants
from content.i18n import LANGUAGES, SOURCE_LANGUAGE, po_path
from content.prose import names, raw
from scripts.i18n import DOMAINS, ROOT
from tests.zh_text import all_page_states, every_handout_item, every_item, state

ARM = "placebo_arm"
OPTION = "riluzole_alone_option"


def arm_misnamed(text: str, lang: str) -> list[str]:
    """The avoided names of the placebo arm left in text, once every right form is taken out."""
    arm = glossary()[ARM].term(lang)
    return sorted({wrong for right, wrong in misused_variants(text.lower(), lang) if right == arm})


def test_the_checker_finds_a_misnamed_arm_and_spares_the_option() -> None:
    for lang in LANGUAGES:
        arm, option = glossary()[ARM], glossary()[OPTION]
        assert arm.never.get(lang), f"[{ARM}] has no avoided forms for {lang}"
        for wrong in arm.never[lang]:
            assert arm_misnamed(f"{wrong} {arm.term(lang)}", lang) == [wrong]
        assert arm_misnamed(f"{option.term(lang)} {arm.term(lang)}", lang) == []
    assert arm_misnamed("Riluzole alone: 45 of 100 had died", "en") == ["riluzole alone"]


def test_the_glossary_names_the_arm_as_the_pages_do() -> None:
    from views.results import arm_name

    for lang in LANGUAGES:
        assert arm_name("placebo", lang).lower() == glossary()[ARM].term(lang)


def test_the_option_keeps_its_own_name_on_the_options_page() -> None:
    """The option is named as an action, never as the arm, in the table and in the prose."""
    from views import decision

    for lang in LANGUAGES:
        option = glossary()[OPTION].term(lang)
        assert decision.option_headers(lang)[1].lower() == option
        assert option in decision.text("living", lang).lower()
        assert glossary()[ARM].term(lang) not in decision.option_headers(lang)[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalog_prose_or_label_misnames_the_arm(lang: str) -> None:
    found = []
    for domain in sorted(DOMAINS):
        path = ROOT / "locales" / f"{domain}.pot" if lang == SOURCE_LANGUAGE else po_path(lang, domain)
        with Path(path).open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:  # obsolete (#~) entries are not shown: read_po keeps them apart
            if not message.id:
                continue
            text = message.id if lang == SOURCE_LANGUAGE else message.string
            text = " ".join(text) if isinstance(text, tuple) else text
            found += [(domain, text[:60], w) for w in arm_misnamed(text, lang)]
    for name in names(lang):
        found += [(name, "", w) for w in arm_misnamed(raw(name, lang), lang)]
    for key, fact in registry().facts.items():
        found += [(key, "", w) for w in arm_misnamed(fact.label_for(lang), lang)]
    assert not found, found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_or_handout_misnames_the_arm(lang: str) -> None:
    """Every page state (numbers shown, clinic slides included) and the handout, as drawn."""
    from views import decision

    answers = decision.Choices(
        values=tuple((k, "agree") for k in decision.VALUE_KEYS), questions=decision.QUESTION_KEYS
    )
    where: dict[str, list[tuple[str, str]]] = {s.name: every_item(s, lang) for s in all_page_states()}
    where["handout"] = every_handout_item(None, lang=lang)
    where["handout 2000 with answers"] = every_handout_item(2000.0, choices=answers, lang=lang)
    found = [(w, text[:60], bad) for w, items in where.items() for _, text in items for bad in arm_misnamed(text, lang)]
    assert not found, found
    # the walk did reach the arms and the option
    options = where[state("app_pages/options.py").name]
    assert any(glossary()[OPTION].term(lang) in text.lower() for _, text in options)
    assert any(glossary()[ARM].term(lang) in text.lower() for items in where.values() for _, text in items)

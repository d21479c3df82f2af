"""gettext catalogs: complete, current, faithful placeholders, no English left in Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from content.glossary import misused_variants
from content.i18n import LANGUAGE_TABLE, LOCALES_DIR, SOURCE_LANGUAGE, language, po_path, translations
from scripts.i18n import DOMAINS, ROOT, domain_files

CJK = re.compile(r"[\u4e00-\u9fff]")
BRACES = re.compile(r"\{([a-z_][a-z0-9_]*)(?:[:!][^}]*)?\}")

# Names that contain digits but are not figures. Every other digit in a message must be a
# {placeholder} filled from the facts registry (content/facts.toml), as in prose (test_prose.py).
# Each name is matched as a whole token (no Latin letter or digit either side), so "IL-2" does not
# excuse "IL-20" or "IL-2 100", and "A4" does not excuse "A40".
NAMED_WITH_DIGITS = (
    "IL-2LD",  # the trial's drug: low-dose interleukin-2
    "IL-2",  # interleukin-2
    "interleukin-2",
    "白细胞介素-2",  # interleukin-2, in Chinese
    "介白素-2",  # interleukin-2, in Taiwan's Traditional Chinese
    "CCL2",  # a chemokine; the blood marker of inflammation the trial measured
    "A4",  # a paper size (handout)
    # A citation's author and year are its name, not a figure (the biomarker model's sources).
    "Benatar 2020",
    "Gendron 2017",
)


def _whole(name: str) -> str:
    return rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])"


_NAMES = re.compile("|".join(_whole(name) for name in sorted(NAMED_WITH_DIGITS, key=len, reverse=True)))

# A word ends at a space, a Chinese character or Chinese punctuation (Chinese has no spaces).
_WORD = r"[^\s\u2e80-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]*"
_TYPED = re.compile(rf"{_WORD}\d{_WORD}")


def typed_figures(text: str) -> list[str]:
    """The words of a message that hold a digit outside its placeholders and the allowed names."""
    return _TYPED.findall(_NAMES.sub(" ", BRACES.sub(" ", text)))


# Every translated language of the table (the source language, English, needs no catalog).
TARGETS = tuple(row.code for row in LANGUAGE_TABLE if row.code != SOURCE_LANGUAGE)
CASES = [(lang, domain) for lang in TARGETS for domain in sorted(DOMAINS)]


def _catalog(domain: str, lang: str = "zh"):
    with po_path(lang, domain).open("rb") as handle:
        return read_po(handle, locale=language(lang).babel_locale, domain=domain)


def _messages(domain: str, lang: str = "zh"):
    return [m for m in _catalog(domain, lang) if m.id]


def test_catalogs_are_current() -> None:
    result = subprocess.run([sys.executable, "scripts/i18n.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("lang", "domain"), CASES)
def test_every_message_translated_none_fuzzy(lang: str, domain: str) -> None:
    bad = [m.id for m in _messages(domain, lang) if not m.string or m.fuzzy]
    assert not bad, f"{domain} ({lang}): untranslated or fuzzy: {bad}"


@pytest.mark.parametrize(("lang", "domain"), CASES)
def test_placeholders_match(lang: str, domain: str) -> None:
    for message in _messages(domain, lang):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(BRACES.findall(ids[0]))
        for text in strings:
            assert set(BRACES.findall(text)) == expected, f"{domain}: {message.id!r} -> {text!r}"


def _texts(message) -> list[str]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [t for t in (*ids, *strings) if t]


@pytest.mark.parametrize(("lang", "domain"), CASES)
def test_no_figure_typed_into_messages(lang: str, domain: str) -> None:
    """Figures reach messages through {placeholders}, so English and Chinese cannot disagree."""
    with (LOCALES_DIR / f"{domain}.pot").open("rb") as handle:
        template = [m for m in read_po(handle) if m.id]
    typed = {
        text: figures
        for message in (*template, *_messages(domain, lang))
        for text in _texts(message)
        if (figures := typed_figures(text))
    }
    assert not typed, f"{domain}: figures typed in, not from the registry: {typed}"


def test_named_with_digits_matches_whole_names_only() -> None:
    assert typed_figures("IL-2LD, IL-2, CCL2 and A4 paper; (Benatar 2020; Gendron 2017)") == []
    assert typed_figures("out of {denominator}, {level:,.0f} pg/mL") == []
    assert typed_figures("IL-20") == ["IL-20"]
    assert typed_figures("A40 paper") == ["A40"]
    assert typed_figures("IL-2 at 100") == ["100"]
    assert typed_figures("Benatar 2021") == ["2021"]
    assert typed_figures("每100人中{n}人") == ["100"]
    assert typed_figures("A4纸，风险比（95%置信区间）小于1。") == ["95%", "1"]
    assert typed_figures("Below 1: fewer deaths") == ["1:"]


def test_every_allowed_name_is_used() -> None:
    """An exception nobody needs any more is removed, not kept as a loophole."""
    texts = [t for lang in TARGETS for domain in DOMAINS for m in _messages(domain, lang) for t in _texts(m)]
    unused = [n for n in NAMED_WITH_DIGITS if not any(re.search(_whole(n), t) for t in texts)]
    assert not unused, f"allowed names no catalog uses: {unused}"


@pytest.mark.parametrize(("lang", "domain"), CASES)
def test_no_english_left_in_chinese(lang: str, domain: str) -> None:
    for message in _messages(domain, lang):
        text = message.string if isinstance(message.string, str) else message.string[0]
        stripped = BRACES.sub("", text)
        if re.search(r"[A-Za-z]{2,}", stripped) and not CJK.search(stripped):
            # Allowed: a message that is only a name or symbol (e.g. "CSF-pNFH", "IL-2LD", "pg/mL").
            assert len(stripped.split()) <= 2, f"{domain}: {message.id!r} left in English: {text!r}"


@pytest.mark.parametrize(("lang", "domain"), CASES)
def test_glossary_terms_in_catalogs(lang: str, domain: str) -> None:
    for message in _messages(domain, lang):
        text = message.string if isinstance(message.string, str) else " ".join(message.string)
        found = misused_variants(text, lang)
        assert not found, f"{domain} ({lang}): {found} in {text!r}"


def test_every_translating_file_belongs_to_one_domain() -> None:
    owner: dict[Path, str] = {}
    for domain in DOMAINS:
        for path in domain_files(domain):
            assert path not in owner, f"{path} is in both {owner.get(path)} and {domain}"
            owner[path] = domain
    skip = {"tests", "bench", "scripts", ".git", "locales"}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in skip or "site-packages" in rel.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\b_\(\s*[\"']", source) or "N_(" in source:
            assert path in owner, f"{rel} translates strings but is in no domain (scripts/i18n.py)"
            domain = owner[path]
            for used in re.findall(r"gettext_for\([^,]+,\s*[\"'](\w+)[\"']\)", source):
                assert used == domain, f"{rel} binds domain {used!r} but its strings go to {domain!r}"


def test_no_process_wide_language() -> None:
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {"tests", ".git"}:
            continue
        source = path.read_text(encoding="utf-8")
        assert "gettext.install(" not in source, f"{rel}: gettext.install leaks a language across users"


def test_chinese_lookup_hits() -> None:
    _ = translations("zh", "app").gettext
    assert _("Start here") != "Start here"
    assert CJK.search(_("Start here"))
    assert (LOCALES_DIR / "zh" / "LC_MESSAGES" / "app.po").exists()
    hant = translations("zh-Hant", "app").gettext
    assert hant("Start here") not in ("Start here", _("Start here"))  # its own catalog, in Traditional

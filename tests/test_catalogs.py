"""gettext catalogs: complete, current, faithful placeholders, no English left in Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from content.glossary import misused_variants
from content.i18n import LOCALES_DIR, po_path, translations
from scripts.i18n import DOMAINS, ROOT, domain_files

CJK = re.compile(r"[\u4e00-\u9fff]")
BRACES = re.compile(r"\{([a-z_][a-z0-9_]*)(?:[:!][^}]*)?\}")


def _catalog(domain: str):
    with po_path("zh", domain).open("rb") as handle:
        return read_po(handle, locale="zh", domain=domain)


def _messages(domain: str):
    return [m for m in _catalog(domain) if m.id]


def test_catalogs_are_current() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/i18n.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_every_message_translated_none_fuzzy(domain: str) -> None:
    bad = [m.id for m in _messages(domain) if not m.string or m.fuzzy]
    assert not bad, f"{domain}: untranslated or fuzzy: {bad}"


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_placeholders_match(domain: str) -> None:
    for message in _messages(domain):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(BRACES.findall(ids[0]))
        for text in strings:
            assert set(BRACES.findall(text)) == expected, f"{domain}: {message.id!r} -> {text!r}"


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_no_english_left_in_chinese(domain: str) -> None:
    for message in _messages(domain):
        text = message.string if isinstance(message.string, str) else message.string[0]
        stripped = BRACES.sub("", text)
        if re.search(r"[A-Za-z]{2,}", stripped) and not CJK.search(stripped):
            # Allowed: a message that is only a name or symbol (e.g. "CSF-pNFH", "IL-2LD", "pg/mL").
            assert len(stripped.split()) <= 2, f"{domain}: {message.id!r} left in English: {text!r}"


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_glossary_terms_in_catalogs(domain: str) -> None:
    for message in _messages(domain):
        text = message.string if isinstance(message.string, str) else " ".join(message.string)
        assert not misused_variants(text), f"{domain}: {misused_variants(text)} in {text!r}"


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

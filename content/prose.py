"""Long-form text: per-language Markdown documents with figures filled from the registry.

Clinicians and translators review prose as documents, so each block of text is a Markdown file in
``prose/<lang>/<name>.md``; figures appear only as ``{placeholders}`` resolved from the facts
registry, so both languages always show the same number.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

from content.facts import placeholders
from content.i18n import LANGUAGES

PROSE_DIR = Path(__file__).parent / "prose"


def prose_path(name: str, lang: str) -> Path:
    return PROSE_DIR / lang / f"{name}.md"


def names(lang: str) -> list[str]:
    """Every prose document available in ``lang``, as names like 'results/main_message'."""
    root = PROSE_DIR / lang
    return sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.md"))


_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)


def raw(name: str, lang: str) -> str:
    return prose_path(name, lang).read_text(encoding="utf-8")


def declared_extras(text: str) -> set[str]:
    """Per-request values a document says it takes, in a comment: ``<!-- extra: a, b -->``."""
    found = re.findall(r"<!--\s*extra:\s*([a-z0-9_, ]+?)\s*-->", text)
    return {name.strip() for group in found for name in group.split(",") if name.strip()}


def fields(text: str) -> set[str]:
    """The placeholder names a template uses ('{hr_low}' -> 'hr_low')."""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@lru_cache(maxsize=512)
def render(name: str, lang: str, **extra: str) -> str:
    """A prose document with every figure filled in; ``extra`` supplies per-request values
    (for example the model's answer for a chosen CSF-pNFH level)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    values = {**placeholders(lang), **extra}
    return _COMMENT.sub("", raw(name, lang)).format_map(values).strip()


def render_template(template: str, lang: str, **extra: str) -> str:
    """Fill a template that is not a file (a translated catalog message with figures in it)."""
    return template.format_map({**placeholders(lang), **extra})

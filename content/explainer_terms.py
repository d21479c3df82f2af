"""Key-terms lists for the explainer pages, from the bilingual glossary (no Streamlit here)."""

from __future__ import annotations

from content.glossary import glossary


def key_terms_markdown(keys: list[str] | tuple[str, ...], lang: str) -> str:
    """A Markdown list: each term in bold, then its plain definition (figures from the registry)."""
    terms = glossary()
    colon = "：" if lang == "zh" else ": "
    return "\n".join(f"- **{terms[k].term(lang)}**{colon}{terms[k].definition(lang)}" for k in keys)

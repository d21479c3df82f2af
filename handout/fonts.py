"""The handout's fonts: read, checked, cut down once to what the handout can print, and cached.

Kept apart from ``handout.pdf`` (layout and drawing) because it is a different job with its own
failure modes: a missing or damaged font file (``FontError``, which the server's readiness and the
command line report), and an on-disk cache of prepared fonts shared between processes.

The family for each language comes from the language table (``content.i18n``: ``pdf_font``); its
files are ``assets/fonts/<family>-Regular.ttf`` and ``-Bold.ttf``. Noto Sans SC draws English and
Simplified Chinese (it covers Latin too); Noto Sans TC draws Traditional Chinese, whose glyph
shapes differ (made by ``scripts/make_tc_fonts.py``). A PDF embeds the families its documents'
languages name, each cut down to what it prints, so a side-by-side handout holds two.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

from content.i18n import LANGUAGE_TABLE

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FAMILIES = tuple(dict.fromkeys(row.pdf_font for row in LANGUAGE_TABLE))
FONT = FAMILIES[0]  # the first language's family (English): the default


def _files(family: str) -> dict[str, Path]:
    return {"": FONT_DIR / f"{family}-Regular.ttf", "B": FONT_DIR / f"{family}-Bold.ttf"}


# -------------------------------------------------------------------- fonts
# Each Noto Sans SC file holds 31,000 glyphs; fpdf2 subsets it when writing every PDF, which
# costs about a second. So once per process the fonts are cut down to every character the
# handout's sources could ever print (all prose, catalogs, glossary, sources, Latin-1 and CJK
# punctuation, in every language); each PDF then subsets that small font. A document with a
# character outside that set (it should not happen: tests check it) falls back to the full fonts.
# The prepared fonts are kept in the user's cache folder between processes (``_font_bytes``), so
# only the first handout after a change of font, text or preparing code pays that second.
ROOT = FONT_DIR.parent.parent
FAMILY_FILES: dict[str, dict[str, Path]] = {family: _files(family) for family in FAMILIES}
FONT_FILES = FAMILY_FILES[FONT]  # the default family's files (the same dict object)


def display_name(family: str) -> str:
    """'NotoSansTC' -> 'Noto Sans TC' (the name written into the embedded font)."""
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", family)


def ps_name(family: str, style: str) -> str:
    return f"{family}-{'Bold' if style == 'B' else 'Regular'}"


def family_key(family: str) -> str:
    """The name fpdf2 knows a family by (``set_font``)."""
    return family


class FontError(RuntimeError):
    """A handout font is missing or cannot be read (a broken install or copy)."""


def check_fonts() -> str:
    """Read every handout font from disk now (not from a cache): FontError if one is missing or
    damaged. For the command line's clear message and the server's readiness."""
    from fontTools import ttLib

    paths = [path for files in FAMILY_FILES.values() for path in files.values()]
    for path in paths:
        try:
            size = path.stat().st_size
            font = ttLib.TTFont(path, lazy=True)
            # Cheap (milliseconds, not the second a full parse takes): every table lies inside
            # the file (a truncated copy fails here) and the basic tables parse.
            for tag, entry in font.reader.tables.items():
                if entry.offset + entry.length > size:
                    raise ValueError(f"table {tag!r} runs past the end of the file")
            if font["head"].unitsPerEm <= 0 or font["maxp"].numGlyphs < 1000 or "cmap" not in font:
                raise ValueError("no usable glyphs")
            font.close()
        except FileNotFoundError:
            raise FontError(f"handout font missing: {path}") from None
        except Exception as error:  # noqa: BLE001 - fontTools raises many kinds for a damaged file
            raise FontError(f"handout font damaged: {path} ({type(error).__name__}: {error})") from None
    return f"fonts readable: {', '.join(p.name for p in paths)}"


def _text_sources() -> list[Path]:
    return [
        *sorted((ROOT / "content" / "prose").rglob("*.md")),
        *sorted((ROOT / "locales").rglob("*.po")),
        ROOT / "content" / "glossary.toml",
        ROOT / "content" / "sources.toml",
        ROOT / "content" / "facts.toml",
    ]


@lru_cache(maxsize=1)
def lean_charset() -> frozenset[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x180)}
    chars |= {chr(c) for c in range(0x2010, 0x2060)} | {chr(c) for c in range(0x3000, 0x3040)}
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)} | set("←→↑↓•·年月日")
    for path in _text_sources():
        if path.exists():
            chars |= set(path.read_text(encoding="utf-8"))
    return frozenset(c for c in chars if c.isprintable())


CACHE_KEEP = 4  # prepared fonts kept per style and kind (other checkouts may share the folder)


def _cache_dir() -> Path | None:
    """The user's own cache folder for prepared fonts: ``$XDG_CACHE_HOME/mirocals-handout``, else
    ``~/.cache/mirocals-handout``; None when there is no home folder or it lies in this repository."""

    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path(os.path.expanduser("~")) / ".cache"
    if not root.is_absolute():  # no home folder to be found
        return None
    folder = root / "mirocals-handout"
    if folder.resolve().is_relative_to(ROOT):
        return None
    return folder


def _cache_file(family: str, style: str, lean: bool) -> Path | None:
    """Where a prepared font is kept between processes, named by everything it is made from: the
    font file's bytes, ``_prepare_font``'s own source, fontTools' version and (lean) the character
    set. None when there is no cache folder or that source cannot be read."""
    import inspect

    import fontTools

    folder = _cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256()
    try:
        with open(FAMILY_FILES[family][style], "rb") as font:
            key.update(hashlib.file_digest(font, "sha256").digest())  # about 10 ms for both
        key.update(inspect.getsource(_prepare_font).encode("utf-8"))
    except OSError:
        return None
    key.update(f"{ps_name(family, style)}:{fontTools.version}:{lean}".encode())
    if lean:
        key.update("".join(sorted(lean_charset())).encode("utf-8"))
    kind = "lean" if lean else "full"
    return folder / f"{ps_name(family, style)}-{kind}-{key.hexdigest()[:32]}.bin"


def _read_cached(path: Path) -> bytes | None:
    """A cached font's bytes, or None if missing or damaged (the file is its SHA-256, then it)."""

    try:
        stored = path.read_bytes()
    except OSError:
        return None
    digest, data = stored[:32], stored[32:]
    return data if data and hashlib.sha256(data).digest() == digest else None


def _write_cached(path: Path, data: bytes) -> None:
    """Keep a prepared font (atomically: another process never reads half a file); drop the
    oldest of its kind beyond ``CACHE_KEEP``. Any failure only means no cache."""
    import hashlib

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(hashlib.sha256(data).digest() + data)
        os.replace(partial, path)
        kind = path.name.rsplit("-", 1)[0]
        older = sorted(path.parent.glob(f"{kind}-*.bin"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in older[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


@lru_cache(maxsize=8)
def _font_bytes(family: str, style: str, lean: bool) -> bytes:
    """The font to embed: read from the user's cache folder, or prepared (about a second) and kept
    there. Cached or not, the bytes are the same (``_prepare_font`` is deterministic)."""
    cached = _cache_file(family, style, lean)
    data = None if cached is None else _read_cached(cached)
    if data is None:
        data = _prepare_font(family, style, lean)
        if cached is not None:
            _write_cached(cached, data)
    return data


def _prepare_font(family: str, style: str, lean: bool) -> bytes:
    from io import BytesIO

    from fontTools import subset as ftsubset
    from fontTools import ttLib

    font = ttLib.TTFont(FAMILY_FILES[family][style], recalcTimestamp=False)
    if lean:
        options = ftsubset.Options(
            notdef_outline=True,
            recommended_glyphs=True,
            name_IDs=["*"],
            layout_features=[],
            drop_tables=["GSUB", "GPOS", "GDEF"],
        )
        subsetter = ftsubset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in lean_charset()])
        subsetter.subset(font)
    else:
        for tag in ("GSUB", "GPOS", "GDEF"):
            if tag in font:
                del font[tag]
    # The files' name table says "Thin" (left over from instancing): name them by their weight.
    name = font["name"]
    shown = display_name(family)
    sub = "Bold" if style == "B" else "Regular"
    for rec_id, value in (
        (1, shown),
        (2, sub),
        (4, f"{shown} {sub}"),
        (6, ps_name(family, style)),
        (16, shown),
        (17, sub),
    ):
        name.removeNames(nameID=rec_id)
        name.setName(value, rec_id, 3, 1, 0x409)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=8)
def _template_fonts(family: str, lean: bool) -> dict:
    """One family's fonts parsed once per process (metrics, cmap); see ``add_fonts``."""
    from io import BytesIO

    from fpdf.fonts import TTFFont

    pdf = FPDF()
    for style in FAMILY_FILES[family]:
        key = f"{family_key(family).lower()}{style}"
        # add_font() wants a file path; the lean font lives in memory, so build it the same way.
        pdf.fonts[key] = TTFFont(pdf, BytesIO(_font_bytes(family, style, lean)), key, style)
    return {key: (style, font) for (key, font), style in zip(pdf.fonts.items(), FAMILY_FILES[family], strict=True)}


def add_fonts(pdf: FPDF, lean: bool, families: tuple[str, ...] = (FONT,)) -> None:
    """The families a document draws with (its languages' ``pdf_font``), each in both styles."""
    from io import BytesIO

    from fontTools import ttLib
    from fpdf.fonts import SubsetMap

    for family, (key, (style, font)) in ((f, item) for f in families for item in _template_fonts(f, lean).items()):
        fresh = copy.copy(font)
        # fpdf2 subsets ``ttfont`` in place when it writes the file: every document needs its own
        # (opening it lazily is cheap; the metrics parsed above are shared read-only).
        fresh.ttfont = ttLib.TTFont(BytesIO(_font_bytes(family, style, lean)), recalcTimestamp=False, lazy=True)
        fresh.subset = SubsetMap(fresh)
        fresh.biggest_size_pt = 0
        fresh.i = len(pdf.fonts) + 1
        pdf.fonts[key] = fresh

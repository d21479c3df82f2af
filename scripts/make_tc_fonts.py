"""Make the handout's Traditional Chinese fonts (assets/fonts/NotoSansTC-*.ttf) from Debian's
fonts-noto-cjk, once, by a developer (the files are committed; nothing runs this at app time).

    python scripts/make_tc_fonts.py [--src /usr/share/fonts/opentype/noto]

Why: the handout needs Traditional glyph shapes for the zh-Hant documents (a Simplified font draws
Traditional characters in mainland forms). Noto Sans CJK ships as OpenType collections with CFF
outlines; the handout's other family (Noto Sans SC) is a static TrueType file, so the TC face of
the collection (face "Noto Sans CJK TC") is taken out, cut down to the characters its own cmap maps
(the collection's glyphs for the other regions are dropped), its layout tables dropped (the
handout drops them too, handout/fonts.py) and its cubic outlines converted to quadratic TrueType
outlines with fontTools (cu2qu, 1 unit tolerance in 1000). Named "Noto Sans TC". License: SIL Open
Font License 1.1, as Noto Sans SC (assets/fonts/OFL.txt).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset as ftsubset
from fontTools import ttLib
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import newTable

OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FACE = "Noto Sans CJK TC"
FAMILY = "Noto Sans TC"


def _face(collection: Path) -> ttLib.TTFont:
    ttc = ttLib.TTCollection(collection, lazy=False)
    for font in ttc.fonts:
        if font["name"].getDebugName(1) == FACE:
            return font
    raise SystemExit(f"{collection}: no face {FACE!r}")


def _to_truetype(font: ttLib.TTFont) -> None:
    """CFF outlines to glyf (the fontTools otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width = hmtx[name][0]
        hmtx[name] = (width, getattr(glyph, "xMin", 0) if glyph.numberOfContours else 0)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 3.0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def make(src: Path, style: str) -> Path:
    font = _face(src / f"NotoSansCJK-{style}.ttc")
    unicodes = list(font.getBestCmap())
    options = ftsubset.Options(
        layout_features=[],
        drop_tables=["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"],
        name_IDs=["*"],
        notdef_outline=True,
        recommended_glyphs=True,
        glyph_names=False,
    )
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    _to_truetype(font)
    name = font["name"]
    for rec_id, value in (
        (1, FAMILY),
        (2, style),
        (4, f"{FAMILY} {style}"),
        (6, f"NotoSansTC-{style}"),
        (16, FAMILY),
        (17, style),
    ):
        name.removeNames(nameID=rec_id)
        name.setName(value, rec_id, 3, 1, 0x409)
    out = OUT / f"NotoSansTC-{style}.ttf"
    font.save(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    args = parser.parse_args()
    for style in ("Regular", "Bold"):
        out = make(args.src, style)
        print(f"{out} {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()

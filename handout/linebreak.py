"""Line breaking for mixed Chinese and English text, as a pure function.

fpdf2's own modes are not enough for a bilingual leaflet: WORD mode only breaks at spaces (a
Chinese sentence has none, so it overflows or breaks anywhere), and CHAR mode splits "0.52" or
"pg/mL" in the middle. This module breaks text the way a Chinese typesetter would (a light
version of UAX #14 plus the kinsoku rules of GB/T 15834):

* a Latin run (word, number, "IL-2LD", "750–3700", "95%") is never split; Latin runs break only
  at spaces;
* a number and the unit after it ("3700 pg/mL", "2 MIU", "200万", "21个月") stay on one line, and
  so does a Chinese range ("0.54～1.22");
* between two Chinese characters, or between Chinese and Latin, a line may break;
* closing punctuation (，。、；：！？）》」』”’ …) never starts a line, opening punctuation
  (（《「『“‘) never ends one: they stay glued to their neighbour.

Widths come from a callable (the PDF font's metrics), so the function is testable without a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Characters that must not begin a line (they close something or end a clause).
CLOSING = set("，。、；：！？）》」』”’〕】〉｝…%‰,.;:!?)]}·～—")
# Characters that must not end a line.
OPENING = set("（《「『“‘〔【〈｛([{")
# Units that must stay with the number before them.
UNITS = {"pg/mL", "pg/ml", "MIU", "IU", "mL", "mg", "%", "days", "months", "weeks", "years", "pt"}


def is_cjk(ch: str) -> bool:
    """A character that may be broken before or after (ideographs, kana, full-width punctuation)."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, punctuation, kana, ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x2FA1F
        or ch in "“”‘’…—"
    )


@dataclass
class _Atom:
    text: str
    space_before: bool  # a space separated it from the previous atom in the source


def _atoms(text: str) -> list[_Atom]:
    """Split into pieces that may be separated by a line break (before gluing rules)."""
    atoms: list[_Atom] = []
    space = False
    latin = ""

    def flush() -> None:
        nonlocal latin, space
        if latin:
            atoms.append(_Atom(latin, space))
            latin, space = "", False

    for ch in text:
        if ch.isspace():
            flush()
            space = bool(atoms)
        elif is_cjk(ch):
            flush()
            atoms.append(_Atom(ch, space))
            space = False
        else:
            latin += ch
    flush()
    return atoms


_NUMBER_END = re.compile(r"\d[%‰]?$")
_TRAILING = re.compile(r"[^\w/%]+$")


def _glued(atoms: list[_Atom]) -> list[_Atom]:
    """Apply the no-break rules: merge an atom into the previous one where a break is forbidden."""
    out: list[_Atom] = []
    for atom in atoms:
        if out:
            prev = out[-1]
            no_break = (
                atom.text[0] in CLOSING
                and not atom.space_before  # closing punctuation
                or prev.text[-1] in OPENING
                and not atom.space_before  # after opening punctuation
                or (atom.space_before and _NUMBER_END.search(prev.text) and _TRAILING.sub("", atom.text) in UNITS)
                or (not atom.space_before and not is_cjk(prev.text[-1]) and not is_cjk(atom.text[0]))
                # a Chinese range ("0.54～1.22") and a number with the character after it
                # ("200万", "21个", "55人") stay on one line
                or (not atom.space_before and prev.text[-1] == "～" and atom.text[0].isdigit())
                or (not atom.space_before and prev.text[-1].isdigit() and is_cjk(atom.text[0]))
            )
            if no_break:
                prev.text += (" " if atom.space_before else "") + atom.text
                continue
        out.append(_Atom(atom.text, atom.space_before))
    return out


def _split_long(atom: str, fits: Callable[[str], bool]) -> list[str]:
    """Last resort for one unbreakable piece wider than the line: first at its own spaces
    ("（750–3,700" / "pg/mL）"), then by characters, never leaving closing punctuation at the
    start of a piece."""
    pieces: list[str] = []
    current = ""
    for word in atom.split(" "):
        candidate = f"{current} {word}" if current else word
        if not current or fits(candidate):
            current = candidate
            continue
        pieces.append(current)
        current = word
    if current:
        pieces.append(current)
    out: list[str] = []
    for piece in pieces:
        if fits(piece):
            out.append(piece)
            continue
        chunk = ""
        for ch in piece:
            if chunk and not fits(chunk + ch):
                # prefer to break after a separator inside the piece ("1837-" / "1850", "S0140-")
                cut = max(chunk.rfind(sep) for sep in ";:/-),.")
                if 0 < cut < len(chunk) - 1 and not chunk[cut + 1].isspace():
                    out.append(chunk[: cut + 1])
                    chunk = chunk[cut + 1 :]
                else:
                    out.append(chunk)
                    chunk = ""
            chunk += ch
        if chunk:
            out.append(chunk)
    # closing punctuation never starts a piece: move characters back with it
    for i in range(1, len(out)):
        while out[i] and out[i][0] in CLOSING and len(out[i - 1]) > 1:
            out[i - 1], out[i] = out[i - 1][:-1], out[i - 1][-1] + out[i]
    return out


def break_lines(
    text: str, width: Callable[[str], float], max_width: float, first_width: float | None = None
) -> list[str]:
    """Greedy line filling of ``text`` into lines no wider than ``max_width``.

    ``width(s)`` measures a string in the same unit as ``max_width``; ``first_width`` (if given)
    is the room on the first line (after a run-in heading). Explicit newlines start a new line.
    Returns the lines without leading or trailing spaces.
    """
    lines: list[str] = []
    full_width = max_width
    for paragraph in text.split("\n"):
        atoms = _glued(_atoms(paragraph))
        current = ""
        for atom in atoms:
            max_width = first_width if (first_width is not None and not lines) else full_width
            if not current and not lines and max_width != full_width and width(atom.text) > max_width:
                lines.append("")  # the first word does not fit beside the run-in: start below
                max_width = full_width
            candidate = current + (" " if atom.space_before and current else "") + atom.text
            if not current or width(candidate) <= max_width:
                if not current and width(atom.text) > max_width:
                    *full, rest = _split_long(atom.text, lambda s, limit=max_width: width(s) <= limit)
                    lines.extend(full)
                    current = rest
                else:
                    current = candidate
                continue
            lines.append(current)
            if width(atom.text) > max_width:
                *full, rest = _split_long(atom.text, lambda s, limit=max_width: width(s) <= limit)
                lines.extend(full)
                current = rest
            else:
                current = atom.text
        lines.append(current)
    return [line.strip() for line in lines]


_NUMBER = re.compile(r"\d+(?:[.,–]\d+)*(?:–\d+(?:[.,]\d+)*)?%?(?: (?:pg/mL|MIU))?")


def line_faults(lines: list[str], source: str | None = None) -> list[str]:
    """What a careful reader would object to in a set of broken lines (empty when all is well).

    Used by the tests on real handout text: a line starting with closing punctuation, a line
    ending with opening punctuation; with ``source`` (the unbroken text), also a number, range
    or number-with-unit ("0.52", "750–3,700 pg/mL", "95%") that does not sit whole on one line.
    """
    faults = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if line[0] in CLOSING - {"—", "·"}:
            faults.append(f"line {i} starts with closing punctuation: {line!r}")
        if line[-1] in OPENING:
            faults.append(f"line {i} ends with opening punctuation: {line!r}")
    if source is not None:
        for number in _NUMBER.findall(source):
            if not any(number in line for line in lines):
                faults.append(f"{number!r} is split across lines: {lines!r}")
    return faults

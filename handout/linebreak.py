"""Line breaking for mixed Chinese and English text, as a pure function.

fpdf2's own modes are not enough for a bilingual leaflet: WORD mode only breaks at spaces (a
Chinese sentence has none, so it overflows or breaks anywhere), and CHAR mode splits "0.52" or
"pg/mL" in the middle. This module breaks text the way a Chinese typesetter would (a light
version of UAX #14 plus the kinsoku rules of GB/T 15834):

* a Latin run (word, number, "IL-2LD", "750–3700", "95%") is never split; Latin runs break only
  at spaces; nor is a drug's name or a Chinese short name (``TERMS``, from the glossary: 利鲁唑,
  白细胞介素-2, 低剂量IL-2, 神经丝重链, 利魯唑 ...);
* a number and the unit after it ("3700 pg/mL", "2 MIU", "200万", "21个月") stay on one line, and
  so does a Chinese range ("0.54～1.22");
* between two Chinese characters, or between Chinese and Latin, a line may break;
* closing punctuation (，。、；：！？）》」』”’ …) never starts a line, opening punctuation
  (（《「『“‘) never ends one: they stay glued to their neighbour;
* a paragraph's Chinese last line holds more than one character ("组。" alone is pulled together
  with the character before it), where the line before can spare one.

Widths come from a callable (the PDF font's metrics), so the function is testable without a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from content.glossary import unbreakable
from content.i18n import LANGUAGES

# Characters that must not begin a line (they close something or end a clause).
CLOSING = set("，。、；：！？）》」』”’〕】〉｝…%‰,.;:!?)]}·～—")
# Characters that must not end a line.
OPENING = set("（《「『“‘〔【〈｛([{")
# Names never split across lines (the review found "利鲁 / 唑" and "白细胞介 / 素-2"): the glossary's
# unbreakable names (drugs, short names) in every language of the table, Simplified and
# Traditional. Latin names (IL-2LD, CSF-pNFH, ALSFRS-R) have no break inside them anyway.
TERMS = tuple(sorted({n for lang in LANGUAGES for n in unbreakable(lang)}, key=lambda n: (-len(n), n)))
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
    movable: bool = True  # False for a fragment of an atom too wide for a line


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

    i = 0
    while i < len(text):
        ch = text[i]
        term = next((t for t in TERMS if text.startswith(t, i)), None)
        if term:  # a drug's or a short name's characters stay on one line
            flush()
            atoms.append(_Atom(term, space))
            space = False
            i += len(term)
            continue
        i += 1
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
_LATIN_TAIL = re.compile(r"[A-Za-z0-9.,\-–%‰]+$")


def _ends_in_number(text: str) -> bool:
    """The text ends in a number ("200", "0.52", "750–3700"), not in a name ("IL-2", "CCL2")."""
    tail = _LATIN_TAIL.search(text)
    return bool(tail and tail.group(0)[0].isdigit())


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
                # (a number, not a name ending in a digit: "低剂量IL-2" / "组" may break, and
                # "白细胞介素-2" may end a line before "（IL-2LD）")
                or (
                    not atom.space_before
                    and _ends_in_number(prev.text)
                    and is_cjk(atom.text[0])
                    and atom.text[0] not in OPENING
                )
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


def _render(row: list[_Atom]) -> str:
    return "".join((" " if a.space_before and i else "") + a.text for i, a in enumerate(row))


def is_widow(line: str) -> bool:
    """A Chinese last line holding one character (with its closing punctuation: "组。", "法？",
    "读") or only punctuation: it looks like a mistake, and a typesetter pulls a character down."""
    if not line or not any(is_cjk(ch) for ch in line):
        return False
    rest = "".join(ch for ch in line if not ch.isspace() and ch not in CLOSING)
    return len(rest) <= 1


def _no_widow(rows: list[list[_Atom]], fits: Callable[[str], bool]) -> None:
    """Move whole atoms (never part of a glued one) from the line before down to a widowed last
    line, while the line before keeps at least one atom and the last line still fits."""
    if len(rows) < 2 or not is_widow(_render(rows[-1])):
        return
    before, last = list(rows[-2]), list(rows[-1])
    while is_widow(_render(last)) and len(before) > 1 and before[-1].movable:
        candidate = [before[-1], *last]
        if not fits(_render(candidate)):
            return
        before, last = before[:-1], candidate
    if not is_widow(_render(last)):
        rows[-2], rows[-1] = before, last


def break_lines(
    text: str, width: Callable[[str], float], max_width: float, first_width: float | None = None
) -> list[str]:
    """Greedy line filling of ``text`` into lines no wider than ``max_width``.

    ``width(s)`` measures a string in the same unit as ``max_width``; ``first_width`` (if given)
    is the room on the first line (after a run-in heading). Explicit newlines start a new line.
    A paragraph's Chinese last line never holds a single character where one can be pulled
    down from the line before (``is_widow``).
    Returns the lines without leading or trailing spaces.
    """
    lines: list[str] = []
    full_width = max_width
    for paragraph in text.split("\n"):
        rows: list[list[_Atom]] = []  # this paragraph's lines, as the atoms they hold

        def piece(text: str) -> _Atom:
            return _Atom(text, False, movable=False)  # a fragment of an over-long atom stays put

        def split_long(atom: _Atom, room: float, rows: list[list[_Atom]] = rows) -> list[_Atom]:
            *full, rest = _split_long(atom.text, lambda s: width(s) <= room)
            rows.extend([piece(p)] for p in full)
            return [piece(rest)]

        current: list[_Atom] = []
        for atom in _glued(_atoms(paragraph)):
            first = not lines and not rows
            room = first_width if (first_width is not None and first) else full_width
            if not current and first and room != full_width and width(atom.text) > room:
                rows.append([])  # the first word does not fit beside the run-in: start below
                room = full_width
            if not current or width(_render([*current, atom])) <= room:
                current = split_long(atom, room) if not current and width(atom.text) > room else [*current, atom]
                continue
            rows.append(current)
            current = split_long(atom, full_width) if width(atom.text) > full_width else [atom]
        rows.append(current)
        _no_widow(rows, lambda s: width(s) <= full_width)
        lines.extend(_render(row) for row in rows)
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

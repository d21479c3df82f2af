"""Draw a handout ``Document`` as a PDF with fpdf2: embedded subset fonts, vector figures.

Layout model: every block is laid out at a given width into *rows* (a line of text, a ruled
writing line, a whole figure), each with a height and a draw function. One language flows its
rows down the page; the side-by-side version zips the English and Chinese rows of the same block
(the two documents have the same structure), so each English line sits beside its Chinese line
and a page never separates a section from its translation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fpdf import FPDF

from charts.icons import ALIVE_COLOUR, DIED_COLOUR, icon_people
from content.facts import format_number
from content.i18n import HTML_LANG, language
from handout.document import (
    Bullets,
    Document,
    Forest,
    Heading,
    IconArrays,
    Para,
    Section,
    Table,
    Terms,
    WriteSpace,
)
from handout.fonts import add_fonts, family_key, lean_charset
from handout.linebreak import break_lines

PAPERS = {"a4": "A4", "letter": "Letter"}

PT = 25.4 / 72  # millimetres per point
BODY = 11.0  # body text, points (the brief: at least 11)
NOTE = 11.0
KEY = 12.0
HEADING = 13.5
SUBHEADING = 11.5
TITLE = 17.0
MARGIN = 14.0
GAP = 8.0  # between the two columns of the side-by-side version
INK = (20, 20, 20)
GREY = (70, 70, 70)
RULE = (150, 150, 150)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@dataclass
class Row:
    height: float
    draw: Callable[[float, float, float], None]  # (x, y, width)
    heading: bool = False
    space_after: float = 0.0
    # A figure that can be drawn smaller: fit(height) gives a version at most that tall, or None.
    fit: Callable[[float], Row | None] | None = None


class HandoutPDF(FPDF):
    footer_lines: tuple[tuple[str, str], ...] = ()  # (language, line): each in its language's font

    def footer(self) -> None:
        self.set_y(-8 - 4.2 * len(self.footer_lines))
        self.set_text_color(*GREY)
        for lang, line in self.footer_lines:
            self.set_font(family_key(language(lang).pdf_font), "", 9)
            self.cell(0, 4.2, line.replace("{page}", str(self.page_no())), align="C", new_x="LMARGIN", new_y="NEXT")


class _Renderer:
    def __init__(self, pdf: HandoutPDF):
        self.pdf = pdf

    # ---------------------------------------------------------------- text
    def _font(self, lang: str, size: float, bold: bool = False, colour=INK) -> None:
        """The language's own handout family (Traditional glyph shapes for zh-Hant, content.i18n)."""
        self.pdf.set_font(family_key(language(lang).pdf_font), "B" if bold else "", size)
        self.pdf.set_text_color(*colour)

    def text_rows(
        self,
        text: str,
        lang: str,
        width: float,
        size: float,
        bold=False,
        colour=INK,
        indent: float = 0.0,
        first_prefix: str = "",
        run_in: str = "",
    ) -> list[Row]:
        """Lines of one paragraph. ``first_prefix`` hangs in the indent (a bullet); ``run_in`` is a
        bold lead set on the first line before the text (a glossary term)."""
        lead_w = 0.0
        if run_in:
            self._font(lang, size, True)
            lead_w = self.pdf.get_string_width(run_in + ("" if run_in.endswith("：") else " "))
        self._font(lang, size, bold)
        lines = break_lines(
            text, self.pdf.get_string_width, width - indent, first_width=(width - indent - lead_w) if run_in else None
        )
        h = size * PT * language(lang).pdf_leading
        rows = []
        for i, line in enumerate(lines):
            prefix = first_prefix if i == 0 else ""
            lead = run_in if i == 0 else ""

            def draw(x, y, w, line=line, prefix=prefix, lead=lead):
                if prefix:
                    self._font(lang, size, bold, colour)
                    self.pdf.set_xy(x, y)
                    self.pdf.cell(indent, h, prefix)
                dx = 0.0
                if lead:
                    self._font(lang, size, True, colour)
                    self.pdf.set_xy(x + indent, y)
                    self.pdf.cell(lead_w, h, lead)
                    dx = lead_w
                self._font(lang, size, bold, colour)
                self.pdf.set_xy(x + indent + dx, y)
                self.pdf.cell(w - indent - dx, h, line)

            rows.append(Row(h, draw))
        return rows

    # ---------------------------------------------------------------- blocks
    def layout(self, block, lang: str, width: float) -> list[list[Row]]:
        """A block as groups of rows; the side-by-side version aligns group with group (a
        bullet beside its translation), so both languages have the same groups."""
        if isinstance(block, (Bullets, Terms, WriteSpace)):
            return self._grouped(block, lang, width)
        if isinstance(block, Table):
            return self._table(block, lang, width)
        return [self._layout(block, lang, width)]

    @staticmethod
    def _together(rows: list[Row], space_after: float = 0.0) -> Row:
        """Lines drawn as one row, so a page never splits them (one row of a table)."""
        height = sum(r.height for r in rows)

        def draw(x, y, w):
            for r in rows:
                r.draw(x, y, w)
                y += r.height

        return Row(height, draw, space_after=space_after)

    def _table(self, block: Table, lang: str, width: float) -> list[list[Row]]:
        """A ruled table, one group per row (a page may break between rows, never inside one).
        On a narrow column (the side-by-side version) each row stacks: its name in bold, then
        each cell led by its column's name, so no column is too narrow to read."""
        ncol = len(block.header)
        pad = 1.6
        if width < 120:
            groups: list[list[Row]] = []
            for cells in block.rows:
                rows = self.text_rows(cells[0], lang, width, BODY, bold=True)
                for head, cell in zip(block.header[1:], cells[1:], strict=False):
                    lead = head + language(lang).colon.rstrip()
                    self._font(lang, BODY, True)
                    if self.pdf.get_string_width(lead + " ") < (width - 3.0) * 0.6:
                        rows += self.text_rows(cell, lang, width, BODY, indent=3.0, run_in=lead)
                    else:  # a long column name: on its own line(s), the cell's text below it
                        rows += self.text_rows(lead, lang, width, BODY, bold=True, indent=3.0)
                        rows += self.text_rows(cell, lang, width, BODY, indent=3.0)
                groups.append([self._together(rows, space_after=2.5)])
            return groups
        fractions = [0.24] + [0.76 / (ncol - 1)] * (ncol - 1) if ncol > 2 else [0.5, 0.5]
        widths = [width * f for f in fractions]

        def table_row(cells: tuple[str, ...], header: bool) -> Row:
            laid = [
                self.text_rows(c, lang, w - 2 * pad, BODY, bold=header or i == 0)
                for i, (c, w) in enumerate(zip(cells, widths, strict=False))
            ]
            height = max(sum(r.height for r in rows) for rows in laid) + 2 * pad

            def draw(x, y, w):
                pdf = self.pdf
                cx = x
                pdf.set_draw_color(*RULE)
                pdf.set_line_width(0.3)
                for i, (rows, cw) in enumerate(zip(laid, widths, strict=False)):
                    if header or i == 0:
                        pdf.set_fill_color(232, 238, 245) if header else pdf.set_fill_color(245, 245, 245)
                        pdf.rect(cx, y, cw, height, style="DF")
                    else:
                        pdf.rect(cx, y, cw, height, style="D")
                    yy = y + pad
                    for r in rows:
                        r.draw(cx + pad, yy, cw - 2 * pad)
                        yy += r.height
                    cx += cw

            return Row(height, draw)

        groups = [[table_row(block.header, True)]]
        groups.extend([table_row(cells, False)] for cells in block.rows)
        groups[-1][-1].space_after = 3.0
        return groups

    def _grouped(self, block, lang: str, width: float) -> list[list[Row]]:
        if isinstance(block, Bullets):
            groups = []
            for item in block.items:
                rows = self.text_rows(item, lang, width, BODY, indent=5.0, first_prefix="•")
                rows[-1].space_after = 1.2
                groups.append(rows)
            groups[-1][-1].space_after = 3.0
            return groups
        if isinstance(block, Terms):
            groups = []
            for term, definition in block.items:
                lead = term + language(lang).colon.rstrip()
                self._font(lang, BODY, True)
                if self.pdf.get_string_width(lead + " ") < width * 0.6:
                    rows = self.text_rows(definition, lang, width, BODY, run_in=lead)
                else:  # a long term: on its own line(s), the definition below
                    rows = self.text_rows(lead, lang, width, BODY, bold=True)
                    rows += self.text_rows(definition, lang, width, BODY)
                rows[-1].space_after = 1.2
                groups.append(rows)
            return groups
        prompt = self.text_rows(block.prompt, lang, width, BODY, bold=True)
        # The prompt and its writing lines stay together on one page.
        height = sum(r.height for r in prompt) + 8.0 * block.lines

        def draw(x, y, w):
            for r in prompt:
                r.draw(x, y, w)
                y += r.height
            for _ in range(block.lines):
                self._rule(x, y, w)
                y += 8.0

        return [[Row(height, draw, space_after=3.0)]]

    def _layout(self, block, lang: str, width: float) -> list[Row]:
        if isinstance(block, Heading):
            rows = self.text_rows(block.text, lang, width, SUBHEADING, bold=True)
            for r in rows:
                r.heading = True
            rows[-1].space_after = 1.0
            return rows
        if isinstance(block, Para):
            if block.tone == "key":
                rows = self.text_rows(block.text, lang, width, KEY, bold=True)
            elif block.tone == "note":
                rows = self.text_rows(block.text, lang, width, NOTE, colour=GREY)
            else:
                rows = self.text_rows(block.text, lang, width, BODY)
            rows[-1].space_after = 2.0
            return rows
        if isinstance(block, IconArrays):
            return [self._icon_arrays(block, lang, width, block.icon_mm)]
        if isinstance(block, Forest):
            return [self._forest(block, lang, width)]
        raise TypeError(f"unknown block {block!r}")

    def _rule(self, x, y, w) -> None:
        self.pdf.set_draw_color(*RULE)
        self.pdf.set_line_width(0.25)
        self.pdf.line(x, y + 7.0, x + w, y + 7.0)

    # ---------------------------------------------------------------- figures
    def _person(self, x: float, y: float, size: float, alive: bool) -> None:
        """A person (head and shoulders) in a size x size box: filled = alive, outline = died."""
        pdf = self.pdf
        colour = _rgb(ALIVE_COLOUR if alive else DIED_COLOUR)
        pdf.set_draw_color(*colour)
        pdf.set_fill_color(*(colour if alive else (255, 255, 255)))
        pdf.set_line_width(0.22)
        style = "DF"
        r = size * 0.2
        pdf.ellipse(x + size / 2 - r, y + size * 0.04, 2 * r, 2 * r, style=style)
        pdf.rect(
            x + size * 0.2,
            y + size * 0.48,
            size * 0.6,
            size * 0.48,
            style=style,
            round_corners=("TOP_LEFT", "TOP_RIGHT"),
            corner_radius=size * 0.14,
        )

    def _icon_arrays(self, block: IconArrays, lang: str, width: float, icon: float | None = None) -> Row:
        """Panels side by side. On a wide column the words sit beside each grid (compact);
        on a narrow one (the side-by-side version) they sit above and below it. At the foot of
        a page the figure may be drawn smaller (people at least 2.7 mm tall) rather than leave
        a gap."""
        n = len(block.panels)
        gap = 6.0
        panel_w = (width - gap * (n - 1)) / n
        beside = panel_w >= 75
        if icon is None:
            icon = 3.8 if beside else min(panel_w / 10, 4.2)
        grid_w = icon * 10
        text_w = panel_w - grid_w - 4 if beside else panel_w
        titles = [self.text_rows(p.title, lang, text_w, BODY, bold=True) for p in block.panels]
        captions = [self.text_rows(p.caption, lang, text_w, NOTE) for p in block.panels]
        title_h = max(sum(r.height for r in rows) for rows in titles)
        caption_h = max(sum(r.height for r in rows) for rows in captions)
        legend = [self.text_rows(t, lang, width - 8, NOTE) for t in (block.alive_label, block.died_label)]
        self._font(lang, NOTE)
        label_w = [self.pdf.get_string_width(t) for t in (block.alive_label, block.died_label)]
        one_line = all(len(rows) == 1 for rows in legend) and sum(label_w) + 7 + 7 + 8 <= width
        legend_h = legend[0][0].height if one_line else sum(r.height for rows in legend for r in rows)
        if beside:
            body_h = max(grid_w, title_h + 1.5 + caption_h)
            grid_dy, text_dx = 0.0, grid_w + 4
        else:
            body_h = title_h + grid_w + 2 + caption_h
            grid_dy, text_dx = title_h, 0.0
        height = body_h + 2 + legend_h + 3

        def draw(x, y, w):
            with self._figure(block.alt):
                for i, panel in enumerate(block.panels):
                    px = x + i * (panel_w + gap)
                    gy = y + grid_dy
                    for person in icon_people(panel.alive):
                        self._person(
                            px + person.col * icon, gy + person.row * icon, icon * 0.92, person.status == "alive"
                        )
                    yy = y
                    for r in titles[i]:
                        r.draw(px + text_dx, yy, text_w)
                        yy += r.height
                    yy = (y + title_h + 1.5) if beside else (gy + grid_w + 2)
                    for r in captions[i]:
                        r.draw(px + text_dx, yy, text_w)
                        yy += r.height
                yy = y + body_h + 2
                lx = x
                for alive, rows, lw in zip((True, False), legend, label_w, strict=False):
                    self._person(lx, yy + 0.6, 4.2, alive)
                    for r in rows:
                        r.draw(lx + 7, yy, w - 7 - (lx - x))
                        if not one_line:
                            yy += r.height
                    if one_line:
                        lx += 7 + lw + 8

        def fit(available: float) -> Row | None:
            size = icon - 0.2
            while size >= 2.7:
                smaller = self._icon_arrays(block, lang, width, size)
                if smaller.height + smaller.space_after <= available:
                    return smaller
                size -= 0.2
            return None

        return Row(height, draw, space_after=2.0, fit=fit)

    def _forest(self, block: Forest, lang: str, width: float) -> Row:
        # Wide column: words left, plot right. Narrow column (side by side): each row's words,
        # then its interval on a strip as wide as the column, so the plot keeps a usable scale.
        stacked = width < 120
        label_w = width if stacked else width * 0.56
        plot_x0 = 3.0 if stacked else label_w + 4
        plot_w = width - plot_x0 - 3
        strip = 7.0 if stacked else 0.0
        lo, hi = 0.25, 4.0

        def pos(v: float) -> float:
            v = min(max(v, lo), hi)
            return plot_x0 + plot_w * (math.log(v) - math.log(lo)) / (math.log(hi) - math.log(lo))

        rows = []
        for r in block.rows:
            label = self.text_rows(r.label, lang, label_w, BODY, bold=True)
            value = self.text_rows(r.value_text, lang, label_w, BODY)
            if r.note:
                value += self.text_rows(r.note, lang, label_w, NOTE, colour=GREY)
            value[-1].space_after = 0
            rows.append((r, label, value, sum(x.height for x in label + value) + strip + 2.0))
        axis_h = 24.0
        height = sum(h for *_, h in rows) + axis_h

        def draw(x, y, w):
            pdf = self.pdf
            with self._figure(block.alt):
                top = y
                yy = y
                for r, label, value, h in rows:
                    ly = yy
                    for line in label + value:
                        line.draw(x, ly, label_w)
                        ly += line.height
                    cy = (yy + h - 2.0 - strip / 2) if stacked else (yy + (h - 2.0) / 2)
                    pdf.set_draw_color(*INK)
                    pdf.set_fill_color(*_rgb(ALIVE_COLOUR))
                    pdf.set_line_width(0.6)
                    if r.ci is not None:
                        pdf.line(x + pos(r.ci[0]), cy, x + pos(r.ci[1]), cy)
                        pdf.rect(x + pos(r.hr) - 1.6, cy - 1.6, 3.2, 3.2, style="DF")
                    else:  # no interval published: a hollow marker, no line
                        pdf.set_line_width(0.4)
                        pdf.set_fill_color(255, 255, 255)
                        pdf.polygon(
                            [
                                (x + pos(r.hr), cy - 2.2),
                                (x + pos(r.hr) + 2.2, cy),
                                (x + pos(r.hr), cy + 2.2),
                                (x + pos(r.hr) - 2.2, cy),
                            ],
                            style="DF",
                        )
                    if stacked:  # the line of no difference, within this row's strip only
                        with pdf.local_context():
                            pdf.set_line_width(0.3)
                            pdf.set_draw_color(*GREY)
                            pdf.set_dash_pattern(dash=1.2, gap=1.0)
                            pdf.line(x + pos(1.0), cy - strip / 2, x + pos(1.0), yy + h)
                    yy += h
                # axis, with a dashed line at 1 (no difference)
                pdf.set_line_width(0.3)
                pdf.set_draw_color(*GREY)
                pdf.line(x + plot_x0, yy + 1, x + plot_x0 + plot_w, yy + 1)
                if not stacked:
                    with pdf.local_context():
                        pdf.set_dash_pattern(dash=1.2, gap=1.0)
                        pdf.line(x + pos(1.0), top, x + pos(1.0), yy + 1)
                self._font(lang, NOTE, colour=GREY)
                for tick in (0.25, 0.5, 1.0, 2.0, 4.0):
                    tx = x + pos(tick)
                    pdf.line(tx, yy + 1, tx, yy + 2.2)
                    label = format_number(tick, 2 if tick < 0.5 else 1 if tick < 1 else 0, lang)
                    tw = pdf.get_string_width(label)
                    pdf.set_xy(tx - tw / 2, yy + 2.4)
                    pdf.cell(tw, 5, label)
                # Direction labels under the axis, each pointing away from the line at 1. The left
                # one ends at that line and may run under the row labels; the right one starts
                # there. One that does not fit there on one line (English in a narrow column)
                # takes a line of its own across the column, the left one from its left edge, the
                # right one up to its right edge. No label wraps inside its half: a "少" or a "→"
                # alone on a line read badly.
                ly = yy + 8.5
                left_w = pos(1.0) - 1
                if pdf.get_string_width(block.lower) <= left_w:
                    pdf.set_xy(x, ly)
                    pdf.cell(left_w, 5, block.lower, align="R")
                    ly += 5.2
                else:  # a narrow column: the whole width, from the left
                    for line in break_lines(block.lower, pdf.get_string_width, w):
                        pdf.set_xy(x, ly)
                        pdf.cell(w, 5, line, align="L")
                        ly += 5.2
                right_w = w - pos(1.0) - 1
                if pdf.get_string_width(block.higher) <= right_w:
                    pdf.set_xy(x + pos(1.0) + 1, yy + 8.5)
                    pdf.cell(right_w, 5, block.higher, align="L")
                else:
                    for line in break_lines(block.higher, pdf.get_string_width, w):
                        pdf.set_xy(x, ly)
                        pdf.cell(w, 5, line, align="R")
                        ly += 5.2

        return Row(height, draw, space_after=2.0)

    def _figure(self, alt: str):
        """Tag a drawn figure as /Figure with alternative text, where fpdf2 allows it."""
        marked = getattr(self.pdf, "_marked_sequence", None)
        if marked is None:  # pragma: no cover - older or newer fpdf2
            from contextlib import nullcontext

            return nullcontext()
        return marked(alt_text=alt)


def document_strings(value) -> Iterator[str]:
    """Every piece of text inside a document (or a list of them), in reading order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from document_strings(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from document_strings(getattr(value, name))


def document_chars(docs: list[Document]) -> set[str]:
    """Every character the documents will print (to check the lean fonts cover them)."""
    chars: set[str] = set()
    for text in document_strings(docs):
        chars.update(text)
    return chars


# -------------------------------------------------------------------- document
def _section_rows(r: _Renderer, section: Section, lang: str, width: float) -> list[list[Row]]:
    """A section as groups of rows: its heading, then one group per block."""
    heading = r.text_rows(section.title, lang, width, HEADING, bold=True)
    for row in heading:
        row.heading = True
    heading[-1].space_after = 1.5
    groups = [heading]
    for block in section.blocks:
        groups.extend(r.layout(block, lang, width))
    return groups


def render_pdf(docs: list[Document], paper: str = "a4") -> bytes:
    """One document (a single language) or two (English and Chinese side by side)."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {sorted(PAPERS)}")
    pdf = HandoutPDF(orientation="P", unit="mm", format=PAPERS[paper])
    lean = document_chars(docs) <= lean_charset() | {"\n"}
    add_fonts(pdf, lean, tuple(dict.fromkeys(language(d.lang).pdf_font for d in docs)))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0
    first = docs[0]
    pdf.set_lang(HTML_LANG[first.lang])
    pdf.set_title(" / ".join(d.title for d in docs))
    pdf.set_subject(" / ".join(d.subtitle for d in docs))
    pdf.set_author("MIROCALS decision aid")
    pdf.set_creator("MIROCALS decision aid (python -m handout)")
    pdf.set_keywords(", ".join(d.keywords for d in docs))
    pdf.set_display_mode("fullwidth")
    pdf.footer_lines = tuple((d.lang, d.footer) for d in docs)
    pdf.alias_nb_pages("{nb}")

    r = _Renderer(pdf)
    ncol = len(docs)
    full = pdf.w - 2 * MARGIN
    col_w = (full - GAP * (ncol - 1)) / ncol
    bottom = pdf.h - 12.0 - 4.2 * len(docs)
    pdf.add_page()

    # title block
    y = MARGIN
    title_cols = [
        r.text_rows(d.title, d.lang, col_w, TITLE, bold=True)
        + r.text_rows(d.subtitle, d.lang, col_w, BODY, colour=GREY)
        for d in docs
    ]
    for i, rows in enumerate(title_cols):
        yy = y
        for row in rows:
            row.draw(MARGIN + i * (col_w + GAP), yy, col_w)
            yy += row.height
    y += max(sum(row.height for row in rows) for rows in title_cols) + 5

    sections = list(zip(*(d.sections for d in docs), strict=False))
    xs = [MARGIN + i * (col_w + GAP) for i in range(ncol)]
    for group in sections:
        if any(s.key != group[0].key for s in group):
            raise ValueError("the documents to pair have different sections")
        laid = [_section_rows(r, s, d.lang, col_w) for s, d in zip(group, docs, strict=False)]
        if len({len(col) for col in laid}) != 1:
            raise ValueError(f"section {group[0].key!r} has different blocks in the two languages")
        title = " / ".join(s.title for s in group)
        pdf.set_y(y)
        for index in range(len(laid[0])):
            columns = [list(col[index]) for col in laid]
            if any(rows and rows[0].heading for rows in columns):
                # keep a heading (and any heading right after it) with the first row that follows
                need = max(_keep_with_next(col, index) for col in laid)
                if y + need > bottom:
                    pdf.add_page()
                    y = MARGIN
            if index == 0:
                pdf.set_y(y)
                pdf.start_section(title, level=0)  # a bookmark, in both languages
            # Each column stacks its own rows (its own line spacing); the group ends at the
            # lower of the two, so the next group starts level in both languages.
            while any(columns):
                ends = []
                for c, rows in enumerate(columns):
                    yy = y
                    drawn = 0  # rows of this block drawn on this page, in this column
                    while rows:
                        row = rows[0]
                        if yy + row.height > bottom and row.fit is not None:
                            smaller = row.fit(bottom - yy)
                            if smaller is not None:
                                rows[0] = row = smaller
                        if yy + row.height > bottom and yy != MARGIN:
                            break
                        # No widow: a block's last line never goes alone to the next page (it
                        # takes the line before it along when two or more stay on this one).
                        if len(rows) == 2 and drawn >= 2 and yy + row.height + rows[1].height > bottom:
                            break
                        row.draw(xs[c], yy, col_w)
                        yy += row.height + row.space_after
                        rows.pop(0)
                        drawn += 1
                    ends.append(yy)
                y = max(ends)
                if any(columns):
                    pdf.add_page()
                    y = MARGIN
        y += 2.0
    return bytes(pdf.output())


def _height(rows: list[Row]) -> float:
    return sum(r.height + r.space_after for r in rows)


def _keep_with_next(groups: list[list[Row]], index: int) -> float:
    """Height of the heading group at ``index``, the headings right after it, and the first row
    or two of the first group that is not a heading."""
    need = 0.0
    while index < len(groups) and groups[index] and groups[index][0].heading:
        need += _height(groups[index])
        index += 1
    if index < len(groups) and groups[index]:
        need += sum(r.height for r in groups[index][:2])  # at least two lines of text after it
    return need

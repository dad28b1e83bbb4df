"""Where a value may lie: text cut into cells by its layout, so no value runs across a line or a column.

A table read as text puts the end of one row beside the start of the next, and two cells side by side
look like one long number: an eight-digit document number and the day of the next column were a
"phone". Here each line of a picture (Tesseract's word boxes) or of a PDF page (its text laid out by
position) is cut wherever the gap between two words is wider than a couple of characters, and a value
is searched for in one such cell only. The words around it, on its line and on the line above (a label
over its value), are its context.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

Box = tuple[int, int, int, int]  # left, top, right, bottom in the read picture's pixels

# A gap between two words wider than this many times the line's height (its tallest letters' top to its
# lowest descender) is a new cell. Word spaces measure 0.2-1.1 of it (wide-set label fonts the most);
# table columns and a chat's time stamp, 2 and more.
_CELL_GAP = 1.4
# In a PDF page laid out as text, three spaces or a tab part two cells: pypdf pads columns with spaces.
_HEADING_ROW = 3  # a heading stands in a row of three cells with words at least (a table's heading row)
_HEADING_REACH = 400  # cells looked back through for a column's heading: a page of a dense table
_TEXT_CELL_GAP = re.compile(r"\t| {3,}|\u00a0{3,}")


@dataclass(frozen=True, slots=True)
class Piece:
    """One word: its text and, read from a picture, its box."""

    text: str
    box: Box | None = None


@dataclass(frozen=True)
class Cell:
    """Words that belong together: one line's run of words with no wide gap between them. Its text, box
    and word offsets are worked out once: a heading's search and every value's context read them."""

    pieces: tuple[Piece, ...]
    line: int  # index of its line in the document
    block: tuple[int, ...] = ()  # Tesseract's block and paragraph: lines of one paragraph wrap
    columns: tuple[int, int] = (0, 0)  # laid-out text: the characters of its line it spans
    offset: int = 0  # where its text starts in its line's text (Document.lines)

    @functools.cached_property
    def text(self) -> str:
        return " ".join(piece.text for piece in self.pieces)

    @functools.cached_property
    def starts(self) -> tuple[int, ...]:
        """Where each piece starts in `text`."""
        starts, at = [], 0
        for piece in self.pieces:
            starts.append(at)
            at += len(piece.text) + 1
        return tuple(starts)

    def pieces_between(self, start: int, end: int) -> list[Piece]:
        """The pieces that hold any of text[start:end]."""
        return [
            piece
            for piece, begin in zip(self.pieces, self.starts, strict=True)
            if begin < end and start < begin + len(piece.text)
        ]

    @functools.cached_property
    def box(self) -> Box | None:
        return union([piece.box for piece in self.pieces])


@dataclass(frozen=True)
class Document:
    """A page's cells, in reading order, with the text of each line (for context)."""

    cells: tuple[Cell, ...]
    lines: tuple[str, ...]

    def context(self, cell: Cell, start: int, reach: int = 2) -> str:
        """What is written before a value: its column's heading, the `reach` lines above, and its line
        up to it (the last line of the text)."""
        before = self._before(cell, start)
        above = self.lines[max(0, cell.line - reach) : cell.line]
        heading = self.heading(cell)
        return " \n".join([*([heading] if heading else []), *above, before]).lower()

    def heading(self, cell: Cell) -> str:
        """A table column's heading: the nearest cell above, in the same column, that holds no digit and
        stands in a row of several cells («Телефон» over a column of numbers; a chat's title bar is no
        heading); "" when there is none within a page's rows."""
        found = self._headings.get(id(cell))
        if found is not None:
            return found
        heading = ""
        index = self._index.get(id(cell), 0)
        for other in reversed(self.cells[max(0, index - _HEADING_REACH) : index]):
            words = other.text
            if (
                other.line < cell.line
                and same_column(other, cell)
                and self._row_sizes.get(id(other), 0) >= _HEADING_ROW
                and not any(char.isdigit() for char in words)
                and any(char.isalpha() for char in words)
            ):
                heading = words
                break
        self._headings[id(cell)] = heading
        return heading

    @functools.cached_property
    def _index(self) -> dict[int, int]:
        return {id(cell): number for number, cell in enumerate(self.cells)}

    @functools.cached_property
    def _row_sizes(self) -> dict[int, int]:
        """How many cells with letters stand in each cell's row: cells of one line of laid-out text, or
        of a picture's cells at the same height (Tesseract reads a table column by column, so a heading
        row is not one of its lines)."""
        worded = [cell for cell in self.cells if any(char.isalpha() for char in cell.text)]
        sizes: dict[int, int] = {}
        if any(cell.box is None for cell in worded):
            per_line: dict[int, int] = {}
            for cell in worded:
                per_line[cell.line] = per_line.get(cell.line, 0) + 1
            return {id(cell): per_line.get(cell.line, 0) for cell in self.cells}
        centres = sorted(((box[1] + box[3]) / 2) for cell in worded if (box := cell.box) is not None)
        for cell in self.cells:
            box = cell.box
            if box is not None:
                sizes[id(cell)] = bisect.bisect_right(centres, box[3]) - bisect.bisect_left(centres, box[1])
        return sizes

    @functools.cached_property
    def _headings(self) -> dict[int, str]:
        return {}

    def _before(self, cell: Cell, start: int) -> str:
        return self.lines[cell.line][: cell.offset] + cell.text[:start]


def same_column(upper: Cell, lower: Cell) -> bool:
    """Cells one above the other: boxes that overlap sideways, or laid-out text's overlapping columns."""
    a, b = upper.box, lower.box
    if a is None or b is None:
        (a0, a1), (b0, b1) = upper.columns, lower.columns
        return a0 < b1 and b0 < a1
    return a[0] < b[2] and b[0] < a[2]


def union(boxes: Sequence[Box | None]) -> Box | None:
    known = [box for box in boxes if box is not None]
    if not known:
        return None
    return (
        min(box[0] for box in known),
        min(box[1] for box in known),
        max(box[2] for box in known),
        max(box[3] for box in known),
    )


def from_text(text: str) -> Document:
    """Plain or laid-out text: a line per line, a cell per run of words between wide gaps."""
    text = unicodedata.normalize("NFKC", text)
    cells: list[Cell] = []
    lines: list[str] = []
    for number, line in enumerate(text.splitlines()):
        lines.append(" ".join(line.split()))
        at = offset = 0
        for part in _TEXT_CELL_GAP.split(line):
            begin = line.index(part, at)
            at = begin + len(part)
            words = part.split()
            if words:
                pieces = tuple(Piece(word) for word in words)
                cells.append(Cell(pieces, number, (), (begin, at), offset))
                offset += len(" ".join(words)) + 1
    return Document(tuple(cells), tuple(lines))


class WordBox(Protocol):
    """A word as the OCR engine gives it (ocr.Word)."""

    @property
    def text(self) -> str: ...
    @property
    def left(self) -> int: ...
    @property
    def top(self) -> int: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def block(self) -> int: ...
    @property
    def par(self) -> int: ...


def from_words(lines: Sequence[Sequence[WordBox]]) -> Document:
    """Lines of OCR words: each cut into cells wherever two words stand apart by more than a column gap."""
    cells: list[Cell] = []
    texts: list[str] = []
    for number, words in enumerate(lines):
        texts.append(" ".join(word.text for word in words))
        if not words:
            continue
        height = max(word.top + word.height for word in words) - min(word.top for word in words)
        run: list[WordBox] = [words[0]]
        offset = 0
        for word in words[1:]:
            previous = run[-1]
            gap = word.left - (previous.left + previous.width)
            if gap > _CELL_GAP * max(height, 1):
                cells.append(_cell(run, number, offset))
                offset += sum(len(w.text) + 1 for w in run)
                run = []
            run.append(word)
        cells.append(_cell(run, number, offset))
    return Document(tuple(cells), tuple(texts))


def _cell(words: Sequence[WordBox], line: int, offset: int) -> Cell:
    pieces = tuple(
        Piece(word.text, (word.left, word.top, word.left + word.width, word.top + word.height))
        for word in words
    )
    first = words[0]
    return Cell(pieces, line, (first.block, first.par), offset=offset)

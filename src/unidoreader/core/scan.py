"""The search form of a document: the normal form of its blocks and jieba's word
boundaries, as search and the gram index need them.

The index writes, per document, its *search form* (`blocks/<doc>.srch`):

- the normal form of each block (one line each of one str in memory);
- one letter per block for its kind (`h` heading, `t` table, ...);
- the word boundaries of jieba's segmentation as one byte per character of the blocks
  laid end to end (block i starts at `starts[i]`; a block's start and end are
  boundaries): how a match sits on word boundaries is two lookups, not a regex.

The gram index (core.grams) is made from the forms, and answers which blocks hold a
term over the whole library; search reads a form itself only for the few blocks that
need more than that (another form of an English stem among the block's words, the
blocks of a symbol query). The full blocks (original text, ids, sections) are read only
for the hits shown (snippets).
"""

from __future__ import annotations

import marshal
import operator
import sys
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from typing import Sequence

from unidoreader.core import analysis

FORM_VERSION = 3


class _Blocks(Sequence[str]):
    """The blocks of a form, each cut from its text when asked for."""

    def __init__(self, form: "Form") -> None:
        self._form = form

    def __len__(self) -> int:
        return len(self._form.starts)

    def __getitem__(self, number: int) -> str:  # type: ignore[override]
        return self._form.block(number)


@dataclass
class Form:
    """A document's search form (see the module docstring)."""

    doc: str
    session: int | None
    kind: str  # the document kind in normal form ("总干事的报告")
    text: str  # the normal form of the indexed blocks, one line each (normal forms hold no whitespace)
    kinds: str  # one letter per block
    starts: array  # type: ignore[type-arg]  # where each block starts in `text` and in `bounds`
    bounds: bytes  # 1 where a word boundary is, over the blocks laid end to end (one apart)
    language: str | None = None  # the document's ("zh", "en")
    _ends: array | None = field(default=None, repr=False, compare=False)  # type: ignore[type-arg]

    @property
    def chars(self) -> int:
        return len(self.bounds)

    @property
    def block_count(self) -> int:
        return len(self.starts)

    @property
    def blocks(self) -> Sequence[str]:
        """The normal form of each block (cut from `text` when asked for)."""
        return _Blocks(self)

    @property
    def ends(self) -> array:  # type: ignore[type-arg]
        """Where each block ends in `text` (made when first asked for)."""
        if self._ends is None:
            if not self.starts:
                self._ends = array("l")
                return self._ends
            ends = array("l", self.starts)
            del ends[0]
            ends.append(len(self.text) + 1)
            self._ends = array("l", map(operator.sub, ends, repeat(1)))
        return self._ends

    def block(self, number: int) -> str:
        """The normal form of block `number`."""
        return self.text[self.starts[number] : self.ends[number]]

    def seg(self, number: int) -> str:
        """Block `number` in seg form: its words joined by analysis.BOUNDARY."""
        norm = self.block(number)
        base = self.starts[number]
        bounds = self.bounds
        cuts = [i for i in range(1, len(norm)) if bounds[base + i]]
        return analysis.BOUNDARY.join(norm[a:b] for a, b in zip([0, *cuts], [*cuts, len(norm)]))

    def alignment(self, number: int, needle: str) -> int:
        """How the occurrences of `needle` in block `number` sit on word boundaries:
        2 = one starts and ends on boundaries (a word or run of words), 1 = one end
        does, 0 = neither (search ranks 2 above 1 above 0)."""
        text = self.text
        base = self.starts[number]
        end = self.ends[number]
        bounds = self.bounds
        size = len(needle)
        best = 0
        position = text.find(needle, base, end)
        while position >= 0:
            left = bounds[position]
            right = bounds[position + size]
            if left and right:
                return 2
            if left or right:
                best = 1
            position = text.find(needle, position + 1, end)
        return best


def build(doc: str, session: int | None, kind: str | None, blocks: Sequence[tuple[str, str]], language: str | None = None) -> bytes:
    """The marshalled search form of a document; `blocks`: (kind, seg form) per indexed block.

    Written as FORM_VERSION 3: the blocks' normal forms as one text in UTF-16 and where
    each starts, so that reading a form is two copies, not a string per block decoded
    from UTF-8 (a whole archive's forms are read for the first search)."""
    boundary = analysis.BOUNDARY
    norms: list[str] = []
    letters: list[str] = []
    marks: list[int] = []
    offset = 0
    for block_kind, seg in blocks:
        parts = seg.split(boundary)
        norms.append("".join(parts))
        letters.append(kind_letter(block_kind))
        marks.append(offset)
        marks.extend(offset + end for end in accumulate(map(len, parts)))
        offset += len(norms[-1]) + 1
    bounds = bytearray(offset + 1)
    for mark in marks:
        bounds[mark] = 1
    text = "\n".join(norms)
    starts = _starts(norms)
    return marshal.dumps((FORM_VERSION, doc, session, analysis.normalize(kind or ""), text.encode(_TEXT_CODEC),
                          _STARTS + starts.tobytes(), "".join(letters), bytes(bounds), language))


_TEXT_CODEC = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_STARTS = b"I" + sys.byteorder[:1].encode()  # typecode and byte order of the stored starts


def _starts(norms: Sequence[str]) -> array:  # type: ignore[type-arg]
    starts = array("I", [0])
    starts.extend(accumulate(len(norm) + 1 for norm in norms))
    starts.pop()
    return starts


def load(data: bytes) -> Form | None:
    """A search form from its bytes; None if they are not one (damage, an unknown format).
    Reads FORM_VERSION 3 and the version 2 of indexes written before it."""
    try:
        fields = marshal.loads(data)
        version = fields[0]
        if version == 2:
            _v, doc, session, kind, norms, letters, bounds, language = fields
            if not isinstance(norms, list):
                return None
            text = "\n".join(norms)
            starts = _starts(norms)
        elif version == FORM_VERSION:
            _v, doc, session, kind, encoded, stored, letters, bounds, language = fields
            if stored[:2] != _STARTS:
                return None
            text = encoded.decode(_TEXT_CODEC)
            starts = array("I")
            starts.frombytes(stored[2:])
        else:
            return None
    except (EOFError, ValueError, TypeError, IndexError, UnicodeDecodeError, AttributeError):
        return None
    if not isinstance(text, str) or not isinstance(letters, str) or len(letters) != len(starts) or not isinstance(bounds, bytes):
        return None
    if len(bounds) != (len(text) + 2 if starts else 1):
        return None
    if starts and (starts[0] != 0 or starts[-1] > len(text)):
        return None
    return Form(doc, session, kind, text, letters, starts, bounds, language)


def kind_letter(kind: str) -> str:
    """The letter a block kind is stored as (the kinds' first letters are distinct)."""
    return kind[:1]

"""The search form of a document: what search scans, compact enough to keep a whole
archive in memory.

A search verifies candidate documents against their text. At 3,000 documents the stored
blocks (text, seg form, ids, sections: about 4x the text as Python objects) neither fit
a small cache nor load fast, and a common term sends every document through it. So the
index also writes, per document, its *search form* (`blocks/<doc>.srch`):

- the normal form of each block (one line each of one str in memory: a scan of it in C
  finds the blocks that contain a term, without a Python step per block);
- one letter per block for its kind (`h` heading, `t` table, ...);
- the word boundaries of jieba's segmentation as one byte per character of the blocks
  laid end to end (block i starts at `starts[i]`; a block's start and end are
  boundaries): how a match sits on word boundaries is two lookups, not a regex.

About 3 bytes per character in memory (35 MB of UTF-16 text is ~110 MB). The full blocks
(original text, ids, sections) are read only for the hits shown (snippets).
"""

from __future__ import annotations

import marshal
import operator
import sys
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from typing import Iterator, Sequence

from unidoreader.core import analysis

FORM_VERSION = 3
_CONTAINS = str.__contains__


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

    def lengths(self) -> Iterator[int]:
        return map(operator.sub, self.ends, self.starts)

    def occurrences(self, needle: str) -> tuple[list[int], list[int]]:
        """The blocks that contain `needle` (ascending) and how often each does (as
        str.count of the block), found by scans of the text in C: a string absent
        from a document costs one str.count, and each occurrence a few C steps."""
        return self.counted(needle, self.text.count(needle))

    def counted(self, needle: str, total: int) -> tuple[list[int], list[int]]:
        """`occurrences` when the text is known to hold `needle` `total` times (str.count
        of the text: a term cannot span blocks, so it is the sum of the blocks' counts)."""
        if not total:
            return [], []
        text = self.text
        if total == 1:
            return [bisect_right(self.ends, text.find(needle))], [1]
        if 2 * total >= len(self.starts):
            # dense (about one a block or more): a count per block, one C call each
            each = list(map(str.count, text.split("\n"), repeat(needle)))
            numbers = list(compress(range(len(each)), each))
            return numbers, list(map(each.__getitem__, numbers))
        # sparse: the block of occurrence k is the number of line ends before it
        parts = text.split(needle)
        parts.pop()
        counts = Counter(accumulate(map(str.count, parts, repeat("\n"))))
        return list(counts), list(counts.values())

    def among(self, needle: str, numbers: Sequence[int], *, absent: bool = False) -> list[int]:
        """Those of blocks `numbers` that contain `needle` (or, `absent`, that do not)."""
        starts, ends = self.starts, self.ends
        cut = map(self.text.__getitem__, map(slice, map(starts.__getitem__, numbers), map(ends.__getitem__, numbers)))
        found = map(_CONTAINS, cut, repeat(needle))
        return list(compress(numbers, map(operator.not_, found) if absent else found))

    def containing(self, needle: str) -> list[int]:
        """Numbers of the blocks whose normal form contains `needle` (the scan runs in C)."""
        return self.occurrences(needle)[0]

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

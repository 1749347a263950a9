"""The search form of a document: what search scans, compact enough to keep a whole
archive in memory.

A search verifies candidate documents against their text. At 3,000 documents the stored
blocks (text, seg form, ids, sections: about 4x the text as Python objects) neither fit
a small cache nor load fast, and a common term sends every document through it. So the
index also writes, per document, its *search form* (`blocks/<doc>.srch`):

- the normal form of each block (a list of str: `str.__contains__` over it, mapped in C,
  picks the blocks that contain a term without a Python step per block);
- one letter per block for its kind (`h` heading, `t` table, ...);
- the word boundaries of jieba's segmentation as one byte per character of the blocks
  laid end to end (block i starts at `starts[i]`; a block's start and end are
  boundaries): how a match sits on word boundaries is two lookups, not a regex.

About 3 bytes per character in memory (35 MB of UTF-16 text is ~110 MB). The full blocks
(original text, ids, sections) are read only for the hits shown (snippets).
"""

from __future__ import annotations

import marshal
from array import array
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from typing import Sequence

from unidoreader.core import analysis

FORM_VERSION = 2
_CONTAINS = str.__contains__


@dataclass
class Form:
    """A document's search form (see the module docstring)."""

    doc: str
    session: int | None
    kind: str  # the document kind in normal form ("总干事的报告")
    blocks: list[str]  # normal form of each indexed block
    kinds: str  # one letter per block
    starts: array  # type: ignore[type-arg]  # where each block starts in `bounds`
    bounds: bytes  # 1 where a word boundary is, over the blocks laid end to end (one apart)
    language: str | None = None  # the document's ("zh", "en")

    @property
    def chars(self) -> int:
        return len(self.bounds)

    def containing(self, needle: str) -> list[int]:
        """Numbers of the blocks whose normal form contains `needle` (the scan runs in C)."""
        blocks = self.blocks
        return list(compress(range(len(blocks)), map(_CONTAINS, blocks, repeat(needle))))

    def seg(self, number: int) -> str:
        """Block `number` in seg form: its words joined by analysis.BOUNDARY."""
        norm = self.blocks[number]
        base = self.starts[number]
        bounds = self.bounds
        cuts = [i for i in range(1, len(norm)) if bounds[base + i]]
        return analysis.BOUNDARY.join(norm[a:b] for a, b in zip([0, *cuts], [*cuts, len(norm)]))

    def alignment(self, number: int, needle: str) -> int:
        """How the occurrences of `needle` in block `number` sit on word boundaries:
        2 = one starts and ends on boundaries (a word or run of words), 1 = one end
        does, 0 = neither (search ranks 2 above 1 above 0)."""
        norm = self.blocks[number]
        base = self.starts[number]
        bounds = self.bounds
        size = len(needle)
        best = 0
        position = norm.find(needle)
        while position >= 0:
            left = bounds[base + position]
            right = bounds[base + position + size]
            if left and right:
                return 2
            if left or right:
                best = 1
            position = norm.find(needle, position + 1)
        return best


def build(doc: str, session: int | None, kind: str | None, blocks: Sequence[tuple[str, str]], language: str | None = None) -> bytes:
    """The marshalled search form of a document; `blocks`: (kind, seg form) per indexed block."""
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
    return marshal.dumps((FORM_VERSION, doc, session, analysis.normalize(kind or ""), norms, "".join(letters), bytes(bounds), language))


def load(data: bytes) -> Form | None:
    """A search form from its bytes; None if they are not one (damage, older format)."""
    try:
        version, doc, session, kind, norms, letters, bounds, language = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if version != FORM_VERSION or not isinstance(norms, list) or len(letters) != len(norms):
        return None
    starts = array("l", [0])
    starts.extend(accumulate(len(norm) + 1 for norm in norms))
    starts.pop()
    if len(bounds) != (starts[-1] + len(norms[-1]) + 2 if norms else 1):
        return None
    return Form(doc, session, kind, norms, letters, starts, bounds, language)


def kind_letter(kind: str) -> str:
    """The letter a block kind is stored as (the kinds' first letters are distinct)."""
    return kind[:1]

"""Joining the hard-wrapped lines of one block into running text.

Chinese lines join with no space (a line break inside a word must not leave a gap);
two Latin words or numbers that meet at a line break keep one space between them.
"""

from __future__ import annotations

from typing import Collection, Iterable

from unidoreader.core.parse.text import collapse


def _latin_end(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%),.;:!?]\"'")


def _latin_start(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "([\"'$€")


def join_lines(lines: Iterable[str], gaps: Collection[int] = ()) -> str:
    """Reflow wrapped lines: no space between CJK pieces, one between Latin ones, and
    one before the lines whose index is in `gaps` (set apart on the page)."""
    out = ""
    for index, raw in enumerate(lines):
        piece = collapse(raw)
        if not piece:
            continue
        if not out:
            out = piece
        elif index in gaps:
            out = f"{out} {piece}"
        elif (
            _latin_end(out[-1])
            and _latin_start(piece[0])
            and not out.endswith("-")
            and not (out[-1] in ".," and len(out) > 1 and out[-2].isdigit() and piece[0].isdigit())
        ):
            out = f"{out} {piece}"
        else:
            out += piece
    return out

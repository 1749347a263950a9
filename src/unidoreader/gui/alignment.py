"""Where two reports line up: the keys synchronised scrolling aligns on.

Each block gets (chapter, section, paragraph): the label (or, when unlabelled, the
title) of its chapter, of its section below the chapter, and the number of the
numbered paragraph it is in (items and quotes inherit the paragraph before them).
Chapter numbers are compared as numbers (一 = I = 1), so the Chinese and the English
version of one document line up too. This session's report and last session's share chapter labels (一., 二.) and often
section labels (A., B.) while their paragraph numbers differ, so the match narrows
chapter -> section -> paragraph and stops at the last level both reports share.
Plain Python: no Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from unidoreader.core.model import BlockKind, Report, Section

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Alignment:
    """The keys of one report, in reading order."""

    order: tuple[str, ...]  # block ids
    keys: dict[str, Key]

    @classmethod
    def of(cls, report: Report, neutral: bool = False) -> "Alignment":
        """`neutral`: keys that two language versions share, an unlabelled section named by
        its place among its siblings ("#2") instead of its title (which is in one language)."""
        chapter_of: dict[str, tuple[str, str]] = {}
        for number, chapter in enumerate(report.sections, 1):
            chapter_name = _name(chapter, f"#{number}" if neutral else None)
            for section in chapter.walk():
                sub = None if section is chapter else _second_level(chapter, section)
                place = f"#{chapter.children.index(sub) + 1}" if neutral and sub is not None else None
                chapter_of[section.id] = (chapter_name, _name(sub, place))
        keys: dict[str, Key] = {}
        order: list[str] = []
        paragraph = ""
        current_section: str | None = None
        for block in report.blocks:
            if block.section != current_section:
                current_section, paragraph = block.section, ""
            if block.kind is BlockKind.PARAGRAPH and block.label:
                paragraph = block.label
            chapter, sub = chapter_of.get(block.section or "", ("", ""))
            keys[block.id] = (chapter, sub, "" if block.kind is BlockKind.HEADING else paragraph)
            order.append(block.id)
        return cls(tuple(order), keys)

    def match(self, key: Key) -> str | None:
        """The block of this report that best corresponds to `key` from another report."""
        best: str | None = None
        best_score = 0
        for block_id in self.order:
            mine = self.keys[block_id]
            score = 0
            for level in range(3):
                if mine[level] != key[level]:
                    break
                score = level + 1
            if key[0] == "" and score == 0:
                continue
            if score > best_score:
                best, best_score = block_id, score
                if score == 3:
                    break
            elif score == best_score == 2 and key[2] and mine[2] and _before(mine[2], key[2]):
                best = block_id  # the paragraph is missing here: stay at the nearest one before it
        return best


def _number(label: str) -> tuple[int, ...]:
    import re

    return tuple(int(part) for part in re.findall(r"\d+", label))


def _before(mine: str, wanted: str) -> bool:
    """Whether paragraph `mine` comes before `wanted` ("12" < "13", "25.2" < "25.10")."""
    a, b = _number(mine), _number(wanted)
    return bool(a) and bool(b) and a < b


def _second_level(chapter: Section, section: Section) -> Section | None:
    for child in chapter.children:
        if any(s is section for s in child.walk()):
            return child
    return None


def _name(section: Section | None, place: str | None = None) -> str:
    if section is None:
        return ""
    if section.label:
        return neutral_label(section.label) if section.level == 1 else section.label
    return place if place is not None else "".join(section.title.split())


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def neutral_label(label: str) -> str:
    """A chapter number the same in every language version: "一" and "I" are "1", "十二"
    and "XII" are "12" (other labels as printed), so the Chinese and the English version
    of one report line up chapter by chapter."""
    from unidoreader.core.parse.text import cn_to_int

    number = cn_to_int(label)
    if number is not None:
        return str(number)
    if label and all(ch in _ROMAN for ch in label):
        total = 0
        for ch, nxt in zip(label, label[1:] + " "):
            value = _ROMAN[ch]
            total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
        return str(total)
    return label

"""Where two reports line up: the keys synchronised scrolling aligns on.

Each block gets (chapter, section, paragraph): the label (or, when unlabelled, the
title) of its chapter, of its section below the chapter, and the number of the
numbered paragraph it is in (items and quotes inherit the paragraph before them).
This session's report and last session's share chapter labels (一., 二.) and often
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
    def of(cls, report: Report) -> "Alignment":
        chapter_of: dict[str, tuple[Section, Section | None]] = {}
        for chapter in report.sections:
            for section in chapter.walk():
                sub = None if section is chapter else _second_level(chapter, section)
                chapter_of[section.id] = (chapter, sub)
        keys: dict[str, Key] = {}
        order: list[str] = []
        paragraph = ""
        current_section: str | None = None
        for block in report.blocks:
            if block.section != current_section:
                current_section, paragraph = block.section, ""
            if block.kind is BlockKind.PARAGRAPH and block.label:
                paragraph = block.label
            chapter, sub = chapter_of.get(block.section or "", (None, None))
            keys[block.id] = (_name(chapter), _name(sub), "" if block.kind is BlockKind.HEADING else paragraph)
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
        return best


def _second_level(chapter: Section, section: Section) -> Section | None:
    for child in chapter.children:
        if any(s is section for s in child.walk()):
            return child
    return None


def _name(section: Section | None) -> str:
    if section is None:
        return ""
    return section.label or "".join(section.title.split())

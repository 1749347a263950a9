"""Footnotes in both styles of the reports.

- superscript style (001): a note line starts with ¹ ² ³…; the reference is the same
  superscript in the text (kept there: it reads as a note mark).
- separator style (003): a "____" line at the foot of the page, then "1 note text"; the
  reference is a bare digit left in the sentence ("发起行动十年 1，"). The digit is taken
  out of the text and the block lists the footnote.
- "* 因技术原因…重发" notes (label "*") concern the document; they become note blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unidoreader.core.parse.reflow import join_lines
from unidoreader.core.parse.text import SUPER_TO_DIGIT, SUPERSCRIPTS, ends_sentence, is_han

SEPARATOR_RE = re.compile(r"^[_＿]{5,}$")
SUPER_NOTE_RE = re.compile(rf"^([{SUPERSCRIPTS}]{{1,3}})\s*(\S.*)$")
NUMBER_NOTE_RE = re.compile(r"^(\d{1,3}|[*＊]{1,3})\s+(\S.*)$")
SUPER_REF_RE = re.compile(rf"[{SUPERSCRIPTS}]+")


@dataclass
class Note:
    label: str
    lines: list[int] = field(default_factory=list)
    style: str = "separator"  # or "superscript"
    at: int = 0  # line index of the note (where its page ends)

    def text(self, lines: list[str], first_rest: str) -> str:
        return join_lines([first_rest] + [lines[i] for i in self.lines[1:]])


@dataclass
class NoteScan:
    notes: list[tuple[Note, str]] = field(default_factory=list)  # (note, first-line text after label)
    taken: set[int] = field(default_factory=set)  # line indices that belong to notes/separators


def scan_notes(lines: list[str], usable: list[bool]) -> NoteScan:
    """Find footnote lines. `usable[i]` is False for lines already claimed (furniture...)."""
    scan = NoteScan()
    expected = 1
    n = len(lines)
    i = 0
    while i < n:
        if not usable[i]:
            i += 1
            continue
        s = lines[i].strip()
        if SEPARATOR_RE.match(s):
            j, found = _separator_zone(lines, usable, i + 1, expected, scan)
            if found:
                scan.taken.add(i)
                expected = found
                i = j
                continue
        else:
            m = SUPER_NOTE_RE.match(s)
            if m and (i == 0 or not lines[i - 1].strip() or ends_sentence(lines[i - 1]) or not usable[i - 1]):
                label = m.group(1).translate(SUPER_TO_DIGIT)
                if label.isdigit() and int(label) > 0:
                    note = Note(label=label, lines=[i], style="superscript", at=i)
                    j = _continue_note(lines, usable, i + 1, note, m.group(2), scan)
                    scan.notes.append((note, m.group(2)))
                    scan.taken.update(note.lines)
                    i = j
                    continue
        i += 1
    return scan


def _separator_zone(lines: list[str], usable: list[bool], start: int, expected: int, scan: NoteScan) -> tuple[int, int]:
    """Notes after a separator: returns (index after the zone, next expected number) or (start, 0)."""
    i = start
    n = len(lines)
    found_any = False
    while i < n:
        s = lines[i].strip()
        if not usable[i]:
            break
        if not s:
            i += 1
            continue
        m = NUMBER_NOTE_RE.match(s)
        if not m:
            break
        label = m.group(1).replace("＊", "*")
        if label.isdigit():
            if int(label) != expected:
                break
            expected += 1
        note = Note(label=label, lines=[i], style="separator", at=i)
        i = _continue_note(lines, usable, i + 1, note, m.group(2), scan)
        scan.notes.append((note, m.group(2)))
        scan.taken.update(note.lines)
        found_any = True
    return (i, expected) if found_any else (start, 0)


def _continue_note(lines: list[str], usable: list[bool], i: int, note: Note, first: str, scan: NoteScan) -> int:
    """Append wrapped lines to a note until its text ends a sentence."""
    text = first
    n = len(lines)
    while i < n and not ends_sentence(text) and not text.rstrip().endswith(">"):
        s = lines[i].strip()
        if not usable[i]:
            break
        if not s:
            # a single blank line may sit inside a wrapped note (double-spaced extraction)
            if i + 1 < n and lines[i + 1].strip() and usable[i + 1] and not NUMBER_NOTE_RE.match(lines[i + 1].strip()) \
                    and not SUPER_NOTE_RE.match(lines[i + 1].strip()) and not SEPARATOR_RE.match(lines[i + 1].strip()):
                note.lines.append(i)
                i += 1
                continue
            break
        if NUMBER_NOTE_RE.match(s) or SUPER_NOTE_RE.match(s) or SEPARATOR_RE.match(s):
            break
        note.lines.append(i)
        text = s
        i += 1
    return i


def superscript_refs(text: str, known: set[str]) -> list[str]:
    """Labels cited by superscripts in a block's text ('¹²' is 12 if note 12 exists, else 1 and 2)."""
    out: list[str] = []
    for m in SUPER_REF_RE.finditer(text):
        digits = m.group(0).translate(SUPER_TO_DIGIT)
        if digits in known:
            out.append(digits)
        else:
            out.extend(d for d in digits if d in known)
    return out


def bare_ref_pattern(label: str) -> re.Pattern[str]:
    """A bare footnote number in running text: after CJK text or punctuation, before
    punctuation, a Han character (no space) or the end; never part of a longer number."""
    return re.compile(
        rf"(?<![\d.,/A-Za-z\-])(?P<sp>[ \u3000]?){label}(?![\d.,%/A-Za-z\-])(?=[ \u3000]?[，。；、：）)]|[ \u3000]*$|[\u4e00-\u9fff])"
    )


def find_bare_ref(text: str, label: str, start: int = 0) -> re.Match[str] | None:
    """The first plausible reference to note `label` in `text` at or after `start`."""
    for m in bare_ref_pattern(label).finditer(text, start):
        before = text[: m.start()].rstrip(" \u3000")
        if not before:
            continue
        prev = before[-1]
        if not (is_han(prev) or prev in "，。；、：）》”」)"):
            continue
        after = text[m.end():]
        if after[:1] in (" ", "\u3000") and after[1:2] and is_han(after[1]):
            continue  # "目标 9 所载": a number in the sentence, not a note mark
        return m
    return None

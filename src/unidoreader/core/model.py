"""The document model every other part of unidoreader speaks.

Frozen dataclasses so that a parsed report can be shared between threads (the GUI
parses on a worker and hands the result to the GUI thread) without copies or locks.
The parser builds these; nothing else constructs them except tests and tables.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator


class BlockKind(str, Enum):
    """What a block is; the values are the strings of the command-line contract."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    QUOTE = "quote"
    NOTE = "note"
    TABLE = "table"


@dataclass(frozen=True)
class Metadata:
    """What the cover block (or the title page) says; None where the text is silent."""

    title: str | None = None
    kind: str | None = None  # "总干事的报告", "年度报告", ...
    body: str | None = None  # "工业发展理事会"
    session: int | None = None  # 第四十六届会议 -> 46
    dates: tuple[str, str] | None = None  # ISO dates, first and last day
    place: str | None = None
    agenda_item: str | None = None  # "8"
    agenda_title: str | None = None
    symbol: str | None = None  # document symbol such as "IDB.46/8" where stated
    year: int | None = None  # year of the session, or of the annual report
    language: str | None = None  # "zh" / "en", detected from the text (core.language)


@dataclass(frozen=True)
class Block:
    """One piece of body text in reading order.

    `id` is stable for the same text (see `block_id`), so search hits, bookmarks
    and tables can point at it across re-imports. `section` is the id of the
    innermost section containing the block (None before the first heading).
    `label` is the printed number without punctuation: "一", "A", "12", "a", "㈠".
    `footnotes` lists the labels of the footnotes the block cites.
    `lines` keeps the raw (furniture-free) source lines of a table block, which
    table recovery needs; for other kinds it is empty. `pages` and `boxes` say where a
    block of a PDF is printed (core.readers); empty for text and Word files.
    """

    id: str
    kind: BlockKind
    text: str
    section: str | None = None
    label: str | None = None
    footnotes: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()  # 1-based pages where it is printed (PDF imports only)
    boxes: tuple[tuple[int, float, float, float, float], ...] = ()  # (page, x0, top, x1, bottom) in points, per line


@dataclass(frozen=True)
class Section:
    """A node of the outline. `level` 1 = chapter, 2 = section.

    `id` is unique within its report and readable, built from the label path
    ("三", "四.A"); an unlabelled section uses "#n", its position among its
    siblings ("一.#2"). `heading` is the id of the heading block.
    """

    id: str
    level: int
    label: str
    title: str
    heading: str
    children: tuple["Section", ...] = ()

    def walk(self) -> Iterator["Section"]:
        """This section and all below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Footnote:
    """A numbered note; `blocks` are the ids of the blocks that cite it."""

    label: str
    text: str
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """A parsed report. `id` is the content hash of its text (see `document_id`)."""

    id: str
    source: str  # file name it came from
    metadata: Metadata
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]  # top level; children hold the rest
    footnotes: tuple[Footnote, ...] = ()
    contents: tuple[str, ...] = field(default=())  # lines of a dotted table of contents, if any

    def walk_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.walk_sections() if s.id == section_id), None)

    def block(self, block_id: str) -> Block | None:
        return next((b for b in self.blocks if b.id == block_id), None)

    def blocks_in(self, section_id: str) -> list[Block]:
        """The blocks of a section and all its subsections, heading included."""
        section = self.section(section_id)
        if section is None:
            return []
        wanted = {s.id for s in section.walk()}
        return [b for b in self.blocks if b.section in wanted]

    @property
    def paragraph_count(self) -> int:
        """The number of the last numbered paragraph (0 if none are numbered)."""
        numbers = [int(b.label) for b in self.blocks if b.kind is BlockKind.PARAGRAPH and b.label and b.label.isdigit()]
        return max(numbers, default=0)


def document_id(text: str) -> str:
    """Content hash of a report's decoded text: the same text is the same document."""
    import hashlib  # here: loading it (OpenSSL) costs ~3 ms, and a start that parses nothing needs none

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def block_id(kind: BlockKind, text: str, seen: dict[str, int]) -> str:
    """A block id from its content: kind initial + hash of whitespace-free text.

    `seen` counts ids already given in this report so that identical text repeated
    in one report gets "-2", "-3"...: stable as long as the text is.
    """
    import hashlib  # (see document_id)

    digest = hashlib.blake2b("".join(text.split()).encode("utf-8"), digest_size=5).hexdigest()
    base = f"{kind.value[0]}{digest}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def unique_id(sid: str, used: set[str], next_suffix: dict[str, int]) -> str:
    """`sid`, or "sid~2", "sid~3"... the first one not in `used` (which it joins).

    `next_suffix` remembers, per repeated id, the suffix to try next, so that n copies
    of one heading cost n steps, not n²/2 (10,000 identical headings took 7 s)."""
    if sid in used:
        n = next_suffix.get(sid, 2)
        while f"{sid}~{n}" in used:
            n += 1
        next_suffix[sid] = n + 1
        sid = f"{sid}~{n}"
    used.add(sid)
    return sid


@dataclass(frozen=True)
class Cell:
    """One cell of a recovered table: the text as printed, its value when it is a figure,
    and a footnote mark ("*", "**") kept apart from the value."""

    text: str
    value: float | None = None
    mark: str = ""


@dataclass(frozen=True)
class Table:
    """A table or chart recovered from a flattened `table` block (core.tables).

    `rows` are label cell + value cells, left to right; a blank printed cell is
    Cell(""). `totals_ok` is True when the totals (合计) check out against the cells,
    False when they do not, None when the table has no totals to check.
    """

    id: str
    caption: str
    section: str | None
    block: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()
    totals_ok: bool | None = None

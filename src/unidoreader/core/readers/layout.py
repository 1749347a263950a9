"""Reader hints applied to the parsed report: Word tables become table blocks.

The parser reads a Word table's rows as lines like any others; the reader knows they are
a table and what its cells are. The blocks the parser made of a table's rows are replaced
by one table block whose `lines` are the rows, cells separated by tabs (core.tables reads
those cells as they are instead of rebuilding a table from flattened lines).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from unidoreader.core.model import Block, BlockKind, Report, block_id

if TYPE_CHECKING:
    from unidoreader.core.parse import Parsed
    from unidoreader.core.readers import SourceText


def apply_roles(parsed: "Parsed", source: "SourceText") -> tuple[Report, list[tuple[int, int]]]:
    """The report with Word tables as table blocks, and each block's source line span."""
    report, spans = parsed.report, list(parsed.spans)
    if not source.tables:
        return report, spans
    ranges: dict[int, list[int]] = {}
    for i, line in enumerate(source.lines):
        if line.role.startswith("table") and line.role[5:].isdigit():
            ranges.setdefault(int(line.role[5:]), []).append(i)
    if not ranges:
        return report, spans
    table_of_line = {i: t for t, lines in ranges.items() for i in lines}
    used = {b.id for b in report.blocks}
    blocks: list[Block] = []
    out_spans: list[tuple[int, int]] = []
    done: set[int] = set()
    for block, (first, last) in zip(report.blocks, spans):
        tables = {table_of_line[i] for i in range(first, last + 1) if i in table_of_line}
        if not tables or block.kind is BlockKind.HEADING:
            blocks.append(block)
            out_spans.append((first, last))
            continue
        if block.kind is BlockKind.TABLE and any(i not in table_of_line and source.lines[i].text.strip() for i in range(first, last + 1)):
            # the parser's table ran on over text around the reader's tables: that text stays text
            for kind, lo, hi in _runs(range(first, last + 1), table_of_line, source):
                if kind == "text":
                    text = _joined([source.lines[i].text for i in range(lo, hi + 1)])
                    seen = {k: 1 for k in used}
                    bid = block_id(BlockKind.PARAGRAPH, text, seen)
                    used.add(bid)
                    blocks.append(Block(id=bid, kind=BlockKind.PARAGRAPH, text=text, section=block.section))
                    out_spans.append((lo, hi))
                elif table_of_line[lo] not in done:
                    t = table_of_line[lo]
                    done.add(t)
                    blocks.append(_table_block(source.tables[t], block, used))
                    out_spans.append((min(ranges[t]), max(ranges[t])))
            continue
        for t in sorted(tables - done):
            done.add(t)
            blocks.append(_table_block(source.tables[t], block, used))
            out_spans.append((min(ranges[t]), max(ranges[t])))
        # text the parser joined onto the table's rows (a line before or after it) stays a block
        outside = [i for i in range(first, last + 1) if i not in table_of_line and source.lines[i].text.strip()]
        if outside and block.kind is not BlockKind.TABLE:
            blocks.append(block)
            out_spans.append((first, last))
    return replace(report, blocks=tuple(blocks)), out_spans


def _table_block(rows: tuple[tuple[str, ...], ...], near: Block, used: set[str]) -> Block:
    """A reader's table as a table block: its lines the rows, cells separated by tabs."""
    text = "\n".join("  ".join(c for c in row if c) for row in rows)
    seen = {k: 1 for k in used}
    bid = block_id(BlockKind.TABLE, text, seen)
    used.add(bid)
    return Block(id=bid, kind=BlockKind.TABLE, text=text, section=near.section, lines=tuple("\t".join(row) for row in rows))


def _runs(span: range, table_of_line: dict[int, int], source: "SourceText") -> list[tuple[str, int, int]]:
    """A span of lines cut into ("table", first, last) and ("text", first, last) runs; text
    runs end at blank lines (one paragraph each)."""
    out: list[tuple[str, int, int]] = []
    for i in span:
        if i in table_of_line:
            kind = "table"
        elif source.lines[i].text.strip():
            kind = "text"
        else:
            if out and out[-1][0] == "text":
                out.append(("gap", i, i))
            continue
        if out and out[-1][0] == kind and (kind == "text" or table_of_line[out[-1][1]] == table_of_line[i]):
            out[-1] = (kind, out[-1][1], i)
        else:
            out.append((kind, i, i))
    return [r for r in out if r[0] != "gap"]


def _joined(lines: list[str]) -> str:
    """Printed lines of one paragraph as one text (no space where ideographs meet)."""
    text = ""
    for line in (" ".join(x.split()) for x in lines):
        if text and line:
            wide = ord(text[-1]) >= 0x2E80 or ord(line[0]) >= 0x2E80
            text += ("" if wide else " ") + line
        else:
            text += line
    return text

"""Reader hints applied to the parsed report: Word tables become table blocks.

The parser reads a Word table's rows as lines like any others; the reader knows they are
a table and what its cells are. The blocks the parser made of a table's rows are replaced
by one table block whose `lines` are the rows, cells separated by tabs (core.tables reads
those cells as they are instead of rebuilding a table from flattened lines). Where the
parser read one table over several Word tables and the paragraphs between them, those
paragraphs stay paragraphs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from unidoreader.core.model import Block, BlockKind, Report, block_id
from unidoreader.core.parse.reflow import join_lines

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
        def add_table(t: int) -> None:
            done.add(t)
            rows = source.tables[t]
            text = "\n".join("  ".join(c for c in row if c) for row in rows)
            lines = ranges[t]
            blocks.append(Block(id=_new_id(BlockKind.TABLE, text, used), kind=BlockKind.TABLE, text=text, section=block.section,
                                lines=tuple("\t".join(row) for row in rows)))
            out_spans.append((min(lines), max(lines)))

        outside = [i for i in range(first, last + 1) if i not in table_of_line and source.lines[i].text.strip()]
        if block.kind is not BlockKind.TABLE:
            for t in sorted(tables - done):
                add_table(t)
            # text the parser joined onto the table's rows (a line before or after it) stays a block
            if outside:
                blocks.append(block)
                out_spans.append((first, last))
            continue
        # a table the parser read over Word tables and the paragraphs between them (a
        # caption, a note, running text): the Word tables, and each paragraph as printed
        run: list[int] = []

        def add_run() -> None:
            if run:
                text = join_lines(source.lines[i].text for i in run)
                blocks.append(Block(id=_new_id(BlockKind.PARAGRAPH, text, used), kind=BlockKind.PARAGRAPH, text=text,
                                    section=block.section))
                out_spans.append((run[0], run[-1]))
                run.clear()

        for i in range(first, last + 1):
            if i in table_of_line:
                add_run()
                if table_of_line[i] not in done:
                    add_table(table_of_line[i])
            elif not source.lines[i].text.strip():
                add_run()
            else:
                run.append(i)
        add_run()
    return replace(report, blocks=tuple(blocks)), out_spans


def _new_id(kind: BlockKind, text: str, used: set[str]) -> str:
    """A block id not yet taken in the report."""
    bid = block_id(kind, text, {k: 1 for k in used})
    used.add(bid)
    return bid

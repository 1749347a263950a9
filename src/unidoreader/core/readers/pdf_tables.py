"""Tables of a PDF read from where their characters and rules are printed.

Flattened lines lose what a printed table shows at a glance: which figure sits under
which column, where a wrapped label ends, which cell is blank. The page still has it:
the table's rules (thin path objects) and the x of every character. So a table is read
from the page, not rebuilt from its lines:

1. rules: the page's thin horizontal and vertical path objects (`page_rules`);
2. regions: horizontal rules stacked over one x range, with text between them in at least
   two columns (a framed box of one column is no table);
3. columns: the ends of the rule pieces (Word prints a cell's border per cell), vertical
   rules, or else the gaps that the text of the region leaves free from top to bottom;
4. rows: the bands between full-width rules when the table is a grid (vertical rules: each
   row is boxed, its wrapped cells stay one cell); otherwise one row per printed line, a
   label-only line joined to the next when the label wraps (the next line starts in lower
   case, or the line fills its column), and the lines above the first full-width rule
   under the top one are the header, joined per column;
5. cells: a segment crossing a column boundary is cut there by its characters' x.

The reader (`readers.pdf`) takes the table's segments out of the reading order and hands
on one line per row with the role "table<n>" and the cells in `SourceText.tables`, as the
Word reader does: `readers.layout` makes one table block of them and `core.tables` takes
its cells as they are. A table continued on the next page (same columns, first thing on
that page) is one table; a row cut by the page break is joined again.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from unidoreader.core.readers.pdf import Seg

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom (points from the page's top-left)

THIN = 2.0  # a rule is at most this thick
MAX_RULES = 400  # more thin paths than this on a page: a drawing
NEAR = 3.0  # points: the same x or y


def page_rules(page, height: float) -> list[Rect]:
    """The thin path objects of a page (rules and cell borders), top-level only. A page
    has hundreds of text objects and few paths: the objects' types are asked in bulk
    (readers.pdfium_calls), the bounds of the paths alone."""
    import ctypes

    import pypdfium2.raw as c

    from unidoreader.core.readers import pdfium_calls

    raw = page.raw
    bounds = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
    left, bottom, right, top = bounds
    out: list[Rect] = []
    for obj in pdfium_calls.objects_of_type(pdfium_calls.address(raw), c.FPDFPage_CountObjects(raw), c.FPDF_PAGEOBJ_PATH):
        if not pdfium_calls.object_bounds(obj, bounds):
            continue
        x0, x1, y0, y1 = left.value, right.value, height - top.value, height - bottom.value
        w, h = x1 - x0, y1 - y0
        if (h <= THIN and w >= NEAR) or (w <= THIN and h >= NEAR):
            out.append((x0, y0, x1, y1))
    return out


@dataclass
class _HRule:
    y: float
    x0: float
    x1: float
    ends: list[float] = field(default_factory=list)  # where its pieces meet (cell borders)


@dataclass
class PageTable:
    """A table found on a page: its box, column boundaries, rows of cells and the segments
    it was read from (taken out of the page's text)."""

    box: Rect
    columns: list[float]  # x boundaries, left edge to right edge
    rows: list[list[str]]
    header_rows: int
    row_tops: list[float]
    segs: list["Seg"]
    grid: bool = False  # every cell boxed (vertical rules): a row cut by a page break goes on in the same cells


def _horizontal(rules: Sequence[Rect]) -> list[_HRule]:
    """Horizontal rule pieces at one y, end to end, merged into one rule each; `ends` are
    where its pieces meet (Word draws a border per cell: the column boundaries)."""
    pieces = sorted(((r[1] + r[3]) / 2, r[0], r[2]) for r in rules if r[3] - r[1] <= THIN and r[2] - r[0] >= NEAR)
    out: list[_HRule] = []
    for y, x0, x1 in pieces:
        same = next((h for h in out if abs(h.y - y) <= 1.5 and x0 <= h.x1 + 2 * NEAR and x1 >= h.x0 - 2 * NEAR), None)
        if same is None:
            out.append(_HRule(y, x0, x1, [x0, x1]))
        else:
            same.ends += [x0, x1]
            same.x0, same.x1 = min(same.x0, x0), max(same.x1, x1)
    for h in out:
        h.ends = [x for x in h.ends if h.x0 + NEAR < x < h.x1 - NEAR]
    return sorted(out, key=lambda h: h.y)


def _cluster(values: Sequence[float], within: float = NEAR) -> list[float]:
    """Values within `within` of each other merged (their mean), sorted."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= within:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def find_tables(segs: Sequence["Seg"], rules: Sequence[Rect], page_width: float) -> list[PageTable]:
    """The ruled tables among a page's body segments, top to bottom. A table is bounded by
    two rules of one extent (the top and the bottom rule); rules in between (under the
    header, over the totals, per row) are within that extent."""
    if len(rules) > MAX_RULES:
        return []  # a drawing (a chart's hatching, a form), not tables: and the search below stays cheap
    hrules = _horizontal(rules)
    verticals = [r for r in rules if r[2] - r[0] <= THIN and r[3] - r[1] >= NEAR]
    ordered = sorted(segs, key=lambda s: (s.top + s.bottom) / 2)
    mids = [(s.top + s.bottom) / 2 for s in ordered]

    def between(top: float, bottom: float) -> list["Seg"]:
        return ordered[bisect.bisect_right(mids, top) : bisect.bisect_left(mids, bottom)]

    tables: list[PageTable] = []
    used: set[int] = set()
    i = 0
    while i < len(hrules):
        first = hrules[i]
        group = [first]
        last_full = 0
        j = i + 1
        while j < len(hrules):
            h = hrules[j]
            if h.x0 < first.x0 - NEAR or h.x1 > first.x1 + NEAR or _running_text(between(group[-1].y, h.y), first):
                break
            joined = _joined_by(verticals, group[-1].y, h.y, first)
            if joined is False or (joined is None and _between_tables(between(group[-1].y, h.y), group[-1].y, h.y)):
                break  # a grid's rules stop: a caption or a note between two tables
            group.append(h)
            if h.x0 <= first.x0 + NEAR and h.x1 >= first.x1 - NEAR:
                last_full = len(group) - 1
            j += 1
        group = group[: last_full + 1]
        table = _table(group, verticals, [s for s in segs if id(s) not in used]) if len(group) >= 2 else None
        if table is not None:
            tables.append(table)
            used.update(id(s) for s in table.segs)
            i += len(group)
        else:
            i += 1
    return tables


def _joined_by(verticals: Sequence[Rect], top: float, bottom: float, rule: _HRule) -> bool | None:
    """Whether a vertical rule joins two rules (None: no vertical rules under this rule's
    extent, the table is not a grid). Two rules of a grid that none joins are two tables."""
    mine = [v for v in verticals if rule.x0 - NEAR <= (v[0] + v[2]) / 2 <= rule.x1 + NEAR]
    if not mine:
        return None
    middle = (top + bottom) / 2
    return any(v[1] - 1 <= middle <= v[3] + 1 for v in mine)


def _between_tables(between: Sequence["Seg"], top: float, bottom: float) -> bool:
    """Only a heading or caption between two rules, with room around it: the end of one
    table and the start of the next, not a band of one table."""
    lines = _lines(between)
    if not lines or any(len(ln) > 1 for ln in lines):
        return False
    height = max(s.height for ln in lines for s in ln)
    return bottom - top > (len(lines) + 1.5) * height * 1.3


def _running_text(between: Sequence["Seg"], rule: _HRule) -> bool:
    """Lines of running text between two rules (two or more full-measure lines of one
    segment each): the rules are a page's running rule and a table's, not one table."""
    width = rule.x1 - rule.x0
    lines = _lines(between)
    return sum(1 for ln in lines if len(ln) == 1 and ln[0].width >= 0.7 * width) >= 2


def _table(group: list[_HRule], verticals: Sequence[Rect], segs: Sequence["Seg"]) -> PageTable | None:
    top, bottom = group[0].y, group[-1].y
    x0, x1 = min(h.x0 for h in group), max(h.x1 for h in group)
    inside = [s for s in segs if top < (s.top + s.bottom) / 2 < bottom and s.x0 >= x0 - NEAR and s.x1 <= x1 + NEAR]
    if len(inside) < 2:
        return None
    span = bottom - top
    grid_lines = [v for v in verticals if x0 - NEAR <= (v[0] + v[2]) / 2 <= x1 + NEAR and min(v[3], bottom) - max(v[1], top) >= 0.5 * span]
    inner = [x for v in grid_lines for x in [(v[0] + v[2]) / 2] if x0 + NEAR < x < x1 - NEAR]
    ends = [x for h in group for x in h.ends] + [x for h in group[1:-1] for x in (h.x0, h.x1) if x0 + NEAR < x < x1 - NEAR]
    bounds = _cluster(inner + ends)
    if not bounds:
        bounds = _gaps(inside, x0, x1)
    columns = [x0] + bounds + [x1] if inner else _real_columns([x0] + bounds + [x1], inside)  # a grid's vertical rules are its columns
    if len(columns) < 3:
        return None
    cut = sum(1 for s in inside if _cuts(s, columns))
    if cut > 0.25 * len(inside):
        return None  # text set across the columns: running text between two rules, not a table
    grid = bool(grid_lines)
    if not grid:
        inside += _below(segs, bottom, x0, x1, columns)  # a table going on over the page break has no bottom rule here
    full = [h.y for h in group if h.x0 <= x0 + NEAR and h.x1 >= x1 - NEAR]
    lines = _lines(inside)
    while lines and len(lines[0]) == 1 and lines[0][0].x0 <= x0 + 3 * NEAR and _cuts(lines[0][0], columns):
        lines.pop(0)  # a title set across the columns above the header ("Table 2 / Preliminary costs…")
    inside = [s for ln in lines for s in ln]
    if grid:
        bands = _cluster(full)
        rows_lines = [[ln for ln in lines if a < _mid(ln) < b] for a, b in zip(bands, bands[1:])]
        rows_lines = [r for r in rows_lines if r]
        header_rows = 1 if len(rows_lines) > 1 else 0
    else:
        header_rows, rows_lines = _line_rows(lines, columns, full, top)
    rows = [_cells(r, columns) for r in rows_lines]
    while header_rows and len(columns) > 3 and len(rows) > header_rows:
        # a column with a head and no figure under it: the head's first word, wrapped ("Cost | estimates (2026/27)")
        empty = [k for k in range(len(columns) - 1) if rows[0][k] and not any(r[k] for r in rows[header_rows:])]
        if not empty:
            break
        k = empty[0]
        columns = columns[: k + 1] + columns[k + 2 :] if k + 2 < len(columns) else columns[:k] + columns[k + 1 :]
        rows = [_cells(r, columns) for r in rows_lines]
    if not grid and sum(1 for row in rows if sum(1 for c in row if c) >= 2) < 2:
        return None  # a box of text, not a table (a grid's one row: its head, the rest on the next page)
    row_tops = [min(s.top for ln in r for s in ln) for r in rows_lines]
    return PageTable((x0, top, x1, bottom), columns, rows, header_rows, row_tops, list(inside), grid)


def _below(segs: Sequence["Seg"], bottom: float, x0: float, x1: float, columns: Sequence[float]) -> list["Seg"]:
    """The lines under a table's last rule that are still its rows (the table goes on over
    the page break): within its columns, two cells or more (or a label whose figures are on
    the next such line), set solid, down to the end of the page's text; none when other
    text follows them (the last rule closed the table)."""
    lines = _lines([s for s in segs if (s.top + s.bottom) / 2 > bottom])
    out: list["Seg"] = []
    last = bottom
    for n, line in enumerate(lines):
        height = max(s.height for s in line)
        if min(s.top for s in line) - last > 2.5 * height:
            return []
        if any(s.x0 < x0 - NEAR or s.x1 > x1 + NEAR or _cuts(s, columns) for s in line):
            return []
        filled = sum(1 for c in _line_cells(line, columns) if c)
        if filled < 2:
            following = lines[n + 1] if n + 1 < len(lines) else None
            if (following is None or sum(1 for c in _line_cells(following, columns) if c) < 2 or not _line_cells(line, columns)[0]
                    or any(s.x0 < x0 - NEAR or s.x1 > x1 + NEAR or _cuts(s, columns) for s in following)):
                return []
        out += line
        last = max(s.bottom for s in line)
    return out


def running_rules(rules: Sequence[Sequence[Rect]], sizes: Sequence[tuple[float, float]], zone: float) -> list[list[Rect]]:
    """Each page's rules without the running ones: a rule in the top or bottom zone of the
    page at the same place on several pages (the rule under a running header)."""
    def key(r: Rect) -> tuple[int, int, int]:
        return (round(r[1]), round(r[0]), round(r[2]))

    counts: dict[tuple[int, int, int], int] = {}
    for page in rules:
        for k in {key(r) for r in page}:
            counts[k] = counts.get(k, 0) + 1
    needed = 2 if len(rules) <= 4 else max(2, int(0.25 * len(rules)))
    out: list[list[Rect]] = []
    for page, (_w, height) in zip(rules, sizes):
        edge = lambda r: r[3] <= zone * height or r[1] >= (1 - zone) * height  # noqa: E731
        out.append([r for r in page if not (edge(r) and counts[key(r)] >= needed)])
    return out


def _cuts(seg: "Seg", columns: Sequence[float]) -> list[int]:
    """The boundaries (indexes into `columns`) that fall inside a word of the segment."""
    out: list[int] = []
    if len(seg.xs) != len(seg.chars):
        return out
    for k in range(1, len(columns) - 1):
        b = columns[k]
        for n in range(len(seg.chars) - 1):
            if seg.xs[n] < b <= seg.xs[n + 1]:
                if _in_word(seg.chars[n], seg.chars[n + 1]):
                    out.append(k)
                break
    return out


def _in_word(a: str, b: str) -> bool:
    """Two characters that a column boundary cannot fall between (a Latin word or
    figure); between ideographs it can (a Chinese cell's text runs up to its border)."""
    return a != " " and b != " " and ord(a) < 0x2E80 and ord(b) < 0x2E80


def _real_columns(columns: list[float], segs: Sequence["Seg"]) -> list[float]:
    """Boundaries that cut words and leave a column with no text of its own dropped (a
    rule piece's end under a merged header cell, not a column)."""
    while len(columns) > 2:
        own = [0] * (len(columns) - 1)
        cuts = [0] * len(columns)
        for seg in segs:
            cut = _cuts(seg, columns)
            for k in cut:
                cuts[k] += 1
            if not cut:
                for k, _text in _pieces(seg, columns):
                    own[k] += 1
        drop = next((k for k in range(1, len(columns) - 1) if cuts[k] and (not own[k - 1] or not own[k])), None)
        if drop is None:
            drop = next((k for k in range(1, len(columns) - 1) if not own[k - 1] and not own[k]), None)
        if drop is None:
            empty = [k for k in range(len(own)) if not own[k]]
            if not empty:
                return columns
            k = empty[0]
            drop = k if k > 0 else k + 1  # an empty column: joined to its left neighbour
        columns = columns[:drop] + columns[drop + 1 :]
    return columns


def _mid(line: list["Seg"]) -> float:
    return sum((s.top + s.bottom) / 2 for s in line) / len(line)


def _lines(segs: Sequence["Seg"]) -> list[list["Seg"]]:
    """Segments grouped into printed lines (overlapping vertically), top to bottom."""
    rows: list[list["Seg"]] = []
    for seg in sorted(segs, key=lambda s: (s.top, s.x0)):
        if rows:
            ref = rows[-1][0]
            if min(ref.bottom, seg.bottom) - max(ref.top, seg.top) >= 0.4 * min(seg.height, ref.bottom - ref.top):
                rows[-1].append(seg)
                continue
        rows.append([seg])
    return [sorted(r, key=lambda s: s.x0) for r in rows]


def _gaps(segs: Sequence["Seg"], x0: float, x1: float) -> list[float]:
    """Column boundaries where no segment's text is printed, from the table's top to bottom."""
    spans = sorted((s.x0, s.x1) for s in segs)
    heights = sorted(s.height for s in segs)
    least = 0.8 * heights[len(heights) // 2]
    out: list[float] = []
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= least:
            out.append((a + reach) / 2)
        reach = max(reach, b)
    return [x for x in out if x0 < x < x1]


def _column(x: float, columns: Sequence[float]) -> int:
    for k in range(len(columns) - 1):
        if x < columns[k + 1]:
            return k
    return len(columns) - 2


def _pieces(seg: "Seg", columns: Sequence[float]) -> list[tuple[int, str]]:
    """A segment cut where it crosses a column boundary, by its characters' x."""
    xs = seg.xs if len(seg.xs) == len(seg.chars) else [(seg.x0 + seg.x1) / 2] * len(seg.chars)
    out: list[tuple[int, list[str]]] = []
    for ch, x in zip(seg.chars, xs):
        k = _column(x, columns)
        if out and (out[-1][0] == k or _in_word(out[-1][1][-1], ch)):  # a word over a boundary: a merged cell's, kept whole
            out[-1][1].append(ch)
        else:
            out.append((k, [ch]))
    return [(k, "".join(chars).strip()) for k, chars in out if "".join(chars).strip()]


def _glue(a: str, b: str) -> str:
    """Two pieces of one cell: no space between CJK characters (a wrapped Chinese cell)."""
    if not a:
        return b
    if not b:
        return a
    wide = ord(a[-1]) >= 0x2E80 or ord(b[0]) >= 0x2E80
    if a.endswith("-") and not wide and len(a) > 1 and a[-2].isalpha() and b[0].islower():
        return a + b  # a word broken over two lines? keep the hyphen: UN tables break at hyphens only in compounds
    return a + ("" if wide else " ") + b


def _line_cells(line: list["Seg"], columns: Sequence[float]) -> list[str]:
    cells = [""] * (len(columns) - 1)
    for seg in line:
        for k, text in _pieces(seg, columns):
            cells[k] = _glue(cells[k], text)
    return cells


def _cells(lines: list[list["Seg"]], columns: Sequence[float]) -> list[str]:
    """A row's cells: each column's text over the row's lines, top to bottom."""
    cells = [""] * (len(columns) - 1)
    for line in lines:
        for k, text in enumerate(_line_cells(line, columns)):
            cells[k] = _glue(cells[k], text)
    return cells


def _line_rows(lines: list[list["Seg"]], columns: Sequence[float], full: Sequence[float], top: float) -> tuple[int, list[list[list["Seg"]]]]:
    """Rows of a table without vertical rules: the header (the lines above the first
    full-width rule below the top one, joined per column) and one row per line after it,
    a wrapped label joined to the line it continues on."""
    inner = [y for y in _cluster(full) if y > top + NEAR]
    header_end = inner[0] if len(inner) >= 2 else None  # a rule under the header, and one at the bottom
    head = [ln for ln in lines if header_end is not None and _mid(ln) < header_end]
    body = [ln for ln in lines if header_end is None or _mid(ln) > header_end]
    rows: list[list[list["Seg"]]] = [head] if head else []
    pending: list[list["Seg"]] = []
    for n, line in enumerate(body):
        cells = _line_cells(line, columns)
        label_only = bool(cells[0]) and not any(cells[1:])
        following = body[n + 1] if n + 1 < len(body) else None
        if label_only and following is not None:
            nxt = _line_cells(following, columns)
            starts_lower = bool(nxt[0]) and (nxt[0][0].islower() or nxt[0][0] in ")]）")
            fills = max(s.x1 for s in line) >= columns[1] - 2.5 * max(s.height for s in line)  # wrapped at the cell's edge
            if nxt[0] and (starts_lower or (fills and any(nxt[1:]))):
                pending.append(line)
                continue
        body_rows = len(rows) - (1 if head else 0)
        if not pending and body_rows and (not cells[0] or cells[0][0].islower()):
            rows[-1].append(line)  # the rest of the row above: its cells' text wrapped onto this line
            continue
        rows.append(pending + [line])
        pending = []
    if pending:
        rows.append(pending)
    return (1 if head else 0), rows


# -- handing tables on to the reader --------------------------------------------------------


@dataclass
class Tables:
    """The tables of a document as the reader finds them, page after page."""

    rows: list[list[list[str]]] = field(default_factory=list)  # per table: header row(s) then body rows
    columns: list[list[float]] = field(default_factory=list)
    ended_in: int | None = None  # the table whose row was the last body line of the previous page


def take_tables(content: list["Seg"], rules: Sequence[Rect], width: float, found: "Tables") -> tuple[list["Seg"], list["Seg"], dict[int, int]]:
    """A page's body segments without its tables' segments; one segment standing for each
    table row (its text the row's cells, at the row's top: it takes the table's place in
    the reading order); and which table each such segment is a row of (by id)."""
    from unidoreader.core.readers.pdf import Seg

    tables = find_tables(content, rules, width) if rules else []
    if not tables:
        return content, [], {}
    taken = {id(s) for t in tables for s in t.segs}
    rest = [s for s in content if id(s) not in taken]
    first_text = min((s.top for s in rest), default=float("inf"))
    rows_out: list[Seg] = []
    placed: dict[int, int] = {}
    for k, table in enumerate(tables):
        rows = [list(r) for r in table.rows]
        number = len(found.rows)
        previous = found.ended_in
        if k == 0 and previous is not None and table.box[1] <= first_text and _same_columns(found.columns[previous], table.columns):
            number = previous
            kept = found.rows[number]
            if rows and rows[0] == kept[0]:  # the header row repeated on the new page
                rows = rows[1:]
            if rows and len(kept) > 1 and _cut_row(kept[-1], rows[0], table.grid):  # a row cut by the page break
                kept[-1] = [_glue(a, b) for a, b in zip(kept[-1], rows[0])]
                rows = rows[1:]
            kept += rows
        else:
            found.rows.append(rows)
            found.columns.append(list(table.columns))
        height = min((s.height for s in table.segs), default=8.0)
        texts = [list(r) for r in table.rows]
        for top, cells in zip(table.row_tops, texts):
            text = "  ".join(c for c in cells if c)
            seg = Seg(table.box[0], top, table.box[2], top + 0.9 * height, 0.9 * height, list(text) or [" "])
            seg.size = max((s.size for s in table.segs), default=0.0)
            rows_out.append(seg)
            placed[id(seg)] = number
    return rest, rows_out, placed


def _cut_row(last: Sequence[str], first: Sequence[str], grid: bool) -> bool:
    """Whether a continued table's first row is the rest of the row the page broke: no label
    of its own; or, in a grid, text only in some of the cells the broken row has."""
    if not first[0]:
        return True
    filled = {k for k, c in enumerate(first) if c}
    before = {k for k, c in enumerate(last) if c}
    return grid and filled < before


def _same_columns(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 2 * NEAR for x, y in zip(a, b))

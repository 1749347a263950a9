"""Tables and charts rebuilt from the flattened lines of a report's `table` blocks.

PDF extraction leaves a table as lines: a row's label then its figures, column headers
one character a line (创\\n造\\n共\\n同…), chart labels listed first and values later,
blank cells simply missing. This module turns such lines back into `model.Table`:

- `rebuild_table(lines, caption, context)` is the pure core: one table region's lines
  -> a `Rebuilt` (caption, header, rows of Cells, notes, totals check). It never raises
  and never drops a figure (every digit of the input is somewhere in the output).
- `split_regions(lines)` cuts one block (or several adjacent table blocks) into table
  regions: the annual report's indicator annex puts many indicators ("POR.1", "FIN.2"…)
  and sub-tables ("a.", "b.") into one run of lines.
- `recover_tables(report)` maps a report's table blocks through both and keeps what
  really is a table; `table_records(tables)` is the JSON of `tables --json`.

Totals (合计) are a check and a guide: a total row/column must equal the sum of its
cells within the rounding the printed figures imply, and a row printed with fewer
figures than columns has its figures placed where the column totals say they belong.
"无" (nothing to report) is kept as printed with no value (None), so it never turns
into a misleading 0; sums treat a missing value as 0.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from unidoreader.core.model import Block, BlockKind, Cell, Report, Table

# -- figures ------------------------------------------------------------------------------

TOTAL_WORDS = ("合计", "总计", "共计", "总数")
TOTAL_SUFFIXES = ("总额",)
NIL_WORDS = ("无", "—", "－", "-", "–", "n/a", "N/A")

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_FIGURE_RE = re.compile(
    rf"^(?P<sign>[-−–])?(?P<cur>US\$|\$|€|¥|￥)?(?P<sign2>[-−–])?(?P<num>{_NUMBER})(?P<pct>%|％)?(?P<mark>\*{{1,3}})?$"
)
_PAIR_RE = re.compile(rf"^{_NUMBER}/{_NUMBER}(?P<mark>\*{{1,3}})?$")
_GLUED_RE = re.compile(r"^\d[\d.]*\.\d[\d.]*\d$")  # "15.249.99": two figures printed without a gap
_CURRENCY_TOKENS = ("€", "$", "US$", "¥", "￥")
_MARK_RE = re.compile(r"^(?P<body>.*?)(?P<mark>\*{1,3})$", re.S)
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DIGIT_RE = re.compile(r"\d")

CODE_RE = re.compile(r"^(?P<code>[A-Z]{2,4}\.\d+(?:\.[a-z])?)\.?[\s\u3000]+(?P<rest>\S.*)$")
LETTER_RE = re.compile(r"^(?P<letter>[a-z])\.[\s\u3000]*(?P<rest>\S.*)$")
NUMBERED_RE = re.compile(r"^\((?P<n>\d{1,2})\)[\s\u3000]*(?P<rest>\S.*)$")

REGION_WORDS = ("非洲", "阿拉伯区域", "亚洲及太平洋", "欧洲和中亚", "拉丁美洲和加勒比", "全球", "区域间", "全球和区域间")


def parse_figure(token: str) -> Cell | None:
    """A printed figure -> Cell(text, value, mark); None when `token` is not a figure.

    Thousand separators, %, €/$ and minus signs are understood; a trailing footnote mark
    (*, **) is kept apart from the value. "无" and dashes are figures without a value.
    """
    token = token.strip()
    if not token:
        return None
    if token in NIL_WORDS:
        return Cell(token, None)
    match = _FIGURE_RE.match(token)
    if match:
        number = float(match["num"].replace(",", ""))
        if match["sign"] or match["sign2"]:
            number = -number
        text = token[: len(token) - len(match["mark"] or "")]
        return Cell(text, number, match["mark"] or "")
    pair = _PAIR_RE.match(token)
    if pair:
        return Cell(token[: len(token) - len(pair["mark"] or "")], None, pair["mark"] or "")
    if _GLUED_RE.match(token):
        return Cell(token, None)
    return None


def is_figure(token: str) -> bool:
    return parse_figure(token) is not None


def _decimals(text: str) -> int:
    match = re.search(r"\.(\d+)", text)
    return len(match.group(1)) if match else 0


# -- lines -> items -------------------------------------------------------------------------


def _clean(line: str) -> str:
    """Whitespace runs (ideographic spaces included) become one space."""
    return " ".join(line.split())


def _join(parts: Iterable[str]) -> str:
    """Join wrapped lines: Chinese joins without a space, Latin words and numbers keep one."""
    out = ""
    for part in parts:
        part = _clean(part)
        if not part:
            continue
        if out and not (_HAN_RE.match(out[-1]) or _HAN_RE.match(part[0]) or out[-1] in "（(、，：；/" or part[0] in "）)、，：；。/"):
            out += " "
        out += part
    return out


def split_figures(line: str) -> tuple[str, list[str]]:
    """A line -> (label, trailing figure tokens). Currency signs printed apart ("€ 71.24")
    and a lone "%" join their number."""
    tokens = line.split()
    figures: list[str] = []
    while tokens:
        token = tokens[-1]
        if token in ("%", "％") and len(tokens) >= 2 and is_figure(tokens[-2]):
            tokens[-2:] = [tokens[-2] + token]
            continue
        if not is_figure(token):
            break
        tokens.pop()
        if tokens and tokens[-1] in _CURRENCY_TOKENS:
            token = tokens.pop() + " " + token
        figures.append(token)
    figures.reverse()
    return " ".join(tokens), figures


def _figure_cell(token: str) -> Cell:
    """A figure token (possibly "€ 71.24") as a Cell."""
    compact = token.replace(" ", "")
    cell = parse_figure(compact) or Cell(token)
    return Cell(token[: len(token) - len(cell.mark)] if cell.mark else token, cell.value, cell.mark)


def _label_cell(text: str) -> Cell:
    match = _MARK_RE.match(text)
    if match and match["body"].strip():
        return Cell(match["body"].rstrip(), None, match["mark"])
    return Cell(text)


@dataclass
class Item:
    """One logical piece of a table region: a text group, a row, a values line, a note
    or a one-character header line. `first`/`last` are indexes into the region's lines."""

    kind: str  # "text" | "row" | "values" | "note" | "char"
    first: int
    last: int
    lines: list[str] = field(default_factory=list)  # the text lines (text / row label part)
    figures: list[str] = field(default_factory=list)
    blank_before: bool = False

    @property
    def label(self) -> str:
        return _join(self.lines)

    @property
    def prefix(self) -> str:
        """"code", "letter", "numbered" or "" for the first line's leading number."""
        head = _clean(self.lines[0]) if self.lines else ""
        if CODE_RE.match(head):
            return "code"
        if LETTER_RE.match(head):
            return "letter"
        if NUMBERED_RE.match(head):
            return "numbered"
        return ""


def _is_note(text: str) -> bool:
    return text.startswith(("*", "＊")) or "来源：" in text[:40] or text.startswith(("注：", "注:", "资料来源"))


def _is_total_label(label: str) -> bool:
    text = _label_cell(_clean(label)).text
    text = re.sub(r"^[a-z]\.\s*|^\(\d+\)\s*", "", text)
    return text in TOTAL_WORDS or text.endswith(TOTAL_SUFFIXES)


def itemize(lines: Sequence[str]) -> list[Item]:
    """Group a region's raw lines into items (see `Item`)."""
    items: list[Item] = []
    pending: Item | None = None
    blank_since_pending = False
    blank = False

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            items.append(pending)
            pending = None

    for index, raw in enumerate(lines):
        text = _clean(raw)
        if not text:
            blank = True
            blank_since_pending = True
            continue
        was_blank, blank = blank, False
        if _is_note(text):
            flush()
            items.append(Item("note", index, index, [text], blank_before=was_blank))
            continue
        if len(text) == 1 and _HAN_RE.match(text):
            flush()
            items.append(Item("char", index, index, [text], blank_before=was_blank))
            continue
        label, figures = split_figures(text)
        prefixed = bool(CODE_RE.match(text) or LETTER_RE.match(text) or NUMBERED_RE.match(text))
        if not figures:
            if pending is None or blank_since_pending or prefixed:
                flush()
                pending = Item("text", index, index, [text], blank_before=was_blank)
                blank_since_pending = False
            else:
                pending.lines.append(text)
                pending.last = index
            continue
        if not label:
            flush()
            items.append(Item("values", index, index, [], figures, blank_before=was_blank))
            continue
        if pending is not None and not blank_since_pending and not prefixed and not _is_total_label(label):
            row = Item("row", pending.first, index, [*pending.lines, label], figures, blank_before=pending.blank_before)
            pending = None
            items.append(row)
            continue
        flush()
        items.append(Item("row", index, index, [label], figures, blank_before=was_blank))
    flush()
    return items


# -- the rebuilt table --------------------------------------------------------------------


@dataclass(frozen=True)
class Rebuilt:
    """What `rebuild_table` makes of one region (a Table without report coordinates)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()
    totals_ok: bool | None = None
    kind: str = "grid"  # "grid" | "chart"

    @property
    def figure_count(self) -> int:
        return sum(1 for row in self.rows for cell in row[1:] if cell.text)

    def texts(self) -> list[str]:
        """Every piece of text the table shows (used to check nothing was dropped)."""
        out = [self.caption, *self.header, *self.notes]
        for row in self.rows:
            for cell in row:
                out.append(cell.text + cell.mark)
        return out


def rebuild_table(lines: Sequence[str], caption: str = "", context: str = "") -> Rebuilt:
    """Rebuild one table region from its raw lines.

    `caption` is the title found around the region (may be empty: the region's own
    leading text then serves); `context` is the report's text, used to cut one-char-a-line
    headers into words that the report uses elsewhere. Never raises.
    """
    items = itemize(lines)
    rows = [item for item in items if item.kind == "row"]
    values = [item for item in items if item.kind == "values"]
    if not rows and values:
        return _rebuild_chart(items, caption)
    return _rebuild_grid(items, caption, context)


# -- charts -------------------------------------------------------------------------------

_CAPTION_CUE_RE = re.compile(r"（以.{1,8}计）|\(以.{1,8}计\)|单位[:：]|（.{0,6}%）|类型$|百万美元")


def _caption_score(text: str, position: int, count: int) -> float:
    score = float(min(len(text), 40))
    if _CAPTION_CUE_RE.search(text):
        score += 50
    if position in (0, count - 1):
        score += 10
    return score


def _split_glued(tokens: list[str], wanted: int) -> list[str] | None:
    """Cut figures printed without a gap ("15.249.99" -> 15.24, 9.99) so that there are
    `wanted` of them; prefers figures with two decimals and no leading zeros."""
    options: list[list[tuple[float, list[str]]]] = []
    for token in tokens:
        options.append(_segmentations(token))
    # dynamic programming over tokens: count -> (score, pieces)
    table: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
    for token_options in options:
        nxt: dict[int, tuple[float, list[str]]] = {}
        for count, (score, pieces) in table.items():
            for opt_score, opt_pieces in token_options:
                key = count + len(opt_pieces)
                if key > wanted:
                    continue
                cand = (score + opt_score, pieces + opt_pieces)
                if key not in nxt or cand[0] > nxt[key][0]:
                    nxt[key] = cand
        table = nxt
    best = table.get(wanted)
    return best[1] if best else None


def _segmentations(token: str) -> list[tuple[float, list[str]]]:
    """Ways to read one token as 1..4 figures, with a plausibility score."""
    if "," in token or "%" in token or not re.fullmatch(r"[\d.]+", token) or len(token) > 24:
        return [(0.0, [token])]
    results: list[tuple[float, list[str]]] = []

    def piece_score(piece: str) -> float | None:
        if not re.fullmatch(r"\d+(?:\.\d+)?", piece):
            return None
        integer = piece.split(".")[0]
        score = 0.0
        if len(integer) > 1 and integer.startswith("0"):
            return None
        decimals = _decimals(piece)
        score += 2.0 if decimals == 2 else (1.0 if piece == "0" else 0.0)
        return score - 1.0  # every extra cut costs a little

    def walk(rest: str, acc: list[str], score: float) -> None:
        if len(acc) > 4:
            return
        if not rest:
            results.append((score, list(acc)))
            return
        for end in range(1, len(rest) + 1):
            piece = rest[:end]
            s = piece_score(piece)
            if s is None:
                continue
            acc.append(piece)
            walk(rest[end:], acc, score + s)
            acc.pop()

    walk(token, [], 0.0)
    whole = parse_figure(token)
    if whole is not None and whole.value is not None and piece_score(token) is None:
        results.append((0.0, [token]))  # "07.39" read as one figure, if the count wants it
    return results or [(0.0, [token])]


def _rebuild_chart(items: list[Item], caption: str) -> Rebuilt:
    """Labels and values listed apart (or alternating) -> a two-column table."""
    paired = _pair_alternating(items, caption)
    if paired is not None:
        return paired
    texts = [item for item in items if item.kind == "text"]
    notes = [item.label for item in items if item.kind == "note"]
    tokens = [token for item in items if item.kind == "values" for token in item.figures]
    char_labels = [item.label for item in items if item.kind == "char"]
    captions: list[str] = []
    labels_items = list(texts)
    # explicit captions: text with a caption cue ("（以百万美元计）")
    for item in list(labels_items):
        if _CAPTION_CUE_RE.search(item.label) and len(item.label) > 6:
            captions.append(item.label)
            labels_items.remove(item)

    def candidates(pool: list[Item]) -> list[list[str]]:
        by_item = [item.label for item in pool] + char_labels
        by_space = [part for item in pool for part in item.label.split()] + char_labels
        by_line = [_clean(line) for item in pool for line in item.lines] + char_labels
        by_both = [part for item in pool for line in item.lines for part in line.split()] + char_labels
        out: list[list[str]] = []
        for option in (by_item, by_space, by_line, by_both):
            if option not in out:
                out.append(option)
        return out

    labels: list[str] | None = None
    values: list[str] = tokens
    for option in candidates(labels_items):
        if len(option) == len(tokens):
            labels, values = option, tokens
            break
        split = _split_glued(tokens, len(option)) if len(option) > len(tokens) else None
        if split is not None:
            labels, values = option, split
            break
    if labels is None:
        # too many labels: the extra ones are captions (first/last/longest/with a cue)
        extra = len(labels_items) - len(tokens)
        if 0 < extra <= 2:
            scored = sorted(
                range(len(labels_items)),
                key=lambda i: -_caption_score(labels_items[i].label, i, len(labels_items)),
            )
            drop = set(scored[:extra])
            captions = [labels_items[i].label for i in sorted(drop)] + captions
            labels = [item.label for i, item in enumerate(labels_items) if i not in drop] + char_labels
        else:
            labels = [item.label for item in labels_items] + char_labels
    caption_text = _join([caption, *captions]) if caption else _join(captions)
    rows: list[tuple[Cell, ...]] = []
    for label, value in itertools.zip_longest(labels, values, fillvalue=None):
        rows.append((_label_cell(label or ""), _figure_cell(value) if value is not None else Cell("")))
    value_cells = [row[1] for row in rows]
    header = (_label_header([row[0].text for row in rows], caption_text), _value_header(caption_text, value_cells))
    totals_ok = _chart_totals(caption_text, value_cells)
    return Rebuilt(caption_text, header, tuple(rows), tuple(notes), totals_ok, "chart")


def _is_cue_caption(item: Item) -> bool:
    return bool(_CAPTION_CUE_RE.search(item.label)) and len(item.label) > 6


def _pair_alternating(items: list[Item], caption: str) -> Rebuilt | None:
    """Charts printed label, value, label, value…: each value belongs to the text right
    before it. Texts that pair with nothing are the title (the one just before the first
    pair, unless a text reads like a title: "（以百万美元计）") or stray labels of the page
    around the chart, which are left out (kept as notes when they carry figures)."""
    seq = [item for item in items if item.kind in ("text", "values")]
    if not any(item.kind == "values" for item in seq):
        return None
    for i, item in enumerate(seq):
        if item.kind == "values" and (len(item.figures) != 1 or i == 0 or seq[i - 1].kind != "text" or _is_cue_caption(seq[i - 1])):
            return None
    pairs: list[tuple[str, str]] = []
    captions = [item.label for item in seq if item.kind == "text" and _is_cue_caption(item)]
    leading: list[str] = []
    stray: list[str] = []
    for i, item in enumerate(seq):
        if item.kind == "values":
            pairs.append((seq[i - 1].label, item.figures[0]))
        elif not _is_cue_caption(item) and not (i + 1 < len(seq) and seq[i + 1].kind == "values"):
            (stray if pairs else leading).append(item.label)
    if len(pairs) < 2:
        return None
    if not captions and not caption and leading:
        captions.append(leading.pop())
    notes = [text for text in leading + stray if _DIGIT_RE.search(text)]
    notes += [item.label for item in items if item.kind == "note"]
    notes += [item.label for item in items if item.kind == "char" and _DIGIT_RE.search(item.label)]
    caption_text = _join_caption([caption, *captions])
    rows = tuple((_label_cell(label), _figure_cell(value)) for label, value in pairs)
    value_cells = [row[1] for row in rows]
    header = (_label_header([row[0].text for row in rows], caption_text), _value_header(caption_text, value_cells))
    return Rebuilt(caption_text, header, rows, tuple(notes), _chart_totals(caption_text, value_cells), "chart")


_CAPTION_TOTAL_RE = re.compile(rf"(?P<num>{_NUMBER})\s*（以百万")


def _chart_totals(caption: str, cells: list[Cell]) -> bool | None:
    """A pie of percentages adds up to 100; a chart whose caption prints its total
    ("技术合作（2020年） 36.2（以百万美元计）") adds up to that total."""
    numbers = [c for c in cells if c.value is not None]
    if len(numbers) < 2 or len(numbers) != len(cells):
        return None
    total_text: str | None = None
    if all(c.text.endswith(("%", "％")) for c in numbers):
        total_text = "100"
    else:
        match = _CAPTION_TOTAL_RE.search(caption)
        if match:
            total_text = match["num"]
    if total_text is None:
        return None
    total = float(total_text.replace(",", ""))
    return _close(sum(c.value or 0.0 for c in numbers), total, [c.text for c in numbers], total_text)


# -- grids --------------------------------------------------------------------------------


def _looks_like_header(text: str, ncols: int) -> tuple[str, ...] | None:
    tokens = text.split()
    if len(tokens) < 2 or len(tokens) not in (ncols, ncols + 1):
        return None
    if any(len(t) > 8 or re.search(r"[。，；：:]", t) for t in tokens):
        return None
    return tuple(tokens)


def _rebuild_grid(items: list[Item], caption: str, context: str) -> Rebuilt:
    caption_parts: list[str] = [caption] if caption else []
    notes: list[str] = []
    chars: list[Item] = []
    header_line: tuple[str, ...] | None = None
    # entries: ("heading", text) or ("row", label, figures)
    entries: list[tuple[str, str, list[str]]] = []
    pending_text: Item | None = None
    ncols = max((len(item.figures) for item in items if item.kind in ("row", "values")), default=0)
    seen_row = False
    for item in items:
        if item.kind == "note":
            notes.append(item.label)
            continue
        if item.kind == "char":
            chars.append(item)
            continue
        if item.kind == "text":
            if pending_text is not None:
                _flush_text(pending_text, seen_row, entries, caption_parts)
            pending_text = item
            if not seen_row and header_line is None:
                last = _clean(item.lines[-1])
                found = _looks_like_header(last, ncols) if ncols else None
                if found and not (len(item.lines) == 1 and (CODE_RE.match(last) or LETTER_RE.match(last))):
                    header_line = found
                    item = Item("text", item.first, item.last, item.lines[:-1])
                    pending_text = item if item.lines else None
            continue
        if item.kind == "values":
            if pending_text is not None:
                label = pending_text.label
                pending_text = None
            else:
                label = ""
            entries.append(("row", label, item.figures))
            seen_row = True
            continue
        if pending_text is not None:
            _flush_text(pending_text, seen_row, entries, caption_parts)
            pending_text = None
        entries.append(("row", item.label, item.figures))
        seen_row = True
    if pending_text is not None:
        if seen_row:
            notes.append(pending_text.label)
        else:
            caption_parts.append(pending_text.label)
    caption_text = _join_caption(caption_parts)
    rows_entries = [e for e in entries if e[0] == "row"]

    # stacked records ("合计 597" / "男/女 346/251" under each heading) become one row each
    pivoted = _pivot(entries)
    lead = caption_parts[-1] if len(caption_parts) > (1 if caption else 0) else ""
    if pivoted is not None and lead and len(lead) <= 20 and pivoted[1][0][0] == "合计":
        # "总部" printed before the first record was taken for a caption line: it is its label
        with_lead = _pivot([("heading", lead, []), *entries])
        if with_lead is not None:
            pivoted = with_lead
            caption_parts.pop()
            caption_text = _join_caption(caption_parts)
    if pivoted is not None:
        header_values, body = pivoted
        label_header = _label_header([r[0] for r in body], caption_text)
        rows = [(_label_cell(label), *cells) for label, cells in body]
        header = (label_header, *header_values)
        totals_ok = _check_totals(rows, header, [])
        return Rebuilt(caption_text, header, tuple(rows), tuple(notes), totals_ok)

    value_headers: list[str] = []
    label_header = ""
    if chars and ncols:
        value_headers = _segment_header(chars, ncols, context)
        if header_line:
            notes.insert(0, " ".join(header_line))
    elif header_line:
        if len(header_line) == ncols + 1:
            label_header, value_headers = header_line[0], list(header_line[1:])
        else:
            value_headers = list(header_line)
    elif chars:
        notes.insert(0, "".join(item.label for item in chars))
    if not value_headers:
        value_headers = [""] * ncols
        if ncols == 1:
            value_headers = [_value_header(caption_text, [_figure_cell(e[2][0]) for e in rows_entries])]
    value_headers += [""] * (ncols - len(value_headers))
    label_header = label_header or _label_header([e[1] for e in rows_entries], caption_text)
    header = (label_header, *value_headers)

    grid_rows, groups = _place(entries, value_headers)
    totals_ok = _check_totals(grid_rows, header, groups)
    return Rebuilt(caption_text, header, tuple(grid_rows), tuple(notes), totals_ok)


def _flush_text(item: Item, seen_row: bool, entries: list, caption_parts: list[str]) -> None:
    if seen_row or item.prefix == "numbered":  # "(1) 已批准的欧元总预算（百万），包括：" heads a group
        entries.append(("heading", item.label, []))
    else:
        caption_parts.append(item.label)


def _join_caption(parts: list[str]) -> str:
    return " ".join(p for p in (_clean(p) for p in parts) if p)


def _label_header(labels: Sequence[str], caption: str) -> str:
    plain = [re.sub(r"\*+$", "", _clean(label)) for label in labels]
    if sum(1 for label in plain if label in REGION_WORDS) >= 2:
        return "区域"
    if CODE_RE.match(plain[0] if plain else ""):
        return "指标"
    for word in ("捐助方", "供资伙伴", "类型"):  # what the chart's title says its labels are
        if word in caption:
            return word
    return "类别"


def _value_header(caption: str, cells: Sequence[Cell]) -> str:
    caption = _clean(caption)
    unit = re.search(r"（以(.{1,8})计）", caption)
    if unit:
        return unit.group(1)
    if cells and all(c.text.endswith(("%", "％")) for c in cells if c.value is not None) and any(c.value is not None for c in cells):
        return "百分比"
    for word in ("数目", "金额", "百分比", "数量", "比例"):
        if word in caption[-12:]:
            return word
    return "数值"


def _segment_header(chars: list[Item], ncols: int, context: str) -> list[str]:
    """One-char-a-line header -> `ncols` words. Blank lines group the characters but also
    fall inside words ("提高经济竞" / "争力"), so among the ways to join the groups into
    `ncols` words, pick the one whose words the report itself uses most."""
    groups: list[str] = []
    for item in chars:
        if item.blank_before or not groups:
            groups.append(item.label)
        else:
            groups[-1] += item.label
    if len(groups) == ncols:
        return groups
    if len(groups) < ncols:
        text = "".join(groups)
        return _segment_chars(text, ncols, context)
    best: tuple[float, list[str]] | None = None
    cuts_total = len(groups) - 1
    combos = math.comb(cuts_total, ncols - 1)
    if combos > 20000:
        return groups[: ncols - 1] + ["".join(groups[ncols - 1 :])]
    for cuts in itertools.combinations(range(1, len(groups)), ncols - 1):
        bounds = (0, *cuts, len(groups))
        words = ["".join(groups[a:b]) for a, b in zip(bounds, bounds[1:])]
        score = sum(_word_score(word, context) for word in words)
        if best is None or score > best[0]:
            best = (score, words)
    assert best is not None
    return best[1]


def _word_score(word: str, context: str) -> float:
    if word in TOTAL_WORDS:
        return 1000.0 + 3.0
    count = context.count(word) if context else 0
    return (1000.0 if count else 0.0) + math.log1p(count) - 0.01 * len(word)


def _segment_chars(text: str, ncols: int, context: str) -> list[str]:
    """Cut a run of characters with no grouping into `ncols` words (dynamic programming)."""
    n = len(text)
    if ncols >= n:
        return list(text) + [""] * (ncols - n)
    best: dict[tuple[int, int], tuple[float, list[str]]] = {(0, 0): (0.0, [])}
    for parts in range(ncols):
        for start in range(n):
            if (start, parts) not in best:
                continue
            score, words = best[(start, parts)]
            for end in range(start + 1, n + 1):
                if parts == ncols - 1 and end != n:
                    continue
                word = text[start:end]
                cand = (score + _word_score(word, context), words + [word])
                key = (end, parts + 1)
                if key not in best or cand[0] > best[key][0]:
                    best[key] = cand
    return best.get((n, ncols), (0.0, [text] + [""] * (ncols - 1)))[1]


def _pivot(entries: list[tuple[str, str, list[str]]]) -> tuple[list[str], list[tuple[str, list[Cell]]]] | None:
    """Records stacked as rows under headings ("总部" / "合计 438" / "男/女 254/184", again
    and again) -> one row per record, the repeated labels as columns."""
    rows = [e for e in entries if e[0] == "row"]
    if len(rows) < 4:
        return None
    labels = [_clean(e[1]) for e in rows]
    cycle: list[str] = []
    for label in labels:
        if label in cycle:
            break
        cycle.append(label)
    k = len(cycle)
    if k < 2 or len(rows) % k or len(rows) // k < 2 or any(_DIGIT_RE.search(label) for label in cycle):
        return None
    if any(labels[i] != cycle[i % k] for i in range(len(labels))):
        return None
    if any(len(e[2]) != 1 for e in rows):
        return None
    # headings may only stand right before a record
    records: list[tuple[str, list[str]]] = []
    heading = ""
    count = 0
    for entry in entries:
        if entry[0] == "heading":
            if count % k:
                return None
            heading = _join([heading, entry[1]]) if heading else entry[1]
            continue
        if count % k == 0:
            records.append((heading, []))
            heading = ""
        records[-1][1].append(entry[2][0])
        count += 1
    if heading:
        return None
    header: list[str] = []
    splits: list[int] = []
    for i, label in enumerate(cycle):
        parts = label.split("/")
        figure_parts = [r[1][i].split("/") for r in records]
        if len(parts) > 1 and all(len(f) == len(parts) for f in figure_parts):
            header.extend(parts)
            splits.append(len(parts))
        else:
            header.append(label)
            splits.append(1)
    body: list[tuple[str, list[Cell]]] = []
    for index, (heading, figures) in enumerate(records):
        cells: list[Cell] = []
        for figure, parts in zip(figures, splits):
            pieces = figure.split("/") if parts > 1 else [figure]
            cells.extend(_figure_cell(p) for p in pieces)
        label = heading or ("合计" if index == 0 and any(w in cycle for w in TOTAL_WORDS) else "")
        body.append((label, cells))
    return header, body


def _place(entries: list[tuple[str, str, list[str]]], value_headers: list[str]) -> tuple[list[tuple[Cell, ...]], list[list[int]]]:
    """Put each row's figures under the right columns.

    A row with fewer figures than columns: its last figure goes to a total column (合计)
    if there is one, and the others are placed where the column totals of the total row
    say they belong (left-aligned when nothing says otherwise)."""
    ncols = len(value_headers)
    total_col = _total_column(entries, value_headers)
    rows: list[list[Cell]] = []
    labels: list[Cell] = []
    groups: list[list[int]] = [[]]
    deficient: list[tuple[int, list[Cell]]] = []
    for entry in entries:
        if entry[0] == "heading":
            labels.append(_label_cell(entry[1]))
            rows.append([Cell("")] * ncols)
            groups.append([])
            continue
        figures = [_figure_cell(f) for f in entry[2]]
        index = len(rows)
        labels.append(_label_cell(entry[1]))
        groups[-1].append(index)
        if len(figures) >= ncols:
            rows.append(figures)  # ncols is the most figures any row has
            continue
        cells = [Cell("")] * ncols
        if total_col is not None and len(figures) >= 2:
            cells[total_col] = figures[-1]
            rest = figures[:-1]
        else:
            rest = figures
        if total_col is not None and len(figures) >= 2:
            free = [c for c in range(ncols) if c != total_col]
        else:
            free = list(range(ncols))
        for c, cell in zip(free, rest):
            cells[c] = cell
        rows.append(cells)
        if len(rest) < len(free):
            deficient.append((index, rest))
    _place_by_totals(rows, labels, deficient, total_col, ncols)
    grid = [(labels[i], *rows[i]) for i in range(len(rows))]
    return grid, [g for g in groups if g]


def _total_column(entries: list[tuple[str, str, list[str]]], value_headers: list[str]) -> int | None:
    for i, word in enumerate(value_headers):
        if word in TOTAL_WORDS:
            return i
    ncols = len(value_headers)
    full = [e[2] for e in entries if e[0] == "row" and len(e[2]) == ncols]
    if ncols >= 3 and len(full) >= 2:
        ok = 0
        for figures in full:
            cells = [_figure_cell(f) for f in figures]
            if any(c.value is None for c in cells):
                return None
            if not _close(sum(c.value or 0.0 for c in cells[:-1]), cells[-1].value or 0.0, [c.text for c in cells[:-1]], cells[-1].text):
                return None
            ok += 1
        return ncols - 1 if ok else None
    return None


def _place_by_totals(rows: list[list[Cell]], labels: list[Cell], deficient: list[tuple[int, list[Cell]]], total_col: int | None, ncols: int) -> None:
    total_rows = [i for i, label in enumerate(labels) if _is_total_label(label.text) and sum(1 for c in rows[i] if c.value is not None) == ncols]
    if not deficient or not total_rows:
        return
    totals = rows[total_rows[-1]]
    data_cols = [c for c in range(ncols) if c != total_col]
    members = [i for i in range(len(rows)) if i not in total_rows and any(c.text for c in rows[i])]

    def options(rest: list[Cell]) -> list[tuple[int, ...]]:
        return list(itertools.combinations(data_cols, len(rest)))

    choice: dict[int, tuple[int, ...]] = {}
    for index, rest in deficient:
        choice[index] = tuple(data_cols[: len(rest)])

    def layout(index: int, cols: tuple[int, ...], rest: list[Cell]) -> None:
        for c in data_cols:
            rows[index][c] = Cell("")
        for c, cell in zip(cols, rest):
            rows[index][c] = cell

    def cost() -> float:
        total = 0.0
        for c in data_cols:
            if totals[c].value is None:
                continue
            column = sum(rows[i][c].value or 0.0 for i in members)
            total += abs(column - (totals[c].value or 0.0)) / max(1.0, abs(totals[c].value or 0.0))
        return total

    for _ in range(4):
        changed = False
        for index, rest in deficient:
            best_cols, best_cost = choice[index], math.inf
            for cols in options(rest):
                layout(index, cols, rest)
                value = cost()
                if value < best_cost - 1e-12:
                    best_cols, best_cost = cols, value
            layout(index, best_cols, rest)
            if best_cols != choice[index]:
                choice[index] = best_cols
                changed = True
        if not changed:
            break


# -- totals -------------------------------------------------------------------------------


def _unit(texts: Sequence[str]) -> float:
    """The rounding step the printed figures imply: 0.01 for "79.89", 100 for figures
    that all end in "00" (rounded to the nearest hundred), 0 for exact counts."""
    decimals = [_decimals(t) for t in texts if re.search(r"\d", t)]
    if not decimals:
        return 0.0
    if max(decimals) > 0:
        return 10.0 ** -max(decimals)
    integers = [re.sub(r"\D", "", t) for t in texts]
    nonzero = [t for t in integers if t.strip("0")]
    if len(nonzero) >= 3:
        zeros = min(len(t) - len(t.rstrip("0")) for t in nonzero)
        if zeros >= 2:
            return 10.0**zeros
    return 0.0


def _close(total: float, printed: float, parts: Sequence[str], printed_text: str) -> bool:
    """Whether a sum matches a printed total within the rounding of the figures: each
    part may be off by half its rounding step, and so may the printed total ("26" next
    to parts printed to 0.01 is rounded to the unit)."""
    part_unit = _unit(parts)
    if any(_decimals(p) for p in parts):
        total_unit = 10.0 ** -_decimals(printed_text)
    else:
        total_unit = _unit([*parts, printed_text])
    tolerance = part_unit / 2 * len(parts) + total_unit / 2 + 1e-9
    return abs(total - printed) <= tolerance


def _check_totals(rows: Sequence[tuple[Cell, ...]], header: Sequence[str], groups: list[list[int]]) -> bool | None:
    """Check every total row (per group) and total column; None when there is none."""
    checks: list[bool] = []
    value_headers = list(header[1:])
    total_cols = [i for i, word in enumerate(value_headers) if word in TOTAL_WORDS]
    if not total_cols and len(value_headers) >= 3:
        guess = _total_column([("row", "", [c.text + c.mark for c in r[1:]]) for r in rows if all(c.value is not None for c in r[1:])], value_headers)
        if guess is not None:
            total_cols = [guess]
    for col in total_cols:
        for row in rows:
            cells = list(row[1:])
            if cells[col].value is None:
                continue
            parts = [c for i, c in enumerate(cells) if i not in total_cols and c.value is not None]
            if not parts:
                continue
            checks.append(_close(sum(c.value or 0.0 for c in parts), cells[col].value or 0.0, [c.text for c in parts], cells[col].text))
    groups = groups or [list(range(len(rows)))]
    for group in groups:
        totals = [i for i in group if _is_total_label(rows[i][0].text)]
        members = [i for i in group if i not in totals]
        if not totals or not members:
            continue
        for t in totals:
            for col in range(1, len(header)):
                printed = rows[t][col]
                if printed.value is None:
                    continue
                parts = [rows[i][col] for i in members if rows[i][col].value is not None]
                if len(parts) < 2:
                    continue
                checks.append(_close(sum(c.value or 0.0 for c in parts), printed.value, [c.text for c in parts], printed.text))
    if not checks:
        return None
    return all(checks)


# -- regions: one block -> table regions --------------------------------------------------


@dataclass
class Region:
    """A table's lines inside a run of table lines, with the caption found around it."""

    caption: str
    lines: list[str]
    first: int  # index of the region's first line in the run (for the block it belongs to)
    notes: list[str] = field(default_factory=list)
    value_header: str = ""
    indicators: bool = False  # a list of single-figure indicators ("TCO.1 … 2,194*")


def split_regions(lines: Sequence[str]) -> list[Region]:
    """Cut a run of table lines into table regions.

    The annual report's indicator annex runs indicator after indicator ("POR.1　…",
    "FIN.2　…"), some with sub-tables ("a.　执行理事会核准的 / 项目文件数目" then rows),
    others a single figure on the title line: each sub-table is a region, a run of
    single-figure indicators is one region, and one-char header lines travel with the
    sub-table that follows them. A run without indicator codes is one region.
    """
    items = itemize(lines)
    if not any(item.prefix == "code" for item in items if item.kind in ("text", "row")):
        return [Region("", list(lines), 0)]
    regions: list[Region] = []  # in order of their first line; filled as we go
    heading = ""  # the plain heading just before ("产出指标", "企业服务效率")
    value_header = ""  # "2020年" from the annex's "指标 2020年"
    indicator = ""  # title of the current indicator
    own_rows: dict[str, Region] = {}  # indicator title -> region of its own lettered rows
    current: Region | None = None
    singles: Region | None = None
    carry: list[int] = []  # one-char header lines waiting for their sub-table

    def start(region: Region) -> Region:
        regions.append(region)
        return region

    def take(item: Item) -> list[str]:
        return list(lines[item.first : item.last + 1]) + [""]

    for pos, item in enumerate(items):
        if item.kind == "char":
            carry.append(item.first)
            continue
        if item.kind in ("text", "row") and item.prefix == "code":
            current = None
            if item.kind == "row" and len(item.figures) == 1:
                # a single-figure indicator: one row of a list of indicators
                if singles is None:
                    singles = start(Region(heading, [], item.first, value_header=value_header, indicators=True))
                    heading = ""
                singles.lines += take(item)
                continue
            singles = None
            heading = ""
            head_lines = [_clean(line) for line in item.lines]
            header_line = ""
            if len(head_lines) > 1 and _header_shaped(head_lines[-1]):
                header_line = head_lines.pop()
            title, description = _title_and_description(_join(head_lines))
            indicator = title
            current = start(Region(indicator, [header_line, ""] if header_line else [], item.first, value_header=value_header))
            own_rows[indicator] = current
            if description:
                current.notes.append(description)
            if item.kind == "row":  # a title line that also carries figures: keep them as a row
                current.lines += take(item)[-2:]
            continue
        if item.kind == "text" and item.prefix == "letter" and _starts_subtable(items, pos):
            singles = None
            caption = _join_caption([indicator, item.label])
            current = start(Region(caption, [], item.first, value_header=value_header))
            if carry:
                current.lines += [lines[i] for i in carry] + [""]
                carry = []
            continue
        if item.kind == "text" and item.prefix == "" and not _has_rows_after(items, pos):
            # a plain heading between tables ("产出指标", "指标 2020年", "第三层：…（续）")
            tokens = item.label.split()
            if len(tokens) == 2 and re.search(r"\d{4}年", tokens[1]):
                value_header = tokens[1]
            elif current is not None and _header_shaped(item.label):
                current.lines += take(item)  # column names ("接近要求 达到要求")
            elif current is not None and not current.lines and (len(item.label) > 24 or re.search(r"[，。；]", item.label)):
                current.notes.append(item.label)  # the indicator's description paragraph
            else:
                heading = item.label
                current = None
                singles = None
            continue
        if item.kind == "note" and current is None and singles is not None:
            singles.lines += take(item)
            continue
        if item.kind == "row" and item.prefix == "letter" and indicator and (current is None or current.caption != indicator):
            # lettered rows outside a sub-table belong to the indicator itself
            current = own_rows.get(indicator) or start(Region(indicator, [], item.first, value_header=value_header))
            own_rows[indicator] = current
        if current is None:
            current = start(Region(indicator or heading, [], item.first, value_header=value_header))
        if carry:
            current.lines += [lines[i] for i in carry] + [""]
            carry = []
        current.lines += take(item)
    return [r for r in regions if any(line.strip() for line in r.lines)]


def _header_shaped(text: str) -> bool:
    """A line of short column names ("2B 2A 1 0 未评估", "接近要求 达到要求")."""
    tokens = text.split()
    return len(tokens) >= 2 and all(len(t) <= 6 and not re.search(r"[。，；：:（）()]", t) for t in tokens)


def _title_and_description(label: str) -> tuple[str, str]:
    """"POR.3 进行中的项目…（续） 在建项目的总数…" -> (title, description): the code's
    title ends at the first space after it."""
    match = CODE_RE.match(label) or LETTER_RE.match(label)
    if not match:
        return label, ""
    rest = match["rest"]
    head = label[: len(label) - len(rest)].rstrip()
    for space in (m.start() for m in re.finditer(" ", rest)):
        tail = rest[space + 1 :]
        if len(tail) >= 8 and _HAN_RE.match(tail):
            return f"{head} {rest[:space]}".strip(), tail
    return f"{head} {rest}".strip(), ""


def _starts_subtable(items: list[Item], pos: int) -> bool:
    """A lettered text ("a. 执行理事会核准的 / 项目文件数目") heads a sub-table when the
    next item is a row with its own (unlettered) label; a lettered text followed by a
    bare figure ("d. …" then "76%") is a row instead."""
    for item in items[pos + 1 :]:
        if item.kind in ("note", "char"):
            continue
        if item.kind == "row":
            return item.prefix == "" or item.prefix == "numbered"
        if item.kind == "text":
            return item.prefix in ("", "numbered") and _has_rows_after(items, items.index(item))
        return False
    return False


def _has_rows_after(items: list[Item], pos: int) -> bool:
    """Whether a plain text item is followed by rows before the next indicator/heading."""
    for item in items[pos + 1 :]:
        if item.kind == "row":
            return item.prefix in ("", "numbered")
        if item.kind == "values":
            return True
        if item.kind == "text":
            return False
    return False


# -- reports -> tables ----------------------------------------------------------------------

_MIN_ROWS = 2


def _plausible(table: Rebuilt, region: Region) -> bool:
    """A rebuilt region is a table when at least two rows carry figures (one for an
    indicator with a code) and its labels are labels, not sentences: numbered paragraphs
    full of figures, or dates at the end of a line, never become tables."""
    rows_with_figures = [row for row in table.rows if any(c.text for c in row[1:])]
    if not rows_with_figures:
        return False
    coded = region.indicators or bool(CODE_RE.match(region.caption or ""))
    if len(rows_with_figures) < (1 if coded else _MIN_ROWS):
        return False
    labels = [row[0].text for row in rows_with_figures]
    prose = sum(1 for label in labels if _is_prose(label, coded))
    if prose * 3 > len(labels):
        return False
    values = [c for row in rows_with_figures for c in row[1:] if c.text]
    if all(re.fullmatch(r"(19|20)\d\d", c.text) for c in values):
        return False  # only years: dates at line ends, not figures
    if table.kind == "chart" and sum(1 for label in labels if label) < 2:
        return False
    return True


_PARAGRAPH_NUMBER_RE = re.compile(r"^\d{1,3}\.\s*\S")


def _is_prose(label: str, coded: bool) -> bool:
    """A sentence rather than a row label: a numbered paragraph, or a long run of text
    with sentence punctuation (indicator descriptions excepted)."""
    if _PARAGRAPH_NUMBER_RE.match(label):
        return True
    if len(label) > 90:
        return True
    return not coded and len(label) >= 40 and bool(re.search(r"[，。；]", label))


# a chart title inside a longer paragraph: "…方案技术合作（2020年）　36.2（以百万美元计）目前…"
_EMBEDDED_TITLE_RE = re.compile(r"[\u4e00-\u9fff]{2,4}（\d{4}年）[\s\u3000]*[\d.,]+（以[^（）]{1,8}计）")


def _lookback_caption(blocks: Sequence[Block], start: int, report: Report | None = None) -> str:
    """The title of a table whose block does not carry it: a heading or a short line just
    before, or a chart title ("…（以百万美元计）") at most three blocks before, even inside
    a paragraph that swallowed it. Such a title is often generic (every regional chart is
    "技术合作（2020年）…"), so it gets the section's title in front."""
    for back in range(1, 4):
        i = start - back
        if i < 0:
            break
        block = blocks[i]
        if block.kind is BlockKind.TABLE:
            break
        text = _clean(block.text)
        if back == 1 and block.kind is BlockKind.HEADING and len(text) <= 40:
            return text
        embedded = list(_EMBEDDED_TITLE_RE.finditer(text))
        if embedded:
            title = _clean(embedded[-1].group(0))
            section = report.section(blocks[start].section) if report and blocks[start].section else None
            return f"{section.title}：{title}" if section and section.title else title
        if _CAPTION_CUE_RE.search(text) and len(text) <= 60:
            return text
    return ""


def recover_tables(report: Report) -> list[Table]:
    """Every table and chart of a report, rebuilt from its `table` blocks."""
    context = "\n".join(block.text for block in report.blocks if block.kind is not BlockKind.TABLE)
    blocks = report.blocks
    tables: list[Table] = []
    index = 0
    while index < len(blocks):
        if blocks[index].kind is not BlockKind.TABLE:
            index += 1
            continue
        grid = _reader_grid(blocks[index])
        if grid is not None:  # a table a reader took from a Word file: its cells as they are
            header, *rows = grid
            block = blocks[index]
            tables.append(Table(id=f"t{len(tables) + 1}", caption=_lookback_caption(blocks, index, report), section=block.section,
                                block=block.id, header=tuple(header), rows=tuple(tuple(_grid_cell(c) for c in row) for row in rows)))
            index += 1
            continue
        run = [index]
        while run[-1] + 1 < len(blocks) and blocks[run[-1] + 1].kind is BlockKind.TABLE:
            run.append(run[-1] + 1)
        lines: list[str] = []
        owner: list[int] = []
        for b in run:
            block_lines = list(blocks[b].lines) or blocks[b].text.split("\n")
            lines += block_lines + [""]
            owner += [b] * (len(block_lines) + 1)
        rebuilt_in_run: list[tuple[Rebuilt, Region]] = []
        for region in split_regions(lines):
            caption = region.caption
            rebuilt = rebuild_table(region.lines, caption, context)
            if not rebuilt.caption and region.first == 0:
                found = _lookback_caption(blocks, run[0], report)
                if found:
                    rebuilt = rebuild_table(region.lines, found, context)
            if len(rebuilt.header) == 2 and rebuilt.kind == "grid":
                rebuilt = _as_indicator_list(rebuilt, region)
            if region.notes:
                rebuilt = _with(rebuilt, notes=tuple(region.notes) + rebuilt.notes)
            if region.value_header and rebuilt.header and rebuilt.header[-1] in ("数值", "") and len(rebuilt.header) == 2:
                rebuilt = _with(rebuilt, header=(rebuilt.header[0], region.value_header))
            if _plausible(rebuilt, region):
                rebuilt_in_run.append((rebuilt, region))
        _share_trailing_notes(rebuilt_in_run)
        for rebuilt, region in rebuilt_in_run:
            block = blocks[owner[min(region.first, len(owner) - 1)]]
            tables.append(
                Table(
                    id=f"t{len(tables) + 1}",
                    caption=rebuilt.caption,
                    section=block.section,
                    block=block.id,
                    header=rebuilt.header,
                    rows=rebuilt.rows,
                    notes=rebuilt.notes,
                    totals_ok=rebuilt.totals_ok,
                )
            )
        index = run[-1] + 1
    return tables


def _reader_grid(block: Block) -> list[list[str]] | None:
    """The cells of a table block whose lines are tab-separated cells (core.readers gives
    Word tables so), or None for flattened lines."""
    if len(block.lines) < 2 or not all("\t" in line for line in block.lines):
        return None
    rows = [line.split("\t") for line in block.lines]
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def _grid_cell(text: str) -> Cell:
    return parse_figure(text.strip()) or Cell(text.strip())


def _with(rebuilt: Rebuilt, **changes: Any) -> Rebuilt:
    from dataclasses import replace

    return replace(rebuilt, **changes)


def _as_indicator_list(rebuilt: Rebuilt, region: Region) -> Rebuilt:
    """Single-figure indicators: split "TCO.1 提供… 工发组织为…" into the indicator and
    its description column."""
    rows: list[tuple[Cell, ...]] = []
    any_description = False
    for row in rebuilt.rows:
        title, description = _title_and_description(row[0].text)
        any_description |= bool(description)
        rows.append((Cell(title, None, row[0].mark), Cell(description), *row[1:]))
    caption = rebuilt.caption or (rows[0][0].text if len(rows) == 1 else "")
    if not any_description:
        return _with(rebuilt, caption=caption)
    header = ("指标", "说明", *(region.value_header or h for h in rebuilt.header[1:]))
    return _with(rebuilt, rows=tuple(rows), header=header, caption=caption)


def _share_trailing_notes(run: list[tuple[Rebuilt, Region]]) -> None:
    """Notes printed once under a run of tables ("* 包括…") also belong to earlier tables
    of the run that use the mark and have no notes of their own."""
    if not run:
        return
    last_notes = [n for n in run[-1][0].notes if n.startswith(("*", "＊"))]
    if not last_notes:
        return
    for i, (rebuilt, region) in enumerate(run[:-1]):
        marks = any(cell.mark for row in rebuilt.rows for cell in row)
        if marks and not any(n.startswith(("*", "＊")) for n in rebuilt.notes):
            run[i] = (_with(rebuilt, notes=rebuilt.notes + tuple(last_notes)), region)


def table_records(tables: Sequence[Table]) -> list[dict[str, Any]]:
    """`tables --json`: `rows` holds the cells as printed without their footnote marks
    (a blank cell is ""); `cells` repeats them with the parsed value and the mark."""
    return [
        {
            "id": t.id,
            "caption": t.caption,
            "section": t.section,
            "header": list(t.header),
            "rows": [[cell.text for cell in row] for row in t.rows],
            "block": t.block,
            "cells": [[{"text": c.text, "value": c.value, "mark": c.mark} for c in row] for row in t.rows],
            "notes": list(t.notes),
            "totals_ok": t.totals_ok,
        }
        for t in tables
    ]

"""Content leaving the app: selected sections as HTML for Qt's document classes, tables as CSV.

Everything here is plain Python (the Qt typesetting of the HTML lives in gui/printing.py).
All document text is HTML-escaped: a report is untrusted text.
"""

from __future__ import annotations


# -- tables as CSV (owner: TABLES) -----------------------------------------------------------

import csv as _csv
import io as _io
import re as _re
from pathlib import Path as _Path
from typing import Sequence as _Sequence

from unidoreader.core.model import Table as _Table

_UNSAFE_NAME = _re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_NAME_BYTES = 150  # file names are limited to 255 bytes; a Chinese character takes 3


#: What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A number as printed in a report ("-12.5", "+3", "-1 234", "-7%"): kept as it is.
_NUMBER = _re.compile(r"[+-]?\d[\d,\s\u00a0]*(?:\.\d+)?%?")


def spreadsheet_safe(text: str) -> str:
    """A cell that a spreadsheet program would run as a formula ("=HYPERLINK(…)", "@SUM(…)",
    "-2+3") gets a leading apostrophe, as spreadsheet-safe exporters do; numbers (negative
    ones too) and a lone "-" (nil in a table) are left as printed."""
    if text.startswith(_FORMULA_START) and text != "-" and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def table_csv(table: _Table) -> str:
    """One table as CSV text: the header, then the rows as printed (footnote marks kept
    with their cell, "合计*"), then, after an empty line, the notes under the table.
    Every cell passes `spreadsheet_safe`: a report is untrusted text."""
    buffer = _io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(text) for text in table.header])
    for row in table.rows:
        writer.writerow([spreadsheet_safe(cell.text + cell.mark) for cell in row])
    if table.notes:
        writer.writerow([])
        for note in table.notes:
            writer.writerow([spreadsheet_safe(note)])
    return buffer.getvalue()


def table_file_name(table: _Table, taken: set[str] | None = None, counters: dict[str, int] | None = None) -> str:
    """A safe file name from a table's caption (no path separators or characters that
    Windows refuses, at most ~150 bytes), unique among `taken`. `counters` (kept by the
    caller with `taken`) makes n tables of one caption cost n steps, not n²/2."""
    caption = table.caption or table.id
    name = _UNSAFE_NAME.sub("_", caption).strip("._") or table.id
    if name.split(".")[0].upper() in _RESERVED_NAMES:
        name = f"_{name}"
    if len(name.encode("utf-8")) > _NAME_BYTES:
        sub = _re.search(r"_([a-z])\._", name)
        code = _re.match(r"[A-Z]{2,4}\.\d+", name)
        if sub and code:  # keep the indicator code and the sub-table: "POR.3_b._按主题…"
            name = f"{code.group(0)}_{name[sub.start() + 1:]}"
        while len(name.encode("utf-8")) > _NAME_BYTES:
            name = name[:-1]
    base = name
    taken = taken if taken is not None else set()
    counters = counters if counters is not None else {}
    n = counters.get(base.lower(), 2)
    while name.lower() in taken:  # many tables of one caption: counted on, not searched from 2 again
        name = f"{base}_{n}"
        n += 1
    counters[base.lower()] = n
    taken.add(name.lower())
    return f"{name}.csv"


def write_tables_csv(tables: _Sequence[_Table], directory: _Path, *, forbidden: _Path | None = None) -> list[_Path]:
    """Write one UTF-8 CSV file with a BOM (so spreadsheet programs read the Chinese
    right) per table into `directory`, named by its caption; returns the paths.

    Every target is checked before any is written (core.safeio: a regular file or a new
    name, never a symbolic link planted in the folder, never inside `forbidden`, the
    library folder), and each file is written aside and renamed into place."""
    from unidoreader.core.safeio import check_output, write_output

    if directory.is_symlink() and forbidden is not None:
        directory = directory.resolve()
    directory.mkdir(exist_ok=True)  # its parent must exist: a mistyped path is no new tree of folders
    taken: set[str] = set()
    counters: dict[str, int] = {}
    paths = [directory / table_file_name(table, taken, counters) for table in tables]
    for path in paths:
        check_output(path, forbidden=forbidden, what="the CSV file")
    for table, path in zip(tables, paths):
        write_output(path, table_csv(table).encode("utf-8-sig"), forbidden=forbidden, what="the CSV file")
    return paths


# -- selected sections as a briefing pack (owner: PRINT) -------------------------------------

import html as _html
from dataclasses import dataclass as _dataclass

from unidoreader.core.errors import InputError as _InputError
from unidoreader.core.model import Block as _Block
from unidoreader.core.model import BlockKind as _BlockKind
from unidoreader.core.model import Report as _Report
from unidoreader.core.model import Section as _Section


@_dataclass(frozen=True)
class PrintPart:
    """One report's share of a briefing pack: its sections in the order they print.

    A chapter brings its sections with it; a section whose chapter is also listed is
    printed once, inside its chapter."""

    report: _Report
    section_ids: tuple[str, ...]


# What QTextDocument honours: pt font sizes, em margins, px text-indent (gui/printing
# scales that one to the device). Heading sizes are Qt's own (2x, 1.5x, 1.25x the body).
_STYLE = """
body { font-size: 10.5pt; }
p { margin-top: 0; margin-bottom: 0.55em; line-height: 135%; }
p.cover-body { font-size: 10.5pt; margin-bottom: 0.1em; }
p.cover-meta { font-size: 9pt; color: #333333; margin-bottom: 0.1em; }
p.cover-kind { font-size: 11pt; margin-top: 0.3em; }
p.cover-extract { font-size: 9pt; color: #444444; margin-top: 0.6em; }
h1 { font-weight: bold; margin-top: 0.5em; margin-bottom: 0.3em; }
h2 { font-weight: bold; margin-top: 1.1em; margin-bottom: 0.55em; }
h3 { font-weight: bold; margin-top: 0.9em; margin-bottom: 0.45em; }
h4 { font-weight: bold; margin-top: 0.7em; margin-bottom: 0.4em; }
p.quote { margin-left: 2.5em; margin-right: 2em; color: #222222; }
p.note { font-size: 9pt; color: #333333; }
p.caption { font-weight: bold; font-size: 9.5pt; margin-top: 0.6em; margin-bottom: 0.25em; }
p.table-note { font-size: 8.5pt; color: #333333; margin-bottom: 0.15em; }
p.fn-title { font-size: 9pt; margin-top: 1em; margin-bottom: 0.2em; color: #333333; }
p.fn { font-size: 8.5pt; margin-bottom: 0.2em; }
td { font-size: 8.5pt; }
th { font-size: 8.5pt; font-weight: bold; background-color: #ececec; }
"""

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """46 -> 四十六, 10 -> 十, 105 -> 一百零五: how session numbers are written."""
    if n < 0 or n >= 10000:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += _CN_DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def chinese_dates(dates: tuple[str, str] | None) -> str:
    """("2018-11-26", "2018-11-28") -> "2018年11月26日至28日" (the cover's own style)."""
    if not dates:
        return ""
    try:
        (y1, m1, d1), (y2, m2, d2) = ([int(x) for x in d.split("-")] for d in dates)
    except ValueError:
        return "至".join(dates)
    first = f"{y1}年{m1}月{d1}日"
    if (y1, m1, d1) == (y2, m2, d2):
        return first
    if y1 != y2:
        return f"{first}至{y2}年{m2}月{d2}日"
    if m1 != m2:
        return f"{first}至{m2}月{d2}日"
    return f"{first}至{d2}日"


def running_title(report: _Report) -> str:
    """The running header of a report's pages: its title, else its file name."""
    return report.metadata.title or report.source or report.id


_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_OF = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def english_ordinal(n: int) -> str:
    """80 -> "Eightieth", 81 -> "Eighty-first", 105 -> "One hundred and fifth": how UN
    covers name a session ("Eightieth session")."""
    if n <= 0 or n >= 1000:
        return f"{n}th"
    hundreds, rest = divmod(n, 100)
    words = [_ONES[hundreds], "hundred"] if hundreds else []
    if hundreds and rest:
        words.append("and")
    if rest >= 20:
        words.append(_TENS[rest // 10] + ("-" + _ONES[rest % 10] if rest % 10 else ""))
    elif rest:
        words.append(_ONES[rest])
    head, dash, last = words[-1].rpartition("-")  # only the last word takes the ordinal ending
    if last in _ORDINAL_OF:
        last = _ORDINAL_OF[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    words[-1] = head + dash + last
    text = " ".join(words)
    return text[0].upper() + text[1:]


def english_dates(dates: tuple[str, str] | None) -> str:
    """("2018-11-26", "2018-11-28") -> "26–28 November 2018" (a UN English cover's style)."""
    if not dates:
        return ""
    try:
        (y1, m1, d1), (y2, m2, d2) = ([int(x) for x in d.split("-")] for d in dates)
        month1, month2 = _MONTHS[m1 - 1], _MONTHS[m2 - 1]
    except (ValueError, IndexError):
        return "–".join(dates)
    if (y1, m1, d1) == (y2, m2, d2):
        return f"{d1} {month1} {y1}"
    if y1 != y2:
        return f"{d1} {month1} {y1}–{d2} {month2} {y2}"
    if m1 != m2:
        return f"{d1} {month1}–{d2} {month2} {y1}"
    return f"{d1}–{d2} {month1} {y1}"


def _english(report: _Report) -> bool:
    """Whether a printed part's own words (cover lines, running header, page footer) are
    English: they follow the report's language, as a document's furniture does, whatever
    the interface's language."""
    return report.metadata.language == "en"


def session_name(report: _Report) -> str:
    """"第四十六届会议" / "Eightieth session", or "" when the report names no session."""
    session = report.metadata.session
    if not session:
        return ""
    return f"{english_ordinal(session)} session" if _english(report) else f"第{chinese_number(session)}届会议"


def running_context(report: _Report) -> str:
    """The right-hand running header: body and session, or the year."""
    meta = report.metadata
    if meta.session:
        between = ", " if _english(report) else " "
        return f"{meta.body + between if meta.body else ''}{session_name(report)}"
    if meta.year:
        return str(meta.year) if _english(report) else f"{meta.year}年"
    return ""


def page_footer(language: str | None, page: int, total: int) -> str:
    """The foot of a printed page, in the language of the report printed on it."""
    return f"Page {page} of {total}" if language == "en" else f"第 {page} 页 / 共 {total} 页"


# -- where each printed section stands in the original (PDF-imported reports) ------------------
#
# Each block of a PDF-imported report knows its printed pages. The HTML marks where each
# block starts with an anchor named "op<first>-<last>" (those pages); gui/printing reads the
# anchors back from the laid-out document and cites, in each page's running header, the
# original's pages of what that page shows ("IDB.52/9 · 原文第 5 页").

ORIGINAL_ANCHOR = "op"


def original_anchor(block: _Block) -> str:
    """The anchor name marking a block of a PDF-imported report ("op5-6"), or ""."""
    return f"{ORIGINAL_ANCHOR}{block.pages[0]}-{block.pages[-1]}" if block.pages else ""


def parse_original_anchor(name: str) -> tuple[int, int] | None:
    """"op5-6" -> (5, 6); None for any other anchor."""
    m = _re.fullmatch(ORIGINAL_ANCHOR + r"(\d+)-(\d+)", name)
    return (int(m.group(1)), int(m.group(2))) if m else None


def original_pages(report: _Report, first: int, last: int) -> str:
    """A running header's citation of the original's pages, in the report's language:
    "IDB.52/9 · 原文第 5 页", "A/80/604/Add.5 · pp. 5–6 of the original"."""
    english = report.metadata.language == "en"
    span = str(first) if first == last else f"{first}–{last}"
    if english:
        where = f"{'p.' if first == last else 'pp.'} {span} of the original"
    else:
        where = f"原文第 {span} 页"
    symbol = report.metadata.symbol
    return f"{symbol} · {where}" if symbol else where


def _marked(inner: str, block: _Block) -> str:
    """A block's HTML content inside its original-page anchor (when it has pages)."""
    name = original_anchor(block)
    return f'<a name="{name}">{inner}</a>' if name else inner


def heading_text(block: _Block) -> str:
    """A heading as printed: "四. 战略目标和愿景", "A. 创造共同繁荣"."""
    return f"{block.label}. {block.text}" if block.label else block.text


def item_label(label: str) -> str:
    """(a), ㈠ and (一) as the reports print them; enclosed forms (㈠, ①) stand alone."""
    if len(label) == 1 and ("\u3220" <= label <= "\u3243" or "\u2460" <= label <= "\u24ff"):
        return label
    return f"({label})"


def selected_sections(report: _Report, section_ids: tuple[str, ...]) -> list[_Section]:
    """The sections to print, in the order asked, without those already inside an
    earlier-or-later selected chapter (a chapter prints its sections)."""
    chosen: list[_Section] = []
    for section_id in section_ids:
        section = report.section(section_id)
        if section is None:
            known = ", ".join(s.id for s in report.walk_sections()) or "none"
            raise _InputError(f"{running_title(report)}: no section {section_id!r} (sections: {known})")
        if all(s.id != section.id for s in chosen):
            chosen.append(section)
    covered = {inner.id for s in chosen for inner in s.walk() if inner.id != s.id}
    return [s for s in chosen if s.id not in covered]


def _esc(text: str) -> str:
    return _html.escape(text, quote=True)


def _cover(report: _Report, sections: list[_Section], first: bool) -> list[str]:
    meta = report.metadata
    english = _english(report)
    out = [f'<div style="page-break-before: always;">' if not first else "<div>"]
    if meta.body or meta.session:
        session = session_name(report)
        out.append(f'<p class="cover-body"><b>{_esc(meta.body or "")}</b>{"　" if meta.body and session else ""}{_esc(session)}</p>')
    if english:
        place_date = ", ".join(x for x in (meta.place or "", english_dates(meta.dates)) if x)
    else:
        place_date = "，".join(x for x in (chinese_dates(meta.dates), meta.place or "") if x)
    if place_date:
        out.append(f'<p class="cover-meta">{_esc(place_date)}</p>')
    if meta.agenda_item:
        item = f"Agenda item {meta.agenda_item}" if english else f"临时议程项目 {meta.agenda_item}"
        agenda = item + (f"{' ' if english else '　'}{meta.agenda_title}" if meta.agenda_title else "")
        out.append(f'<p class="cover-meta">{_esc(agenda)}</p>')
    if meta.symbol:
        out.append(f'<p class="cover-meta">{_esc(meta.symbol)}</p>')
    out.append(f"<h1>{_esc(running_title(report))}</h1>")
    if meta.kind:
        out.append(f'<p class="cover-kind">{_esc(meta.kind)}</p>')
    listed = ("; " if english else "；").join(
        f"{s.label}. {s.title}" if s.label else s.title for s in sections
    )
    extract = "Printed from this document: " if english else "本文件摘录："
    out.append(f'<p class="cover-extract">{_esc(extract + listed)}</p>')
    out.append('<hr width="100%" />')
    out.append("</div>")
    return out


def _tables_by_block(report: _Report) -> dict[str, list] | None:
    """Recovered tables keyed by block id, or None while table recovery is unavailable."""
    try:
        from unidoreader.core.tables import recover_tables
    except ImportError:
        return None
    by_block: dict[str, list] = {}
    for table in recover_tables(report):
        by_block.setdefault(table.block, []).append(table)
    return by_block


# Sizes in CSS px (1/96 in); gui/printing scales them to the printer's resolution.
_TABLE_ATTRS = 'border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse: collapse; border-color: #555555;"'


def _table_html(table, anchor: str = "") -> list[str]:
    """A recovered table, ruled; `anchor` (the original's pages) on its caption, else on
    its first cell."""
    out: list[str] = []
    if table.caption:
        caption = f'<a name="{anchor}">{_esc(table.caption)}</a>' if anchor else _esc(table.caption)
        out.append(f'<p class="caption">{caption}</p>')
        anchor = ""
    out.append(f"<table {_TABLE_ATTRS}>")
    if table.header:  # <thead>: Qt repeats it at the top of each page the table runs onto
        heads = [_esc(h) for h in table.header]
        if anchor and heads:
            heads[0], anchor = f'<a name="{anchor}">{heads[0] or "&nbsp;"}</a>', ""
        out.append("<thead><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr></thead>")
    for row in table.rows:
        cells = []
        for i, cell in enumerate(row):
            align = "left" if i == 0 or cell.value is None else "right"
            shown = _esc(cell.text + cell.mark)
            if anchor:
                shown, anchor = f'<a name="{anchor}">{shown or "&nbsp;"}</a>', ""
            cells.append(f'<td align="{align}">{shown}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    for note in table.notes:
        out.append(f'<p class="table-note">{_esc(note)}</p>')
    return out


def _raw_table_html(block: _Block) -> list[str]:
    """A table not (yet) recovered: its lines as printed, in a ruled box."""
    lines = block.lines or tuple(block.text.splitlines())
    body = "<br />".join(_esc(line) for line in lines if line.strip())
    return [f"<table {_TABLE_ATTRS}>", f"<tr><td>{body}</td></tr>", "</table>"]


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# Like a printed report: a short rule at the left, then the notes.
# A short rule above the notes: a horizontal ruler, not a one-cell table (a table at a
# page break pushes the block after it onto the next page, leaving the rule alone).
_FOOTNOTE_RULE = '<hr width="30%" style="margin-top: 6px;" />'


def _em_px(em: float) -> int:
    """`em` of the body font in CSS px (1/96 in): QTextDocument takes text-indent in px only."""
    return round(em * 10.5 * 96 / 72)


def _footnote_marks(block: _Block) -> str:
    """Reference marks for the notes a block cites, after the block: the parser keeps a
    superscript reference in the text (¹) but drops a bare-digit one, which would leave
    the printed note unattached."""
    return "".join(
        f"<sup>{_esc(label)}</sup>" for label in block.footnotes if label.translate(_SUPERSCRIPTS) not in block.text
    )


def _section_html(report: _Report, section: _Section, tables: dict[str, list] | None, cited: list[str] | None = None) -> list[str]:
    """One section's blocks; the labels of the footnotes they cite are added to `cited`
    (the notes print once, at the end of the report's part: see part_html)."""
    levels = {s.id: s.level for s in section.walk()}
    base = section.level
    wanted = set(levels)
    out: list[str] = []
    cited = [] if cited is None else cited
    for block in report.blocks:
        if block.section not in wanted:
            continue
        for label in block.footnotes:
            if label not in cited:
                cited.append(label)
        marks = _footnote_marks(block)
        text = _marked(_esc(block.text), block)
        if block.kind is _BlockKind.HEADING:
            level = levels[block.section] - base + 2
            tag = f"h{min(max(level, 2), 4)}"
            out.append(f"<{tag}>{_marked(_esc(heading_text(block)), block)}{marks}</{tag}>")
        elif block.kind is _BlockKind.PARAGRAPH:
            if block.label:
                out.append(
                    f'<p style="margin-left: 1.9em; text-indent: -{_em_px(1.9)}px;">{_marked(_esc(block.label) + ".", block)}'
                    f"&nbsp;{_esc(block.text)}{marks}</p>"
                )
            else:
                out.append(f"<p>{text}{marks}</p>")
        elif block.kind is _BlockKind.ITEM:
            label = block.label or ""
            nested = bool(label) and "\u3220" <= label[0] <= "\u3229"
            indent = 5.0 if nested else 2.6
            prefix = f"{_marked(_esc(item_label(label)), block)}&nbsp;" if label else ""
            shown = _esc(block.text) if label else text
            out.append(
                f'<p style="margin-left: {indent + 2.2}em; text-indent: -{_em_px(2.2)}px;">{prefix}{shown}{marks}</p>'
            )
        elif block.kind is _BlockKind.QUOTE:
            out.append(f'<p class="quote">{text}{marks}</p>')
        elif block.kind is _BlockKind.NOTE:
            out.append(f'<p class="note">{text}{marks}</p>')
        elif block.kind is _BlockKind.TABLE:
            recovered = (tables or {}).get(block.id)
            if recovered:
                for table in recovered:
                    out.extend(_table_html(table, original_anchor(block)))
            else:
                out.extend(_raw_table_html(block))
    return out


def _notes_html(report: _Report, cited: list[str]) -> list[str]:
    """The footnotes the printed paragraphs cite, in the order cited, under a short rule:
    at the end of the report's part, as a briefing pack puts them (not mid-page after
    each section, before the next heading)."""
    notes = {n.label: n for n in report.footnotes}
    printed = [notes[label] for label in cited if label in notes]
    if not printed:
        return []
    out = [_FOOTNOTE_RULE]
    for note in printed:
        out.append(f'<p class="fn"><sup>{_esc(note.label)}</sup>&nbsp;{_esc(note.text)}</p>')
    return out


def part_html(part: PrintPart, first: bool = True) -> str:
    """One report's part: title block, each selected section, then the footnotes cited.
    `first` False starts it on a new page."""
    sections = selected_sections(part.report, part.section_ids)
    if not sections:
        raise _InputError(f"{running_title(part.report)}: no sections selected")
    tables = None
    if any(b.kind is _BlockKind.TABLE for s in sections for b in part.report.blocks_in(s.id)):
        tables = _tables_by_block(part.report)
    body = _cover(part.report, sections, first)
    cited: list[str] = []
    for section in sections:
        body.extend(_section_html(part.report, section, tables, cited))
    body.extend(_notes_html(part.report, cited))
    return "\n".join(body)


def briefing_html(parts: "_Sequence[PrintPart]") -> str:
    """The whole briefing pack as one HTML document for QTextDocument: every part on
    its own pages, in the order given. All report text is escaped (untrusted)."""
    if not parts:
        raise _InputError("nothing to print: no sections selected")
    bodies = [part_html(part, first=i == 0) for i, part in enumerate(parts)]
    title = _esc(" / ".join(running_title(p.report) for p in parts))
    return (
        f'<html><head><meta charset="utf-8" /><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body>\n" + "\n".join(bodies) + "\n</body></html>"
    )


def parse_section_spec(spec: str, reports: "_Sequence[_Report]", refs: "_Sequence[str]") -> list[PrintPart]:
    """`print`'s --sections: which sections of which of the given documents, in order.

    The rule (also in `unidoreader print --help`):
    - items are separated by commas (also "，" or spaces);
    - `DOC:ID` names the document: DOC is its position among the DOCs given (1, 2…),
      the DOC argument exactly as given, or a prefix of its document id;
    - a bare `ID` belongs to the first DOC, in the order given, that has that section;
    - documents print in the order given, each one's sections in the order listed;
      a chapter brings its sections; an unknown section or a DOC left with nothing to
      print is a one-line error.
    """
    items = [item for item in spec.replace("，", ",").replace(" ", ",").split(",") if item.strip()]
    if not items:
        raise _InputError("--sections is empty: give section ids such as 三,四.A (see `outline DOC`)")
    wanted: list[list[str]] = [[] for _ in reports]
    for item in items:
        item = item.strip()
        doc_ref, sep, section_id = item.rpartition(":")
        if sep:
            index = _doc_index(doc_ref, reports, refs)
            if reports[index].section(section_id) is None:
                raise _InputError(f"{refs[index]}: no section {section_id!r} (see `unidoreader outline {refs[index]}`)")
        else:
            found = [i for i, report in enumerate(reports) if report.section(item) is not None]
            if not found:
                where, see = (refs[0], refs[0]) if len(refs) == 1 else ("any of the documents given", "DOC")
                raise _InputError(f"no section {item!r} in {where} (see `unidoreader outline {see}`)")
            index, section_id = found[0], item
        if section_id not in wanted[index]:
            wanted[index].append(section_id)
    for i, sections in enumerate(wanted):
        if not sections:
            raise _InputError(f"{refs[i]}: none of --sections is in this document (name it as {i + 1}:ID)")
    return [PrintPart(report=report, section_ids=tuple(ids)) for report, ids in zip(reports, wanted)]


def whole_reports(reports: "_Sequence[_Report]", refs: "_Sequence[str]") -> list[PrintPart]:
    """`print` without --sections: every report whole (all its top-level sections)."""
    parts = []
    for report, ref in zip(reports, refs):
        if not report.sections:
            raise _InputError(f"{ref}: no sections to print (see `unidoreader outline {ref}`)")
        parts.append(PrintPart(report=report, section_ids=tuple(s.id for s in report.sections)))
    return parts


def _doc_index(doc_ref: str, reports: "_Sequence[_Report]", refs: "_Sequence[str]") -> int:
    """Which of the given DOCs a `DOC:` prefix means (see parse_section_spec)."""
    if doc_ref.isdigit() and 1 <= int(doc_ref) <= len(reports):
        return int(doc_ref) - 1
    exact = [i for i, ref in enumerate(refs) if ref == doc_ref]
    if exact:
        return exact[0]
    by_id = sorted({i for i, report in enumerate(reports) if doc_ref and report.id.startswith(doc_ref)})
    if len({reports[i].id for i in by_id}) == 1:
        return by_id[0]
    if by_id:
        raise _InputError(f"{doc_ref!r} matches several of the documents given; give more of the id")
    raise _InputError(f"{doc_ref!r} is not one of the documents given (use 1..{len(reports)} or an id)")

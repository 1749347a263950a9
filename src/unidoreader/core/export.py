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
_NAME_BYTES = 150  # file names are limited to 255 bytes; a Chinese character takes 3


def table_csv(table: _Table) -> str:
    """One table as CSV text: the header, then the rows as printed (footnote marks kept
    with their cell, "合计*"), then the notes under the table, one per line."""
    buffer = _io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([cell.text + cell.mark for cell in row])
    for note in table.notes:
        writer.writerow([note])
    return buffer.getvalue()


def table_file_name(table: _Table, taken: set[str] | None = None) -> str:
    """A safe file name from a table's caption (no path separators or characters that
    Windows refuses, at most ~150 bytes), unique among `taken`."""
    caption = table.caption or table.id
    name = _UNSAFE_NAME.sub("_", caption).strip("._") or table.id
    if len(name.encode("utf-8")) > _NAME_BYTES:
        sub = _re.search(r"_([a-z])\._", name)
        code = _re.match(r"[A-Z]{2,4}\.\d+", name)
        if sub and code:  # keep the indicator code and the sub-table: "POR.3_b._按主题…"
            name = f"{code.group(0)}_{name[sub.start() + 1:]}"
        while len(name.encode("utf-8")) > _NAME_BYTES:
            name = name[:-1]
    base, n = name, 2
    taken = taken if taken is not None else set()
    while name.lower() in taken:
        name = f"{base}_{n}"
        n += 1
    taken.add(name.lower())
    return f"{name}.csv"


def write_tables_csv(tables: _Sequence[_Table], directory: _Path) -> list[_Path]:
    """Write one UTF-8 CSV file with a BOM (so spreadsheet programs read the Chinese
    right) per table into `directory`, named by its caption; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths: list[_Path] = []
    for table in tables:
        path = directory / table_file_name(table, taken)
        path.write_text(table_csv(table), encoding="utf-8-sig", newline="")
        paths.append(path)
    return paths

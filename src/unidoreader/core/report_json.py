"""A parsed Report as JSON, and back: the library keeps each text document's parse
(`documents/<id>.report.json`, derived data like the index), so that opening a report
again, at the next start, neither parses it nor loads the parser.

Compact (a block is a list, not a dict of field names) and checked field by field when
read: anything that is not exactly what `report_record` writes is `ValueError`, and
the caller parses the text again. The record names the parser version and the text's
id: a parse by another parser version, or of another text, is never taken.
"""

from __future__ import annotations

from typing import Any

from unidoreader.core.model import Block, BlockKind, Footnote, Metadata, Report, Section

RECORD_FORMAT = 1
_KINDS = {kind.value: kind for kind in BlockKind}
_METADATA_FIELDS = ("title", "kind", "body", "session", "dates", "place", "agenda_item", "agenda_title", "symbol", "year", "language")


def report_record(report: Report, parser_version: int) -> dict[str, Any]:
    """The JSON-ready record of `report` as parsed by `parser_version`."""
    meta = report.metadata
    return {
        "format": RECORD_FORMAT,
        "parser": parser_version,
        "id": report.id,
        "source": report.source,
        "metadata": [getattr(meta, name) for name in _METADATA_FIELDS],
        "blocks": [[b.id, b.kind.value, b.text, b.section, b.label, b.footnotes, b.lines, b.pages, b.boxes] for b in report.blocks],
        "sections": [_section_record(s) for s in report.sections],
        "footnotes": [[f.label, f.text, f.blocks] for f in report.footnotes],
        "contents": report.contents,
    }


def _section_record(section: Section) -> list[Any]:
    return [section.id, section.level, section.label, section.title, section.heading, [_section_record(c) for c in section.children]]


def report_from_record(record: Any, parser_version: int, doc_id: str, source: str) -> Report:
    """The Report a record holds, if it is the parse of document `doc_id` (named `source`)
    by `parser_version`; ValueError otherwise (damaged, older, another document)."""
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT or record.get("parser") != parser_version:
        raise ValueError("not a report record of this parser")
    if record.get("id") != doc_id or record.get("source") != source:
        raise ValueError("the record of another document")
    values = _list(record.get("metadata"), len(_METADATA_FIELDS))
    fields = dict(zip(_METADATA_FIELDS, values))
    for name in ("session", "year"):
        _int_or_none(fields[name])
    for name in ("title", "kind", "body", "place", "agenda_item", "agenda_title", "symbol", "language"):
        _str_or_none(fields[name])
    dates = fields["dates"]
    if dates is not None:
        fields["dates"] = tuple(_str(d) for d in _list(dates, 2))
    return Report(
        id=doc_id,
        source=source,
        metadata=Metadata(**fields),
        blocks=tuple(_block(b) for b in _list(record.get("blocks"))),
        sections=tuple(_section(s) for s in _list(record.get("sections"))),
        footnotes=tuple(Footnote(_str(f[0]), _str(f[1]), _strs(f[2])) for f in (_list(x, 3) for x in _list(record.get("footnotes")))),
        contents=_strs(record.get("contents")),
    )


def _block(item: Any) -> Block:
    id_, kind, text, section, label, footnotes, lines, pages, boxes = _list(item, 9)
    if kind not in _KINDS:
        raise ValueError(f"no block kind {kind!r}")
    return Block(
        id=_str(id_),
        kind=_KINDS[kind],
        text=_str(text),
        section=_str_or_none(section),
        label=_str_or_none(label),
        footnotes=_strs(footnotes),
        lines=_strs(lines),
        pages=tuple(_int(p) for p in _list(pages)),
        boxes=tuple(_box(b) for b in _list(boxes)),
    )


def _box(item: Any) -> tuple[int, float, float, float, float]:
    page, x0, top, x1, bottom = _list(item, 5)
    return (_int(page), _number(x0), _number(top), _number(x1), _number(bottom))


def _section(item: Any) -> Section:
    id_, level, label, title, heading, children = _list(item, 6)
    return Section(_str(id_), _int(level), _str(label), _str(title), _str(heading), tuple(_section(c) for c in _list(children)))


def _list(value: Any, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise ValueError("malformed report record")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("malformed report record")
    return value


def _str_or_none(value: Any) -> str | None:
    return None if value is None else _str(value)


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(_str(v) for v in _list(value))


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("malformed report record")
    return value


def _int_or_none(value: Any) -> int | None:
    return None if value is None else _int(value)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("malformed report record")
    return value

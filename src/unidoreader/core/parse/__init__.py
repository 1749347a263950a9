"""Raw report text -> Report.

Public entry points: `parse_text` (text already decoded; never raises) and `read_text`
(a file on disk, encoding detected; InputError naming the file otherwise).
`PARSER_VERSION` changes whenever the parser's output changes, so the library
refreshes what it cached. `parse_document` also returns the furniture lines removed
and each block's source lines, for the "nothing lost" accounting in tests and tools.

What the Report looks like (choices where the contract is silent):
- the cover block (body, session, dates, agenda item, titles, kind) is read into
  Metadata AND kept, as printed, as the first block (kind note, no label), so its text
  stays searchable; the summary under it is an unnumbered paragraph (section None);
- a "* 因技术原因…重发" note is a note block labelled "*" right after the cover; numbered
  notes are Footnotes, linked both ways (Footnote.blocks, Block.footnotes);
- a bare reference digit ("发起行动十年 1，") is taken out of the text; superscripts
  (¹²³) stay in it;
- headings: text = title, label = "一" / "A" / "1" (annual report chapters) / "第一章" /
  "附件一" / "" (unnumbered); numbered paragraphs label "12", items "a", "㈠", "一";
- tables and charts: one table block, text = its lines joined with "\n", lines = the raw
  lines including blank ones; a chart or box that cuts a paragraph comes after it.

Modules: decode (bytes -> text), furniture (page furniture), cover (cover block ->
Metadata), footnotes, toc (dotted contents), charts (flattened tables), reflow (line
joining), structure (roles and tokens), assemble (blocks, sections, the Report).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unidoreader.core.model import Block, BlockKind, Metadata, Report, block_id, document_id
from unidoreader.core.parse.decode import MAX_REPORT_BYTES, decode_bytes, read_text

if TYPE_CHECKING:
    from unidoreader.core.parse.structure import Parsed, parse_document

PARSER_VERSION = 9

__all__ = ["PARSER_VERSION", "MAX_REPORT_BYTES", "Parsed", "decode_bytes", "parse_document", "parse_text", "read_text"]


def _load_parser() -> None:
    """Load the parser proper (structure and the modules it uses: some eighty regular
    expressions compiled at import) on first use: opening a library and its reports,
    whose parses it keeps (core.report_json), never loads it."""
    from unidoreader.core.parse import structure

    globals().setdefault("Parsed", structure.Parsed)
    globals().setdefault("parse_document", structure.parse_document)


def __getattr__(name: str) -> Any:
    """`Parsed` and `parse_document`, loaded when first asked for (`_load_parser`)."""
    if name in ("Parsed", "parse_document"):
        _load_parser()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_text(text: str, source: str = "") -> Report:
    """Parse a report's text into a structured Report. Never raises: text the parser
    cannot structure still comes back, as plain paragraphs."""
    if "parse_document" not in globals():
        _load_parser()
    try:
        return parse_document(text, source).report
    except Exception:  # pragma: no cover - a bug must not lose the user's document
        return _fallback(text, source)


def _fallback(text: str, source: str) -> Report:
    """Every non-empty line a paragraph: what the reader shows if the parser has a bug."""
    seen: dict[str, int] = {}
    blocks = tuple(
        Block(id=block_id(BlockKind.PARAGRAPH, line.strip(), seen), kind=BlockKind.PARAGRAPH, text=line.strip())
        for line in text.splitlines()
        if line.strip()
    )
    from unidoreader.core.language import detect_language

    return Report(id=document_id(text), source=source, metadata=Metadata(language=detect_language(text)), blocks=blocks, sections=())

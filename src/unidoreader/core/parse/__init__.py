"""Raw report text -> Report.

Public entry points: `parse_text` (text already decoded; never raises) and `read_text`
(a file on disk, encoding detected; InputError naming the file otherwise).
`PARSER_VERSION` changes whenever the parser's output changes, so the library
refreshes what it cached. `parse_document` also returns the furniture lines removed,
for the "nothing lost" accounting in tests and tools.

Modules: decode (bytes -> text), furniture (page furniture), cover (cover block ->
Metadata), footnotes, toc (dotted contents), charts (flattened tables), reflow (line
joining), structure (the main pass that ties them together).
"""

from __future__ import annotations

from unidoreader.core.model import Block, BlockKind, Metadata, Report, block_id, document_id
from unidoreader.core.parse.decode import MAX_REPORT_BYTES, decode_bytes, read_text
from unidoreader.core.parse.structure import Parsed, parse_document

PARSER_VERSION = 3

__all__ = ["PARSER_VERSION", "MAX_REPORT_BYTES", "Parsed", "decode_bytes", "parse_document", "parse_text", "read_text"]


def parse_text(text: str, source: str = "") -> Report:
    """Parse a report's text into a structured Report. Never raises: text the parser
    cannot structure still comes back, as plain paragraphs."""
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
    return Report(id=document_id(text), source=source, metadata=Metadata(), blocks=blocks, sections=())

"""Raw report text -> Report.

Public entry points: `parse_text` (text already decoded) and `read_text` (a file on
disk, encoding detected). PLACEHOLDER: the real parser replaces this module's body.
"""

from __future__ import annotations

from pathlib import Path

from unidoreader.core.errors import InputError
from unidoreader.core.model import Block, BlockKind, Metadata, Report, block_id, document_id

PARSER_VERSION = 0


def read_text(path: Path) -> str:
    """Read and decode a report file; raise InputError naming the file otherwise."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: not a text file (binary content)")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None


def parse_text(text: str, source: str = "") -> Report:
    seen: dict[str, int] = {}
    blocks = tuple(
        Block(id=block_id(BlockKind.PARAGRAPH, line, seen), kind=BlockKind.PARAGRAPH, text=line.strip())
        for line in text.splitlines()
        if line.strip()
    )
    return Report(id=document_id(text), source=source, metadata=Metadata(), blocks=blocks, sections=())

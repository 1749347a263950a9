"""Published files (PDF, Word) -> the lines the parser reads, with the printed page of each.

API (Qt-free; what `core.library` and the CLI use, and what another language's parser
rules can use too)::

    from unidoreader.core import readers

    source = readers.read_source(Path("A_80_600.pdf"))   # InputError with one line if unreadable
    source.text          # the lines joined with "\\n": what parse.parse_document() reads
    source.lines         # tuple[SourceLine]: text, page (1-based, None for Word), box, size
    source.furniture     # the lines removed as page furniture (running header/footer, job number...)
    source.symbol        # the document symbol of the running header ("A/80/600", "IDB.52/8") or None
    source.pages         # number of printed pages (0 for Word files)
    source.kind          # "pdf" | "docx"
    source.digest        # content hash of the file: the document id
    source.page_sizes    # (width, height) in points per page; SourceLine.box is (x0, top, x1, bottom) on it
    source.tables        # Word tables: rows of cells (their rows are lines with role "table<n>")
    source.header        # Word: the first page's header lines
    report = readers.build_report(source, "A_80_600.pdf")   # parse + pages/boxes per block + symbol

    readers.read_source(path, progress=lambda done, total: ...)   # pages read; raise Cancelled to stop
    readers.pdf.render_page(data, index, dpi) -> (width, height, pixels, mode)   # mode "BGR"/"BGRA"/"BGRX"
    readers.printed_file(library, DOC) -> (pdf bytes, name)   # for `page DOC N`

    readers.parse_path(path)   # any supported file (.txt too) -> Report, as `show PATH` does

`read_source` dispatches on the file's content (and `.doc` on its suffix): `.pdf` through
`readers.pdf` (pypdfium2: per-character boxes, own column split and reading order,
furniture by position and repetition), `.docx` through `readers.docx` (python-docx plus
`readers.numbering` for Word's automatic numbering; footnotes from the footnotes part as
"¹ text" lines after the paragraph citing them, the reference left where it stands as a
superscript), `.doc` converted by LibreOffice (`readers.doc`) when `soffice` is installed.
Each reader returns a `SourceText`; `build_report` feeds its text through the same
parser as text files and maps each block's source lines back to pages and boxes.

Text is handed on as printed except for one mapping (`readers.cjk`): radicals and
compatibility ideographs become unified ideographs. Raised small digits in a PDF become
superscripts (¹²³, the parser's note references), and notes at a page foot (smaller type,
below the body in their column) come after a blank line as "¹ note text".

The library keeps the original (`documents/<id>.pdf|.docx`), the reader's output
(`documents/<id>.source.json`, re-read from the original when READER_VERSION changes)
and the extracted text (`documents/<id>.txt`); `library.stored_report` rebuilds a report
from those files alone (for worker processes).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from unidoreader.core.errors import InputError
from unidoreader.core.model import Block, Report

# Changes whenever a reader's output changes, so the library re-reads the originals it keeps.
READER_VERSION = 5
SUFFIXES = (".pdf", ".docx", ".doc")
MAX_FILE_BYTES = 200 * 1024 * 1024  # a 500-page report with pictures is well under this

class Cancelled(InputError):
    """The user stopped a long read (raised by a progress callback); nothing was imported."""


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the page's top-left
Progress = Callable[[int, int], None]  # (pages done, pages in all); raise to cancel


@dataclass(frozen=True)
class SourceLine:
    """One line as printed: `page` 1-based (None where the file has no pages), `box` on it."""

    text: str
    page: int | None = None
    box: Box | None = None
    size: float = 0.0  # font size in points (0 where unknown)
    bold: bool = False
    role: str = ""  # a reader's hint: "heading1".."heading9" from Word styles, "table" rows, "" otherwise


@dataclass(frozen=True)
class SourceText:
    """What a reader hands the parser."""

    kind: str
    digest: str
    lines: tuple[SourceLine, ...]
    furniture: tuple[SourceLine, ...] = ()
    symbol: str | None = None
    pages: int = 0
    page_sizes: tuple[tuple[float, float], ...] = ()  # width, height in points per page
    tables: tuple[tuple[tuple[str, ...], ...], ...] = field(default=())  # Word tables: rows of cells
    header: tuple[str, ...] = ()  # Word: the first page's header lines (the UN's cover has the date there)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def to_json(self) -> dict[str, Any]:
        def line(entry: SourceLine) -> list[Any]:
            return [entry.text, entry.page, list(entry.box) if entry.box else None, entry.size, entry.bold, entry.role]

        return {
            "reader_version": READER_VERSION, "kind": self.kind, "digest": self.digest, "symbol": self.symbol,
            "pages": self.pages, "page_sizes": [list(s) for s in self.page_sizes],
            "lines": [line(e) for e in self.lines], "furniture": [line(e) for e in self.furniture],
            "tables": [[list(row) for row in table] for table in self.tables],
            "header": list(self.header),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SourceText":
        def line(item: list[Any]) -> SourceLine:
            text, page, box, size, bold, role = item
            return SourceLine(text, page, tuple(box) if box else None, size, bold, role)  # type: ignore[arg-type]

        return cls(
            kind=data["kind"], digest=data["digest"], symbol=data["symbol"], pages=data["pages"],
            page_sizes=tuple(tuple(s) for s in data["page_sizes"]),  # type: ignore[misc]
            lines=tuple(line(x) for x in data["lines"]), furniture=tuple(line(x) for x in data["furniture"]),
            tables=tuple(tuple(tuple(row) for row in table) for table in data.get("tables", ())),
            header=tuple(data.get("header", ())),
        )


def file_digest(data: bytes) -> str:
    """The id of a document kept as its original file: a hash of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def sniff(data: bytes) -> str | None:
    """"pdf", "zip" (maybe .docx), "ole" (old .doc) or None, from the first bytes."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    return None


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or InputError with one line (a regular file only, and at most
    MAX_FILE_BYTES + 1 bytes read: core.safeio)."""
    from unidoreader.core.safeio import read_regular

    data = read_regular(Path(path), MAX_FILE_BYTES)
    if not data:
        raise InputError.of("empty", path=path)
    return data


def handles(path: Path, data: bytes | None = None) -> bool:
    """Whether a file goes through a reader (a PDF, Word file) rather than the text decoder."""
    if is_supported(path):
        return True
    if data is None:
        from unidoreader.core.safeio import read_head

        try:  # never open() a FIFO or a device: it may block or never end
            data = read_head(Path(path), 1024)
        except InputError:
            return False
    return sniff(data) in ("pdf", "zip", "ole")


def read_source(path: Path, data: bytes | None = None, progress: Progress | None = None) -> SourceText:
    """Read a PDF or Word file; InputError("<path>: <what is wrong>") if it cannot be read."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    kind = sniff(data)
    suffix = path.suffix.lower()
    if kind == "pdf":
        from unidoreader.core.readers import pdf

        return pdf.read_pdf(data, str(path), progress=progress)
    if kind == "zip":
        from unidoreader.core.readers import docx

        return docx.read_docx(data, str(path))
    if kind == "ole" or suffix == ".doc":
        from unidoreader.core.readers import doc

        return doc.read_doc(data, str(path))
    if suffix == ".pdf":
        raise InputError.of("not_pdf", path=path)
    if suffix == ".docx":
        raise InputError.of("not_docx", path=path)
    raise InputError.of("not_pdf_or_word", path=path)


def build_report(source: SourceText, name: str) -> Report:
    """Parse a reader's lines with the text parser; give each block its pages and boxes and
    the report the reader's symbol. The report's id is the file's hash."""
    from unidoreader.core import parse
    from unidoreader.core.readers import layout

    parsed = parse.parse_document(source.text, name, hints=source.lines, symbol=source.symbol, header=source.header)
    report, spans = layout.apply_roles(parsed, source)
    blocks: list[Block] = []
    lines = source.lines
    for block, (first, last) in zip(report.blocks, spans):
        span = lines[first : last + 1]
        pages = tuple(sorted({line.page for line in span if line.page is not None and line.text.strip()}))
        boxes = tuple((line.page, *line.box) for line in span if line.page is not None and line.box and line.text.strip())
        blocks.append(replace(block, pages=pages, boxes=boxes) if pages else block)  # type: ignore[arg-type]
    metadata = report.metadata
    if metadata.symbol is None and source.symbol:
        metadata = replace(metadata, symbol=source.symbol)
    running = _running_title(source)
    if running and metadata.kind is None and metadata.body is None:
        # the annual report names itself in its running footer ("74　工发组织2020年年度报告"),
        # as the parser reads it from the footer lines of a text file
        year = re.search(r"(19|20)\d{2}", running)
        metadata = replace(metadata, title=running, kind="年度报告", year=metadata.year or (int(year.group(0)) if year else None))
    return replace(report, id=source.digest, blocks=tuple(blocks), metadata=metadata)


def _running_title(source: SourceText) -> str | None:
    """The title a running footer prints on most pages ("工发组织2020年年度报告"), if any."""
    from collections import Counter

    from unidoreader.core.parse import furniture

    titles = Counter(t for t in (furniture.footer_title(" ".join(line.text.split()).replace(" ", "\u3000", 1)) for line in source.furniture) if t)
    if not titles:
        return None
    from unidoreader.core.parse.text import tidy_title

    title, count = titles.most_common(1)[0]
    return tidy_title(title) if count >= 2 or source.kind == "docx" else None


def parse_path(path: Path) -> Report:
    """Any file a user can import -> Report (text files through the text decoder)."""
    from unidoreader.core import parse

    path = Path(path)
    data = read_bytes(path)
    if handles(path, data):
        return build_report(read_source(path, data), path.name)
    return parse.parse_text(parse.decode_bytes(data, str(path)), path.name)


def dumps(source: SourceText) -> bytes:
    return json.dumps(source.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> SourceText | None:
    """A cached SourceText, or None when it is unreadable or from another reader version."""
    try:
        record = json.loads(data.decode("utf-8"))
        if record.get("reader_version") != READER_VERSION:
            return None
        return SourceText.from_json(record)
    except (ValueError, KeyError, TypeError):
        return None


def printed_file(library: Any, ref: str) -> tuple[bytes, str]:
    """The PDF bytes behind DOC (a library document kept as PDF, or a path to a PDF) and a
    name for messages; InputError when DOC has no printed pages."""
    from unidoreader.core.errors import UnknownDocumentError

    path = Path(ref)
    if path.is_file() and not _is_library_ref(library, ref):
        data = read_bytes(path)
        if sniff(data) != "pdf":
            raise InputError(f"{ref}: not a PDF: only PDF files have printed pages to show")
        return data, ref
    report = library.resolve(ref)
    original = library.original_path(report.id) if report.id in library else None
    if original is None or original.suffix != ".pdf":
        what = "a Word file" if original is not None else "a text file"
        raise UnknownDocumentError(f"{ref}: imported from {what}, which has no printed pages (import the PDF for pages)")
    return read_bytes(original), report.source


def _is_library_ref(library: Any, ref: str) -> bool:
    try:
        return ref in library
    except Exception:  # an odd library: treat the ref as a path
        return False

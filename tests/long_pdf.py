"""A 500-page CJK PDF made at test time (not committed: 9 MB), for the long-import tests.

The pages of the typeset annual report (tests/data/typeset/004.pdf, 59 pages, made by
make.py) are copied again and again with pypdfium2's page import until the document has
the pages asked for: real typeset CJK pages (embedded font, running header and footer), a
file a delegate could have, made in well under a second.
"""

from __future__ import annotations

import io
from pathlib import Path

from tests.conftest import DATA

SEED_PDF = DATA / "typeset" / "004.pdf"


def long_pdf(pages: int = 500, seed: Path = SEED_PDF) -> bytes:
    """The bytes of a PDF of `pages` pages: the seed's pages repeated in order."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(seed.read_bytes())
    target = pdfium.PdfDocument.new()
    try:
        while len(target) < pages:
            count = min(len(source), pages - len(target))
            target.import_pages(source, list(range(count)), index=len(target))
        out = io.BytesIO()
        target.save(out)
        return out.getvalue()
    finally:
        target.close()
        source.close()


def write_long_pdf(path: Path, pages: int = 500) -> Path:
    path.write_bytes(long_pdf(pages))
    return path

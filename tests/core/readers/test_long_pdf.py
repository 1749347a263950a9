"""A 500-page PDF: its import reports progress over every page, and a cancel mid-way
(the progress callback raising Cancelled, as the app's Cancel button does) imports
nothing: the catalog and the documents folder stay exactly as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.long_pdf import write_long_pdf
from unidoreader.core.library import Library
from unidoreader.core.readers import Cancelled

PAGES = 500
SEED_PAGES = 59  # tests/data/typeset/004.pdf, repeated to 500 pages


@pytest.fixture(scope="module")
def long_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_long_pdf(tmp_path_factory.mktemp("long") / "annual-report-500.pdf", PAGES)


def _state(root: Path) -> tuple[bytes, list[str]]:
    return (root / "catalog.json").read_bytes(), sorted(p.name for p in (root / "documents").iterdir())


def test_a_500_page_pdf_imports_with_progress_over_every_page(long_path: Path, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "library")
    seen: list[tuple[int, int]] = []
    (result,) = library.import_files([long_path], progress=lambda done, total: seen.append((done, total)))
    assert result.added
    read = seen[:PAGES]
    assert read == [(k, PAGES) for k in range(1, PAGES + 1)]  # one report per page, in order, of 500
    assert seen[PAGES:] == [(PAGES, PAGES)]  # the last chance to cancel, before anything is written
    report = Library.open(tmp_path / "library").report(result.entry.id)
    pages = [b.pages for b in report.blocks if b.pages]
    assert max(p[-1] for p in pages) >= PAGES - 1  # the text runs to the end of the file
    # a page of the ninth copy reads as the same page of the first: page numbers of blocks hold to the end
    late = 8 * SEED_PAGES + 8
    text = lambda page: "".join(b.text for b in report.blocks if b.pages and b.pages[0] == page)  # noqa: E731
    assert len(text(late)) > 200 and text(late) == text(8)


def test_cancelling_a_500_page_import_mid_way_leaves_the_library_unchanged(long_path: Path, tmp_path: Path) -> None:
    root = tmp_path / "library"
    library = Library.open(root)
    before = _state(root)
    entries = sorted(e.id for e in library.entries())
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == PAGES // 2:
            raise Cancelled("import cancelled")

    with pytest.raises(Cancelled):
        library.import_files([long_path], progress=progress)
    assert seen[-1] == PAGES // 2  # it stopped where it was cancelled, not at the end
    assert _state(root) == before
    assert sorted(e.id for e in library.entries()) == entries
    assert sorted(e.id for e in Library.open(root).entries()) == entries

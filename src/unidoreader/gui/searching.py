"""Adapter between the search panel and core.search (runs on the background lane).

core.search owns searching; this module only picks its entry points and, while the
search engine is not installed (early builds), falls back to a plain substring scan
so the panel still works. The fallback yields objects with the same fields as
core.search.Hit.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from unidoreader.core.library import Library
from unidoreader.core.model import Report


@dataclass(frozen=True)
class FallbackHit:
    doc: str
    block: str
    section: str | None
    section_path: tuple[str, ...]
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float
    block_offsets: tuple[tuple[int, int], ...] = field(default=())


def search_available() -> bool:
    """Whether the search engine is installed, without importing it (Whoosh is slow to
    import and this is asked on the GUI thread)."""
    return importlib.util.find_spec("unidoreader.core.search") is not None


def ensure_index(library: Library, progress: Callable[[int, int, str], None] | None = None) -> None:
    """Bring the index up to date (no-op without the search engine)."""
    try:
        from unidoreader.core import index
    except ImportError:
        return
    index.ensure_index(library, progress=progress)


def index_exists(library: Library) -> bool:
    """True when the library has a search index on disk (possibly not up to date)."""
    if not search_available():
        return True  # the fallback scan needs no index
    directory = library.index_dir
    return directory.is_dir() and any(directory.iterdir())


_searchers: dict[int, Any] = {}


def iter_hits(library: Library, query: str, filters: dict[str, Any], limit: int = 200) -> Iterator[Any]:
    """Hits best first. `filters` may hold doc, session, year."""
    kwargs = {k: v for k, v in filters.items() if v not in (None, "")}
    try:
        from unidoreader.core.search import Searcher
    except ImportError:
        yield from _fallback(library, query, kwargs, limit)
        return
    searcher = _searchers.get(id(library))
    if searcher is None:
        searcher = _searchers[id(library)] = Searcher(library)
    yield from searcher.iter_hits(query, limit=limit, **kwargs)


def _fallback(library: Library, query: str, filters: dict[str, Any], limit: int) -> Iterator[FallbackHit]:
    needle = "".join(query.split()).casefold()
    if not needle:
        return
    count = 0
    for entry in library.entries():
        meta = entry.metadata
        if filters.get("doc") and entry.id != filters["doc"]:
            continue
        if filters.get("session") and meta.session != filters["session"]:
            continue
        if filters.get("year") and meta.year != filters["year"]:
            continue
        report = library.report(entry.id)
        for block in report.blocks:
            where = block.text.casefold().find(needle)
            if where < 0:
                continue
            start = max(0, where - 30)
            snippet = block.text[start : where + len(needle) + 40]
            yield FallbackHit(
                doc=entry.id,
                block=block.id,
                section=block.section,
                section_path=_path(report, block.section),
                snippet=snippet,
                marks=((where - start, where - start + len(needle)),),
                score=1.0,
                block_offsets=((where, where + len(needle)),),
            )
            count += 1
            if count >= limit:
                return


def _path(report: Report, section_id: str | None) -> tuple[str, ...]:
    if not section_id:
        return ()
    path: list[str] = []
    for chapter in report.sections:
        for section in chapter.walk():
            if section.id == section_id:
                path.append(chapter.title)
                if section is not chapter:
                    path.append(section.title)
                return tuple(path)
    return ()

"""The search panel's entry points into core.search/core.index (run on the background lane).

The window imports this module at start, so core.index and core.search (and Whoosh,
slow to import) are imported inside the functions, on the lane, never on the way to
the first window. One Searcher per library is kept, as core.search recommends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterator

from unidoreader.core.library import Library

if TYPE_CHECKING:
    from unidoreader.core.search import Hit, Searcher

_searchers: dict[int, "Searcher"] = {}


def ensure_index(library: Library, progress: Callable[[int, int, str], None] | None = None) -> None:
    """Bring the index up to date (build it on first use, heal it if damaged)."""
    from unidoreader.core import index

    index.ensure_index(library, progress=progress)


def index_exists(library: Library) -> bool:
    """True when the library has a search index on disk (possibly not up to date)."""
    directory = library.index_dir
    return directory.is_dir() and any(directory.iterdir())


def iter_hits(library: Library, query: str, filters: dict[str, Any], limit: int = 200) -> Iterator["Hit"]:
    """Hits best first, streamed. `filters` may hold doc, session, year."""
    from unidoreader.core.search import Searcher

    kwargs = {k: v for k, v in filters.items() if v not in (None, "")}
    searcher = _searchers.get(id(library))
    if searcher is None:
        searcher = _searchers[id(library)] = Searcher(library)
    yield from searcher.iter_hits(query, limit=limit, **kwargs)

"""The search panel's entry points into core.search/core.index (run on the background lane).

The window imports this module at start, so core.index and core.search (and Whoosh,
slow to import) are imported inside the functions, on the lane, never on the way to
the first window. One Searcher per library is kept, as core.search recommends.

A search asked for at start (`gui --search Q`) is run by a helper process instead
(`HelperSearch`, the `search --batch --json` command): it is started before Qt, loads the
search engine on another core while the window is built, and keeps Whoosh's
pure-Python import and query off the GUI process's interpreter lock. It needs a free
second core to pay off (on a busy or single-core machine it adds its own start-up, ~60 ms
of CPU, to the wait). Later searches use the in-process Searcher.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple

if TYPE_CHECKING:
    from unidoreader.core.library import Library
    from unidoreader.core.search import Hit, Searcher, SearchResult

_searchers: dict[int, "Searcher"] = {}
# Hits on one page of the search panel (the next page is asked for; the ranking is kept).
PAGE_SIZE = 100
# The longest query a helper is started for: it is written to the helper's pipe at once,
# which must hold it without waiting for the helper to read (a pipe holds 64 KiB or more).
HELPER_QUERY_BYTES = 16 * 1024


def ensure_index(library: Library, progress: Callable[[int, int, str], None] | None = None) -> None:
    """Bring the index up to date (build it on first use, heal it if damaged)."""
    from unidoreader.core import index

    index.ensure_index(library, progress=progress)


def index_exists(library: Library) -> bool:
    """True when the library has a search index on disk (possibly not up to date)."""
    directory = library.index_dir
    return directory.is_dir() and any(directory.iterdir())


def _searcher(library: Library) -> "Searcher":
    from unidoreader.core.search import Searcher

    searcher = _searchers.get(id(library))
    if searcher is None:
        searcher = _searchers[id(library)] = Searcher(library)
    return searcher


def warm(library: Library) -> threading.Thread:
    """Open the library's gram index on a thread of its own, so that the first search of
    a big library does not wait for it (core.search.Searcher.warm). Not on the lane:
    opening a report meanwhile must not wait behind it."""
    def run() -> None:
        try:
            _searcher(library).warm()
        except Exception:  # noqa: BLE001 - only a head start: the first search reads what is missing
            pass

    thread = threading.Thread(target=run, name="unidoreader-warm-search", daemon=True)
    thread.start()
    return thread


def iter_hits(library: Library, query: str, filters: dict[str, Any], limit: int = 200) -> Iterator["Hit"]:
    """Hits best first, streamed. `filters` may hold doc, session, year, lang."""
    kwargs = {k: v for k, v in filters.items() if v not in (None, "")}
    yield from _searcher(library).iter_hits(query, limit=limit, **kwargs)


def page(library: Library, query: str, filters: dict[str, Any], offset: int, limit: int) -> tuple["SearchResult", Iterator["Hit"]]:
    """The counts of every hit, and one page of hits (best first) streamed: the ranking
    is kept, so the next page of the same query costs only its snippets."""
    kwargs = {k: v for k, v in filters.items() if v not in (None, "")}
    return _searcher(library).page(query, offset=offset, limit=limit, **kwargs)


class FoundHit(NamedTuple):
    """A hit as the helper process reports it: the attributes of core.search.Hit that
    the search panel and the reader use (core.search itself is not imported for it; a
    named tuple, not a dataclass: this module is imported before the helper starts, and
    dataclasses brings in inspect)."""

    doc: str
    block: str
    section: str | None
    section_path: tuple[str, ...]
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float
    block_offsets: tuple[tuple[int, int], ...] = ()
    language: str | None = None


def _unmark(marked: str, marks: list[tuple[int, int]]) -> str:
    """The plain snippet of a JSON hit: its «» markers dropped (mark i's « sits at
    start + 2i, its » at end + 2i + 1). ValueError if they are not where expected."""
    cuts: list[int] = []
    for i, (start, end) in enumerate(marks):
        left, right = start + 2 * i, end + 2 * i + 1
        if not (0 <= left < right < len(marked)) or marked[left] != "«" or marked[right] != "»":
            raise ValueError("snippet marks do not match")
        cuts += (left, right)
    pieces: list[str] = []
    pos = 0
    for cut in sorted(set(cuts)):  # the text between the markers, sliced (not one character at a time)
        pieces.append(marked[pos:cut])
        pos = cut + 1
    pieces.append(marked[pos:])
    return "".join(pieces)


def _found_hit(record: dict[str, Any]) -> FoundHit:
    marks = [(int(a), int(b)) for a, b in record["marks"]]
    return FoundHit(
        doc=record["doc"],
        block=record["block"],
        section=record.get("section"),
        section_path=tuple(record.get("section_path") or ()),
        snippet=_unmark(record["snippet"], marks),
        marks=tuple(marks),
        score=float(record.get("score") or 0.0),
        block_offsets=tuple((int(a), int(b)) for a, b in record.get("block_offsets") or ()),
        language=record.get("language"),
    )


def _usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the platform tells)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _command() -> list[str]:
    """How to run this program's command line: the frozen executable itself, or
    `python -m unidoreader`."""
    if getattr(sys, "frozen", False):
        # The Windows bundle's windowed unidoreader-gui.exe may have no usable stdout;
        # its console sibling answers the same commands.
        console = Path(sys.executable).with_name("unidoreader.exe")
        return [str(console)] if sys.platform == "win32" and console.exists() else [sys.executable]
    return [sys.executable, "-m", "unidoreader"]


class HelperSearch:
    """One search run by a separate `unidoreader search --batch - --json` process (the
    query written to its standard input).

    Only worth it while this process has not loaded the search engine yet (at start).
    `hits()` waits for the result; any failure raises, and the caller then searches
    in-process as usual (the helper is an accelerator, never the only way).
    """

    def __init__(self, root: Path, query: str, filters: dict[str, Any], limit: int = PAGE_SIZE) -> None:
        self.query = query
        self.total: int | None = None  # every hit's count, once `hits()` has answered
        self.per_document: dict[str, int] = {}
        self.filters = {k: v for k, v in filters.items() if v not in (None, "")}
        command = [*_command(), "search", "--library", str(root), "--batch", "-", "--json", "--limit", str(limit)]
        for key in ("doc", "session", "year", "lang"):
            if key in self.filters:
                command += [f"--{key}", str(self.filters[key])]
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # Windows: no console flash
            )
        except OSError:
            self._process = None
            return
        # The query goes through the pipe (no file to clean up), whole before the helper
        # reads it: it is less than a pipe holds (HELPER_QUERY_BYTES), so this never waits.
        pipe, self._process.stdin = self._process.stdin, None  # (communicate() then leaves it alone)
        try:
            assert pipe is not None
            pipe.write((query.replace("\n", " ") + "\n").encode("utf-8"))
            pipe.close()
        except OSError:  # the helper died at once: hits() reports it, the panel searches itself
            pass

    @classmethod
    def start_if_indexed(cls, root: Path, query: str, filters: dict[str, Any] | None = None) -> "HelperSearch | None":
        """Start the helper if the library at `root` has an index (else the first search
        builds it, in-process, with progress shown) and this machine has a second core
        for it (on one core it would only add its own start-up to the wait)."""
        if _usable_cores() < 2 or len(query.encode("utf-8")) >= HELPER_QUERY_BYTES:
            return None
        directory = root / "index"
        try:
            if not (directory.is_dir() and any(directory.iterdir())):
                return None
        except OSError:
            return None
        helper = cls(root, query, filters or {})
        return helper if helper._process is not None else None

    def answers(self, query: str, filters: dict[str, Any]) -> bool:
        """True if this helper runs exactly this search."""
        return self.query == query and self.filters == {k: v for k, v in filters.items() if v not in (None, "")}

    def finished(self) -> bool:
        """True when the helper has ended (its answer, or its error, is ready to read)."""
        return self._process is not None and self._process.poll() is not None

    def hits(self, timeout: float = 60.0) -> list[FoundHit]:
        """The hits, best first. Raises (OSError, ValueError, subprocess errors) on any failure."""
        if self._process is None:
            raise OSError("the search helper did not start")
        import json

        try:
            out, err = self._process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            raise
        if self._process.returncode != 0:
            raise OSError(err.decode("utf-8", "replace").strip() or f"search helper exit status {self._process.returncode}")
        lines = out.decode("utf-8").splitlines()
        if len(lines) != 1:
            raise ValueError("search helper: expected one result line")
        result = json.loads(lines[0])
        found = [_found_hit(record) for record in result["hits"]]
        self.total = int(result.get("total", len(found)))
        self.per_document = {str(k): int(v) for k, v in (result.get("per_document") or {}).items()}
        return found

    def cancel(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()

"""The user's library on disk: the documents, their metadata, their content hashes.

Layout of a library folder::

    catalog.json        the documents, in import order, with cached metadata
    documents/<id>.txt  each document's decoded text (UTF-8); <id> is its content hash
    index/              the search index (core.index)
    userdata.sqlite     bookmarks, notes, history (core.userdata)

Every write goes to a temporary file first and is renamed into place, so a crash
leaves either the old catalog or the new one, never half of one. A document's text
is written before the catalog names it; an orphan text file (crash in between) is
harmless and adopted again by the next import of the same text.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from filelock import FileLock, Timeout

from unidoreader import paths
from unidoreader.core import parse
from unidoreader.core.errors import LibraryError, UnknownDocumentError
from unidoreader.core.model import Metadata, Report, document_id

if TYPE_CHECKING:
    from unidoreader.core import readers

CATALOG_FORMAT = 1
LOCK_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Entry:
    """A document as the catalog knows it, without parsing it again."""

    id: str
    source: str
    added: float
    metadata: Metadata
    paragraphs: int
    footnotes: int
    parser_version: int
    original: str | None = None  # suffix of the file kept as imported ("pdf", "docx"), None for text

    def as_listing(self) -> dict[str, object]:
        """The `list --json` record of the command-line contract."""
        meta = asdict(self.metadata)
        if meta["dates"] is not None:
            meta["dates"] = list(meta["dates"])
        return {
            "id": self.id,
            **meta,
            "source": self.source,
            "paragraphs": self.paragraphs,
            "footnotes": self.footnotes,
        }


@dataclass(frozen=True)
class ImportResult:
    entry: Entry
    added: bool  # False when the same text was already in the library


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _entry_for(report: Report, added: float, original: str | None = None) -> Entry:
    return Entry(
        id=report.id,
        source=report.source,
        added=added,
        metadata=report.metadata,
        paragraphs=report.paragraph_count,
        footnotes=len(report.footnotes),
        parser_version=parse.PARSER_VERSION,
        original=original,
    )


def _entry_from_json(record: dict) -> Entry:
    meta = dict(record["metadata"])
    if meta.get("dates") is not None:
        meta["dates"] = tuple(meta["dates"])
    known = set(Metadata.__dataclass_fields__)
    return Entry(
        id=record["id"],
        source=record["source"],
        added=record["added"],
        metadata=Metadata(**{k: v for k, v in meta.items() if k in known}),
        paragraphs=record["paragraphs"],
        footnotes=record["footnotes"],
        parser_version=record["parser_version"],
        original=record.get("original"),
    )


class Library:
    """A library folder. Safe to share between threads; one writer at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.RLock()
        self._entries: dict[str, Entry] = {}
        self._user_symbols: tuple[tuple[int, int] | None, dict[str, str]] = (None, {})
        self._catalog_stamp: tuple[int, int] | None = None
        # one lock object per library: re-entrant in this process, exclusive across processes
        self._file_lock = FileLock(str(root / ".catalog.lock"), timeout=LOCK_TIMEOUT_S)

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | None = None, *, seed: bool = True) -> "Library":
        """Open (creating if needed) a library; a new one is seeded with the bundled reports."""
        library = cls(root if root is not None else paths.default_library_dir())
        try:
            library.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"{library.root}: cannot create the library folder: {error.strerror}") from None
        with library._changing():
            if library.catalog_path.exists():
                library._refresh_stale_metadata()
            elif seed:
                library.import_files(sorted(paths.seeds_dir().glob("*.txt")))
                _adopt_prebuilt_index(library)
        return library

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.json"

    @property
    def documents_dir(self) -> Path:
        return self.root / "documents"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def userdata_path(self) -> Path:
        return self.root / "userdata.sqlite"

    def text_path(self, doc_id: str) -> Path:
        return self.documents_dir / f"{doc_id}.txt"

    def original_path(self, doc_id: str) -> Path | None:
        """The file as imported (PDF, Word), kept for the page view and re-reading; None for text."""
        entry = self.entry(doc_id)
        return self.documents_dir / f"{doc_id}.{entry.original}" if entry.original else None

    def source_path(self, doc_id: str) -> Path:
        """The reader's output for a kept original (cached; re-read when the reader changes)."""
        return self.documents_dir / f"{doc_id}.source.json"

    def source(self, doc_id: str) -> "readers.SourceText | None":
        """What the reader made of a kept original (None for text documents)."""
        original = self.original_path(doc_id)
        if original is None:
            return None
        return _load_source(self.documents_dir, doc_id, original)

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Held while the catalog changes. A second copy of the app working on the same
        library waits here, then sees the first one's changes (the catalog is re-read
        inside the lock), so neither loses the other's imports."""
        with self._lock:
            try:
                with self._file_lock:
                    self._sync()
                    yield
            except Timeout:
                raise LibraryError(f"{self.root}: another unidoreader has been changing this library for "
                                   f"{LOCK_TIMEOUT_S:.0f} s; try again when it is done") from None

    def _sync(self) -> None:
        """Re-read the catalog if it changed on disk since we last read or wrote it."""
        try:
            stat = self.catalog_path.stat()
        except FileNotFoundError:
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._catalog_stamp:
            return
        try:
            data = json.loads(self.catalog_path.read_text(encoding="utf-8"))
            entries = [_entry_from_json(record) for record in data["documents"]]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise LibraryError(f"{self.catalog_path}: the library catalog is damaged ({error})") from None
        self._entries = {entry.id: entry for entry in entries}
        self._catalog_stamp = stamp

    def _refresh_stale_metadata(self) -> None:
        """The parser improved since these documents were read: refresh their cached metadata."""
        stale = [e for e in self._entries.values() if e.parser_version != parse.PARSER_VERSION]
        for entry in stale:
            self._entries[entry.id] = _entry_for(self.report(entry.id), entry.added, entry.original)
        if stale:
            self._save_catalog()

    def _save_catalog(self) -> None:
        payload = {"format": CATALOG_FORMAT, "documents": [asdict(entry) for entry in self._entries.values()]}
        atomic_write(self.catalog_path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
        stat = self.catalog_path.stat()
        self._catalog_stamp = (stat.st_mtime_ns, stat.st_size)

    # -- reading -----------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """The documents, including those another copy of the app added meanwhile."""
        with self._lock:
            self._sync()
            symbols = self.user_symbols()
            return [_with_symbol(entry, symbols) for entry in self._entries.values()]

    def entry(self, doc_id: str) -> Entry:
        with self._lock:
            try:
                return _with_symbol(self._entries[doc_id], self.user_symbols())
            except KeyError:
                raise UnknownDocumentError.of("no_document", doc=repr(doc_id)) from None

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._entries

    def text(self, doc_id: str) -> str:
        self.entry(doc_id)
        try:
            return self.text_path(doc_id).read_text(encoding="utf-8")
        except OSError as error:
            raise LibraryError(f"{self.text_path(doc_id)}: cannot read: {error.strerror}") from None

    def report(self, doc_id: str) -> Report:
        """The parsed report (memoised: parsing is pure, the text never changes for an id)."""
        entry = self.entry(doc_id)
        if entry.original:
            return _source_report(self.documents_dir, doc_id, entry.original, entry.source)
        return _parse_cached(self.text(doc_id), entry.source)

    def parsed(self, doc_id: str) -> Report | None:
        """The report if this process parsed it recently (an import just did), else None:
        lets the indexer hand worker processes block texts instead of a second parse."""
        entry = self.entry(doc_id)
        if entry.original:
            return _source_reports.get((doc_id, parse.PARSER_VERSION))
        return _parse_cached.peek(self.text(doc_id), entry.source)

    def resolve(self, ref: str) -> Report:
        """A document named by id, unique id prefix, or path to a file (parsed, not imported)."""
        with self._lock:
            if ref in self._entries:
                return self.report(ref)
            matches = [doc_id for doc_id in self._entries if doc_id.startswith(ref)] if len(ref) >= 4 else []
            by_source = [e.id for e in self._entries.values() if e.source == ref]
        if len(matches) == 1:
            return self.report(matches[0])
        if len(by_source) == 1:
            return self.report(by_source[0])
        path = Path(ref)
        if path.is_file():
            return read_report(path)
        if len(matches) > 1:
            raise UnknownDocumentError.of("ambiguous", ref=repr(ref), count=len(matches))
        raise UnknownDocumentError.of("unknown_ref", ref=repr(ref))

    # -- writing -----------------------------------------------------------------

    def import_files(self, files: Sequence[Path], *, workers: int | None = None,
                     progress: "readers.Progress | None" = None) -> list[ImportResult]:
        """Add files to the library. All are read first: if one fails, nothing is added.
        PDF and Word files are kept as imported (named by the hash of their bytes: the same
        file twice is one document) beside what the reader made of them; `progress` gets
        (pages read, pages) while a PDF is read and may raise to cancel.

        `workers`: processes to share the parsing with (None: one per spare core when
        there is much text, 0: parse in this process only)."""
        from unidoreader.core import readers

        texts: list[tuple[str, str]] = []
        sources: list[tuple[Path, bytes, "readers.SourceText"]] = []
        order: list[tuple[str, int]] = []
        for path in files:
            path = Path(path)
            if readers.handles(path):
                data = readers.read_bytes(path)
                sources.append((path, data, readers.read_source(path, data, progress=progress)))
                order.append(("source", len(sources) - 1))
            else:
                texts.append((parse.read_text(path), path.name))
                order.append(("text", len(texts) - 1))
        if not sources:
            return self.import_texts(texts, workers=workers)
        reports = [readers.build_report(source, path.name) for path, _data, source in sources]
        if progress is not None:  # the last chance to cancel: nothing is written yet
            pages = sum(source.pages for _path, _data, source in sources)
            progress(pages, pages)
        with self._changing():
            text_results = self.import_texts(texts, workers=workers) if texts else []
            source_results: list[ImportResult] = []
            changed = False
            for (path, data, source), report in zip(sources, reports):
                if report.id in self._entries:
                    source_results.append(ImportResult(self._entries[report.id], added=False))
                    continue
                suffix = source.kind
                atomic_write(self.documents_dir / f"{report.id}.{suffix}", data)
                atomic_write(self.source_path(report.id), readers.dumps(source))
                atomic_write(self.text_path(report.id), source.text.encode("utf-8"))
                _source_reports[(report.id, parse.PARSER_VERSION)] = report
                entry = _entry_for(report, time.time(), suffix)
                self._entries[report.id] = entry
                source_results.append(ImportResult(entry, added=True))
                changed = True
            if changed:
                self._save_catalog()
        return [text_results[i] if kind == "text" else source_results[i] for kind, i in order]

    def import_texts(self, texts: Iterable[tuple[str, str]], *, workers: int | None = None) -> list[ImportResult]:
        results: list[ImportResult] = []
        items = [(document_id(text), text, source) for text, source in texts]
        with self._changing():
            changed = False
            fresh: dict[str, tuple[str, str]] = {}  # the new documents, parsed before the loop below
            for doc_id, text, source in items:
                if doc_id not in self._entries:
                    fresh.setdefault(doc_id, (text, source))
            parsed = dict(zip(fresh, _parse_many(list(fresh.values()), workers)))
            for doc_id, text, source in items:
                if doc_id in self._entries:
                    results.append(ImportResult(_with_symbol(self._entries[doc_id], self.user_symbols()), added=False))
                    continue
                report = parsed[doc_id]
                atomic_write(self.text_path(doc_id), text.encode("utf-8"))
                entry = _entry_for(report, time.time())
                self._entries[doc_id] = entry
                results.append(ImportResult(entry, added=True))
                changed = True
            if changed or not self.catalog_path.exists():
                self._save_catalog()
        return results

    # -- document symbols the user set (issue 16) --------------------------------------------
    # Kept in symbols.json, apart from the catalog, so that they survive a re-import and a
    # re-parse; they take the place of the symbol the parser found (or did not find).

    @property
    def symbols_path(self) -> Path:
        return self.root / "symbols.json"

    def user_symbols(self) -> dict[str, str]:
        """Document id -> the symbol the user set for it."""
        with self._lock:
            try:
                stat = self.symbols_path.stat()
            except FileNotFoundError:
                return {}
            stamp = (stat.st_mtime_ns, stat.st_size)
            if stamp != self._user_symbols[0]:
                try:
                    data = json.loads(self.symbols_path.read_text(encoding="utf-8"))
                    symbols = {str(k): str(v) for k, v in data["symbols"].items()}
                except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                    raise LibraryError(f"{self.symbols_path}: the document symbols file is damaged ({error})") from None
                self._user_symbols = (stamp, symbols)
            return self._user_symbols[1]

    def set_symbol(self, doc_id: str, symbol: str | None) -> None:
        """Give a document its symbol (None or "": forget the one the user set)."""
        with self._changing():
            self.entry(doc_id)
            symbols = dict(self.user_symbols())
            if symbol and symbol.strip():
                symbols[doc_id] = " ".join(symbol.split())
            else:
                symbols.pop(doc_id, None)
            atomic_write(self.symbols_path, json.dumps({"symbols": symbols}, ensure_ascii=False, indent=1).encode("utf-8"))

    def remove(self, doc_id: str) -> None:
        with self._changing():
            self.entry(doc_id)
            original = self.original_path(doc_id)
            del self._entries[doc_id]
            self._save_catalog()
            self.text_path(doc_id).unlink(missing_ok=True)
            if original is not None:
                original.unlink(missing_ok=True)
                self.source_path(doc_id).unlink(missing_ok=True)


def _with_symbol(entry: Entry, symbols: dict[str, str]) -> Entry:
    """The entry with the symbol the user set for it, if any."""
    symbol = symbols.get(entry.id)
    if symbol is None or symbol == entry.metadata.symbol:
        return entry
    return replace(entry, metadata=replace(entry.metadata, symbol=symbol))


def _adopt_prebuilt_index(library: Library) -> None:
    """Give a freshly seeded library the bundle's prebuilt index of the seeds, if any.

    The offline bundle ships `seeds/index/`, built at build time by the same code from the
    same seeds (packaging/prebuild_index.py), so a new machine's first search needs no
    indexing. core.index checks the copy's signature and documents like any index: a
    mismatch costs a rebuild, never a wrong answer. A failed copy leaves no index at all.
    """
    prebuilt = paths.seeds_dir() / "index"
    if not prebuilt.is_dir() or library.index_dir.exists():
        return
    staging = library.root / ".index-seeding"
    try:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(prebuilt, staging)
        os.replace(staging, library.index_dir)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


class _ParseCache:
    """The most recently parsed reports by (text, source): parsing is pure, and indexing
    right after an import needs each report again (a parsed report is small)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._reports: OrderedDict[tuple[str, str], Report] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, text: str, source: str) -> Report:
        report = self.peek(text, source)
        if report is None:
            report = self.put(text, source, parse.parse_text(text, source))
        return report

    def put(self, text: str, source: str, report: Report) -> Report:
        """Remember a report parsed elsewhere (a worker process); returns it."""
        with self._lock:
            self._reports[(text, source)] = report
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)
        return report

    def peek(self, text: str, source: str) -> Report | None:
        """The report if it is cached; never parses."""
        with self._lock:
            report = self._reports.get((text, source))
            if report is not None:
                self._reports.move_to_end((text, source))
            return report

    def cache_clear(self) -> None:
        with self._lock:
            self._reports.clear()


_parse_cached = _ParseCache(256)


def _parse_many(items: list[tuple[str, str]], workers: int | None) -> list[Report]:
    """Parse (text, source) pairs, sharing the work with worker processes when there is
    much of it (a big import). Each report also lands in the parse cache, where the
    indexer that runs next finds it."""
    from unidoreader.core import parallel  # here: it loads multiprocessing, which opening a library (the app's start) does not need

    reports: list[Report | None] = [None] * len(items)
    if workers is None:
        workers = parallel.default_workers(sum(len(text) for text, _source in items))
    if workers and len(items) > 2 and not parallel.bootstrapping():

        def local(item: int) -> Report:
            return _parse_cached(*items[item])

        def remote(item: int) -> parallel.Task[Report]:
            return parse.parse_text, items[item], partial(_parse_cached.put, *items[item])

        try:
            for item, report in parallel.shared(len(items), workers, local, remote):
                reports[item] = report
        except parallel.UNAVAILABLE as error:  # no processes here: parse the rest inline
            logging.getLogger(__name__).warning("parallel parsing unavailable (%s); parsing in-process", error)
    return [report if report is not None else _parse_cached(*items[item]) for item, report in enumerate(reports)]


def read_report(path: Path) -> Report:
    """Parse a file without importing it (PDF and Word files through core.readers)."""
    from unidoreader.core import readers

    if readers.handles(path):
        return readers.parse_path(path)
    return _parse_cached(parse.read_text(path), path.name)


# Reports of kept originals by (id, parser version): the reader's output is cached on disk
# by file hash and reader version, the parse of it here.
_source_reports: dict[tuple[str, int], Report] = {}
_source_lock = threading.Lock()


def _load_source(documents: Path, doc_id: str, original: Path) -> "readers.SourceText":
    """The cached reader output, or the original read again (and cached) when it is missing
    or from another reader version."""
    from unidoreader.core import readers

    cache = documents / f"{doc_id}.source.json"
    try:
        source = readers.loads(cache.read_bytes())
    except OSError:
        source = None
    if source is None:
        if not original.exists():
            raise LibraryError(f"{original}: the kept original of document {doc_id} is missing")
        source = readers.read_source(original, readers.read_bytes(original))
        try:
            atomic_write(cache, readers.dumps(source))
        except OSError:  # a read-only library still reads
            pass
    return source


def _source_report(documents: Path, doc_id: str, suffix: str, name: str) -> Report:
    from unidoreader.core import readers

    key = (doc_id, parse.PARSER_VERSION)
    with _source_lock:
        report = _source_reports.get(key)
    if report is None:
        source = _load_source(documents, doc_id, documents / f"{doc_id}.{suffix}")
        report = replace(readers.build_report(source, name), id=doc_id)
        with _source_lock:
            if len(_source_reports) > 256:
                _source_reports.clear()
            _source_reports[key] = report
    return report


def stored_report(root: Path, doc_id: str, source: str) -> Report:
    """A library document's report from its folder alone (for worker processes)."""
    documents = Path(root) / "documents"
    for suffix in ("pdf", "docx"):
        if (documents / f"{doc_id}.{suffix}").exists():
            return _source_report(documents, doc_id, suffix, source)
    report = parse.parse_text((documents / f"{doc_id}.txt").read_text(encoding="utf-8"), source)
    return replace(report, id=doc_id) if report.id != doc_id else report

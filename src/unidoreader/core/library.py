"""The user's library on disk: the documents, their metadata, their content hashes.

Layout of a library folder::

    catalog.json        the documents, in import order, with cached metadata
    documents/<id>.txt  each document's decoded text (UTF-8); <id> is its content hash
    documents/<id>.report.json  its parse, kept for the next start (core.report_json;
                        derived data: missing, damaged or another parser's, it is parsed again)
    index/              the search index (core.index)
    userdata.sqlite     bookmarks, notes, history (core.userdata)

Every write goes to a temporary file first and is renamed into place, so a crash
leaves either the old catalog or the new one, never half of one. A document's text
is written before the catalog names it (an import's texts are made durable together,
in one sync, before its catalog is written: `make_durable`); an orphan text file (crash
in between) is harmless and adopted again by the next import of the same text.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from unidoreader import paths
from unidoreader.core import parse
from unidoreader.core.errors import InputError, LibraryError, UnknownDocumentError
from unidoreader.core.model import Metadata, Report, document_id
from unidoreader.core.safeio import read_regular, scrub

if TYPE_CHECKING:
    from filelock import FileLock

    from unidoreader.core import index, readers

CATALOG_FORMAT = 1
LOCK_TIMEOUT_S = 60.0
#: A document id as `document_id` makes it: anything else in a catalog is damage (an id
#: such as "../../outside" must never become a path).
DOCUMENT_ID = re.compile(r"[0-9a-f]{16}")
#: The most a stored document's text may take (its UTF-8 can outgrow the imported bytes).
MAX_STORED_BYTES = 4 * parse.MAX_REPORT_BYTES
REPAIR_HINT = "run `unidoreader repair` to rebuild it from documents/"


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


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a mix.
    `durable`: on disk (fsync) before it is renamed into place; a caller that writes many
    files passes False and makes them durable together (`make_durable`) before it writes
    what names them."""
    import tempfile  # here: reading a library (the app's start) writes nothing

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: Up to this many files, `make_durable` syncs each one (a whole file system's sync also
#: waits for what other programs wrote: worth it only for many files).
SYNC_EACH_MAX = 8


def make_durable(folder: Path, files: Sequence[Path]) -> None:
    """Put `files` (written and renamed into place without fsync, in `folder`) on disk.
    A few: an fsync each, and one of `folder` for the renames. Many: in one step, on
    Linux one syncfs of their file system (a few ms however many files, where an fsync
    per file cost ~4 ms each on a busy machine), elsewhere on POSIX one sync (both write
    the file system's metadata, the renames, too); on Windows an fsync (FlushFileBuffers)
    per file."""
    if not files:
        return
    if len(files) <= SYNC_EACH_MAX or not hasattr(os, "sync"):
        for path in files:
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
        if os.name == "posix":
            for parent in {path.parent for path in files}:
                fd = os.open(parent, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        return
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            fd = os.open(folder, os.O_RDONLY)
            try:
                if libc.syncfs(fd) == 0:
                    return
            finally:
                os.close(fd)
        except (OSError, AttributeError):  # no syncfs here: the fallbacks below
            pass
    os.sync()


def _entry_for(report: "Report | index.Prepared", added: float, original: str | None = None) -> Entry:
    return Entry(
        id=report.id,
        source=report.source,
        added=added,
        metadata=report.metadata,
        paragraphs=report.paragraph_count,
        footnotes=report.footnote_count if not isinstance(report, Report) else len(report.footnotes),
        parser_version=parse.PARSER_VERSION,
        original=original,
    )


def _entry_from_json(record: dict) -> Entry:
    if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not DOCUMENT_ID.fullmatch(record["id"]):
        raise ValueError(f"not a document record: {str(record)[:60]}")
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
        #: What was set aside or could not be done, for the user (the CLI prints these on stderr).
        self.warnings: list[str] = []
        self._read_empty = False  # the catalog last read from disk listed no document
        self._catalog_lock: FileLock | None = None

    @property
    def _file_lock(self) -> "FileLock":
        """One lock object per library: re-entrant in this process, exclusive across
        processes. Made when first written to (filelock is not loaded to read a library)."""
        with self._lock:
            if self._catalog_lock is None:
                from filelock import FileLock

                self._catalog_lock = FileLock(str(self.root / ".catalog.lock"), timeout=LOCK_TIMEOUT_S)
            return self._catalog_lock

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | None = None, *, seed: bool = True) -> "Library":
        """Open (creating if needed) a library; a new one is seeded with the bundled reports.

        Opening reads the catalog without taking the library's write lock (the catalog is
        always replaced whole), so reading works on a read-only library and while
        another copy of the app imports."""
        library = cls(root if root is not None else paths.default_library_dir())
        try:
            library.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"{library.root}: cannot create the library folder: {error.strerror}") from None
        if not library.root.is_dir():
            raise LibraryError(f"{library.root}: is not a folder")
        if library.catalog_path.exists() or not seed:
            with library._lock:
                library._sync()
            library._refresh_stale_metadata()
        else:
            library.import_files(sorted(paths.seeds_dir().glob("*.txt")), prepare_index=False)  # the bundle's prebuilt index is adopted
            with library._changing():
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
        from filelock import Timeout

        with self._lock:
            try:
                with self._file_lock:
                    self._sync()
                    yield
            except Timeout:
                raise LibraryError(f"{self.root}: another unidoreader has been changing this library for "
                                   f"{LOCK_TIMEOUT_S:.0f} s; try again when it is done") from None
            except OSError as error:  # read-only folder, full disk...
                raise _write_error(self.root, error) from None

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
            entries = _read_catalog(self.catalog_path)
        except (OSError, ValueError, KeyError, TypeError, InputError) as error:
            raise LibraryError(f"{self.catalog_path}: the library catalog is damaged ({_short(error)}); {REPAIR_HINT}") from None
        self._entries = {entry.id: entry for entry in entries}
        self._catalog_stamp = stamp
        self._read_empty = not entries

    def _refresh_stale_metadata(self) -> None:
        """The parser improved since these documents were read: refresh their cached
        metadata (parsed outside the write lock; kept in memory only on a read-only library)."""
        stale = [e for e in self.entries() if e.parser_version != parse.PARSER_VERSION]
        if not stale:
            return
        fresh = {entry.id: _entry_for(self.report(entry.id), entry.added, entry.original) for entry in stale}
        try:
            with self._changing():
                for doc_id, entry in fresh.items():
                    if doc_id in self._entries and self._entries[doc_id].parser_version != parse.PARSER_VERSION:
                        self._entries[doc_id] = replace(entry, source=self._entries[doc_id].source)
                self._save_catalog()
        except LibraryError:  # cannot write here (read-only): use the fresh metadata all the same
            with self._lock:
                self._entries.update({k: v for k, v in fresh.items() if k in self._entries})

    def _save_catalog(self) -> None:
        """Write the catalog (inside `_changing`). A catalog that lists no documents while
        documents/ holds some is not written over them: it was read as empty by damage."""
        if self._read_empty and self.catalog_path.exists():
            lost = set(self._stored_ids()) - self._entries.keys()
            if lost:
                raise LibraryError(f"{self.catalog_path}: the catalog lists no documents but {self.documents_dir} "
                                   f"holds {len(lost)}; {REPAIR_HINT}")
        payload = {"format": CATALOG_FORMAT, "documents": [asdict(entry) for entry in self._entries.values()]}
        atomic_write(self.catalog_path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
        stat = self.catalog_path.stat()
        self._catalog_stamp = (stat.st_mtime_ns, stat.st_size)
        self._read_empty = not self._entries

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
        return read_stored_text(self.text_path(doc_id))

    def _stored_ids(self) -> list[str]:
        """The ids of the texts in documents/ (by file name)."""
        try:
            names = [p.name for p in self.documents_dir.iterdir()]
        except OSError:
            return []
        return sorted(n[:-4] for n in names if n.endswith(".txt") and DOCUMENT_ID.fullmatch(n[:-4]))

    def report(self, doc_id: str) -> Report:
        """The parsed report (memoised: parsing is pure, the text never changes for an id).
        A text document's parse is kept beside it (`parse_path`) and read back from there
        by the next process that opens it: no parse, and no parser loaded."""
        entry = self.entry(doc_id)
        if entry.original:
            return _source_report(self.documents_dir, doc_id, entry.original, entry.source)
        text = self.text(doc_id)
        report = _parse_cached.peek(text, entry.source)
        if report is None:
            report = _kept_parse(self.parse_path(doc_id), doc_id, entry.source)
            if report is not None:
                _parse_cached.put(text, entry.source, report)
        if report is None:
            report = _parse_cached(text, entry.source)
            _keep_parse(self.parse_path(doc_id), report)
        return report

    def parse_path(self, doc_id: str) -> Path:
        """The kept parse of a text document (derived data: core.report_json)."""
        return self.documents_dir / f"{doc_id}.report.json"

    def parsed(self, doc_id: str) -> Report | None:
        """The report if this process parsed it recently (an import just did), else None:
        lets the indexer hand worker processes block texts instead of a second parse."""
        entry = self.entry(doc_id)
        if entry.original:
            return _source_reports.get((doc_id, parse.PARSER_VERSION))
        return _parse_cached.peek(self.text(doc_id), entry.source)

    def find(self, ref: str) -> str | None:
        """The id of the library document named by `ref` (id, unique id prefix of four
        characters or more, or the file name it was imported from), else None;
        UnknownDocumentError if `ref` is an ambiguous prefix."""
        name = scrub(ref)
        with self._lock:
            if ref in self._entries:
                return ref
            matches = [doc_id for doc_id in self._entries if doc_id.startswith(ref)] if len(ref) >= 4 else []
            by_source = [e.id for e in self._entries.values() if e.source == name]
        if len(matches) == 1:
            return matches[0]
        if len(by_source) == 1:
            return by_source[0]
        if len(matches) > 1:
            raise UnknownDocumentError.of("ambiguous", ref=repr(ref), count=len(matches))
        return None

    def resolve(self, ref: str) -> Report:
        """A document named by id, unique id prefix, or path to a file (parsed, not imported)."""
        try:
            doc_id = self.find(ref)
        except UnknownDocumentError:
            if not Path(ref).is_file():
                raise
            doc_id = None
        if doc_id is not None:
            return self.report(doc_id)
        path = Path(ref)
        if path.is_file():
            return read_report(path)
        if os.path.lexists(path):
            read_report(path)  # says what it is (a FIFO, a device...)
        raise UnknownDocumentError.of("unknown_ref", ref=repr(ref))

    # -- writing -----------------------------------------------------------------

    def import_files(self, files: Sequence[Path], *, workers: int | None = None,
                     progress: "readers.Progress | None" = None, prepare_index: bool = True) -> list[ImportResult]:
        """Add files to the library. All are read first: if one fails, nothing is added.
        PDF and Word files are kept as imported (named by the hash of their bytes: the same
        file twice is one document) beside what the reader made of them; `progress` gets
        (pages read, pages) while a PDF is read and may raise to cancel.

        `workers`: processes to share the parsing with (None: one per spare core when
        there is much text, 0: parse in this process only). `prepare_index`: a text is
        parsed and analysed for the search index in one pass (`core.index.prepare_document`),
        so that indexing it next neither parses nor segments it again."""
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
                texts.append((parse.read_text(path), scrub(path.name)))
                order.append(("text", len(texts) - 1))
        # Outside the write lock: the reports are built and their files written (named by
        # content, so a file written for nothing is harmless); inside it, the catalog only.
        reports = [readers.build_report(source, scrub(path.name)) for path, _data, source in sources]
        if progress is not None and sources:  # the last chance to cancel: nothing is written yet
            pages = sum(source.pages for _path, _data, source in sources)
            progress(pages, pages)
        kept: list[tuple[Report, str]] = []
        created: list[Path] = []
        written: list[Path] = []
        known = {entry.id for entry in self.entries()}
        try:
            for (path, data, source), report in zip(sources, reports):
                if report.id not in known:
                    self._stage(self.documents_dir / f"{report.id}.{source.kind}", data, created, written)
                    self._stage(self.source_path(report.id), readers.dumps(source), created, written)
                    self._stage(self.text_path(report.id), source.text.encode("utf-8"), created, written)
                _source_reports[(report.id, parse.PARSER_VERSION)] = report
                kept.append((report, source.kind))
        except OSError as error:
            self._discard(created)
            raise _write_error(self.root, error) from None
        text_results, source_results = self._import(texts, kept, workers, created, written, prepare_index)
        return [text_results[i] if kind == "text" else source_results[i] for kind, i in order]

    def _stage(self, path: Path, data: bytes, created: list[Path], written: list[Path]) -> None:
        """Write a document's file ahead of its catalog entry, noting it if it is new. Not
        synced here: `_import` makes all the files of an import durable at once, before the
        catalog that names them is written."""
        existed = path.exists()
        atomic_write(path, data, durable=False)
        written.append(path)
        if not existed:
            created.append(path)

    def _discard(self, created: list[Path]) -> None:
        """A failed import leaves the library as it was: remove the files it created for
        documents the catalog does not name (an orphan would come back with `repair`)."""
        with self._lock:
            named = set(self._entries)
        for path in created:
            if path.name.split(".")[0] not in named:
                with contextlib.suppress(OSError):
                    path.unlink()

    def _add_sources(self, kept: list[tuple[Report, str]]) -> list[ImportResult]:
        """The catalog part of importing PDF and Word files (inside `_changing`)."""
        results: list[ImportResult] = []
        for report, suffix in kept:
            if report.id in self._entries:
                results.append(ImportResult(_with_symbol(self._entries[report.id], self.user_symbols()), added=False))
                continue
            entry = _entry_for(report, time.time(), suffix)
            self._entries[report.id] = entry
            results.append(ImportResult(entry, added=True))
        return results

    def import_texts(self, texts: Iterable[tuple[str, str]], *, workers: int | None = None) -> list[ImportResult]:
        """Add decoded texts. They are parsed and their text files written before the
        write lock is taken (parsing is the slow part; text files are named by their
        content, so writing one is harmless), and a document enters the catalog only
        once it is parsed."""
        return self._import(list(texts), [], workers, [], [], True)[0]

    def _import(self, texts: list[tuple[str, str]], kept: list[tuple[Report, str]], workers: int | None,
                created: list[Path], written: list[Path], prepare_index: bool) -> tuple[list[ImportResult], list[ImportResult]]:
        """Texts (parsed here, outside the lock) and built reports of kept originals, added
        to the catalog in one change: all of them or, on an error, none.

        Crash safety with one sync per import: every file of the import (texts, kept
        originals) is written under a temporary name and renamed into place without an
        fsync, then all are made durable at once (`make_durable`), and only then is the
        catalog, the one file that names documents, replaced (atomically, itself synced).
        A crash before that leaves the old catalog and at most unnamed files (orphans the
        next import of the same text adopts, `repair` too); a catalog on disk never names a
        text that is not. The index's files (blocks, incoming/) are derived and not synced:
        damage there is found and rebuilt from the library."""
        from unidoreader.core import index  # here: core.index imports this module

        items = [(document_id(text), text, scrub(source)) for text, source in texts]
        parsed: dict[str, "Report | index.Prepared"] = {}
        for _attempt in range(5):
            known = {entry.id for entry in self.entries()}
            fresh: dict[str, tuple[str, str]] = {}
            for doc_id, text, source in items:
                if doc_id not in known and doc_id not in parsed:
                    fresh.setdefault(doc_id, (text, source))
            if prepare_index:
                for doc_id in fresh:  # what the workers file in index/incoming/, gone with a failed import
                    created.extend(index.incoming_paths(self.root, doc_id))
                parsed.update(zip(fresh, _prepare_many(self.root, [(d, t, s) for d, (t, s) in fresh.items()], workers)))
            else:
                parsed.update(zip(fresh, _parse_many(list(fresh.values()), workers)))
            try:
                try:
                    for doc_id, (text, _source) in fresh.items():
                        self._stage(self.text_path(doc_id), text.encode("utf-8"), created, written)
                    make_durable(self.documents_dir, written)
                except OSError as error:
                    raise _write_error(self.root, error) from None
                with self._changing():
                    if any(doc_id not in self._entries and doc_id not in parsed for doc_id, _t, _s in items):
                        continue  # removed by another copy of the app meanwhile: parse it, outside the lock
                    saved = dict(self._entries)
                    try:
                        text_results = self._add(items, parsed)
                        source_results = self._add_sources(kept)
                        if len(self._entries) != len(saved) or not self.catalog_path.exists():
                            self._save_catalog()
                    except BaseException:
                        self._entries = saved  # the catalog on disk is unchanged: so is this copy of it
                        raise
                    return text_results, source_results
            except BaseException:
                self._discard(created)
                raise
        raise LibraryError(f"{self.root}: the library keeps changing under this import; try again")

    def _add(self, items: list[tuple[str, str, str]], parsed: "dict[str, Report | index.Prepared]") -> list[ImportResult]:
        """The catalog part of importing texts (inside `_changing`; the caller saves)."""
        results: list[ImportResult] = []
        for doc_id, text, _source in items:
            if doc_id in self._entries:
                results.append(ImportResult(_with_symbol(self._entries[doc_id], self.user_symbols()), added=False))
                continue
            if not self.text_path(doc_id).is_file():  # another copy removed the same text meanwhile
                atomic_write(self.text_path(doc_id), text.encode("utf-8"))
            entry = _entry_for(parsed[doc_id], time.time())
            self._entries[doc_id] = entry
            results.append(ImportResult(entry, added=True))
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
                    data = json.loads(read_regular(self.symbols_path, MAX_STORED_BYTES).decode("utf-8"))
                    symbols = {str(k): str(v) for k, v in data["symbols"].items()}
                except (OSError, ValueError, KeyError, TypeError, AttributeError, InputError) as error:
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
            self.parse_path(doc_id).unlink(missing_ok=True)
            if original is not None:
                original.unlink(missing_ok=True)
                self.source_path(doc_id).unlink(missing_ok=True)

    def repair(self) -> "RepairReport":
        """Rebuild the catalog from documents/, which holds every document's text.

        Kept from the old catalog (if it can be read): each document's source name and
        date. A text whose content does not hash to its name is set aside as damaged; a
        damaged catalog is kept as catalog.json.damaged-<time>. Parsing happens outside
        the write lock."""
        report = RepairReport()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        texts: dict[str, str] = {}
        for doc_id in self._stored_ids():
            path = self.text_path(doc_id)
            try:
                text = read_stored_text(path)
            except LibraryError:
                text = None
            if text is None or document_id(text) != doc_id:
                aside = path.with_name(f"{path.name}.damaged-{stamp}")
                try:
                    os.replace(path, aside)
                except OSError as error:
                    raise _write_error(self.root, error) from None
                report.set_aside.append(str(aside))
                continue
            texts[doc_id] = text
        with self._lock:
            try:
                self._catalog_stamp = None
                self._sync()
                old = dict(self._entries)
            except LibraryError:
                old = {}
        items = [(text, old[doc_id].source if doc_id in old else f"{doc_id}.txt") for doc_id, text in texts.items()]
        reports = dict(zip(texts, _parse_many(items, None)))
        from filelock import Timeout

        with self._lock:
            try:
                with self._file_lock:
                    try:
                        self._catalog_stamp = None
                        self._sync()
                        current = dict(self._entries)
                    except LibraryError:
                        current = {}
                        if self.catalog_path.exists():
                            aside = self.catalog_path.with_name(f"catalog.json.damaged-{stamp}")
                            os.replace(self.catalog_path, aside)
                            report.set_aside.append(str(aside))
                    known = {**old, **current}
                    entries: dict[str, Entry] = {}
                    for doc_id in sorted(texts, key=lambda d: (known[d].added if d in known else float("inf"), d)):
                        previous = known.get(doc_id)
                        added = previous.added if previous else _mtime(self.text_path(doc_id))
                        entry = _entry_for(reports[doc_id], added)
                        if previous is not None:
                            entry = replace(entry, source=previous.source)
                        else:
                            report.adopted.append(doc_id)
                        entries[doc_id] = entry
                    report.dropped = sorted(set(known) - set(entries))
                    report.kept = len(entries) - len(report.adopted)
                    self._entries = entries
                    self._save_catalog()
            except Timeout:
                raise LibraryError(f"{self.root}: another unidoreader is changing this library; try again when it is done") from None
            except OSError as error:
                raise _write_error(self.root, error) from None
        self.warnings.extend(f"set aside: {path}" for path in report.set_aside)
        return report


@dataclass
class RepairReport:
    """What `Library.repair` did."""

    kept: int = 0
    adopted: list[str] = field(default_factory=list)  # texts the catalog had lost
    dropped: list[str] = field(default_factory=list)  # catalog entries without a text
    set_aside: list[str] = field(default_factory=list)  # damaged files, renamed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def _short(error: BaseException) -> str:
    text = str(error)
    return text if len(text) <= 120 else text[:117] + "..."


def _write_error(root: Path, error: OSError) -> LibraryError:
    """An OSError while changing the library, as one line (full disk, read-only folder)."""
    where = f" ({error.filename})" if getattr(error, "filename", None) else ""
    return LibraryError(f"{root}: cannot change the library: {error.strerror or error}{where}")


def _read_catalog(path: Path) -> list[Entry]:
    data = json.loads(read_regular(path, MAX_STORED_BYTES).decode("utf-8"))
    if not isinstance(data, dict) or data.get("format") != CATALOG_FORMAT or not isinstance(data.get("documents"), list):
        raise ValueError("not a catalog of this version")
    return [_entry_from_json(record) for record in data["documents"]]


def read_stored_text(path: Path) -> str:
    """A document's text as the library stores it (UTF-8); LibraryError if it is damaged."""
    try:
        data = read_regular(path, MAX_STORED_BYTES)
        return data.decode("utf-8")
    except InputError as error:
        raise LibraryError(f"{error}; {REPAIR_HINT}") from None
    except UnicodeDecodeError as error:
        raise LibraryError(f"{path}: the document's text is damaged (not UTF-8 at byte {error.start}); {REPAIR_HINT}") from None


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
    import shutil

    prebuilt = paths.seeds_dir() / "index"
    if not prebuilt.is_dir() or library.index_dir.exists():
        return
    staging = library.root / f".index-seeding-{os.getpid()}"
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
            _log_no_workers(error)
    return [report if report is not None else _parse_cached(*items[item]) for item, report in enumerate(reports)]


def _prepare_many(root: Path, items: list[tuple[str, str, str]], workers: int | None) -> "list[index.Prepared]":
    """Parse and analyse (doc id, text, source) for the index in one pass per document
    (`core.index.prepare_document`), shared with worker processes when there is much of
    it: the worker that parses a document also segments it and files what the index needs."""
    from unidoreader.core import index, parallel

    sign = index.signature()
    results: "list[index.Prepared | None]" = [None] * len(items)

    def local(item: int) -> "index.Prepared":
        return index.prepare_document(str(root), sign, *items[item])

    if workers is None:
        workers = parallel.default_workers(sum(len(text) for _doc, text, _source in items))
    if workers and len(items) > 2 and not parallel.bootstrapping():

        def remote(item: int) -> "parallel.Task[index.Prepared]":
            return index.prepare_document, (str(root), sign, *items[item]), _same

        try:
            for item, prepared in parallel.shared(len(items), workers, local, remote, lambda item: len(items[item][1])):
                results[item] = prepared
        except parallel.UNAVAILABLE as error:  # no processes here: the rest in-process
            _log_no_workers(error)
    return [prepared if prepared is not None else local(item) for item, prepared in enumerate(results)]


def _log_no_workers(error: BaseException) -> None:
    import logging  # here: only a big import needs it

    logging.getLogger(__name__).warning("parallel parsing unavailable (%s); parsing in-process", error)


def _same(value: object) -> object:
    return value


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
        source = readers.loads(read_regular(cache, MAX_STORED_BYTES * 4))
    except (OSError, InputError):
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


def _kept_parse(path: Path, doc_id: str, source: str) -> Report | None:
    """The parse kept in `path` if it is this parser's parse of this document, else None."""
    from unidoreader.core import report_json

    try:
        return report_json.report_from_record(json.loads(read_regular(path, MAX_STORED_BYTES * 4)), parse.PARSER_VERSION, doc_id, source)
    except (OSError, InputError, ValueError, RecursionError):  # none yet, another parser's, damaged: parse again
        return None


def _keep_parse(path: Path, report: Report) -> None:
    """Keep a parse for the next process (not durable: a lost one is parsed again)."""
    from unidoreader.core import report_json

    try:
        record = report_json.report_record(report, parse.PARSER_VERSION)
        atomic_write(path, json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), durable=False)
    except OSError:  # a read-only library still reads
        pass


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
    report = parse.parse_text(read_stored_text(documents / f"{doc_id}.txt"), source)
    return replace(report, id=doc_id) if report.id != doc_id else report

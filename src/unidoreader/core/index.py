"""The search index: a Whoosh index of the library, kept up to date incrementally.

Layout of `library.index_dir`::

    FORMAT            the index signature (format version, parser version, user dictionary);
                      a different signature means: rebuild from the library
    blocks/<doc>.bin  per document, its blocks (id, kind, section, text, word boundaries)
                      that search cuts snippets from
    blocks/<doc>.srch per document, its search form (core.scan): the normal form of its
                      blocks and their word boundaries, which search verifies candidates
                      against (compact: a whole archive's stays in memory)
    *.toc, *.seg ...  the Whoosh index: one entry per document

The unit indexed is the whole document. Whoosh's pure-Python writer pays per posting
(measured here: ~7 us each, more than jieba spends per character), and a posting is a
distinct term of an entry, so the fewer and larger the entries, the fewer the postings;
section-sized entries cost 1.6x the postings of whole documents on the seeds. Whoosh
selects candidate documents (and filters by session and year); core.search then finds
the matching blocks in the candidates' stored blocks.

A document id is the content hash of its text, so "incremental by content hash" is the
set difference between the library and the index: new ids are segmented and added,
vanished ids deleted, unchanged ones left alone. This is the only module that writes
Whoosh indexes. The Whoosh writer always runs in this process (its multi-process writer
fails on Windows); only jieba segmentation may run in worker processes.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import operator
import os
import shutil
import threading
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from unidoreader.core import analysis, parallel, parse, references, scan
from unidoreader.core.errors import InputError, LibraryError
from unidoreader.core.library import Library, atomic_write
from unidoreader.core.model import Report
from unidoreader.core.safeio import read_regular

#: Bump when the schema, the analysis or the payload layout changes: forces a rebuild.
INDEX_FORMAT = 4
#: How long to wait for another process's index writer to finish.
WRITER_WAIT_S = 60.0

Progress = Callable[[int, int, str], None]


class DamagedIndexError(Exception):
    """Something the index should hold is missing or unreadable: rebuild from the library."""

_locks_guard = threading.Lock()
_locks: dict[str, threading.RLock] = {}

#: Counts documents segmented in this process (tests check that unchanged ones are not).
segment_calls = 0


def _dir_lock(path: Path) -> threading.RLock:
    """One lock per index folder within this process: one writer at a time."""
    key = str(path.resolve())
    with _locks_guard:
        return _locks.setdefault(key, threading.RLock())


def schema() -> Any:
    from whoosh import fields

    return fields.Schema(
        doc=fields.ID(stored=True, unique=True),
        session=fields.ID(),
        year=fields.ID(),
        kinds=fields.KEYWORD(),  # the block kinds a document has: "table", "heading"...
        lang=fields.ID(),  # the document's language ("zh", "en"): the lang: filter
        forms=fields.KEYWORD(),  # "stem:form" of its English words: stemmed search (analysis.english_forms)
        words=fields.TEXT(analyzer=analysis.JiebaTokenizer(), phrase=False),
        grams=fields.FieldType(
            format=_existence(),
            analyzer=analysis.GramTokenizer(),
            scorable=True,  # also spares Whoosh a file-exists check per posting for the lengths column
            stored=False,
        ),
    )


def _existence() -> Any:
    from whoosh import formats

    return formats.Existence()


def signature() -> str:
    """What the index on disk must have been built with to be reused."""
    userdict = analysis.user_dictionary_path()
    digest = hashlib.sha1(userdict.read_bytes() if userdict.is_file() else b"").hexdigest()[:12]
    return f"format={INDEX_FORMAT};parser={parse.PARSER_VERSION};userdict={digest}"


# -- what goes into the index for one document ----------------------------------------


@dataclass
class AnalysedDocument:
    """A document segmented and ready for the writer (picklable, crosses processes)."""

    doc: str
    payload: bytes  # written to blocks/<doc>.bin (marshalled where it is made: cheap to pass between processes)
    form: bytes  # written to blocks/<doc>.srch (core.scan)
    # Distinct jieba words and sub-words of two characters or more: ranking is done on the
    # blocks by core.search, so the index needs which words a document has, not how often.
    words: list[str]
    grams: list[str]  # character grams (analysis.grams)
    kinds: list[str]  # block kinds present
    chars: int
    forms: list[str] = field(default_factory=list)  # "stem:form" of the English words


def _section_paths(report: Report) -> dict[str, list[str]]:
    paths: dict[str, list[str]] = {}

    def walk(section: Any, trail: list[str]) -> None:
        title = " ".join(part for part in (section.label, section.title) if part).strip()
        here = [*trail, title]
        paths[section.id] = here
        for child in section.children:
            walk(child, here)

    for top in report.sections:
        walk(top, [])
    return paths


@dataclass
class SegmentedBlocks:
    """The jieba work on a report's block texts (picklable: done in worker processes)."""

    segs: list[str]  # per block, its seg form ("" when nothing in it is indexed)
    words: list[str]  # distinct words of two characters or more, sub-words included
    grams: list[str]  # character grams (analysis.grams)
    chars: int
    forms: list[str] = field(default_factory=list)  # "stem:form" of the English words


def segment_blocks(texts: list[str]) -> SegmentedBlocks:
    """Segment block texts (the costly part: jieba) into what the index keeps."""
    global segment_calls
    segment_calls += 1
    segs: list[str] = []
    tokens: list[str] = []
    found = analysis.GramCollector()
    total = 0
    boundary = analysis.BOUNDARY
    for text in texts:
        pieces = analysis.segment_pieces(text)
        norm = "".join(pieces)
        if norm:
            tokens += pieces
            found.add(norm)
            total += len(norm)
        segs.append(boundary.join(pieces))
    return SegmentedBlocks(segs, sorted(analysis.document_words(tokens)), sorted(found.terms()), total,
                           analysis.english_forms(tokens))


def analyse_report(report: Report, segmented: SegmentedBlocks | None = None) -> AnalysedDocument:
    """What the index keeps of a report; `segmented`: its blocks already segmented."""
    if segmented is None:
        segmented = segment_blocks([block.text for block in report.blocks])
    blocks = [
        [block.id, block.kind.value, block.section, block.text, seg]
        for block, seg in zip(report.blocks, segmented.segs)
        if seg
    ]
    meta = report.metadata
    payload = {
        "doc": report.id,
        "source": report.source,
        "title": meta.title,
        "session": meta.session,
        "year": meta.year,
        "kind": meta.kind,
        "language": meta.language,
        "sections": _section_paths(report),
        "blocks": blocks,
        # the report's references (core.references), found here where the report is at hand
        "refs": [references.REFS_VERSION, references.rows(references.report_references(report))],
    }
    pages = {block.id: block.pages[0] for block in report.blocks if block.pages}
    if pages:  # printed documents: the page of each block, for search hits
        payload["pages"] = pages
    form = scan.build(report.id, meta.session, meta.kind, [(b[1], b[4]) for b in blocks], meta.language)
    return AnalysedDocument(
        report.id, marshal.dumps(payload), form, segmented.words, segmented.grams, sorted({b[1] for b in blocks}), segmented.chars,
        segmented.forms,
    )


def _analyse_in_worker(root: str, doc_id: str, source: str) -> AnalysedDocument:
    """Worker-process entry point (module level, so that spawn can import it)."""
    from unidoreader.core.library import stored_report  # the text, or the kept PDF/Word file's reading

    return analyse_report(stored_report(Path(root), doc_id, source))


# -- the index on disk ------------------------------------------------------------------


def blocks_dir(library: Library) -> Path:
    return library.index_dir / "blocks"


def payload_path(library: Library, doc_id: str) -> Path:
    return blocks_dir(library) / f"{doc_id}.bin"


def form_path(library: Library, doc_id: str) -> Path:
    return blocks_dir(library) / f"{doc_id}.srch"


def stored(library: Library, doc_id: str) -> bool:
    """True when a document's stored blocks and search form are on disk."""
    return payload_path(library, doc_id).is_file() and form_path(library, doc_id).is_file()


def read_payload(library: Library, doc_id: str) -> dict[str, Any] | None:
    try:
        payload = marshal.loads(read_regular(payload_path(library, doc_id), 16 * parse.MAX_REPORT_BYTES))
    except (OSError, EOFError, ValueError, TypeError, InputError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("blocks"), list):
        return None
    return payload


def _write_payload(path: Path, data: bytes) -> None:
    """Write a payload whole or not at all (renamed into place), without waiting for the
    disk (fsync): the index is derived from the library, and a payload a power cut left
    empty reads as damage, which rebuilds the index (Whoosh does not sync its files either)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _format_path(library: Library) -> Path:
    return library.index_dir / "FORMAT"


def _read_format(library: Library) -> str | None:
    try:
        return read_regular(_format_path(library), 4096).decode("utf-8").strip()
    except (OSError, ValueError, InputError):
        return None


def open_index(library: Library) -> Any | None:
    """The Whoosh index if it exists, is current and opens; None otherwise."""
    directory = library.index_dir
    if _read_format(library) != signature():
        return None
    with quiet_damage() as damage:
        try:
            storage = _storage(directory)
            if not storage.index_exists():
                return None
            return storage.open_index()
        except Exception:  # a damaged index: any error from the Whoosh reader means rebuild
            damage.seen = True
    return None


def _storage(directory: Path) -> Any:
    """Whoosh file storage without mmap: a mapped segment file that shrinks under a reader
    kills the process (SIGBUS), and Windows cannot delete a mapped file that a merge retires."""
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(directory), supports_mmap=False)


class _Damage:
    """Set `.seen` when a damaged index was met inside `quiet_damage`."""

    seen = False


@contextmanager
def quiet_damage() -> Iterator[_Damage]:
    """Whoosh leaves files open when it fails to read a damaged index; collect them here
    (only after a failure) so that their ResourceWarning is not raised later, elsewhere."""
    damage = _Damage()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            yield damage
        except BaseException:
            gc.collect()
            raise
        if damage.seen:
            gc.collect()


def indexed_documents(ix: Any) -> set[str]:
    """The document ids present in the index (deleted entries excluded)."""
    with ix.reader() as reader:
        return {fields["doc"] for fields in reader.all_stored_fields()}


def needs_update(library: Library) -> bool:
    """True when the index is missing, outdated, damaged or lacks a library document."""
    ix = open_index(library)
    if ix is None:
        return True
    with quiet_damage() as damage:
        try:
            present = indexed_documents(ix)
        except Exception:
            damage.seen = True
            return True
        finally:
            ix.close()
    wanted = {entry.id for entry in library.entries()}
    if present != wanted:
        return True
    return any(not stored(library, doc) for doc in wanted)


def _reset(library: Library) -> Any:
    """Empty the index folder and create a fresh index (the library is the source of truth)."""
    directory = library.index_dir
    if os.path.lexists(directory) and (directory.is_symlink() or not directory.is_dir()):
        # something else took the index's place (a file, a link): keep it, say so, rebuild
        aside = directory.with_name(f"index.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(directory, aside)
        library.warnings.append(f"{directory} was not an index folder; it was kept as {aside.name} and the index rebuilt")
    if directory.exists():
        for child in directory.iterdir():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                try:
                    child.unlink()
                except OSError:
                    pass
    directory.mkdir(parents=True, exist_ok=True)
    blocks_dir(library).mkdir(parents=True, exist_ok=True)
    ix = _storage(directory).create_index(schema())
    atomic_write(_format_path(library), signature().encode("utf-8"))
    return ix


def _analysed(library: Library, todo: list[str], workers: int | None) -> Iterator[AnalysedDocument]:
    """Analyse documents, sharing the work with worker processes when that pays.

    Documents come in import order. This process takes them from the newest end (the
    library's parse cache still holds the reports it just imported, so they need no
    second parse) while workers take them from the oldest end; the two meet in the
    middle, so neither waits for the other. A worker is handed the block texts of a
    report this process has parsed (just imported), and parses only the others. Without worker
    processes (none allowed, or they cannot start here) everything is done in-process.
    """
    if workers is None:
        workers = parallel.default_workers(sum(_text_size(library, doc) for doc in todo))
    done: set[str] = set()
    if workers and len(todo) > 2:
        try:
            for analysed in _analysed_shared(library, todo, workers):
                done.add(analysed.doc)
                yield analysed
            return
        except parallel.UNAVAILABLE as error:  # no processes here: do it inline
            import logging

            logging.getLogger(__name__).warning("parallel segmentation unavailable (%s); segmenting in-process", error)
    for doc in reversed(todo):  # newest first: the parse cache holds the latest imports
        if doc not in done:
            yield analyse_report(library.report(doc))


def _text_size(library: Library, doc: str) -> int:
    try:
        return library.text_path(doc).stat().st_size // 3
    except OSError:
        return 0


def _analysed_shared(library: Library, todo: list[str], workers: int) -> Iterator[AnalysedDocument]:
    root = str(library.root)

    def local(item: int) -> AnalysedDocument:
        return analyse_report(library.report(todo[item]))

    def remote(item: int) -> parallel.Task[AnalysedDocument]:
        doc = todo[item]
        report = library.parsed(doc)
        if report is not None:  # parsed here already (just imported): the worker only segments
            return segment_blocks, ([block.text for block in report.blocks],), partial(analyse_report, report)
        return _analyse_in_worker, (root, doc, library.entry(doc).source), _same

    def size(item: int) -> int:
        return _text_size(library, todo[item])

    for _item, analysed in parallel.shared(len(todo), workers, local, remote, size):
        yield analysed


def _same(value: Any) -> Any:
    return value


def ensure_index(
    library: Library,
    progress: Progress | None = None,
    *,
    rebuild: bool = False,
    workers: int | None = None,
) -> bool:
    """Build the index or bring it up to date; heal a damaged one. True if anything changed.

    `workers`: processes for segmentation (None: two when there is enough text, 0: in-process).
    """
    if parallel.bootstrapping():
        raise RuntimeError("ensure_index called while a worker process starts: guard the script with if __name__ == '__main__'")
    # A writer that failed (full disk, read-only folder) leaves Whoosh's files open: they are
    # closed as the failure unwinds, or collected here, quietly, never warned about elsewhere.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return _ensure_index(library, progress, rebuild, workers)
        except OSError as error:  # one line; the library itself is untouched
            where = f" ({error.filename})" if getattr(error, "filename", None) else ""
            failure = LibraryError(f"{library.index_dir}: cannot update the search index: {error.strerror or error}{where}")
        gc.collect()
    raise failure


def _ensure_index(library: Library, progress: Progress | None, rebuild: bool, workers: int | None) -> bool:
    report = progress or (lambda done, total, message: None)
    with _dir_lock(library.index_dir):
        ix = None if rebuild else open_index(library)
        present: set[str] = set()
        if ix is not None:
            with quiet_damage() as damage:
                try:
                    present = indexed_documents(ix)
                except Exception:
                    damage.seen = True
                    ix.close()
                    ix = None
        if ix is None:
            ix, present = _reset_once(library, rebuild)
        try:
            with quiet_damage() as damage:
                try:
                    return _update(library, ix, present, report, workers)
                except Exception as error:
                    if not _is_damage(error):
                        raise
                    damage.seen = True
            ix.close()  # damage found while updating: start again from the library
            ix = _reset(library)
            return _update(library, ix, set(), report, workers)
        finally:
            ix.close()


def _reset_once(library: Library, rebuild: bool) -> tuple[Any, set[str]]:
    """A fresh index, made by one process at a time: two copies of the app that both
    find no index must not both empty the folder (the second would delete what the
    first is writing); the second finds the first's index and adds to it."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(str(library.root / ".index-reset.lock"), timeout=WRITER_WAIT_S):
            if not rebuild:
                ix = open_index(library)
                if ix is not None:
                    with quiet_damage() as damage:
                        try:
                            return ix, indexed_documents(ix)
                        except Exception:
                            damage.seen = True
                            ix.close()
            return _reset(library), set()
    except Timeout:
        raise LibraryError("the search index is being rebuilt by another program; try again when it is done") from None


def _is_damage(error: Exception) -> bool:
    import pickle
    import struct

    from whoosh.index import IndexError as WhooshIndexError

    return isinstance(error, (DamagedIndexError, WhooshIndexError, EOFError, struct.error, pickle.UnpicklingError, ValueError, KeyError))


def _update(library: Library, ix: Any, present: set[str], report: Progress, workers: int | None) -> bool:
    wanted = {entry.id: entry for entry in library.entries()}
    missing_payload = {doc for doc in present & wanted.keys() if not stored(library, doc)}
    stale = (present - wanted.keys()) | missing_payload
    todo = [doc for doc in wanted if doc not in present or doc in missing_payload]
    if not stale and not todo:
        report(len(wanted), len(wanted), "index up to date")
        return False
    writer = _writer(ix)
    try:
        for doc in stale:
            writer.delete_by_term("doc", doc)
        total = len(todo)
        report(0, total, f"indexing {total} document(s)")
        for done, analysed in enumerate(_analysed(library, todo, workers), 1):
            entry = wanted[analysed.doc]
            meta = entry.metadata
            _write_payload(payload_path(library, analysed.doc), analysed.payload)
            _write_payload(form_path(library, analysed.doc), analysed.form)
            filters: dict[str, str] = {}
            if meta.session is not None:
                filters["session"] = str(meta.session)
            if meta.year is not None:
                filters["year"] = str(meta.year)
            if meta.language:
                filters["lang"] = meta.language
            if analysed.forms:
                filters["forms"] = analysed.forms  # type: ignore[assignment]
            # update_document: another process may have added it since we looked
            writer.update_document(doc=analysed.doc, words=analysed.words, grams=analysed.grams, kinds=analysed.kinds, **filters)
            report(done, total, entry.source)
        report(total, total, "saving the index")
        writer.commit()
    except BaseException:
        try:
            writer.cancel()
        except Exception:  # a failed commit can leave the writer half closed; the lock goes with it
            pass
        raise
    for doc in present - wanted.keys():
        payload_path(library, doc).unlink(missing_ok=True)
        form_path(library, doc).unlink(missing_ok=True)
    report(total, total, "index up to date")
    return True


def _writer(ix: Any) -> Any:
    """Whoosh's single-process writer. A lock held by a live writer is waited for; the
    lock file of a dead process is an OS lock that died with it, so it never blocks."""
    from whoosh.writing import LockError

    deadline = time.monotonic() + WRITER_WAIT_S
    while True:
        try:
            return _lean_writer_class()(ix, limitmb=128)
        except LockError:
            if time.monotonic() > deadline:
                raise LibraryError("the search index is being updated by another program; try again when it is done") from None
            time.sleep(0.2)


_LEAN_WRITER: Any = None


def _lean_writer_class() -> Any:
    """Whoosh's SegmentWriter, except that when it writes the postings it reads each
    document's field length once, not once per posting (Whoosh seeks and reads the
    lengths file for every posting: a fifth of the writing time here), and sorts the
    postings term by term (`_sorted_postings`). Same files."""
    global _LEAN_WRITER
    if _LEAN_WRITER is None:
        from whoosh.writing import PostingPool, SegmentWriter

        class GroupingPool(PostingPool):  # type: ignore[misc]
            def items(self, maxfiles: int = 128) -> Any:
                if self.runs:  # spilled to disk (a huge update): Whoosh's own merge sort
                    return super().items(maxfiles)
                return _sorted_postings(self.current)

        class LeanWriter(SegmentWriter):  # type: ignore[misc]
            def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any) -> None:
                super().__init__(ix, limitmb=limitmb, **kwargs)
                self.pool = GroupingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

            def _flush_segment(self) -> None:  # SegmentWriter._flush_segment with _Lengths
                self.perdocwriter.close()
                pdr = self.per_document_reader() if self.codec.length_stats else None
                self.fieldwriter.add_postings(self.schema, _Lengths(pdr) if pdr else None, self.pool.iter_postings())
                self.fieldwriter.close()
                if pdr:
                    pdr.close()

        _LEAN_WRITER = LeanWriter
    return _LEAN_WRITER


def _sorted_postings(postings: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """`sorted(postings)`: the (field, term, document, ...) order Whoosh writes in.

    Whoosh sorts the postings as whole tuples (a third of its writing time here). They
    arrive document by document in increasing document number, at most one per term and
    document, so a stable sort by term within each field gives the same order, comparing
    bytes only. Anything else (never seen) falls back to Whoosh's sort.
    """
    docnums = list(map(itemgetter(2), postings))
    if not all(map(operator.le, docnums, docnums[1:])):
        return sorted(postings)
    by_field: dict[str, list[tuple[Any, ...]]] = {}
    for posting in postings:
        field = by_field.get(posting[0])
        if field is None:
            by_field[posting[0]] = [posting]
        else:
            field.append(posting)
    out: list[tuple[Any, ...]] = []
    term = itemgetter(1)
    for name in sorted(by_field):
        out += sorted(by_field[name], key=term)  # stable: document order within a term
    return out


class _Lengths:
    """A per-document reader's field lengths, each read once."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.known: dict[str, dict[int, Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str) -> Any:
        lengths = self.known.get(fieldname)
        if lengths is None:
            lengths = self.known[fieldname] = {}
        try:
            return lengths[docnum]
        except KeyError:
            length = lengths[docnum] = self.reader.doc_field_length(docnum, fieldname)
            return length


def index_stats(library: Library) -> dict[str, int]:
    """Number of entries and blocks in the index (for scoring and for the CLI)."""
    ix = open_index(library)
    if ix is None:
        return {"entries": 0}
    try:
        return {"entries": ix.doc_count()}
    finally:
        ix.close()


def iter_payloads(library: Library, docs: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for doc in docs:
        payload = read_payload(library, doc)
        if payload is not None:
            yield doc, payload

"""The search index: a Whoosh index of the library, kept up to date incrementally.

Layout of `library.index_dir`::

    FORMAT            the index signature (format version, parser version, user dictionary);
                      a different signature means: rebuild from the library
    blocks/<doc>.bin  per document, its blocks (id, kind, section, text, word boundaries)
                      that search cuts snippets from
    blocks/<doc>.srch per document, its search form (core.scan): the normal form of its
                      blocks and their word boundaries, which the gram index is made from
    grams/            the positional index of character pairs that search finds terms with
                      (core.grams), made from the search forms after each update
    incoming/<doc>.*  what an import prepared for the index (stored blocks, search form,
                      postings), made by the worker that parsed the document; moved into
                      blocks/ and filed by the next update (see `prepare_document`)
    *.toc, *.seg ...  the Whoosh index: one entry per document

The unit indexed is the whole document. Whoosh's pure-Python writer pays per posting
(measured here: ~7 us each, more than jieba spends per character), and a posting is a
distinct term of an entry, so the fewer and larger the entries, the fewer the postings;
section-sized entries cost 1.6x the postings of whole documents on the seeds. Whoosh
filters documents (session, year, language, kind) and holds the vocabulary; core.search
finds the matching blocks with the gram index (core.grams), over the whole library at once.

A document id is the content hash of its text, so "incremental by content hash" is the
set difference between the library and the index: new ids are segmented and added,
vanished ids deleted, unchanged ones left alone. This is the only module that writes
Whoosh indexes. The Whoosh writer always runs in this process (its multi-process writer
fails on Windows), but it only files postings: parsing, segmentation and the per-token
part of Whoosh's writing (`field_postings`) run in worker processes, once per document
(at import, `prepare_document`; for documents found without, in `_analysed`).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import shutil
import threading
import time
import warnings
from array import array
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from unidoreader.core import analysis, parallel, parse, scan
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


#: A field's postings for one document, as the worker made them for the writer: its
#: distinct terms (UTF-8, as Whoosh indexes them), its length (the sum of the terms'
#: frequencies when the field is scorable, else 0), and the terms whose (weight, value)
#: differ from the field's usual one (`_usual_posting`: a term seen once).
FieldPostings = tuple[list[bytes], int, list[tuple[bytes, float, bytes]]]


@dataclass
class AnalysedDocument:
    """A document segmented and ready for the writer (picklable, crosses processes)."""

    doc: str
    payload: bytes  # written to blocks/<doc>.bin (marshalled where it is made: cheap to pass between processes)
    form: bytes  # written to blocks/<doc>.srch (core.scan)
    # The Whoosh fields made of its text, already turned into postings (`field_postings`):
    # "words" (distinct jieba words and sub-words of two characters or more: ranking is done
    # on the blocks by core.search, so the index needs which words a document has, not how
    # often), "grams" (analysis.grams), "kinds" (block kinds present), "forms" ("stem:form"
    # of its English words).
    postings: dict[str, FieldPostings]
    chars: int
    refs: list[list[Any]] = field(default_factory=list)  # its references (core.references rows)


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
    from unidoreader.core import references  # (indexing only: a search never needs its patterns)

    meta = report.metadata
    refs_rows = references.rows(references.report_references(report))
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
        "refs": [references.REFS_VERSION, refs_rows],
    }
    pages = {block.id: block.pages[0] for block in report.blocks if block.pages}
    if pages:  # printed documents: the page of each block, for search hits
        payload["pages"] = pages
    form = scan.build(report.id, meta.session, meta.kind, [(b[1], b[4]) for b in blocks], meta.language)
    values: dict[str, Any] = {"words": segmented.words, "grams": segmented.grams, "kinds": sorted({b[1] for b in blocks})}
    if segmented.forms:
        values["forms"] = segmented.forms
    return AnalysedDocument(report.id, marshal.dumps(payload), form, field_postings(values), segmented.chars, refs_rows)


def _index_items(field: Any, value: Any) -> Iterable[tuple[bytes, int, float, bytes]]:
    """`field.index(value)`: (term bytes, frequency, weight, value bytes) per distinct term.
    A list of words (what the indexer passes for its big fields) in a field of Existence or
    Frequency format is counted here in C instead of one Whoosh Token object per word;
    the same items (tested against Whoosh's writer, byte for byte)."""
    from whoosh import formats
    from whoosh.system import pack_uint

    kind = type(field.format)
    if isinstance(value, list) and kind in (formats.Existence, formats.Frequency):
        boost = field.format.field_boost
        if kind is formats.Existence:
            return [(word.encode("utf-8"), 1, boost, b"") for word in dict.fromkeys(value)]
        return [(word.encode("utf-8"), count, count * 1.0 * boost, pack_uint(count)) for word, count in Counter(value).items()]
    return field.index(value)


# -- postings made where the text is analysed (a worker), written by the main process ---------

_SCHEMA: Any = None
_USUAL: dict[str, tuple[float, bytes]] = {}


def _schema() -> Any:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = schema()
    return _SCHEMA


def _usual_posting(name: str) -> tuple[float, bytes]:
    """The (weight, value) Whoosh gives a term seen once in a field: nearly every posting."""
    usual = _USUAL.get(name)
    if usual is None:
        _btext, _freq, weight, value = next(iter(_schema()[name].index(["x"])))
        usual = _USUAL[name] = (weight, value or b"")
    return usual


def field_postings(values: dict[str, Any]) -> dict[str, FieldPostings]:
    """Whoosh's postings of a document's field values, made as `SegmentWriter.add_document`
    makes them (`field.index`), so that the process that writes the index only files them.
    This is the per-token part of Whoosh's writing: done here, it runs in the workers."""
    out: dict[str, FieldPostings] = {}
    current = _schema()
    for name, value in values.items():
        if value is None:
            continue
        field = current[name]
        if not field.indexed:
            continue
        usual = _usual_posting(name)
        terms: list[bytes] = []
        special: list[tuple[bytes, float, bytes]] = []
        length = 0
        for btext, freq, weight, vbytes in _index_items(field, value):
            terms.append(btext)
            length += freq
            if (weight, vbytes or b"") != usual:
                special.append((btext, weight, vbytes or b""))
        out[name] = (terms, length if field.scorable else 0, special)
    return out


def _analyse_in_worker(root: str, doc_id: str, source: str) -> AnalysedDocument:
    """Worker-process entry point (module level, so that spawn can import it)."""
    from unidoreader.core.library import stored_report  # the text, or the kept PDF/Word file's reading

    return analyse_report(stored_report(Path(root), doc_id, source))


# -- analysed at import: one pass per document ---------------------------------------------
# An import hands each new document to a worker task that parses it, segments it and makes
# everything the index needs (stored blocks, search form, postings), filed under
# index/incoming/ (`prepare_document`). The indexer that runs next only moves those files
# into place and writes Whoosh's; a document found there is never parsed or segmented
# again. What is in incoming/ is derived data like the rest of the index: no fsync (a file
# a crash left empty or short does not load and is analysed again), and it is kept only
# while it serves (removed once indexed, or when its import fails).


@dataclass(frozen=True)
class Prepared:
    """What an import needs of a document its worker parsed (its catalog entry's facts)."""

    id: str
    source: str
    metadata: Any  # model.Metadata
    paragraph_count: int
    footnote_count: int


def _write_references(library_root: Path, doc_id: str, refs_rows: list[list[Any]]) -> None:
    """The document's references cache (core.references), written where they are found:
    the first symbol query of a process then reads a small file per document, not every
    document's stored blocks (230 MB at 3,000 documents). Derived data: no fsync, and a
    failure only leaves it to be made on first use."""
    path = Path(library_root) / "references" / f"{doc_id}.json"
    if path.is_file():
        return
    from unidoreader.core import references

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_payload(path, references.cache_bytes(refs_rows))
    except OSError:
        pass


def incoming_dir(library_root: Path) -> Path:
    return Path(library_root) / "index" / "incoming"


def incoming_paths(library_root: Path, doc_id: str) -> list[Path]:
    """The files `prepare_document` writes for a document (the postings file last)."""
    folder = incoming_dir(library_root)
    return [folder / f"{doc_id}.bin", folder / f"{doc_id}.srch", folder / f"{doc_id}.post"]


def prepare_document(root: str, sign: str, doc_id: str, text: str, source: str) -> Prepared:
    """Worker task of an import: parse a text, analyse it for the index, file the result
    in index/incoming/ (see above); returns what the catalog needs. `sign`: the index
    signature the analysis is made for (a different one at indexing time: not used)."""
    report = parse.parse_text(text, source)
    if report.id != doc_id:
        report = replace(report, id=doc_id)
    analysed = analyse_report(report)
    payload, form, post = incoming_paths(Path(root), doc_id)
    try:
        payload.parent.mkdir(parents=True, exist_ok=True)
        _write_payload(payload, analysed.payload)
        _write_payload(form, analysed.form)
        _write_payload(post, marshal.dumps((sign, doc_id, analysed.chars, analysed.postings)))  # last: it says the others are there
    except OSError:  # a full disk, a read-only index folder: the import goes on, the indexer analyses it again
        for path in (payload, form, post):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
    _write_references(Path(root), doc_id, analysed.refs)
    return Prepared(doc_id, report.source, report.metadata, report.paragraph_count, len(report.footnotes))


def _take_prepared(library: Library, doc_id: str, sign: str) -> tuple[dict[str, FieldPostings], int] | None:
    """The postings an import prepared for a document, its blocks and search form moved
    into blocks/; None when there are none for this index signature (then it is analysed)."""
    payload, form, post = incoming_paths(library.root, doc_id)
    try:
        found_sign, found_doc, chars, postings = marshal.loads(read_regular(post, 16 * parse.MAX_REPORT_BYTES))
    except (OSError, EOFError, ValueError, TypeError, InputError):
        return None
    if found_sign != sign or found_doc != doc_id or not isinstance(postings, dict):
        for path in (payload, form, post):  # made for another index (parser, dictionary): of no use
            path.unlink(missing_ok=True)
        return None
    try:
        for source, target in ((payload, payload_path(library, doc_id)), (form, form_path(library, doc_id))):
            if source.exists() or not target.is_file():  # moved already by an indexer that died before its commit
                os.replace(source, target)
    except OSError:
        return None
    return postings, chars


def _clear_incoming(library: Library, indexed: set[str], older_than_s: float = 86400.0) -> None:
    """Remove what incoming/ holds for documents now indexed (an indexer that died after
    its commit left theirs), and anything left there by an import that died (a day old:
    an import still running in another process is younger). Nothing to do, and no file
    system call but one, when there is no incoming/ (the usual case)."""
    folder = incoming_dir(library.root)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    limit = time.time() - older_than_s
    for name in names:
        path = folder / name
        try:
            if name.split(".", 1)[0] in indexed or path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass
    try:
        folder.rmdir()  # when empty (an import writing there meanwhile: its files go, it is analysed again)
    except OSError:
        pass


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


def unstored(library: Library, docs: Iterable[str]) -> set[str]:
    """Those of `docs` whose stored blocks or search form are not on disk: one listing
    of the folder, not two path checks per document (0.2 s at 3,000 documents)."""
    try:
        names = set(os.listdir(blocks_dir(library)))
    except OSError:
        names = set()
    return {doc for doc in docs if f"{doc}.bin" not in names or f"{doc}.srch" not in names}


def read_form(library: Library, doc_id: str) -> scan.Form | None:
    """A document's search form as on disk; None if it is missing, unreadable or another
    document's."""
    try:
        form = scan.load(read_regular(form_path(library, doc_id), 16 * parse.MAX_REPORT_BYTES))
    except (OSError, InputError):
        return None
    return form if form is not None and form.doc == doc_id else None


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
    return bool(unstored(library, wanted))


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
            if child.name == "incoming" and child.is_dir() and not child.is_symlink():
                continue  # what imports prepared: checked against the signature where it is used
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
                    changed = _update(library, ix, present, report, workers)
                    return _update_grams(library, report) or changed
                except Exception as error:
                    if not _is_damage(error):
                        raise
                    damage.seen = True
            ix.close()  # damage found while updating: start again from the library
            ix = _reset(library)
            changed = _update(library, ix, set(), report, workers)
            return _update_grams(library, report) or changed
        finally:
            ix.close()


def _update_grams(library: Library, report: Progress) -> bool:
    """Bring the gram index (core.grams, what search finds terms with) up to date with
    the search forms just written; a damaged one is made again from them."""
    from unidoreader.core import grams

    wanted = [entry.id for entry in library.entries()]
    report(len(wanted), len(wanted), "indexing characters")
    try:
        return grams.update(library.index_dir, blocks_dir(library), wanted, partial(read_form, library))
    except grams.GramIndexError as error:
        raise DamagedIndexError(str(error)) from None


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
    missing_payload = unstored(library, present & wanted.keys())
    stale = (present - wanted.keys()) | missing_payload
    todo = [doc for doc in wanted if doc not in present or doc in missing_payload]
    if not stale and not todo:
        _clear_incoming(library, present)
        report(len(wanted), len(wanted), "index up to date")
        return False
    writer = _writer(ix)
    try:
        # update, not add: another process may have added some of them since we looked
        doomed = set(stale) | set(todo)
        if writer.segments:
            with writer.searcher() as searcher:
                for doc in doomed:
                    for docnum in searcher.document_numbers(doc=doc):
                        writer.delete_document(docnum)
        total = len(todo)
        report(0, total, f"indexing {total} document(s)")
        sign = signature()
        later: list[str] = []
        done = 0
        for doc in todo:  # first what the import prepared: its files are moved, its postings filed
            prepared = _take_prepared(library, doc, sign)
            if prepared is None:
                later.append(doc)
                continue
            writer.add_prepared(_document_postings(doc, wanted[doc].metadata, prepared[0]), {"doc": doc})
            done += 1
            report(done, total, wanted[doc].source)
        for analysed in _analysed(library, later, workers):  # the rest analysed now (workers)
            _write_payload(payload_path(library, analysed.doc), analysed.payload)
            _write_payload(form_path(library, analysed.doc), analysed.form)
            _write_references(library.root, analysed.doc, analysed.refs)
            writer.add_prepared(_document_postings(analysed.doc, wanted[analysed.doc].metadata, analysed.postings), {"doc": analysed.doc})
            done += 1
            report(done, total, wanted[analysed.doc].source)
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
    _clear_incoming(library, present | set(todo))
    report(total, total, "index up to date")
    return True


def _document_postings(doc: str, meta: Any, postings: dict[str, FieldPostings]) -> dict[str, FieldPostings]:
    """All the Whoosh fields of a document: its text's postings (made by a worker) and its
    id and filters, made here from the catalog's metadata."""
    values: dict[str, Any] = {"doc": doc}
    if meta.session is not None:
        values["session"] = str(meta.session)
    if meta.year is not None:
        values["year"] = str(meta.year)
    if meta.language:
        values["lang"] = meta.language
    return {**postings, **field_postings(values)}


def _writer(ix: Any) -> Any:
    """The index writer (`_lean_writer_class`). A lock held by a live writer is waited
    for; the lock file of a dead process is an OS lock that died with it, so it never blocks."""
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
    """Whoosh's SegmentWriter, fed postings made elsewhere, writing the same files.

    Whoosh's writer is pure Python per posting: it tokenizes each field value, pools
    (field, term, document, weight, value) tuples, sorts them (spilling them to disk,
    pickled one by one, past `limitmb`) and files each one through four method calls;
    measured here, more than jieba's whole segmentation. `add_prepared` takes a
    document's postings as `field_postings` made them (in a worker) and files each term's
    document number in an array; at commit each term's posting list goes to Whoosh's own
    postings writer a block (128 postings) at a time. What an index merge adds to
    Whoosh's pool (postings of older segments) is filed the same way. The files are
    byte for byte those of `add_document` (tested)."""
    global _LEAN_WRITER
    if _LEAN_WRITER is None:
        from whoosh.writing import SegmentWriter

        class LeanWriter(SegmentWriter):  # type: ignore[misc]
            def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any) -> None:
                super().__init__(ix, limitmb=limitmb, **kwargs)
                self.filed = _PostingTable()

            def add_prepared(self, fields: dict[str, FieldPostings], stored: dict[str, Any]) -> None:
                """`add_document` for postings already made (`_document_postings`);
                `stored`: the values of the stored fields."""
                self._check_state()
                perdoc = self.perdocwriter
                docnum = self.docnum
                schema = self.schema
                perdoc.start_doc(docnum)
                for name in sorted(fields):
                    terms, length, special = fields[name]
                    field = schema[name]
                    self.filed.add(name, docnum, terms, special)
                    perdoc.add_field(name, field, stored.get(name) if field.stored else None, length)
                perdoc.finish_doc()
                self._added = True
                self.docnum += 1

            def _flush_segment(self) -> None:
                self.perdocwriter.close()
                pdr = self.per_document_reader() if self.codec.length_stats else None
                if self.pool.current or self.pool.runs:  # postings of merged segments (or add_document)
                    for name, btext, docnum, weight, value in self.pool.iter_postings():
                        self.filed.add_one(name, btext, docnum, weight, value or b"")
                self.filed.write(self.fieldwriter, self.schema, pdr, self.docnum)
                self.fieldwriter.close()
                if pdr:
                    pdr.close()

        _LEAN_WRITER = LeanWriter
    return _LEAN_WRITER


class _PostingTable:
    """Per field, per term, the document numbers that have it, in increasing order (an
    array of 4-byte numbers: a whole archive's 11 million postings take 44 MB), and the
    few postings whose (weight, value) are not the field's usual ones."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, array]] = {}  # type: ignore[type-arg]
        self.special: dict[str, dict[tuple[bytes, int], tuple[float, bytes]]] = {}
        self.unordered: dict[str, set[bytes]] = {}

    def _table(self, name: str) -> dict[bytes, array]:  # type: ignore[type-arg]
        table = self.fields.get(name)
        if table is None:
            table = self.fields[name] = defaultdict(_new_array)
        return table

    def add(self, name: str, docnum: int, terms: list[bytes], special: list[tuple[bytes, float, bytes]]) -> None:
        table = self._table(name)
        for term in terms:
            table[term].append(docnum)
        if special:
            extra = self.special.setdefault(name, {})
            for term, weight, value in special:
                extra[(term, docnum)] = (weight, value)

    def add_one(self, name: str, term: bytes, docnum: int, weight: float, value: bytes) -> None:
        numbers = self._table(name)[term]
        if numbers and numbers[-1] >= docnum:
            self.unordered.setdefault(name, set()).add(term)
        numbers.append(docnum)
        if (weight, value) != _usual_posting(name):
            self.special.setdefault(name, {})[(term, docnum)] = (weight, value)

    def write(self, fieldwriter: Any, schema: Any, pdr: Any, doccount: int) -> None:
        """File every posting through Whoosh's postings writer, in Whoosh's order (field,
        term, document), a block at a time, with the statistics `add_posting` keeps."""
        for name in sorted(self.fields):
            table = self.fields[name]
            if not table:
                continue
            field = schema[name]
            usual_weight, usual_value = _usual_posting(name)
            special = self.special.get(name, {})
            unordered = self.unordered.get(name, set())
            if pdr is not None:  # as Whoosh's add_postings asks: each posting's document field length
                lengths = [pdr.doc_field_length(docnum, name) for docnum in range(doccount)]
            else:
                lengths = [0] * doccount
            fieldwriter.start_field(name, field)
            postwriter = fieldwriter._postwriter
            limit = postwriter._blocklimit
            for term in sorted(table):
                numbers = table[term]
                if term in unordered:
                    numbers = array("I", sorted(numbers))
                fieldwriter.start_term(term)
                count = len(numbers)
                for start in range(0, count, limit):
                    ids = numbers[start : start + limit]
                    if special:
                        pairs = [special.get((term, docnum), (usual_weight, usual_value)) for docnum in ids]
                        weights = array("f", [pair[0] for pair in pairs])
                        values = [pair[1] for pair in pairs if pair[1]]
                        heaviest = max(pair[0] for pair in pairs)
                    else:
                        weights = array("f", [usual_weight]) * len(ids)
                        values = [usual_value] * len(ids) if usual_value else []
                        heaviest = usual_weight
                    found = [length for length in map(lengths.__getitem__, ids) if length]
                    postwriter._ids = ids
                    postwriter._weights = weights
                    postwriter._values = values
                    postwriter._minlength = min(found) if found else None
                    postwriter._maxlength = max(found) if found else 0
                    postwriter._maxweight = max(0, heaviest)
                    if start + limit < count:  # a full block with more to come; the last is written by finish_term
                        postwriter._write_block()
                fieldwriter.finish_term()
            fieldwriter.finish_field()


def _new_array() -> array:  # type: ignore[type-arg]
    return array("I")


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

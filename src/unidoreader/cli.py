"""The command-line front end: the contract of DESIGN.md over the Qt-free core.

`unidoreader` with no arguments opens the GUI; every other command runs headless.
Each command is one `cmd_*` function; user errors (core.errors.UnidoreaderError)
become a one-line message on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence, TextIO

from unidoreader import __version__
from unidoreader.core.errors import UnidoreaderError

if TYPE_CHECKING:  # imported where used: `gui` starts its search helper before loading the library code
    from unidoreader.core.library import Library
    from unidoreader.core.model import Report, Section

EXIT_USER_ERROR = 2
#: The most bytes `search --batch FILE` reads (a file of queries, not a library).
MAX_BATCH_BYTES = 20 * 1024 * 1024


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _open_library(args: argparse.Namespace) -> Library:
    from unidoreader.core.library import Library

    library = Library.open(Path(args.library) if args.library else None)
    _OPENED.append(library)
    return library


#: Libraries opened by this command: their warnings (files set aside...) go to stderr at the end.
_OPENED: list[Library] = []

#: Set by a command whose process may end without the interpreter's teardown once its
#: output is out (see `main`).
_LEAVE_AT_ONCE: list[bool] = []


def _warn(message: str) -> None:
    print(f"unidoreader: {message}", file=sys.stderr)


# -- records of the JSON contract ------------------------------------------------


def metadata_record(report: Report) -> dict[str, Any]:
    """The `list` record for a report (also the `metadata` of `show`)."""
    from unidoreader.core.library import _entry_for

    return _entry_for(report, 0.0).as_listing()


def outline_records(report: Report) -> list[dict[str, Any]]:
    """`outline --json`: sections in reading order; `paragraph` is the number of the
    section's first numbered paragraph (what sync scrolling aligns on), or null."""
    from unidoreader.core.model import BlockKind

    first_paragraph: dict[str, str] = {}
    for block in report.blocks:
        if block.kind is BlockKind.PARAGRAPH and block.label and block.section:
            first_paragraph.setdefault(block.section, block.label)

    def record(section: Section) -> dict[str, Any]:
        return {
            "id": section.id,
            "level": section.level,
            "label": section.label,
            "title": section.title,
            "paragraph": first_paragraph.get(section.id),
        }

    return [record(section) for section in report.walk_sections()]


def show_record(report: Report) -> dict[str, Any]:
    return {
        "metadata": metadata_record(report),
        "blocks": [
            {"id": b.id, "kind": b.kind.value, "section": b.section, "label": b.label, "text": b.text,
             **({"pages": list(b.pages)} if b.pages else {})}
            for b in report.blocks
        ],
        "footnotes": [{"label": f.label, "text": f.text} for f in report.footnotes],
    }


# -- commands ---------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    library = _open_library(args)
    records = [entry.as_listing() for entry in library.entries()]
    if args.json:
        _print_json(records)
    else:
        for r in records:
            session = f"第{r['session']}届" if r["session"] else ""
            print(f"{r['id']}  {r['kind'] or '':8}  {session:6}  {r['title'] or r['source']}")
    return 0


def cmd_outline(args: argparse.Namespace) -> int:
    report = _open_library(args).resolve(args.doc)
    records = outline_records(report)
    if args.json:
        _print_json(records)
    else:
        for r in records:
            indent = "  " * (r["level"] - 1)
            print(f"{indent}{r['label']}{'. ' if r['label'] else ''}{r['title']}   [{r['id']}]")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    report = _open_library(args).resolve(args.doc)
    record = show_record(report)
    if args.json:
        _print_json(record)
    else:
        for block in record["blocks"]:
            label = f"{block['label']}. " if block["label"] and block["kind"] != "item" else ""
            print(f"{label}{block['text']}\n")
        for note in record["footnotes"]:
            print(f"[{note['label']}] {note['text']}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from unidoreader.core.errors import LibraryError

    library = _open_library(args)
    pages = _page_progress() if sys.stderr.isatty() else None  # a long PDF: its pages as they are read
    results = library.import_files([Path(f) for f in args.files], progress=pages)
    indexed: LibraryError | None = None
    try:
        _index_after_import(library)
    except LibraryError as error:  # the documents are in; only the index lags (the next search retries)
        indexed = error
    if args.json:
        _print_json([{**r.entry.as_listing(), "added": r.added} for r in results])
    else:
        for r in results:
            state = "added" if r.added else "already in the library"
            print(f"{r.entry.id}  {r.entry.metadata.title or r.entry.source}  ({state})")
    if indexed is not None:
        _warn(f"imported, but {indexed}; the next search will index them")
        return EXIT_USER_ERROR
    return 0


def _page_progress() -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            print(f"[pages {done}/{total}]", file=sys.stderr, flush=True)

    return progress


def _index_after_import(library: Library) -> None:
    """Bring the search index up to date after an import (only the new documents are segmented)."""
    from unidoreader.core.index import ensure_index

    ensure_index(library, progress=_stderr_progress() if sys.stderr.isatty() else None)


def _stderr_progress() -> Callable[[int, int, str], None]:
    """Index progress as lines on stderr ("[done/total] message")."""

    def progress(done: int, total: int, message: str) -> None:
        print(f"[{done}/{total}] {message}", file=sys.stderr, flush=True)

    return progress


def _search_filters(args: argparse.Namespace, library: Library) -> dict[str, Any]:
    from unidoreader.core.errors import UnknownDocumentError

    filters: dict[str, Any] = {}
    if args.doc:
        ids = [e.id for e in library.entries() if e.id == args.doc or e.source == args.doc]
        ids = ids or [e.id for e in library.entries() if len(args.doc) >= 4 and e.id.startswith(args.doc)]
        if len(ids) != 1:
            raise UnknownDocumentError(
                f"{args.doc!r} matches {len(ids)} documents; give more of the id" if ids else f"no document {args.doc!r} in the library"
            )
        filters["doc"] = ids[0]
    if args.session is not None:
        filters["session"] = args.session
    if args.year is not None:
        filters["year"] = args.year
    if getattr(args, "lang", None):
        from unidoreader.core.errors import InputError
        from unidoreader.core.language import normalize_language

        language = normalize_language(args.lang)
        if language is None:
            raise InputError(f"--lang {args.lang!r}: give en or zh")
        filters["lang"] = language
    return filters


def cmd_search(args: argparse.Namespace) -> int:
    """`search QUERY` or `search --batch FILE`: hits best first (JSON per DESIGN.md)."""
    from unidoreader.core.errors import InputError
    from unidoreader.core.search import Searcher

    if (args.query is None) == (args.batch is None):
        raise InputError("give either a QUERY or --batch FILE")
    if args.limit < 0:
        raise InputError("--limit must be 0 or more")
    args.limit = min(args.limit, sys.maxsize)
    library = _open_library(args)
    filters = _search_filters(args, library)
    if sys.stderr.isatty():  # the first search of a library builds its index: show it
        from unidoreader.core.index import ensure_index, needs_update

        if needs_update(library):
            ensure_index(library, progress=_stderr_progress())
    searcher = Searcher(library)
    if args.batch is not None:
        from unidoreader.core.safeio import read_regular

        try:  # a regular file, and at most MAX_BATCH_BYTES of it (never /dev/zero or a FIFO); "-": stdin
            data = _read_stdin(MAX_BATCH_BYTES) if args.batch == "-" else read_regular(Path(args.batch), MAX_BATCH_BYTES)
            queries = data.decode("utf-8-sig").splitlines()
        except UnicodeDecodeError as error:
            raise InputError(f"{args.batch}: cannot read the queries: not UTF-8 text (byte {error.start})") from None
        for query in queries:
            result = searcher.search(query.strip(), limit=args.limit, **filters)
            if args.json:
                sys.stdout.write(json.dumps(result.record(), ensure_ascii=False) + "\n")
            else:
                _print_search_text(result)
        if args.batch == "-":  # a caller on the other end of a pipe (see main)
            _LEAVE_AT_ONCE.append(True)
        return 0
    query = args.query.strip()
    result = searcher.search(query, limit=args.limit, **filters)
    _remember_search(library, query, filters)
    if args.json:
        _print_json(result.record())
    else:
        _print_search_text(result)
    return 0


def _read_stdin(limit: int) -> bytes:
    """Standard input, at most `limit` bytes (InputError beyond: a batch is a list of queries)."""
    from unidoreader.core.errors import InputError

    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"standard input: more than {limit // (1024 * 1024)} MiB of queries")
    return data


def _remember_search(library: Library, query: str, filters: dict[str, Any]) -> None:
    """Keep the search in the library's history (single searches; batches are scripts).
    The search has been answered already: a history that cannot be written (read-only
    library, full disk, notes file busy) costs a line on stderr, never the result."""
    import sqlite3

    from unidoreader.core.errors import UnidoreaderError
    from unidoreader.core.safeio import scrub
    from unidoreader.core.userdata import UserData

    try:
        userdata = UserData.for_library(library)
    except (UnidoreaderError, OSError, sqlite3.Error) as error:
        if os.access(library.root, os.W_OK):
            _warn(f"the search was not added to the history: {error}")
        return
    library.warnings.extend(userdata.warnings)
    try:
        userdata.add_history(scrub(query), filters or None)
    except (UnidoreaderError, OSError, sqlite3.Error) as error:
        if not userdata.read_only:
            _warn(f"the search was not added to the history: {error}")
    finally:
        userdata.close()


def _print_search_text(result: Any) -> None:
    print(f"{result.query}: {result.total} block(s)")
    for hit in result.hits:
        where = " › ".join(hit.section_path)
        print(f"{hit.doc[:8]} {hit.block:14} {hit.score:7.2f}  {where}\n    {hit.marked_snippet('[', ']')}")


def cmd_index(args: argparse.Namespace) -> int:
    """Bring the search index up to date (or rebuild it), progress on stderr."""
    import time

    from unidoreader.core.index import ensure_index

    library = _open_library(args)
    started = time.perf_counter()
    changed = ensure_index(library, progress=_stderr_progress(), rebuild=args.rebuild)
    elapsed = time.perf_counter() - started
    if args.json:
        _print_json({"documents": len(library.entries()), "changed": changed, "seconds": round(elapsed, 3)})
    else:
        state = "updated" if changed else "already up to date"
        print(f"index {state}: {len(library.entries())} documents ({elapsed:.1f} s)")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    """The tables and charts of a document: JSON, CSV files (one per table), or a summary."""
    from unidoreader.core.errors import InputError
    from unidoreader.core.export import write_tables_csv
    from unidoreader.core.tables import recover_tables, table_records

    report = _open_library(args).resolve(args.doc)
    tables = recover_tables(report)
    written: list[Path] = []
    if args.csv:
        parent = Path(args.csv).absolute().parent
        if not parent.is_dir():
            raise InputError(f"{args.csv}: the folder {parent} does not exist (tables --csv creates only the last folder)")
        library = _OPENED[-1] if _OPENED else None
        try:
            written = write_tables_csv(tables, Path(args.csv), forbidden=library.root if library else None)
        except OSError as error:
            raise InputError(f"{args.csv}: cannot write the CSV files: {error.strerror or error}") from None
    if args.json:
        _print_json(table_records(tables))
    elif written:
        for path in written:
            print(path)
    elif not tables:
        print(f"{args.doc}: no tables in “{report.metadata.title or report.source}”")
    else:
        for table in tables:
            check = {True: "totals ok", False: "totals DO NOT add up", None: ""}[table.totals_ok]
            print(f"{table.id}  {len(table.rows)}x{len(table.header)}  {table.caption}  {check}".rstrip())
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    """Selected sections of one or more documents -> one PDF (headless, bundled font)."""
    from unidoreader.core.export import parse_section_spec, whole_reports

    from unidoreader.core.safeio import check_output

    library = _open_library(args)
    reports = [library.resolve(ref) for ref in args.docs]
    parts = whole_reports(reports, args.docs) if args.sections is None else parse_section_spec(args.sections, reports, args.docs)
    output = Path(args.output)
    check_output(output, forbidden=library.root, what="the PDF")  # before Qt starts
    from unidoreader.gui.printing import render_pdf  # Qt only once the input is known good

    pages = render_pdf(parts, output, page_size=args.page_size, margins_mm=args.margins, forbidden=library.root)
    if args.json:
        _print_json({"output": str(output), "pages": pages,
                     "parts": [{"doc": p.report.id, "sections": list(p.section_ids)} for p in parts]})
    else:
        print(f"{output}  ({pages} pages)")
    return 0


# -- language versions (issue 14) --------------------------------------------------


def cmd_pair(args: argparse.Namespace) -> int:
    """The other language versions of a document: the library's documents with its symbol."""
    from unidoreader.core.versions import other_versions

    library = _open_library(args)
    report = library.resolve(args.doc)
    others = [entry.as_listing() for entry in other_versions(library.entries(), report.id, report.metadata.symbol)]
    if args.json:
        _print_json(others)
    else:
        if not others:
            print(f"{report.metadata.symbol or report.source}: no other language version in the library")
        for record in others:
            print(f"{record['id']}  {record['language'] or '?':3} {record['symbol']}  {record['title'] or record['source']}")
    return 0


# -- compare (issue 15) -------------------------------------------------------------


def cmd_compare(args: argparse.Namespace) -> int:
    """Two reports aligned paragraph by paragraph: JSON, a change-summary PDF, a CSV of
    the changed figures, or a text summary. With one DOC, its predecessor in the library."""
    from unidoreader.core.compare import compare, propose_predecessor
    from unidoreader.core.compare_export import comparison_html, summary_line, write_figures_csv
    from unidoreader.core.errors import InputError

    library = _open_library(args)
    if len(args.docs) == 1:
        new = library.resolve(args.docs[0])
        entry = propose_predecessor(new.id, library.entries())
        if entry is None:
            raise InputError(f"{args.docs[0]}: no earlier report on the same topic in the library; give OLD NEW")
        old = library.report(entry.id)
    elif len(args.docs) == 2:
        old, new = (library.resolve(ref) for ref in args.docs)
    else:
        raise InputError("give OLD NEW (or one DOC to compare with its predecessor)")
    comparison = compare(old, new)
    if args.csv:
        try:
            write_figures_csv(comparison, Path(args.csv), forbidden=_OPENED[-1].root if _OPENED else None)
        except OSError as error:
            raise InputError(f"{args.csv}: cannot write the CSV: {error.strerror or error}") from None
    pages = None
    if args.pdf:
        from unidoreader.core.export import running_title
        from unidoreader.gui.printing import Printable, render_printables_pdf  # Qt only once the input is good

        title = f"{running_title(old)} → {running_title(new)}"
        pages = render_printables_pdf([Printable(comparison_html(comparison), title, "变动摘要")], Path(args.pdf),
                                      forbidden=_OPENED[-1].root if _OPENED else None)
    if args.json:
        _print_json(comparison.record())
    else:
        print(summary_line(comparison))
        blocks = {b.id: b for b in (*old.blocks, *new.blocks)}
        for pair in comparison.pairs:
            if pair.is_change:
                first = blocks[(pair.new or pair.old)[0]]
                where = f"{first.section or ''} {first.label or ''}".strip()
                print(f"{pair.status:8} {pair.similarity:4.2f}  {where:10} {first.text[:40]}")
                for figure in pair.figures:
                    if figure.changed:
                        print(f"    {figure.kind}: {figure.old} -> {figure.new}")
        if args.pdf:
            print(f"{args.pdf}  ({pages} pages)")
    return 0


# -- references (issue 16): refs, cited-by, symbol -----------------------------------------


def cmd_refs(args: argparse.Namespace) -> int:
    """The references printed in a document and where in the library they lead."""
    from unidoreader.core.references import LibraryReferences

    library = _open_library(args)
    report = library.resolve(args.doc)
    refs = LibraryReferences(library)
    if report.id not in library:
        raise UnidoreaderError(f"{args.doc!r} is not in the library; import it first to follow its references")
    records = refs.records(report.id)
    if args.json:
        _print_json(records)
    else:
        for r in records:
            where = f"-> {r['resolved']['doc'][:8]} {r['resolved']['block'] or ''}".rstrip() if r["resolved"] else ""
            print(f"{r['block'] or '-':14} {r['kind']:10} {r['target']:24} {where}")
    return 0


def cmd_cited_by(args: argparse.Namespace) -> int:
    """The blocks of the library that cite a symbol, resolution or decision."""
    from unidoreader.core.references import LibraryReferences, normalise_symbol

    library = _open_library(args)
    refs = LibraryReferences(library)
    symbol = normalise_symbol(args.symbol) or " ".join(args.symbol.split())
    records = [
        {"doc": c.doc, "block": c.block, "text": c.ref.text, "kind": c.ref.kind, **({"footnote": c.footnote} if c.footnote else {})}
        for c in refs.cited_by(symbol)
    ]
    if args.json:
        _print_json({"symbol": symbol, "document": refs.document_for(symbol), "citations": records})
    else:
        for r in records:
            print(f"{r['doc'][:8]} {r['block'] or '-':14} {r['text']}")
    return 0


def cmd_symbol(args: argparse.Namespace) -> int:
    """Show, set (`symbol DOC IDB.46/8`) or clear (`symbol DOC --clear`) a document's symbol."""
    from unidoreader.core.errors import InputError

    library = _open_library(args)
    report = library.resolve(args.doc)
    if report.id not in library:
        raise UnidoreaderError(f"{args.doc!r} is not in the library; import it first")
    if args.symbol is not None and args.clear:
        raise InputError("give either a SYMBOL or --clear")
    if args.symbol is not None:
        if not args.symbol.strip() or len(args.symbol) > 200 or any(c in args.symbol for c in "\n\r\t"):
            raise InputError("a document symbol is one line of at most 200 characters")
        library.set_symbol(report.id, args.symbol)
    elif args.clear:
        library.set_symbol(report.id, None)
    symbol = library.entry(report.id).metadata.symbol
    if args.json:
        _print_json({"doc": report.id, "symbol": symbol})
    else:
        print(symbol or "(no symbol)")
    return 0


# -- printed pages (issue 13) ---------------------------------------------------------


def cmd_page(args: argparse.Namespace) -> int:
    """`page DOC N -o PNG [--dpi D]`: one printed page of a PDF document as a PNG."""
    from unidoreader.core import readers
    from unidoreader.core.errors import InputError
    from unidoreader.core.readers import pdf

    from unidoreader.core.safeio import check_output, write_output

    library = _open_library(args)
    data, name = readers.printed_file(library, args.doc)
    if not 10 <= args.dpi <= 1200:
        raise InputError("--dpi must be between 10 and 1200")
    output = Path(args.output)
    check_output(output, forbidden=library.root, what="the PNG")
    width, height, pixels, mode = pdf.render_page(data, args.number - 1, args.dpi, name)
    write_output(output, pdf.png_bytes(width, height, pixels, mode), forbidden=library.root, what="the PNG")
    if args.json:
        _print_json({"output": str(output), "page": args.number, "width": width, "height": height, "dpi": args.dpi})
    else:
        print(f"{output}  ({width}x{height})")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    """The desktop app (imported here so that headless commands never load Qt)."""
    from unidoreader.gui.app import abandon_start, run, start_early

    helper = start_early(args)  # first of all: the start-up search works on another core meanwhile
    try:
        if getattr(args, "open", None):  # an unknown document: one line, and no window (nor screenshot)
            from unidoreader.core.errors import UnknownDocumentError
            from unidoreader.gui.features.panes import doc_for_ref

            library = _open_library(args)
            entries = library.entries()
            for ref in args.open:
                if doc_for_ref(entries, ref) is None and library.find(ref) is None and not Path(ref).is_file():
                    raise UnknownDocumentError(f"{ref!r} is neither a document id nor a readable file")
        if getattr(args, "screenshot", None):
            from unidoreader.core.safeio import check_output

            check_output(Path(args.screenshot), forbidden=_OPENED[-1].root if _OPENED else None, what="the screenshot")
    except BaseException:
        abandon_start(helper)
        raise
    return run(args, helper)


# -- removing and repairing (hardening) -----------------------------------------------


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove documents from the library (and from the search index)."""
    from unidoreader.core.errors import LibraryError, UnknownDocumentError

    library = _open_library(args)
    ids = []
    for ref in args.docs:
        doc_id = library.find(ref)
        if doc_id is None:
            raise UnknownDocumentError(f"no document {ref!r} in the library")
        ids.append(doc_id)
    removed = [library.entry(doc_id) for doc_id in dict.fromkeys(ids)]
    for entry in removed:
        library.remove(entry.id)
    try:
        _index_after_import(library)
    except LibraryError as error:
        _warn(f"removed, but {error}; the next search will bring the index up to date")
    if args.json:
        _print_json([{"id": e.id, "source": e.source, "removed": True} for e in removed])
    else:
        for entry in removed:
            print(f"{entry.id}  {entry.metadata.title or entry.source}  (removed)")
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    """Rebuild the catalog from documents/ (after damage), then the index."""
    from unidoreader import paths
    from unidoreader.core.errors import LibraryError

    root = Path(args.library) if args.library else paths.default_library_dir()
    if not root.is_dir():
        raise LibraryError(f"{root}: no library folder here")
    from unidoreader.core.library import Library

    library = Library(root)
    _OPENED.append(library)
    result = library.repair()
    try:
        from unidoreader.core.index import ensure_index

        ensure_index(library, progress=_stderr_progress() if sys.stderr.isatty() else None)
    except LibraryError as error:
        _warn(f"catalog repaired, but {error}")
    if args.json:
        _print_json({"documents": result.kept + len(result.adopted), "adopted": result.adopted,
                     "dropped": result.dropped, "set_aside": result.set_aside})
    else:
        print(f"catalog rebuilt: {result.kept + len(result.adopted)} documents "
              f"({len(result.adopted)} recovered from documents/, {len(result.dropped)} without a text dropped)")
    return 0


# -- argument parsing -----------------------------------------------------------------


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. `only`: the command given, whose parser alone is built
    (the others' arguments go to one throwaway parser): every start of the app, and its
    start-up search helper, would otherwise build some twenty parsers to use one. If no
    command has that name, the parser has no command (see `_parser_for`)."""

    def options(defaults: bool) -> argparse.ArgumentParser:
        """--library and --json, accepted before or after the command. After it they carry no
        defaults, so that a value given before the command is not overwritten."""
        common = argparse.ArgumentParser(add_help=False)
        keep = {} if defaults else {"default": argparse.SUPPRESS}
        common.add_argument("--library", metavar="DIR", help="library folder (default: $UNIDOREADER_HOME or the user data folder)", **keep)
        common.add_argument("--json", action="store_true", help="print JSON", **keep)
        return common

    common = options(defaults=False)
    parser = argparse.ArgumentParser(prog="unidoreader", description="Reader for UNIDO governing-body reports.", parents=[options(defaults=True)])
    parser.add_argument("--version", action="version", version=f"unidoreader {__version__}")
    sub = parser.add_subparsers(dest="command")

    unused = argparse.ArgumentParser(add_help=False, conflict_handler="resolve")  # takes anything, keeps nothing

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return unused
        command = sub.add_parser(name, parents=[common], help=help_text)
        command.set_defaults(handler=handler)
        return command

    add("list", cmd_list, "list the documents of the library")
    add("outline", cmd_outline, "the outline of a document").add_argument("doc", metavar="DOC")
    add("show", cmd_show, "the structured text of a document").add_argument("doc", metavar="DOC")
    add("import", cmd_import, "add files to the library and index them").add_argument("files", metavar="FILE", nargs="+")

    search = add("search", cmd_search, "search every document of the library")
    search.add_argument("query", metavar="QUERY", nargs="?")
    search.add_argument("--batch", metavar="FILE", help="one query a line (FILE - : standard input); one JSON result a line")
    search.add_argument("--doc", metavar="ID")
    search.add_argument("--session", type=int, metavar="N")
    search.add_argument("--year", type=int, metavar="Y")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--lang", metavar="en|zh", help="only documents in this language")

    add("index", cmd_index, "bring the search index up to date").add_argument("--rebuild", action="store_true")

    tables = add("tables", cmd_tables, "the tables of a document")
    tables.add_argument("doc", metavar="DOC")
    tables.add_argument("--csv", metavar="DIR", help="write one CSV file per table into DIR")

    printing = add("print", cmd_print, "print selected sections to PDF")
    printing.add_argument("docs", metavar="DOC", nargs="+")
    printing.add_argument("--sections", metavar="ID,ID",
                          help="(default: every section of every DOC) section ids as `outline` shows them (三, 四.A); DOC:ID picks the document "
                          "(DOC = its position 1..n, the DOC as given, or an id prefix); a bare ID goes "
                          "to the first DOC that has it; documents print in the order given")
    printing.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    printing.add_argument("--page-size", default="A4", help="A4 (default), A3, A5, Letter, Legal")
    printing.add_argument("--margins", type=float, default=20.0, metavar="MM")

    add("pair", cmd_pair, "the other language versions of a document (same symbol)").add_argument("doc", metavar="DOC")
    comparing = add("compare", cmd_compare, "what changed between two reports, paragraph by paragraph")
    comparing.add_argument("docs", metavar="DOC", nargs="+", help="OLD NEW, or one DOC to compare with its predecessor")
    comparing.add_argument("--pdf", metavar="OUT.pdf", help="write the change summary as a PDF")
    comparing.add_argument("--csv", metavar="OUT.csv", help="write the changed figures as CSV")

    add("refs", cmd_refs, "the references of a document and where they lead").add_argument("doc", metavar="DOC")
    add("cited-by", cmd_cited_by, "the blocks of the library citing a symbol").add_argument("symbol", metavar="SYMBOL")
    symbol = add("symbol", cmd_symbol, "show or set the document symbol of a document")
    symbol.add_argument("doc", metavar="DOC")
    symbol.add_argument("symbol", metavar="SYMBOL", nargs="?")
    symbol.add_argument("--clear", action="store_true", help="forget the symbol set by hand")
    page = add("page", cmd_page, "render a printed page of a PDF document to PNG")
    page.add_argument("doc", metavar="DOC")
    page.add_argument("number", metavar="N", type=int, help="page number, 1-based")
    page.add_argument("-o", "--output", required=True, metavar="PNG")
    page.add_argument("--dpi", type=float, default=150.0, metavar="D")

    add("remove", cmd_remove, "remove documents from the library").add_argument("docs", metavar="DOC", nargs="+")
    add("repair", cmd_repair, "rebuild the catalog from documents/ after damage")

    gui = add("gui", cmd_gui, "open the app")
    gui.add_argument("--open", metavar="DOC", nargs="+", default=[])
    gui.add_argument("--search", metavar="QUERY")
    gui.add_argument("--screenshot", metavar="PNG", help="render the window offscreen, save it, exit")
    return parser


#: Characters never written raw to a terminal: C0 and C1 controls but newline and tab
#: (ESC starts the sequences that clear the screen, set the window title, write the
#: clipboard), line and paragraph separators, bidirectional overrides, lone surrogates.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def escape_controls(text: str) -> str:
    """`text` with each unsafe character (`_UNSAFE_CHARS`) written as \\uXXXX: visible in
    a terminal, and inside a JSON string the same character (JSON output stays valid and
    means the same)."""
    return _UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _EscapingStream:
    """A text stream that escapes control characters on the way to the terminal: every
    line this program prints (document text, snippets, file names, messages) passes here."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _one_line(error: BaseException) -> str:
    """An unexpected error as one line (the traceback with UNIDOREADER_DEBUG=1)."""
    from unidoreader.core.safeio import is_disk_full

    if isinstance(error, OSError):
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        hint = "; free some space and try again" if is_disk_full(error) else ""
        return f"{where}{error.strerror or error}{hint}"
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to process"
    if isinstance(error, MemoryError):
        return "not enough memory for this input"
    return f"unexpected error ({type(error).__name__}: {str(error)[:200]}); set UNIDOREADER_DEBUG=1 for details"


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of the parser and its subcommands."""
    found: set[str] = set()
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                found |= _option_strings(sub)
    return found


def _negations_as_text(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`search '-中等收入国家'` or `gui --search -氢`: a word starting with "-" that is no
    option is a query (NOT word), not an unknown option. argparse reads an argument that
    does not start with "-" as a value, so such words get a leading space (queries are
    stripped); options, their abbreviations and negative numbers are left alone."""
    options = _option_strings(parser)
    out: list[str] = []
    for arg in argv:
        if out and out[-1] == "--":
            out.extend(argv[len(out):])
            break
        name = arg.split("=", 1)[0]
        is_option = name in options or (name.startswith("--") and len(name) > 2 and any(o.startswith(name) for o in options))
        is_number = arg[1:].replace(".", "", 1).isdigit()
        out.append(" " + arg if arg.startswith("-") and len(arg) > 1 and not is_option and not is_number else arg)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """The program (`argv` None: sys.argv) or one command line run in-process (tests).

    Run as the program, a command that set `_LEAVE_AT_ONCE` ends the process as soon as
    its output is flushed: `search --batch -`, the app's start-up search helper, whose
    caller waits for the answer, not for the teardown of an interpreter holding Whoosh
    and numpy (~50 M instructions, 6% of the helper's work, on the core the window is
    being built beside)."""
    program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _EscapingStream(stdout), _EscapingStream(stderr)  # type: ignore[assignment]
    _OPENED.clear()
    _LEAVE_AT_ONCE.clear()
    code = 1
    try:
        code = _run(argv)
        return code
    finally:
        for library in _OPENED:
            for warning in dict.fromkeys(library.warnings):
                _warn(warning)
        _OPENED.clear()
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            pass
        sys.stdout, sys.stderr = stdout, stderr
        if program and _LEAVE_AT_ONCE:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (BrokenPipeError, ValueError, OSError):
                    pass
            os._exit(code)


def _parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """The parser for `argv`: of its command alone when it starts with one (or is empty:
    the app), else the whole parser (options first, --help, a mistyped command)."""
    first = argv[0] if argv else "gui"
    if not first.startswith("-"):
        parser = build_parser(only=first)
        if any(isinstance(a, argparse._SubParsersAction) and a.choices for a in parser._actions):  # noqa: SLF001
            return parser
    return build_parser()


def _run(argv: list[str]) -> int:
    parser = _parser_for(argv)
    argv = _negations_as_text(parser, argv)
    args = parser.parse_args(argv or ["gui"])
    if not getattr(args, "handler", None):
        args = parser.parse_args(["gui", *argv])
    try:
        return args.handler(args)
    except UnidoreaderError as error:
        print(f"unidoreader: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the README promises one line, never a traceback
        if os.environ.get("UNIDOREADER_DEBUG"):
            raise
        print(f"unidoreader: {_one_line(error)}", file=sys.stderr)
        return 1

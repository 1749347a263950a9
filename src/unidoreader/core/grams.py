"""The library's positional index of character bigrams: where every string occurs, found
without reading the text.

Search matches a term wherever its normal form occurs in a block's normal form (like
Ctrl+F). Scanning the text for a fresh term costs a pass over the whole archive (about
30 ms for 35 million characters) and a Python step per document holding it: at 3,000
reports a query of two words took hundreds of milliseconds. Here every pair of adjacent
characters of the search forms (core.scan) has the sorted list of its positions, so the
occurrences of a term of n characters are the positions of its rarest pair that the
other n - 2 pairs continue (binary searches in C, numpy), and a term of one character
is all the pairs it begins. Which block an occurrence is in, how often a block holds the
term and how it sits on jieba's word boundaries are array operations too.

Layout (`library.index_dir / "grams"`)::

    manifest.json    the segments, and per segment its documents with the size and
                     modification time of the search form each was made from
    <segment>/       one segment: the search forms of some documents laid end to end
        grams.npy      the distinct pairs (two code points as one uint64), ascending
        offsets.npy    where each pair's positions start in positions.npy (+ the end)
        positions.npy  every position of every pair, by pair, ascending within a pair
        starts.npy     where each block starts (+ the end of the text)
        kinds.npy      the kind letter of each block
        bounds.npy     1 where a word boundary is (as in core.scan's forms)
        docs.json      the documents, in order: id, blocks, session, language, kind

Segments are written whole and then named in the manifest (renamed into place), so a
crash leaves the last manifest, whose segments are all complete. A document added or
changed gets a new small segment (no rewrite of the others); segments of similar size
are merged four at a time (a log-structured merge: each character is rewritten about
log4(n) times), which also drops what removed or changed documents left behind. The
index is derived from the search forms and heals itself: a document whose form is not
in a segment as it is on disk is simply indexed again (`update`).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from unidoreader.core import scan
from unidoreader.core.index import DamagedIndexError, _write_payload

GRAMS_VERSION = 1
#: The most characters one segment holds (bounds the memory of building one: ~40 bytes
#: a character while sorting).
SEGMENT_CHARS = 8_000_000
#: Segments of one size class merged at once.
MERGE_FACTOR = 4
#: Blocks of the terms last searched that a corpus keeps (17 bytes each: about 50 MB).
CACHED_BLOCKS = 3_000_000
_SHIFT = 21  # code points need 21 bits: a pair is (first << 21) | second
_NEWLINE = 10
_ARRAYS = ("grams", "offsets", "positions", "starts", "kinds", "bounds")

if TYPE_CHECKING:
    import numpy as np

# numpy is imported by the functions that compute (`load_numpy`), not with the module: checking
# that the gram index is up to date (every start of the app) needs only the manifest.


def load_numpy() -> Any:
    """numpy, imported the first time with one BLAS thread."""
    if "numpy" not in sys.modules:  # no linear algebra here: no BLAS thread per core at import
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")
    import numpy

    return numpy


def _empty(dtype: str = "int64") -> "np.ndarray":
    return load_numpy().zeros(0, dtype=dtype)


class GramIndexError(DamagedIndexError):
    """The gram index is damaged (a segment unreadable or inconsistent): it is made
    again from the search forms, without rebuilding the rest of the index."""


# -- building a segment -----------------------------------------------------------------------


def _segment_arrays(forms: Sequence[scan.Form]) -> tuple[dict[str, np.ndarray], list[list[Any]]]:
    """The arrays and document list of a segment of `forms` (see the module docstring)."""
    np = load_numpy()
    texts: list[str] = []
    starts_parts: list[np.ndarray] = []
    bounds_parts: list[bytes] = []
    docs: list[list[Any]] = []
    offset = 0
    for form in forms:
        blocks = len(form.starts)
        docs.append([form.doc, blocks, form.session, form.language, form.kind])
        if not blocks:
            continue
        texts.append(form.text)
        starts_parts.append(np.frombuffer(form.starts, dtype=np.uint32).astype(np.int64) + offset)
        bounds_parts.append(form.bounds[: len(form.text) + 1])  # the separator's byte: the last block's end
        offset += len(form.text) + 1
    text = "\n".join(texts) + "\n" if texts else ""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    starts = np.concatenate([*starts_parts, np.array([offset], dtype=np.int64)])
    if len(codes) > 1:
        firsts = codes[:-1]
        pairs = (firsts.astype(np.uint64) << np.uint64(_SHIFT)) | codes[1:].astype(np.uint64)
        keep = np.flatnonzero(firsts != _NEWLINE)  # a pair starting at a separator is never searched
        pairs = pairs[keep]
        order = np.argsort(pairs, kind="stable")  # by pair, then by position
        positions = keep[order].astype(np.uint32)
        ordered = pairs[order]
        del pairs, order
        change = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        heads = np.concatenate([np.zeros(1, dtype=np.int64), change])
        grams = ordered[heads]
        offsets = np.concatenate([heads, np.array([len(ordered)], dtype=np.int64)])
    else:
        grams = np.zeros(0, dtype=np.uint64)
        positions = np.zeros(0, dtype=np.uint32)
        offsets = np.zeros(1, dtype=np.int64)
    arrays = {
        "grams": grams,
        "offsets": offsets,
        "positions": positions,
        "starts": starts.astype(np.uint32),  # a segment is far below 4 G characters, as its positions
        "kinds": np.frombuffer("".join(form.kinds for form in forms).encode("ascii", "replace"), dtype=np.uint8),
        "bounds": np.frombuffer(b"".join(bounds_parts) + b"\x01", dtype=np.uint8),
    }
    return arrays, docs


def _write_segment(directory: Path, name: str, forms: Sequence[scan.Form]) -> None:
    """Write a segment into directory/name, whole or not at all (made aside, renamed)."""
    np = load_numpy()
    arrays, docs = _segment_arrays(forms)
    tmp = directory / f".{name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        for key, values in arrays.items():
            np.save(tmp / f"{key}.npy", values, allow_pickle=False)
        (tmp / "docs.json").write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, directory / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# -- reading a segment ------------------------------------------------------------------------


class Segment:
    """One segment, its arrays mapped from disk (only the pages a query touches are read)."""

    def __init__(self, path: Path) -> None:
        np = load_numpy()
        try:
            self.docs: list[list[Any]] = json.loads((path / "docs.json").read_text(encoding="utf-8"))
            loaded = {key: np.load(path / f"{key}.npy", mmap_mode="r", allow_pickle=False) for key in _ARRAYS}
        except (OSError, ValueError, TypeError, json.JSONDecodeError) as error:
            raise GramIndexError(f"{path}: unreadable gram segment ({error})") from None
        self.grams: np.ndarray = loaded["grams"]
        self.offsets: np.ndarray = loaded["offsets"]
        self.positions: np.ndarray = loaded["positions"]
        self.starts: np.ndarray = np.asarray(loaded["starts"], dtype=np.int64)  # small: read whole
        self.kinds: np.ndarray = np.asarray(loaded["kinds"])
        self.bounds: np.ndarray = loaded["bounds"]
        self.blocks = len(self.starts) - 1
        counts = [int(doc[1]) for doc in self.docs] if isinstance(self.docs, list) else []
        if (len(counts) != len(self.docs) or sum(counts) != self.blocks or len(self.kinds) != self.blocks
                or len(self.offsets) != len(self.grams) + 1 or int(self.offsets[-1]) != len(self.positions)
                or len(self.bounds) != int(self.starts[-1]) + 1):
            raise GramIndexError(f"{path}: inconsistent gram segment")
        self.doc_first = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts, dtype=np.int64)])

    def _positions_of(self, pair: int) -> np.ndarray | None:
        np = load_numpy()
        at = int(np.searchsorted(self.grams, np.uint64(pair)))
        if at >= len(self.grams) or int(self.grams[at]) != pair:
            return None
        return self.positions[int(self.offsets[at]) : int(self.offsets[at + 1])]

    def positions_of(self, needle: str) -> np.ndarray:
        """Every position where `needle` starts (ascending, int64)."""
        np = load_numpy()
        points = [ord(char) for char in needle]
        if not points:
            return _empty()
        if len(points) == 1:  # every pair the character begins (each character but a block's last begins one)
            low = int(np.searchsorted(self.grams, np.uint64(points[0] << _SHIFT)))
            high = int(np.searchsorted(self.grams, np.uint64((points[0] + 1) << _SHIFT)))
            return np.sort(self.positions[int(self.offsets[low]) : int(self.offsets[high])].astype(np.int64))
        lists = []
        for i in range(len(points) - 1):
            found = self._positions_of((points[i] << _SHIFT) | points[i + 1])
            if found is None or not len(found):
                return _empty()
            lists.append(found)
        rarest = min(range(len(lists)), key=lambda i: len(lists[i]))
        candidates = lists[rarest].astype(np.int64) - rarest
        for i in sorted(range(len(lists)), key=lambda i: len(lists[i])):  # the rarer pairs cut most first
            if i == rarest:
                continue
            wanted = candidates + i
            pairs = lists[i]
            at = np.searchsorted(pairs, wanted)
            inside = at < len(pairs)
            hit = np.zeros(len(wanted), dtype=bool)
            hit[inside] = pairs[at[inside]] == wanted[inside]
            candidates = candidates[hit]
            if not len(candidates):
                return _empty()
        return candidates


def occurrences(segment: Segment, needle: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(blocks, counts, alignment) of the segment's blocks holding `needle`: block numbers
    ascending; how often each holds it as str.count counts (not overlapping); and how the
    occurrences sit on word boundaries, as core.scan.Form.alignment (2 both ends, 1 one, 0)."""
    np = load_numpy()
    positions = segment.positions_of(needle)
    if not len(positions):
        return _empty(), _empty(), _empty("int8")
    size = len(needle)
    blocks = np.searchsorted(segment.starts, positions, side="right") - 1
    bounds = segment.bounds
    classes = bounds[positions].astype(np.int8) + bounds[positions + size].astype(np.int8)
    heads = np.concatenate([np.zeros(1, dtype=np.int64), np.flatnonzero(blocks[1:] != blocks[:-1]) + 1])
    numbers = blocks[heads]
    counts = np.diff(np.concatenate([heads, np.array([len(blocks)], dtype=np.int64)]))
    align = np.maximum.reduceat(classes, heads)
    if size > 1 and len(positions) > 1 and _bordered(needle):
        close = np.flatnonzero((np.diff(positions) < size) & (blocks[1:] == blocks[:-1]))
        if len(close):  # overlapping occurrences: str.count takes them left to right, skipping overlaps
            counts = counts.copy()
            for block in np.unique(blocks[close + 1]):
                row = int(np.searchsorted(numbers, block))
                taken, last = 0, -size
                for position in positions[heads[row] : heads[row] + int(counts[row])].tolist():
                    if position >= last + size:
                        taken += 1
                        last = position
                counts[row] = taken
    return numbers, counts, align


def _bordered(needle: str) -> bool:
    """True if a proper prefix of `needle` is also its suffix (occurrences can overlap)."""
    return any(needle[:k] == needle[-k:] for k in range(1, len(needle)))


# -- the library's segments -----------------------------------------------------------------


def grams_dir(index_dir: Path) -> Path:
    return index_dir / "grams"


@dataclass
class _Entry:
    segment: str
    position: int  # the document's place in its segment
    chars: int


def _mark(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_size, stat.st_mtime_ns


def _read_manifest(directory: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("version") != GRAMS_VERSION or not isinstance(data.get("segments"), list):
        return []
    return [s for s in data["segments"] if isinstance(s, dict) and isinstance(s.get("name"), str) and isinstance(s.get("docs"), list)]


def _write_manifest(directory: Path, segments: list[dict[str, Any]]) -> None:
    _write_payload(directory / "manifest.json", json.dumps({"version": GRAMS_VERSION, "segments": segments}, ensure_ascii=False).encode("utf-8"))


def _current(segments: list[dict[str, Any]], marks: dict[str, tuple[int, int]]) -> dict[str, _Entry]:
    """Per document, the segment entry made from its search form as it is now (the latest)."""
    current: dict[str, _Entry] = {}
    for segment in segments:
        for position, (doc, size, mtime, chars) in enumerate(segment["docs"]):
            if marks.get(doc) == (size, mtime):
                current[doc] = _Entry(segment["name"], position, chars)
    return current


def form_marks(blocks_dir: Path, docs: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of each document's search form on disk (missing ones left out)."""
    wanted = set(docs)
    marks: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(blocks_dir) as entries:
            for entry in entries:
                if entry.name.endswith(".srch") and entry.name[:-5] in wanted:
                    marks[entry.name[:-5]] = _mark(entry.stat())
    except OSError:
        pass
    return marks


def update(index_dir: Path, blocks_dir: Path, docs: Iterable[str], load_form: Callable[[str], scan.Form | None]) -> bool:
    """Bring the gram index up to date with the search forms of `docs`: index those not in
    a segment as they are on disk, drop segments nothing current is in, merge small ones.
    True if anything was written. Safe against another process doing the same (a lock)."""
    from filelock import FileLock

    directory = grams_dir(index_dir)
    directory.mkdir(parents=True, exist_ok=True)
    with FileLock(str(directory / ".lock")):
        marks = form_marks(blocks_dir, docs)
        segments = [s for s in _read_manifest(directory) if (directory / s["name"]).is_dir()]
        current = _current(segments, marks)
        missing = sorted(set(marks) - current.keys())
        changed = False
        if missing:
            segments += _build(directory, missing, marks, load_form)
            changed = True
            current = _current(segments, marks)
        live = Counter(entry.segment for entry in current.values())
        kept = [s for s in segments if live[s["name"]]]
        if len(kept) != len(segments):
            changed = True
        segments = kept
        merged = _merge(directory, segments, current, marks, load_form)
        if merged is not None:
            segments = merged
            changed = True
        if changed or not (directory / "manifest.json").is_file():
            _write_manifest(directory, segments)
            _sweep(directory, {s["name"] for s in segments})
        return changed


def _build(directory: Path, docs: list[str], marks: dict[str, tuple[int, int]],
           load_form: Callable[[str], scan.Form | None]) -> list[dict[str, Any]]:
    """New segments of `docs` (at most SEGMENT_CHARS each); a form that cannot be read is damage."""
    made: list[dict[str, Any]] = []
    batch: list[scan.Form] = []
    chars = 0

    def flush() -> None:
        nonlocal batch, chars
        if batch:
            name = f"s{time.time_ns():x}-{os.urandom(4).hex()}"  # (not uuid: it imports platform)
            _write_segment(directory, name, batch)
            made.append({"name": name, "chars": chars,
                         "docs": [[f.doc, *marks[f.doc], len(f.text) + 1] for f in batch]})
        batch, chars = [], 0

    for doc in docs:
        form = load_form(doc)
        if form is None:
            raise GramIndexError(f"no search form for {doc}")
        if batch and chars + len(form.text) > SEGMENT_CHARS:
            flush()
        batch.append(form)
        chars += len(form.text) + 1
    flush()
    return made


def _size_class(chars: int) -> int:
    return int(math.log(max(chars, 1), MERGE_FACTOR))


def _merge(directory: Path, segments: list[dict[str, Any]], current: dict[str, _Entry],
           marks: dict[str, tuple[int, int]], load_form: Callable[[str], scan.Form | None]) -> list[dict[str, Any]] | None:
    """Segments after merging MERGE_FACTOR of one size class (by their current characters)
    and rewriting those mostly of replaced documents; None if none needed it."""
    live_chars: dict[str, int] = {}
    for entry in current.values():
        live_chars[entry.segment] = live_chars.get(entry.segment, 0) + entry.chars
    classes: dict[int, list[dict[str, Any]]] = {}
    rewrite: list[dict[str, Any]] = []
    for segment in segments:
        live = live_chars.get(segment["name"], 0)
        if live * 2 < int(segment.get("chars", 0)):  # mostly replaced documents: rewrite
            rewrite.append(segment)
        elif live < SEGMENT_CHARS // 2:
            classes.setdefault(_size_class(live), []).append(segment)
    for group in classes.values():
        if len(group) >= MERGE_FACTOR:
            rewrite += group
    if not rewrite:
        return None
    names = {s["name"] for s in rewrite}
    docs = sorted(doc for doc, entry in current.items() if entry.segment in names)
    return [s for s in segments if s["name"] not in names] + _build(directory, docs, marks, load_form)


def _sweep(directory: Path, keep: set[str]) -> None:
    """Delete segments the manifest no longer names (left by merges; old unfinished ones)."""
    for path in directory.iterdir():
        if path.name in keep or path.name == "manifest.json" or path.name == ".lock":
            continue
        try:
            if path.name.startswith(".") and time.time() - path.stat().st_mtime < 3600:
                continue  # another process may be writing it
        except OSError:  # gone meanwhile (another process's sweep)
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)  # on Windows a mapped file stays: removed next time
        elif path.name.startswith("."):
            path.unlink(missing_ok=True)


# -- the view a search reads -----------------------------------------------------------------


class Corpus:
    """The current blocks of the library's documents over all segments, numbered end to
    end (segment after segment). Blocks of documents replaced or removed since a segment
    was written are there but not `live`."""

    def __init__(self, segments: list[Segment], live_docs: list[tuple[int, int]]) -> None:
        np = load_numpy()
        self.segments = segments
        self.bases = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum([s.blocks for s in segments], dtype=np.int64)])
        self.blocks = int(self.bases[-1])
        #: every document entry of every segment, in block order
        entries = [(number, position) for number, segment in enumerate(segments) for position in range(len(segment.docs))]
        self.entry_of: dict[tuple[int, int], int] = {key: n for n, key in enumerate(entries)}
        self.entry_docs = [segments[s].docs[p] for s, p in entries]
        self.entry_first = np.array([int(self.bases[s] + segments[s].doc_first[p]) for s, p in entries] + [self.blocks], dtype=np.int64)
        sizes = np.diff(self.entry_first)
        self.block_entry = np.repeat(np.arange(len(entries), dtype=np.int64), sizes)
        self.kinds = np.concatenate([s.kinds for s in segments]) if segments else np.zeros(0, dtype=np.uint8)
        lengths = [np.diff(s.starts) - 1 for s in segments]
        self.lengths = np.concatenate(lengths).astype(np.int64) if lengths else _empty()
        self.entry_live = np.zeros(len(entries), dtype=bool)
        for key in live_docs:
            self.entry_live[self.entry_of[key]] = True
        self.live = self.entry_live[self.block_entry] if len(entries) else np.zeros(0, dtype=bool)
        #: the live entry of each document id
        self.doc_entry: dict[str, int] = {self.entry_docs[n][0]: n for n in np.flatnonzero(self.entry_live).tolist()}
        self._cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._cached = 0  # blocks held by the cache, over all its terms

    def doc(self, entry: int) -> str:
        return self.entry_docs[entry][0]

    def local(self, block: int) -> int:
        """The number of a (global) block within its document."""
        return block - int(self.entry_first[int(self.block_entry[block])])

    def occurrences(self, needle: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`occurrences` over every segment, in global block numbers (live and not); the
        last terms asked for are kept (a query's next page, or a term typed again)."""
        np = load_numpy()
        found = self._cache.get(needle)
        if found is None:
            parts = [occurrences(segment, needle) for segment in self.segments]
            blocks = np.concatenate([part[0] + base for part, base in zip(parts, self.bases.tolist())]) if parts else _empty()
            counts = np.concatenate([part[1] for part in parts]) if parts else _empty()
            align = np.concatenate([part[2] for part in parts]) if parts else _empty("int8")
            found = (blocks, counts, align)
            self._cache[needle] = found
            self._cached += len(blocks)
            while self._cached > CACHED_BLOCKS and len(self._cache) > 1:  # the terms asked for longest ago go
                self._cached -= len(self._cache.pop(next(iter(self._cache)))[0])
        return found


def open_corpus(index_dir: Path, blocks_dir: Path, docs: Sequence[str], load_form: Callable[[str], scan.Form | None]) -> Corpus:
    """The corpus of `docs` as their search forms are on disk, indexing those not yet (or
    no longer) in a segment first. A segment that will not load is read again from a
    fresh manifest (another process may have merged it away meanwhile) before it counts
    as damage."""
    directory = grams_dir(index_dir)
    updates = 0
    for attempt in range(4):
        marks = form_marks(blocks_dir, docs)
        segments = [s for s in _read_manifest(directory) if (directory / s["name"]).is_dir()]
        current = _current(segments, marks)
        if (set(marks) - current.keys() or not (directory / "manifest.json").is_file()) and updates < 2:
            update(index_dir, blocks_dir, docs, load_form)
            updates += 1
            continue
        try:
            loaded = [Segment(directory / s["name"]) for s in segments]
            for n, segment in enumerate(loaded):
                if [d[0] for d in segment.docs] != [d[0] for d in segments[n]["docs"]]:
                    raise GramIndexError(f"gram segment {segments[n]['name']} does not hold the documents listed")
        except GramIndexError:
            if attempt == 3:
                raise
            continue
        number = {s["name"]: n for n, s in enumerate(segments)}
        return Corpus(loaded, [(number[e.segment], e.position) for e in current.values()])
    raise GramIndexError("the gram index could not be brought up to date")


def clear(index_dir: Path) -> None:
    """Remove the gram index (a damaged one is then rebuilt from the search forms)."""
    shutil.rmtree(grams_dir(index_dir), ignore_errors=True)

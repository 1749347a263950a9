"""The gram index (core.grams): exact occurrences of any string, incremental segments
that answer as one built at once, and healing after a crash or damage."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from tests.core.search_support import corpus_occurrences, expected_blocks, scanned_occurrences, seeded, write_seed_variant  # noqa: F401
from tests.conftest import seed
from unidoreader.core import grams, index, scan
from unidoreader.core.library import Library
from unidoreader.core.search import Searcher


def _forms(library: Library) -> dict[str, scan.Form]:
    forms = {}
    for entry in library.entries():
        form = scan.load(index.form_path(library, entry.id).read_bytes())
        assert form is not None
        forms[entry.id] = form
    return forms


def _corpus(library: Library) -> grams.Corpus:
    forms = _forms(library)
    return grams.open_corpus(library.index_dir, index.blocks_dir(library), sorted(forms), forms.get)


def test_any_substring_of_the_seeds_is_found_exactly_where_it_occurs(seeded: Library) -> None:  # noqa: F811
    forms = _forms(seeded)
    corpus = _corpus(seeded)
    rng = random.Random(5)
    texts = [form.text for form in forms.values()]
    needles = {"的", "。", "工发组织", "2020", "00", "zzz", "...", "工业4.0"}
    for _ in range(60):  # random cuts of the text: one to twelve characters, some across a block's end
        text = rng.choice(texts)
        start = rng.randrange(len(text) - 12)
        needles.add(text[start : start + rng.randint(1, 12)].split("\n")[0] or "的")
    for needle in sorted(needles):
        assert corpus_occurrences(corpus, needle) == scanned_occurrences(forms, needle), needle


def test_documents_added_one_at_a_time_answer_as_one_segment_built_at_once(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")  # the five seeds
    index.ensure_index(library, workers=0)
    queries = ["工发组织", "的", "中等收入国家", "工发组织 -合作", "技术 OR 投资"]
    for number in range(9):  # nine more, each its own update: small segments, merged four at a time
        variant = write_seed_variant(seed("001"), tmp_path / f"v{number}.txt", f"第{number}号补充段落工发组织")
        library.import_files([variant], workers=0)
        index.ensure_index(library, workers=0)
    manifest = grams._read_manifest(grams.grams_dir(library.index_dir))
    assert len(manifest) < 9  # merged, not one segment per addition
    assert sorted(doc for s in manifest for doc, *_mark in s["docs"]) == sorted(e.id for e in library.entries())
    incremental = [Searcher(library).search(q, limit=30).record() for q in queries]

    rebuilt = Library.open(tmp_path / "lib")
    index.ensure_index(rebuilt, rebuild=True, workers=0)
    assert len(grams._read_manifest(grams.grams_dir(rebuilt.index_dir))) == 1
    assert [Searcher(rebuilt).search(q, limit=30).record() for q in queries] == incremental


def test_a_removed_document_is_no_longer_found_and_its_segment_is_rewritten(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    index.ensure_index(library, workers=0)
    searcher = Searcher(library)
    by_size = sorted(library.entries(), key=lambda e: -index.form_path(library, e.id).stat().st_size)
    gone = by_size[0].id
    assert searcher.search(f"doc:{gone} 工发组织").total > 0
    for entry in by_size[:3]:  # most of the one segment's text: it is rewritten without them
        library.remove(entry.id)
    index.ensure_index(library, workers=0)
    assert searcher.search(f"doc:{gone} 工发组织").total == 0
    assert gone not in searcher.search("工发组织", limit=100).per_document
    manifest = grams._read_manifest(grams.grams_dir(library.index_dir))
    assert sorted(doc for s in manifest for doc, *_mark in s["docs"]) == sorted(e.id for e in library.entries())


@pytest.mark.parametrize("damage", ["segment deleted", "segment garbled", "manifest garbled", "no gram index", "crash while writing"])
def test_a_damaged_or_missing_gram_index_heals_and_answers_the_same(tmp_path: Path, damage: str) -> None:
    library = Library.open(tmp_path / "lib")
    index.ensure_index(library, workers=0)
    expected = expected_blocks(library, "中等收入国家")
    directory = grams.grams_dir(library.index_dir)
    segment = next(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
    if damage == "segment deleted":
        shutil.rmtree(segment)
    elif damage == "segment garbled":
        (segment / "positions.npy").write_bytes(b"\x93NUMPY garbage")
    elif damage == "manifest garbled":
        (directory / "manifest.json").write_text("{", encoding="utf-8")
    elif damage == "no gram index":  # an index written by a version without one
        shutil.rmtree(directory)
    else:  # a segment half written (its temporary folder) and never named in the manifest
        (directory / ".s0-dead.123.tmp").mkdir()
        (directory / ".s0-dead.123.tmp" / "grams.npy").write_bytes(b"half")
    searcher = Searcher(library)
    assert {(h.doc, h.block) for h in searcher.search("中等收入国家", limit=1000).hits} == expected
    assert {(h.doc, h.block) for h in Searcher(library).search("中等收入国家", limit=1000).hits} == expected


def test_a_segment_holds_each_position_once_by_pair(tmp_path: Path) -> None:
    """A segment of a form eight times holds eight times its positions under the same pairs."""
    library = Library.open(tmp_path / "lib")
    index.ensure_index(library, workers=0)
    forms = list(_forms(library).values())
    one, _docs = grams._segment_arrays(forms[:1])
    eight, _docs = grams._segment_arrays(forms[:1] * 8)
    assert len(eight["positions"]) == 8 * len(one["positions"])
    assert len(eight["grams"]) == len(one["grams"])  # the same pairs, more positions each

"""Generators of hostile inputs (issue 18), as property tests: bench/fuzz.py runs them with
many times more cases (UNIDOREADER_FUZZ_SCALE).

- documents made of long runs of one character of every kind and of many repeats of
  each structure the parser knows: parsed and segmented, nothing lost;
- files of every kind a path can name (regular, empty, binary, a FIFO, a device, a
  folder, a symbolic link to a device or to nothing) under odd names (bytes that are not
  UTF-8, control characters, newlines, a leading dash, long names): read as text or
  refused with one line, never blocking;
- those names imported into a library: the catalog takes them, the CLI shows them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FUZZ_SCALE, seed
from tests.core.parse.conftest import lost_characters
from tests.core.test_pathological import RUN_CHARACTERS, STRUCTURES
from unidoreader.core import analysis
from unidoreader.core.errors import InputError
from unidoreader.core.index import segment_blocks
from unidoreader.core.library import Library
from unidoreader.core.parse import parse_document, read_text

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

run = st.tuples(st.sampled_from(RUN_CHARACTERS), st.integers(1, 3000 * FUZZ_SCALE)).map(lambda t: t[0] * t[1])
repeats = st.tuples(st.sampled_from(sorted(STRUCTURES)), st.integers(1, 400 * FUZZ_SCALE)).map(
    lambda t: "\n".join(STRUCTURES[t[0]](i) for i in range(t[1])))
hostile_document = st.lists(st.one_of(run, repeats, st.text(max_size=20)), min_size=1, max_size=6).map("\n".join)


@settings(max_examples=25 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_document)
def test_hostile_documents_parse_and_segment_losing_nothing(text: str) -> None:
    parsed = parse_document(text, "hostile.txt")
    assert lost_characters(text, parsed) == {}
    segmented = segment_blocks([block.text for block in parsed.report.blocks])
    assert ["".join(seg.split(analysis.BOUNDARY)) for seg in segmented.segs] == [analysis.normalize(b.text) for b in parsed.report.blocks]


NAME_BYTES = st.lists(st.sampled_from([b"a", b"\xe9", b"\xff", b"\x1b[2J", b"\n", b"\t", b" ", b"-", b"\xe4\xb8\xad", b".txt", b"$(x)", b"\x7f"]),
                      min_size=1, max_size=12).map(b"".join)
KINDS = ["text", "empty", "binary", "fifo", "folder", "link-to-device", "dangling-link", "gb18030"] + (["device"] if IS_ROOT else [])


def _make(path: bytes, kind: str) -> None:
    if kind == "text":
        with open(path, "wb") as handle:
            handle.write(seed("001").read_text(encoding="utf-8")[:1500].encode("utf-8") + b"\n")
    elif kind == "gb18030":
        with open(path, "wb") as handle:
            handle.write("一. 导言\n\n1. 工发组织的报告。\n".encode("gb18030"))
    elif kind == "empty":
        open(path, "wb").close()
    elif kind == "binary":
        with open(path, "wb") as handle:
            handle.write(bytes(range(256)) * 4)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        os.mkdir(path)
    elif kind == "link-to-device":
        os.symlink(b"/dev/zero", path)
    elif kind == "dangling-link":
        os.symlink(b"/nonexistent/nothing", path)
    elif kind == "device":
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("odd")


@settings(max_examples=60 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAME_BYTES, kind=st.sampled_from(KINDS))
def test_any_file_under_any_name_is_read_or_refused_in_one_line(scratch: Path, name: bytes, kind: str) -> None:
    folder = os.fsencode(scratch) + b"/" + os.urandom(6).hex().encode()
    os.mkdir(folder)
    path = folder + b"/" + name.replace(b"/", b"_")
    _make(path, kind)
    try:
        text = read_text(Path(os.fsdecode(path)))
    except InputError as error:
        message = str(error)
        assert kind != "text" and "\n" not in message and "\x1b" not in message, message
    else:
        assert kind in ("text", "gb18030") and text.strip()


@pytest.fixture(scope="module")
def odd_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return Library.open(tmp_path_factory.mktemp("odd-library") / "lib")


@settings(max_examples=15 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAME_BYTES, marker=st.integers(0, 10**9))
def test_files_with_odd_names_import_and_are_found_by_their_name(odd_library: Library, scratch: Path, name: bytes, marker: int) -> None:
    folder = os.fsencode(scratch) + b"/" + os.urandom(6).hex().encode()
    os.mkdir(folder)
    name = str(marker).encode() + name.replace(b"/", b"_")  # unique: found by name alone
    path = folder + b"/" + name
    with open(path, "wb") as handle:
        handle.write(seed("002").read_bytes() + f"\n\n99. 奇怪文件名标记{name.hex()}。\n".encode())
    (result,) = odd_library.import_files([Path(os.fsdecode(path))])
    entry = result.entry
    entry.source.encode("utf-8")  # a name the catalog (JSON, UTF-8) can hold
    assert odd_library.find(os.fsdecode(name)) == entry.id
    assert Library.open(odd_library.root).entry(entry.id).source == entry.source

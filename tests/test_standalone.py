"""The repository stands alone: a clone has no sibling folders, so nothing may read them."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Spelled in two pieces so that this file does not match its own search.
SIBLING = ".." + "/shared"


def test_no_tracked_file_refers_to_a_sibling_folder() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode("utf-8").split("\0")
    offenders = []
    for name in filter(None, tracked):
        path = REPO / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary test material (PDF, Word)
        if SIBLING in text or SIBLING.replace("/", "\\") in text:
            offenders.append(name)
    assert offenders == []


def test_the_hand_labels_are_in_the_repository() -> None:
    data = REPO / "tests" / "data"
    for name in ("acceptance/seeds.json", "acceptance/tables.json", "un-en/labels.json", "un-en/PROVENANCE.md"):
        assert (data / name).is_file(), name

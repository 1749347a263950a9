"""The parser through the command line: `outline`/`show` of a seed file (parsed on the fly)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.core.parse.conftest import REPO, SEEDS
from unidoreader import cli


def test_outline_json_of_000_matches_acceptance(acceptance: dict, capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    name = "000_bdb54e24888df284.txt"
    assert cli.main(["--library", str(tmp_path / "lib"), "outline", str(SEEDS / name), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    got = [[r["level"], r["label"], "".join(r["title"].split())] for r in records]
    assert got == [[lv, lb, "".join(t.split())] for lv, lb, t in acceptance[name]["outline"]]
    assert records[0]["paragraph"] == "1" and records[0]["id"] == "一"


def test_outline_command_as_installed(acceptance: dict, tmp_path) -> None:
    """The console script itself, as a user runs it."""
    exe = REPO / ".venv" / "bin" / "unidoreader"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "unidoreader"]
    name = "000_bdb54e24888df284.txt"
    out = subprocess.run(
        [*command, "--library", str(tmp_path / "lib"), "outline", f"seeds/{name}", "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    got = [[r["level"], r["label"], "".join(r["title"].split())] for r in json.loads(out)]
    assert got == [[lv, lb, "".join(t.split())] for lv, lb, t in acceptance[name]["outline"]]


def test_show_json_of_003_links_footnotes(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    assert cli.main(["--library", str(tmp_path / "lib"), "show", str(SEEDS / "003_8813ef881b0c24cc.txt"), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [f["label"] for f in record["footnotes"]] == ["1", "2", "3", "4"]
    para1 = next(b for b in record["blocks"] if b["label"] == "1")
    assert "发起行动十年，呼吁" in para1["text"]  # the bare reference digit left the sentence
    assert record["metadata"]["session"] == 48 and record["metadata"]["footnotes"] == 4

"""`compare OLD NEW`: the JSON contract, the change-summary PDF, the CSV of changed figures."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import seed
from unidoreader.cli import main


def test_compare_json_has_the_contract_shape_and_block_ids_of_both(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(seed("000")), str(seed("001")), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"old", "new", "summary", "pairs"}
    assert record["old"] == "814d67258aebcce6" and record["new"] == "8537f5be1bde4bee"
    statuses = {p["status"] for p in record["pairs"]}
    assert statuses <= {"same", "changed", "moved", "added", "removed"} and {"same", "changed", "added", "removed"} <= statuses
    cover = record["pairs"][0]
    assert cover["old"] == ["n542fe8cc98"] and cover["new"] == ["n484e8561f7"] and cover["status"] == "changed"
    assert {"old": "第四十六届", "new": "第五十二届", "kind": "ordinal"}.items() <= cover["figures"][0].items()
    assert any(c["old"] == "第四十六届" and c["new"] == "第五十二届" for c in cover["changes"])
    assert record["summary"]["added"] == sum(p["status"] == "added" for p in record["pairs"])


def test_compare_writes_a_pdf_of_both_versions_and_a_csv_of_the_figures(tmp_path: Path) -> None:
    pdf, table = tmp_path / "changes.pdf", tmp_path / "figures.csv"
    # in a process of its own: the PDF needs a QGuiApplication, the GUI tests a QApplication
    run = subprocess.run([sys.executable, "-m", "unidoreader", "compare", str(seed("000")), str(seed("001")),
                          "--pdf", str(pdf), "--csv", str(table)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "个数字变动" in run.stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "变动摘要" in flat and "变动的数字" in flat
    assert "168个成员国" in flat and "103个成员国" in flat  # the changed figures table
    assert "理事会不妨注意本文件所载信息" in flat and "理事会似宜注意到本文件所载信息" in flat  # both versions
    rows = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert any(r["kind"] == "count" and r["old"] == "168 个成员国" and r["new"] == "103个成员国"
               and (r["old_label"], r["new_label"]) == ("6", "1") for r in rows)
    assert {(r["old"], r["new"]) for r in rows} >= {("第四十六届", "第五十二届"), ("GC.17/Res.6", "GC.18/Res.9")}


def test_compare_with_one_doc_uses_its_predecessor_in_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "8537", "--json"]) == 0  # IDB.52 (001): its predecessor is IDB.46 (000)
    assert json.loads(capsys.readouterr().out)["old"] == "814d67258aebcce6"


def test_compare_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["compare", str(seed("000")), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unidoreader: ") and err.count("\n") == 1
    assert main(["compare", "814d"]) == 2  # the 2018 report has no earlier one
    assert "no earlier report" in capsys.readouterr().err

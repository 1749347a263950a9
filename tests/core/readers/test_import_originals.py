"""PDF and Word files in the library: kept as imported, one document per file, pages in
`show --json` and `search --json`, and a failed import changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, seed
from unidoreader.cli import main

PDF = DATA / "un-en" / "A_80_604_Add.5.pdf"
DOCX = DATA / "un-en" / "A_80_604_Add.5.docx"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_original_is_kept_and_the_same_file_twice_is_one_document(capsys, tmp_path: Path) -> None:
    before = {r["id"] for r in run_json(capsys, "list")}
    copy = tmp_path / "renamed copy.pdf"
    shutil.copy(PDF, copy)
    first = run_json(capsys, "import", str(PDF), str(DOCX))
    again = run_json(capsys, "import", str(copy))
    assert [r["added"] for r in first] == [True, True] and again[0]["added"] is False
    assert again[0]["id"] == first[0]["id"]
    after = run_json(capsys, "list")
    assert {r["id"] for r in after} == before | {first[0]["id"], first[1]["id"]}
    assert {r["symbol"] for r in after if r["id"] in (first[0]["id"], first[1]["id"])} == {"A/80/604/Add.5"}
    library = Path.home() / "library"
    kept = library / "documents" / f"{first[0]['id']}.pdf"
    assert kept.read_bytes() == PDF.read_bytes()


def test_blocks_of_a_pdf_know_their_pages_and_text_reports_have_none(capsys) -> None:
    record = run_json(capsys, "show", str(PDF))
    pages = [b.get("pages") for b in record["blocks"]]
    assert all(p and p == sorted(p) and 1 <= p[0] <= 18 for p in pages)
    assert max(p[-1] for p in pages) == 18  # the text runs to the last page
    text = run_json(capsys, "show", str(seed("001")))
    assert all("pages" not in b for b in text["blocks"])
    word = run_json(capsys, "show", str(DOCX))
    assert all("pages" not in b for b in word["blocks"])


def test_search_hits_in_a_pdf_give_their_page(capsys) -> None:
    (doc,) = run_json(capsys, "import", str(PDF))
    result = run_json(capsys, "search", f"Advisory doc:{doc['id']}", "--limit", "50")
    assert result["total"] >= 5
    shown = {b["id"]: b for b in run_json(capsys, "show", doc["id"])["blocks"]}
    for hit in result["hits"]:
        assert hit["page"] == shown[hit["block"]]["pages"][0]
    text_hits = run_json(capsys, "search", "清洁氢")["hits"]
    assert text_hits and all("page" not in h for h in text_hits)


def test_page_renders_a_png(capsys, tmp_path: Path) -> None:
    out = tmp_path / "p.png"
    result = run_json(capsys, "page", str(PDF), "2", "-o", str(out), "--dpi", "50")
    assert out.read_bytes()[:4] == b"\x89PNG" and result["width"] == round(612 * 50 / 72)
    assert main(["page", str(PDF), "99", "-o", str(out)]) == 2
    assert "no page 99" in capsys.readouterr().err


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(PDF.read_bytes()[:40000]), "incomplete"),
    (lambda p: p.write_bytes(DOCX.read_bytes()[:30000]), "damaged"),
])
def test_a_bad_file_among_good_ones_imports_nothing(capsys, tmp_path: Path, make, message) -> None:
    before = run_json(capsys, "list")
    bad = tmp_path / ("bad.pdf" if "incomplete" in message else "bad.docx")
    make(bad)
    assert main(["import", str(PDF), str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert run_json(capsys, "list") == before
    documents = Path.home() / "library" / "documents"
    assert not list(documents.glob("*.pdf"))

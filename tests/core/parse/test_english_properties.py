"""Property: the English rules never raise on arbitrary English-looking text and never
lose text (the invariant of tests/core/parse/conftest.py: every character beyond
whitespace, marker punctuation and removed furniture reaches the Report)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FUZZ_SCALE
from tests.core.parse.conftest import lost_characters
from unidoreader.core.model import BlockKind
from unidoreader.core.parse import parse_document

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:()*/-–$%¹²"
MARKERS = [
    "United Nations A/80/596", "A/80/596", "General Assembly Distr.: General", "23 January 2026", "Original: English",
    "Eightieth session", "Eighty-first session", "Agenda item 156 (a)", "Items 138 and 139 of the preliminary list**",
    "Report of the Secretary-General", "Report by the Director General", "Contents", "Page",
    "I. Mandate, results achieved and planned outcome ........ 6", "A. Mandate .................... 6", "Summary",
    "I. Introduction", "II. Financial resources", "A. Overall", "B. Other matters", "1. Military and police personnel",
    "Subprogramme 1", "Annex", "Organization chart", "Map", "Table 28.1", "Figure 28.I",
    "(Thousands of United States dollars)", "1. The Committee notes the report.", "2. The Committee was informed that",
    "3. It recommends:", "28.1 The Department will act.", "28.2 It will report", "31.I.1 The Commission met.",
    "(a) Investment revenue;", "(b) Other revenue;", "(i) first;", "¹ Excludes one-time requirements.",
    "1 Estimates as at 28 February 2026.", "* Reissued for technical reasons on 27 April 2026.", "** A/81/50.",
    "26-00883 (E) 190226", "*2600883*", "2/24 26-00883", "26-00883 3/24", "__________________",
    "Vienna, 25–27 November 2024", "Industrial Development Board", "Fifty-second session", "", " ",
]

line = st.one_of(st.sampled_from(MARKERS), st.text(alphabet=ALPHABET, max_size=50))
document = st.tuples(st.lists(line, max_size=60), st.sampled_from(["\n", "\r\n", "\n\n", "\f\n"])).map(
    lambda t: t[1].join(["United Nations A/80/1", "Report of the Secretary-General", *t[0]])
)


@settings(max_examples=300 * FUZZ_SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_arbitrary_english_text_never_raises_and_loses_nothing(text: str) -> None:
    parsed = parse_document(text, "fuzz.txt")
    assert parsed.report.metadata.language == "en"
    assert lost_characters(text, parsed) == {}
    report = parsed.report
    ids = [b.id for b in report.blocks]
    assert len(ids) == len(set(ids))
    sections = [s.id for s in report.walk_sections()]
    assert len(sections) == len(set(sections))
    assert len(parsed.spans) == len(report.blocks)
    for block in report.blocks:
        if block.kind is not BlockKind.TABLE:
            assert "\n" not in block.text

"""What the parser's passes hand each other: classified lines (Tok) and the result (Parsed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from unidoreader.core.model import Report
from unidoreader.core.parse.text import han_count

TITLE_BAD_END = "。；，：,;:"


@dataclass
class Tok:
    """One classified content line (or a run of lines for tables and multi-line headings)."""

    kind: str  # heading | para | item | text | table
    start: int
    lines: list[int]
    rest: str = ""  # text of the first line after its marker
    label: str | None = None
    level: int = 0
    title: str = ""


@dataclass
class Parsed:
    """The report plus what the parser removed (for the "nothing lost" accounting)."""

    report: Report
    furniture: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # first/last source line (0-based) of each block


def title_ok(title: str, limit: int = 50) -> bool:
    """Whether a line can be a heading title: short, no sentence in it, some Chinese."""
    t = title.strip()
    return (bool(t) and len(t) <= limit and t[-1] not in TITLE_BAD_END and "。" not in t and han_count(t) >= 1
            and t[0] not in "）)，。；：、,.;:•·")


@lru_cache(maxsize=8192)  # the passes ask for the same lines' widths again and again
def width(s: str) -> float:
    """Printed width in Han characters (Latin letters and digits count half)."""
    compact = "".join(s.split())
    return len(compact) - 0.5 * len(compact.encode("ascii", "ignore"))

"""Reader hints applied to the parsed report (Word headings and tables)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from unidoreader.core.model import Report

if TYPE_CHECKING:
    from unidoreader.core.parse import Parsed
    from unidoreader.core.readers import SourceText


def apply_roles(parsed: "Parsed", source: "SourceText") -> Report:
    return parsed.report

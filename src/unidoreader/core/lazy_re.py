"""Regular expressions compiled on first use.

A module that defines many patterns at import pays for compiling every one of them
whenever it is imported, even in a process that uses none of them: the GUI imports
core.references at start (references are read from the library, not found again),
and its thirty-odd patterns, some large, cost more to compile than the rest of the
module. `lazy_re.compile` takes the arguments of `re.compile` and returns a stand-in
that compiles the pattern the first time it is used; from then on its methods are the
compiled pattern's own (bound methods kept on the stand-in), so a hot loop pays one
attribute look-up, as it would on the pattern itself.

Only for module-level patterns used through their methods and attributes (`P.search`,
`P.sub`, `P.pattern`, ...): `re.sub(P, ...)` or `isinstance(P, re.Pattern)` need the
real pattern, which `P.compiled()` returns.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["compile"]

# What a compiled pattern offers (re.Pattern's public methods and attributes).
_FORWARDED = ("search", "match", "fullmatch", "split", "findall", "finditer", "sub", "subn", "scanner",
              "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """Stands in for `re.compile(source, flags)` until first use (see the module's doc)."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def compiled(self) -> "re.Pattern[str]":
        """The compiled pattern (compiled now if it was not yet)."""
        pattern = re.compile(self._source, self._flags)
        for name in _FORWARDED:  # found on the instance from now on: __getattr__ is not called again
            setattr(self, name, getattr(pattern, name))
        return pattern

    def __getattr__(self, name: str) -> Any:
        # only for attributes not set yet, i.e. before the first use
        if name.startswith("_") or name not in _FORWARDED:
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return compile, (self._source, self._flags)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self._source!r}, {self._flags!r})"


def compile(pattern: str, flags: int = 0) -> "re.Pattern[str]":  # noqa: A001 - the name of re.compile, on purpose
    """`re.compile(pattern, flags)`, compiled when first used."""
    return cast("re.Pattern[str]", LazyPattern(pattern, int(flags)))

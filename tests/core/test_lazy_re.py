"""core.lazy_re: a pattern compiled on first use answers exactly as re.compile's would."""

from __future__ import annotations

import pickle
import re

from unidoreader.core import lazy_re

TEXT = "见 IDB.51/Dec.4 号决定和 GC.17/Res.6 号决议，以及 IDB.51/20 号文件。"


def test_a_lazy_pattern_is_compiled_when_first_used_and_answers_as_re_does() -> None:
    source, flags = r"(?P<organ>IDB|GC)\.(?P<session>\d+)/(?P<rest>[A-Za-z.]*\d+)", re.IGNORECASE
    lazy, eager = lazy_re.compile(source, flags), re.compile(source, flags)
    assert "search" not in vars(lazy)  # nothing compiled yet
    assert lazy.pattern == eager.pattern and lazy.flags == eager.flags  # (the first use compiles it)
    assert "search" in vars(lazy)
    assert [m.groupdict() for m in lazy.finditer(TEXT)] == [m.groupdict() for m in eager.finditer(TEXT)]
    assert lazy.findall(TEXT) == eager.findall(TEXT) and len(lazy.findall(TEXT)) == 3
    assert lazy.sub(r"\g<organ>", TEXT) == eager.sub(r"\g<organ>", TEXT)
    assert lazy.split(TEXT) == eager.split(TEXT)
    assert lazy.match(TEXT) is None and lazy.search(TEXT).group(0) == "IDB.51/Dec.4"  # type: ignore[union-attr]
    assert lazy.groupindex == eager.groupindex and lazy.groups == 3


def test_a_lazy_pattern_survives_pickling_and_offers_its_compiled_pattern() -> None:
    lazy = lazy_re.compile(r"\d+/\d+")
    again = pickle.loads(pickle.dumps(lazy))
    assert again.findall(TEXT) == ["51/20"]
    assert isinstance(lazy.compiled(), re.Pattern)  # type: ignore[attr-defined]
    assert re.sub(lazy.compiled(), "N", "1/2 and 3/4") == "N and N"  # type: ignore[attr-defined]

"""PDFium calls made once per character or page object, in bulk.

A 100-page report has some 130,000 characters and 65,000 page objects, and PDFium has no
call that returns more than one character's box. Through pypdfium2's typed bindings each
call also converts its handle and `byref` arguments and each box is read field by field
from a ctypes structure, which costs more than PDFium's own work. So the few functions
called per character or object are bound again here with plain argument types (handles
and buffers passed as addresses; the character box with none at all), called through
`map` (the loop stays in C) and their boxes written into one buffer that is read back in
one go. The values are the ones the typed bindings give: the same functions, the same
float32 boxes (tests/core/readers/test_pdfium_calls.py compares them). Callers keep the
pypdfium2 page or text page whose address they pass open while they call.

Callers hold `readers.pdf.PDFIUM_LOCK`, as for every PDFium call.
"""

from __future__ import annotations

import ctypes
from array import array
from functools import lru_cache
from itertools import repeat
from typing import Any, Callable, NamedTuple, Sequence

_VOIDP = ctypes.c_void_p
_INT = ctypes.c_int


def address(handle: Any) -> int:
    """A pypdfium2 raw handle (a ctypes pointer) as the integer address the calls here take."""
    return ctypes.cast(handle, _VOIDP).value or 0


def _rebound(function: Any, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """The same library function with other argument types: a new function pointer of the
    library's own kind (so its calling convention), leaving pypdfium2's binding as it is."""
    fresh = type(function)(address(function))
    fresh.restype = restype
    fresh.argtypes = argtypes
    return fresh


def _unchecked(function: Any, restype: Any) -> Callable[..., Any]:
    """The same library function with no argument types at all: ctypes then converts
    nothing (a ctypes pointer or `byref` goes as a pointer, a Python int as a C int), the
    cheapest call there is, for the one made once per character."""
    fresh = type(function)(address(function))
    fresh.restype = restype
    return fresh


class _Calls(NamedTuple):
    loose_box: Callable[[ctypes.c_void_p, int, Any], int]  # unchecked: see loose_boxes
    char_angle: Callable[[int, int], float]
    font_size: Callable[[int, int], float]
    font_weight: Callable[[int, int], int]
    font_info: Callable[[int, int, int, int, int], int]
    get_object: Callable[[int, int], int | None]
    object_type: Callable[[int | None], int]
    object_bounds: Callable[[int, int, int, int, int], int]


@lru_cache(maxsize=1)
def _calls() -> _Calls:
    import pypdfium2.raw as c

    return _Calls(
        loose_box=_unchecked(c.FPDFText_GetLooseCharBox, _INT),
        char_angle=_rebound(c.FPDFText_GetCharAngle, ctypes.c_float, _VOIDP, _INT),
        font_size=_rebound(c.FPDFText_GetFontSize, ctypes.c_double, _VOIDP, _INT),
        font_weight=_rebound(c.FPDFText_GetFontWeight, _INT, _VOIDP, _INT),
        font_info=_rebound(c.FPDFText_GetFontInfo, ctypes.c_ulong, _VOIDP, _INT, _VOIDP, ctypes.c_ulong, _VOIDP),
        get_object=_rebound(c.FPDFPage_GetObject, _VOIDP, _VOIDP, _INT),
        object_type=_rebound(c.FPDFPageObj_GetType, _INT, _VOIDP),
        object_bounds=_rebound(c.FPDFPageObj_GetBounds, _INT, _VOIDP, _VOIDP, _VOIDP, _VOIDP, _VOIDP),
    )


def loose_boxes(textpage: int, indexes: Sequence[int]) -> tuple[list[int], list[float]]:
    """FPDFText_GetLooseCharBox of each character in `indexes`: whether PDFium gave a box,
    and the boxes as one flat list (left, top, right, bottom per character, PDF units)."""
    n = len(indexes)
    buffer = (ctypes.c_float * (4 * n))()
    # unchecked call: the page as a ctypes pointer, each index a C int, each box a byref
    # into the buffer (16 bytes a box); a fifth cheaper than converting typed arguments
    got = list(map(_calls().loose_box, repeat(_VOIDP(textpage), n), indexes, map(ctypes.byref, repeat(buffer, n), range(0, 16 * n, 16))))
    return got, array("f", bytes(buffer)).tolist()


def char_angles(textpage: int, indexes: Sequence[int]) -> list[float]:
    """FPDFText_GetCharAngle of each character in `indexes` (radians)."""
    return list(map(_calls().char_angle, repeat(textpage, len(indexes)), indexes))


def font_size(textpage: int, index: int) -> float:
    return _calls().font_size(textpage, index)


def font_weight(textpage: int, index: int) -> int:
    return _calls().font_weight(textpage, index)


def font_info(textpage: int, index: int, name: ctypes.Array[ctypes.c_char], flags: ctypes.c_int) -> int:
    """FPDFText_GetFontInfo into `name` and `flags`: the length of the name with its NUL, 0 if none."""
    return _calls().font_info(textpage, index, ctypes.addressof(name), len(name), ctypes.addressof(flags))


def objects_of_type(page: int, count: int, kind: int) -> list[int]:
    """The page's top-level objects of one FPDF_PAGEOBJ_* type (handles as addresses)."""
    calls = _calls()
    objects = list(map(calls.get_object, repeat(page, count), range(count)))
    return [obj for obj, got in zip(objects, map(calls.object_type, objects)) if got == kind and obj]


def object_bounds(obj: int, out: Sequence[ctypes.c_float]) -> bool:
    """FPDFPageObj_GetBounds into out = (left, bottom, right, top)."""
    return bool(_calls().object_bounds(obj, *map(ctypes.addressof, out)))

"""The bulk PDFium calls (readers.pdfium_calls) give what pypdfium2's typed bindings give.

The reader's boxes, angles and rules come from PDFium functions bound a second time with
plain argument types; a pypdfium2 upgrade that changed a signature or calling convention
would move every line's box or lose the tables' rules without an error. So the values are
checked against the typed calls on real pages: a landscape page of A/80/600 (its header
set sideways) and its first page (its rules are path objects).
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as c

from tests.conftest import DATA
from unidoreader.core.readers import pdfium_calls

REPORT = DATA / "un-en" / "A_80_600.pdf"


def test_char_boxes_and_angles_match_the_typed_calls() -> None:
    document = pdfium.PdfDocument(REPORT)
    try:
        page = document[31]  # landscape: a table page with the running header along its edge
        assert page.get_size()[0] > page.get_size()[1]
        textpage = page.get_textpage()
        raw = textpage.raw
        indexes = list(range(c.FPDFText_CountChars(raw)))
        got, boxes = pdfium_calls.loose_boxes(pdfium_calls.address(raw), indexes)
        angles = pdfium_calls.char_angles(pdfium_calls.address(raw), indexes)
        rect = c.FS_RECTF()
        expected_boxes: list[float] = []
        expected_got = []
        for i in indexes:
            ok = c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect))
            expected_got.append(ok)
            expected_boxes += [rect.left, rect.top, rect.right, rect.bottom] if ok else [0.0] * 4
        assert len(indexes) > 200 and got == expected_got
        assert [b for k, b in enumerate(boxes) if got[k // 4]] == [b for k, b in enumerate(expected_boxes) if got[k // 4]]
        assert angles == [c.FPDFText_GetCharAngle(raw, i) for i in indexes]
        assert any(0.5 < a < 3.0 for a in angles)  # the sideways header is there to be found
        handle = pdfium_calls.address(raw)
        name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
        typed_name, typed_flags = ctypes.create_string_buffer(128), ctypes.c_int()
        for i in indexes[::40]:
            assert pdfium_calls.font_size(handle, i) == c.FPDFText_GetFontSize(raw, i)
            assert pdfium_calls.font_weight(handle, i) == c.FPDFText_GetFontWeight(raw, i)
            length = pdfium_calls.font_info(handle, i, name, flags)
            assert length == c.FPDFText_GetFontInfo(raw, i, typed_name, 128, ctypes.byref(typed_flags))
            assert (name.value, flags.value) == (typed_name.value, typed_flags.value)
        textpage.close()
        page.close()
    finally:
        document.close()


def test_path_objects_and_bounds_match_the_typed_calls() -> None:
    document = pdfium.PdfDocument(REPORT)
    try:
        page = document[0]
        raw = page.raw
        count = c.FPDFPage_CountObjects(raw)
        typed = [c.FPDFPage_GetObject(raw, i) for i in range(count)]
        typed_paths = [obj for obj in typed if c.FPDFPageObj_GetType(obj) == c.FPDF_PAGEOBJ_PATH]
        paths = pdfium_calls.objects_of_type(pdfium_calls.address(raw), count, c.FPDF_PAGEOBJ_PATH)
        assert len(paths) >= 1 and paths == [pdfium_calls.address(obj) for obj in typed_paths]
        out = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        expected = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        for obj, typed_obj in zip(paths, typed_paths):
            assert pdfium_calls.object_bounds(obj, out) == bool(c.FPDFPageObj_GetBounds(typed_obj, *map(ctypes.byref, expected)))
            assert [v.value for v in out] == [v.value for v in expected]
        page.close()
    finally:
        document.close()

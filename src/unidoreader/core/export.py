"""Content leaving the app: selected sections as HTML for Qt's document classes, tables as CSV.

Everything here is plain Python (the Qt typesetting of the HTML lives in gui/printing.py).
All document text is HTML-escaped: a report is untrusted text.
"""

from __future__ import annotations

"""A comparison leaving the app: a change summary as HTML for the print path (gui/printing
typesets it like a briefing pack) and the changed figures as CSV.

Plain Python; all report text is HTML-escaped (a report is untrusted text).
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from unidoreader.core.compare import Comparison, Pair
from unidoreader.core.export import _STYLE, running_context, running_title
from unidoreader.core.model import Block, Report

FIGURE_COLUMNS = ("kind", "old", "new", "old_block", "new_block", "old_section", "new_section", "old_label", "new_label")

_KIND_NAMES = {"symbol": "文号", "date": "日期", "percent": "百分比", "money": "金额", "ordinal": "序数",
               "count": "数量", "number": "数字"}
_STATUS_NAMES = {"changed": "修改", "moved": "移动", "added": "新增", "removed": "删除", "same": "相同"}
_EXTRA_STYLE = """
td.old { background-color: #fdf1f1; }
td.new { background-color: #eff8ef; }
span.del { color: #b00020; text-decoration: line-through; }
span.ins { color: #006b21; font-weight: bold; }
p.summary { font-size: 11pt; margin-bottom: 0.8em; }
p.where { font-size: 8.5pt; color: #555555; margin-top: 0.8em; margin-bottom: 0.2em; }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def summary_line(comparison: Comparison) -> str:
    """"12 处修改 · 5 段新增 · 3 段删除 · 2 段移动 · 9 个数字变动" (the PDF's; the GUI has its own, translated)."""
    s = comparison.summary()
    return (f"{s['changed']} 处修改 · {s['added']} 段新增 · {s['removed']} 段删除 · "
            f"{s['moved']} 段移动 · {s['figures']} 个数字变动")


def _blocks(report: Report) -> dict[str, Block]:
    return {b.id: b for b in report.blocks}


def _where(blocks: list[Block]) -> str:
    if not blocks:
        return ""
    first = blocks[0]
    section = f"{first.section} " if first.section else ""
    label = f"第 {first.label} 段" if first.label and first.label.isdigit() else (first.label or "")
    return f"{section}{label}".strip()


def marked_html(blocks: list[Block], spans: list[tuple[str, int, int]], css: str) -> str:
    """The text of `blocks` with the spans (block id, start, end) wrapped in <span class=css>."""
    by_block: dict[str, list[tuple[int, int]]] = {}
    for block_id, start, end in spans:
        by_block.setdefault(block_id, []).append((start, end))
    out: list[str] = []
    for block in blocks:
        text = block.text
        cursor = 0
        parts: list[str] = []
        for start, end in sorted(by_block.get(block.id, [])):
            if start < cursor:
                continue
            parts.append(_esc(text[cursor:start]))
            parts.append(f'<span class="{css}">{_esc(text[start:end])}</span>')
            cursor = end
        parts.append(_esc(text[cursor:]))
        label = f"{_esc(block.label)}. " if block.label else ""
        out.append(label + "".join(parts))
    return "<br /><br />".join(out)


def _pair_html(comparison: Comparison, pair: Pair, old_blocks: dict[str, Block], new_blocks: dict[str, Block]) -> list[str]:
    olds = [old_blocks[b] for b in pair.old]
    news = [new_blocks[b] for b in pair.new]
    deleted = [span for change in pair.changes for span in change.old_at]
    inserted = [span for change in pair.changes for span in change.new_at]
    status = _STATUS_NAMES.get(pair.status, pair.status)
    shape = {"split": "（一段分为多段）", "merge": "（多段合为一段）"}.get(pair.shape, "")
    where_old, where_new = _where(olds), _where(news)
    where = " → ".join(x for x in (where_old, where_new) if x)
    similarity = f"，相似度 {pair.similarity:.0%}" if olds and news else ""
    out = [f'<p class="where">{_esc(status)}{_esc(shape)}：{_esc(where)}{_esc(similarity)}</p>']
    out.append('<table border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse: collapse; border-color: #999999;">')
    old_cell = marked_html(olds, deleted, "del") if olds else "—"
    new_cell = marked_html(news, inserted, "ins") if news else "—"
    out.append(f'<tr><td class="old" width="50%">{old_cell}</td><td class="new" width="50%">{new_cell}</td></tr>')
    out.append("</table>")
    return out


def comparison_html(comparison: Comparison) -> str:
    """The change summary: title block, summary line, the changed figures table, then
    every pair that is not the same with both versions side by side (deleted text struck
    through in the older, inserted text in bold in the newer)."""
    old, new = comparison.old, comparison.new
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    out = ["<div>"]
    out.append(f'<p class="cover-meta">旧：{_esc(running_title(old))}　{_esc(running_context(old))}</p>')
    out.append(f'<p class="cover-meta">新：{_esc(running_title(new))}　{_esc(running_context(new))}</p>')
    out.append(f"<h1>{_esc('变动摘要')}</h1>")
    out.append(f'<p class="summary">{_esc(summary_line(comparison))}</p>')
    figures = comparison.changed_figures
    if figures:
        out.append(f"<h2>{_esc('变动的数字')}</h2>")
        out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse: collapse; border-color: #555555;">')
        out.append("<thead><tr><th>类别</th><th>旧</th><th>新</th><th>位置</th></tr></thead>")
        for number, figure in figures:
            pair = comparison.pairs[number]
            where = " → ".join(x for x in (_where([old_blocks[b] for b in pair.old]), _where([new_blocks[b] for b in pair.new])) if x)
            out.append(f"<tr><td>{_esc(_KIND_NAMES.get(figure.kind, figure.kind))}</td><td>{_esc(figure.old or '')}</td>"
                       f"<td>{_esc(figure.new or '')}</td><td>{_esc(where)}</td></tr>")
        out.append("</table>")
    out.append(f"<h2>{_esc('修改的段落')}</h2>")
    changed = [p for p in comparison.pairs if p.is_change]
    if not changed:
        out.append("<p>两份报告的内容相同。</p>")
    for pair in changed:
        out.extend(_pair_html(comparison, pair, old_blocks, new_blocks))
    out.append("</div>")
    title = _esc(f"{running_title(old)} → {running_title(new)}")
    return (f'<html><head><meta charset="utf-8" /><title>{title}</title>'
            f"<style>{_STYLE}{_EXTRA_STYLE}</style></head><body>\n" + "\n".join(out) + "\n</body></html>")


def figures_rows(comparison: Comparison) -> list[dict[str, str]]:
    """One row per changed figure: both values and where each is."""
    old_blocks, new_blocks = _blocks(comparison.old), _blocks(comparison.new)
    rows = []
    for _number, figure in comparison.changed_figures:
        old_block = old_blocks.get(figure.old_at[0]) if figure.old_at else None
        new_block = new_blocks.get(figure.new_at[0]) if figure.new_at else None
        rows.append({
            "kind": figure.kind,
            "old": figure.old or "",
            "new": figure.new or "",
            "old_block": old_block.id if old_block else "",
            "new_block": new_block.id if new_block else "",
            "old_section": (old_block.section or "") if old_block else "",
            "new_section": (new_block.section or "") if new_block else "",
            "old_label": (old_block.label or "") if old_block else "",
            "new_label": (new_block.label or "") if new_block else "",
        })
    return rows


def figures_csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIGURE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    from unidoreader.core.export import spreadsheet_safe  # cells a spreadsheet would run as formulas

    writer.writerows({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in row.items()} for row in figures_rows(comparison))
    return buffer.getvalue()


def write_figures_csv(comparison: Comparison, path: Path, *, forbidden: Path | None = None) -> Path:
    """UTF-8 with a BOM, so spreadsheet programs read the Chinese right (as the tables' CSV);
    written as every output is (core.safeio: a regular file or a new name, never through a
    link, never into `forbidden`, the library folder)."""
    from unidoreader.core.safeio import write_output

    write_output(path, figures_csv(comparison).encode("utf-8-sig"), forbidden=forbidden, what="the CSV file")
    return path


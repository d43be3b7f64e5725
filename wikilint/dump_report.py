"""What a run over a dump adds up to: counts (``--statistics``) and the HTML report (``--report``).

:class:`DumpTotals` is fed every page result in dump order and keeps only what is
bounded: counts per rule and per namespace, the pages with most findings, and a few
examples per rule. It is plain data, so that ``--resume`` can save it in its journal.
:func:`write_html_report` writes one self-contained HTML file: inline CSS, inline SVG
charts, no script and nothing fetched, so it opens anywhere, offline.
"""

from __future__ import annotations

import heapq
import html
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from wikilint.results import PageResult

#: How many pages the "most findings" table keeps, and examples per rule.
TOP_PAGES = 20
EXAMPLES_PER_RULE = 3


@dataclass
class Example:
    title: str
    line: int
    column: int
    message: str
    #: The finding's line (or a window of it) and where the finding sits in it.
    context: str
    start: int
    end: int


@dataclass
class DumpTotals:
    pages: int = 0
    pages_failed: int = 0
    pages_changed: int = 0
    findings: int = 0
    fixes: int = 0
    text_characters: int = 0
    by_rule: Counter = field(default_factory=Counter)  # (code, rule name) -> findings
    by_namespace: Counter = field(default_factory=Counter)  # namespace -> findings
    pages_by_namespace: Counter = field(default_factory=Counter)
    fixes_by_rule: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)  # the first (title, message) of failures
    #: A min-heap of (findings, -order, title, namespace): the pages with most findings.
    top: list[tuple[int, int, str, int]] = field(default_factory=list)
    examples: dict[str, list[Example]] = field(default_factory=dict)

    def add(self, result: PageResult) -> None:
        self.pages += 1
        namespace = result.namespace if result.namespace is not None else 0
        self.pages_by_namespace[namespace] += 1
        if result.failed:
            self.pages_failed += 1
            if len(self.errors) < 100:
                self.errors.extend((result.title or result.path, message) for message in result.errors[:1])
        if result.applied:
            self.pages_changed += 1
            self.fixes += len(result.applied)
            self.fixes_by_rule.update(code for code, _message in result.applied)
        count = len(result.diagnostics)
        if not count:
            return
        self.findings += count
        self.by_namespace[namespace] += count
        title = result.title or result.path
        for d in result.diagnostics:
            self.by_rule[(d.code, d.rule)] += 1
            examples = self.examples.setdefault(d.code, [])
            if len(examples) < EXAMPLES_PER_RULE:
                start = max(0, d.column - d.source_column)
                end = len(d.source_line) if d.end_line != d.line else max(start, d.end_column - d.source_column)
                examples.append(Example(title, d.line, d.column, d.message, d.source_line, start, end))
        entry = (count, -self.pages, title, namespace)
        if len(self.top) < TOP_PAGES:
            heapq.heappush(self.top, entry)
        elif entry > self.top[0]:
            heapq.heapreplace(self.top, entry)

    def top_pages(self) -> list[tuple[str, int, int]]:
        """``(title, namespace, findings)``, most findings first (dump order on a tie)."""
        return [(title, namespace, count) for count, _order, title, namespace in sorted(self.top, reverse=True)]


def write_statistics(totals: DumpTotals, read: dict[str, int], seconds: float, xml_bytes: int, out: TextIO) -> None:
    """The ``--statistics`` table: findings per rule and per namespace, pages, throughput."""
    out.write("Findings per rule:\n")
    width = max([len(str(n)) for n in totals.by_rule.values()] or [1])
    for (code, rule), count in sorted(totals.by_rule.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{count:>{width}}\t{code}\t{rule}\n")
    out.write("Findings per namespace:\n")
    for namespace, count in sorted(totals.by_namespace.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{count:>{width}}\t{namespace}\t({totals.pages_by_namespace[namespace]} pages)\n")
    skipped = sum(read.values())
    out.write(f"Pages: {totals.pages} checked, {skipped} skipped, {totals.pages_failed} failed"
              f"{', ' + str(totals.pages_changed) + ' changed' if totals.pages_changed else ''}\n")
    for reason, count in read.items():
        if count:
            out.write(f"  skipped: {count} {reason}\n")
    rate = totals.pages / seconds if seconds > 0 else 0.0
    out.write(f"Throughput: {rate:.1f} pages/s, {xml_bytes / 1e6 / seconds if seconds > 0 else 0.0:.2f} MB/s "
              f"of XML ({seconds:.1f} s)\n")


# -- HTML ---------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;
margin:2rem auto;max-width:72rem;padding:0 1.5rem;color:#1f2328;background:#fff}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de;
padding-bottom:.3rem}.sub{color:#59636e;margin:0 0 1.2rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.8rem}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.7rem .9rem}.card b{display:block;font-size:1.5rem}
.card span{color:#59636e;font-size:.85rem}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));gap:1.5rem}
svg text{font:12px system-ui,sans-serif;fill:#1f2328}code,pre{font:12.5px ui-monospace,Menlo,Consolas,monospace}
pre{background:#f6f8fa;border-radius:6px;padding:.5rem .7rem;margin:.3rem 0 .8rem;white-space:pre-wrap;
word-break:break-all}mark{background:#ffd8b5;border-radius:2px}.rule{margin-bottom:1rem}
.meta{color:#59636e;font-size:.85rem}
"""


def _bar_chart(rows: list[tuple[str, int]], colour: str) -> str:
    """A horizontal bar chart as inline SVG."""
    if not rows:
        return "<p class=meta>No findings.</p>"
    label_width, bar_width, row_height = 260, 280, 22
    top = max(count for _label, count in rows)
    height = row_height * len(rows) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 70}" height="{height}" '
             f'role="img">']
    for number, (label, count) in enumerate(rows):
        y = number * row_height + 3
        width = max(1, round(bar_width * count / top))
        shown = label if len(label) <= 38 else label[:37] + "…"
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{html.escape(shown)}</text>'
                     f'<rect x="{label_width}" y="{y + 2}" width="{width}" height="{row_height - 6}" rx="3" '
                     f'fill="{colour}"/><text x="{label_width + width + 6}" y="{y + 15}">{count:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _namespace_label(namespace: int, names: dict[int, str]) -> str:
    name = names.get(namespace)
    return f"{namespace} (main)" if namespace == 0 else f"{namespace} {name}" if name else str(namespace)


def write_html_report(path, totals: DumpTotals, *, title: str, details: list[tuple[str, str]],
                      namespace_names: dict[int, str], seconds: float) -> None:
    """Write the report to ``path`` (to a temporary file first, renamed when complete)."""
    escape = html.escape
    rule_rows = [(f"{code} {rule}", count) for (code, rule), count in
                 sorted(totals.by_rule.items(), key=lambda item: (-item[1], item[0]))[:25]]
    namespace_rows = [(_namespace_label(ns, namespace_names), count) for ns, count in
                      sorted(totals.by_namespace.items(), key=lambda item: (-item[1], item[0]))[:15]]
    cards = [(f"{totals.pages:,}", "pages checked"), (f"{totals.findings:,}", "findings"),
             (f"{len(totals.by_rule):,}", "rules with findings"), (f"{totals.pages_failed:,}", "pages failed"),
             (f"{totals.pages / seconds if seconds > 0 else 0:,.1f}", "pages/s")]
    if totals.fixes:
        cards.insert(2, (f"{totals.fixes:,}", f"fixes on {totals.pages_changed:,} pages"))
    out = ["<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
           "<meta name=viewport content='width=device-width,initial-scale=1'>",
           f"<title>wikilint report: {escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>wikilint report</h1><p class=sub>{escape(title)}</p>",
           "<div class=cards>" + "".join(f"<div class=card><b>{value}</b><span>{escape(label)}</span></div>"
                                         for value, label in cards) + "</div>",
           "<table style='margin-top:1rem'>" + "".join(f"<tr><th>{escape(key)}</th><td>{escape(value)}</td></tr>"
                                                       for key, value in details) + "</table>",
           "<div class=charts><section><h2>Findings per rule</h2>", _bar_chart(rule_rows, "#0969da"),
           "</section><section><h2>Findings per namespace</h2>", _bar_chart(namespace_rows, "#8250df"),
           "</section></div>", "<h2>Pages with most findings</h2>"]
    top = totals.top_pages()
    if top:
        out.append("<table><tr><th>page</th><th>namespace</th><th>findings</th></tr>")
        out.extend(f"<tr><td>{escape(page)}</td><td>{ns}</td><td class=n>{count:,}</td></tr>" for page, ns, count in top)
        out.append("</table>")
    else:
        out.append("<p class=meta>No findings.</p>")
    out.append("<h2>Examples per rule</h2>")
    for (code, rule), count in sorted(totals.by_rule.items(), key=lambda item: (-item[1], item[0])):
        out.append(f"<div class=rule><h3 id='{escape(code)}'><code>{escape(code)}</code> {escape(rule)} "
                   f"<span class=meta>({count:,} finding{'' if count == 1 else 's'})</span></h3>")
        for example in totals.examples.get(code, []):
            context = example.context
            marked = (escape(context[:example.start]) + "<mark>" + escape(context[example.start:example.end])
                      + "</mark>" + escape(context[example.end:]))
            out.append(f"<div class=meta>{escape(example.title)}, line {example.line}, column {example.column}: "
                       f"{escape(example.message)}</div><pre>{marked}</pre>")
        out.append("</div>")
    if totals.errors:
        out.append("<h2>Pages that failed</h2><table>")
        out.extend(f"<tr><td>{escape(page)}</td><td>{escape(message)}</td></tr>" for page, message in totals.errors)
        out.append("</table>")
    out.append("</body></html>\n")
    write_new(path, "".join(out).encode("utf-8"))


def write_new(path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, renamed."""
    import os
    from pathlib import Path

    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise

"""Output formats for diagnostics: concise, full, json, json-lines, github, sarif.

Each format is a :class:`Reporter`: results arrive one page at a time, in input order,
and the streaming formats print each page's findings at once; JSON and SARIF, being one
document, print at the end. :class:`Totals` keeps the counts the summary lines and
``--statistics`` need, so no run has to hold every result.

The JSON shapes are documented in ``docs/json-output.md``; bump
:data:`JSON_SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from wikilint import __version__
from wikilint.engine import Diagnostic
from wikilint.plugin_host import Registry
from wikilint.results import PageResult

JSON_SCHEMA_VERSION = 1
FORMATS = ("concise", "full", "json", "json-lines", "github", "sarif")
DOCS_URL = "https://github.com/wikilint/wikilint/blob/main/docs/rules/{code}.md"


def diagnostic_to_dict(path: str, diagnostic: Diagnostic) -> dict[str, Any]:
    fix = None
    if diagnostic.fix is not None:
        fix = {
            "applicability": diagnostic.fix.applicability,
            "message": diagnostic.fix.message,
            "edits": [
                {"start": {"line": e.line, "column": e.column}, "end": {"line": e.end_line, "column": e.end_column},
                 "content": e.content}
                for e in diagnostic.fix.edits
            ],
        }
    return {
        "path": path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "end_line": diagnostic.end_line,
        "end_column": diagnostic.end_column,
        "column_utf16": diagnostic.column_utf16,
        "end_column_utf16": diagnostic.end_column_utf16,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "fix": fix,
    }


def _marker(diagnostic: Diagnostic) -> str:
    return "[*] " if diagnostic.fix_enabled else ""


def _display_width(text: str) -> int:
    """Terminal columns: CJK and other wide characters take two, so carets line up."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class Reporter:
    """Prints results as they come (``add``), and whatever closes the output (``finish``)."""

    def __init__(self, out: TextIO, registry: Registry) -> None:
        self.out = out
        self.registry = registry

    def add(self, result: PageResult) -> None:
        for diagnostic in result.diagnostics:
            self.diagnostic(result, diagnostic)

    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> None:
        pass


class ConciseReporter(Reporter):
    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        self.out.write(f"{result.path}:{d.line}:{d.column}: {d.code} {_marker(d)}{d.message}\n")


class FullReporter(Reporter):
    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        out = self.out
        out.write(f"{result.path}:{d.line}:{d.column}: {d.code} {_marker(d)}{d.message}\n")
        gutter = str(d.line)
        # source_line may be a window of a long line starting at source_column.
        shown = d.source_line
        prefix = "…" if d.source_column > 1 else ""
        first = d.column - d.source_column  # the finding's index in ``shown``
        last = (d.end_column - d.source_column) if d.end_line == d.line else len(shown)
        out.write(f" {gutter} | {prefix}{shown}\n")
        lead = _display_width(prefix + shown[:first])
        width = _display_width(shown[first:last])
        out.write(f" {' ' * len(gutter)} | {' ' * lead}{'^' * max(1, width)}\n")
        if d.fix is not None:
            how = {"safe": "--fix", "unsafe": "--fix --unsafe-fixes"}[d.fix.applicability]
            message = d.fix.message or "fix available"
            out.write(f" {' ' * len(gutter)} = help: {message} ({d.fix.applicability}: {how})\n")
        out.write("\n")


class JsonReporter(Reporter):
    """One document; the diagnostics array is written as pages arrive, the errors at the end."""

    def __init__(self, out: TextIO, registry: Registry) -> None:
        super().__init__(out, registry)
        import json  # the JSON formats import it when used: start-up matters to editors

        self._dumps = json.dumps
        self._errors: list[dict[str, str]] = []
        self._count = 0
        header = {"schema_version": JSON_SCHEMA_VERSION, "tool": {"name": "wikilint", "version": __version__}}
        self.out.write(self._dumps(header, ensure_ascii=False)[:-1] + ', "diagnostics": [')

    def add(self, result: PageResult) -> None:
        self._errors.extend({"path": result.path, "message": message} for message in result.errors)
        super().add(result)

    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        self.out.write((",\n  " if self._count else "\n  ")
                       + self._dumps(diagnostic_to_dict(result.path, d), ensure_ascii=False))
        self._count += 1

    def finish(self) -> None:
        errors = ",\n  ".join(self._dumps(error, ensure_ascii=False) for error in self._errors)
        self.out.write(("\n" if self._count else "") + '], "errors": [' + ("\n  " + errors + "\n" if errors else "")
                       + "]}\n")


class JsonLinesReporter(Reporter):
    def __init__(self, out: TextIO, registry: Registry) -> None:
        super().__init__(out, registry)
        import json

        self._dumps = json.dumps

    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        record = {"schema_version": JSON_SCHEMA_VERSION, **diagnostic_to_dict(result.path, d)}
        self.out.write(self._dumps(record, ensure_ascii=False) + "\n")


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


class GithubReporter(Reporter):
    LEVELS = {"error": "error", "warning": "warning", "info": "notice"}

    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        properties = ",".join([
            f"title={_github_escape(f'wikilint ({d.code})', True)}",
            f"file={_github_escape(result.path, True)}",
            f"line={d.line}", f"col={d.column}", f"endLine={d.end_line}", f"endColumn={d.end_column}",
        ])
        message = _github_escape(f"{result.path}:{d.line}:{d.column}: {d.code} {d.message}")
        self.out.write(f"::{self.LEVELS.get(d.severity, 'error')} {properties}::{message}\n")


_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class SarifReporter(Reporter):
    """SARIF 2.1.0: rule metadata is known only once every result is in, so this one waits."""

    def __init__(self, out: TextIO, registry: Registry) -> None:
        super().__init__(out, registry)
        self._results: list[PageResult] = []

    def add(self, result: PageResult) -> None:
        if result.diagnostics or result.errors:
            self._results.append(result)

    def finish(self) -> None:
        import json

        json.dump(sarif_document(self._results, self.registry), self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


def sarif_document(results: list[PageResult], registry: Registry) -> dict[str, Any]:
    levels = _SARIF_LEVELS
    used_codes = sorted({d.code for r in results for d in r.diagnostics})
    rules_meta = []
    for code in used_codes:
        info = registry.rules.get(code)
        rules_meta.append({
            "id": code,
            "name": info.name if info else code,
            "shortDescription": {"text": info.rule.summary() if info else "wikilint engine diagnostic"},
            "helpUri": DOCS_URL.format(code=code),
            "defaultConfiguration": {"level": levels[info.rule.severity] if info else "error"},
        })
    index = {code: i for i, code in enumerate(used_codes)}
    sarif_results = []
    for result in results:
        uri = Path(result.path).as_posix()
        for d in result.diagnostics:
            item: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": levels.get(d.severity, "error"),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": d.line, "startColumn": d.column,
                               "endLine": d.end_line, "endColumn": d.end_column},
                }}],
            }
            if d.fix is not None:
                item["fixes"] = [{
                    "description": {"text": d.fix.message or "fix"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [{
                            "deletedRegion": {"startLine": e.line, "startColumn": e.column,
                                              "endLine": e.end_line, "endColumn": e.end_column},
                            "insertedContent": {"text": e.content},
                        } for e in d.fix.edits],
                    }],
                }]
            sarif_results.append(item)
    notifications = [
        {"level": "error", "message": {"text": f"{r.path}: {message}"}} for r in results for message in r.errors
    ]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "wikilint", "version": __version__,
                            "informationUri": "https://github.com/wikilint/wikilint", "rules": rules_meta}},
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }


class NullReporter(Reporter):
    """Prints no findings (``--statistics`` shows only its table)."""

    def add(self, result: PageResult) -> None:
        pass


REPORTERS: dict[str, type[Reporter]] = {
    "concise": ConciseReporter, "full": FullReporter, "json": JsonReporter, "json-lines": JsonLinesReporter,
    "github": GithubReporter, "sarif": SarifReporter,
}


def make_reporter(output_format: str, out: TextIO, registry: Registry) -> Reporter:
    return REPORTERS[output_format](out, registry)


class Totals:
    """Running counts over a run's results: what the summary and ``--statistics`` print."""

    def __init__(self) -> None:
        self.findings = 0
        self.fixed = 0
        #: Of ``fixed``, findings that appeared only after other fixes.
        self.found_later = 0
        self.fixable = 0
        #: Findings whose unsafe fix this run would not apply.
        self.hidden_unsafe = 0
        self.unsafe_enabled = False
        self.pages = 0
        self.pages_with_errors = 0
        self.by_rule: Counter[tuple[str, str]] = Counter()
        self.fixable_codes: set[str] = set()
        #: ``(path, applied fixes)`` of each page that was fixed (for ``--show-fixes``).
        self.fixed_pages: list[tuple[str, list[tuple[str, str]]]] = []

    def add(self, result: PageResult) -> None:
        self.pages += 1
        if result.errors:
            self.pages_with_errors += 1
        if result.applied:
            self.fixed += len(result.applied)
            self.found_later += result.found_later
            self.fixed_pages.append((result.path, result.applied))
        for d in result.diagnostics:
            self.findings += 1
            self.by_rule[(d.code, d.rule)] += 1
            if d.fix_enabled:
                self.fixable += 1
                self.fixable_codes.add(d.code)
                if d.fix is not None and d.fix.applicability == "unsafe":
                    self.unsafe_enabled = True
            elif d.fix is not None and d.fix.applicability == "unsafe":
                self.hidden_unsafe += 1


def write_statistics(totals: Totals, out: TextIO) -> None:
    counts = totals.by_rule
    if not counts:
        return
    width = max(len(str(n)) for n in counts.values())
    for (code, rule), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        marker = "[*]" if code in totals.fixable_codes else "[ ]"
        out.write(f"{count:>{width}}\t{code}\t{marker} {rule}\n")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary_lines(totals: Totals, unsafe_fixes_enabled: bool) -> list[str]:
    """ruff-style closing lines: totals, and how many findings a flag would fix."""
    findings, fixed_count = totals.findings, totals.fixed
    lines = []
    if fixed_count:
        later = (f"; {totals.found_later} of the fixed appeared only after other fixes"
                 if totals.found_later else "")
        lines.append(f"Found {_count(findings + fixed_count, 'finding')} ({fixed_count} fixed, "
                     f"{findings} remaining{later}).")
    elif findings:
        lines.append(f"Found {_count(findings, 'finding')}.")
    elif not totals.pages_with_errors:
        lines.append("All checks passed!")
    fixable = totals.fixable
    hidden = 0 if unsafe_fixes_enabled or totals.unsafe_enabled else totals.hidden_unsafe
    if fixable and not fixed_count:
        hint = f"[*] {fixable} fixable with the `--fix` option"
        if hidden:
            hint += f" ({hidden} hidden {'fix' if hidden == 1 else 'fixes'} can be enabled with the `--unsafe-fixes` option)"
        lines.append(hint + ".")
    elif hidden:
        lines.append(f"No fixes available ({hidden} hidden {'fix' if hidden == 1 else 'fixes'} can be enabled "
                     f"with the `--unsafe-fixes` option).")
    return lines

"""Output formats for diagnostics: concise, full, json, json-lines, github, sarif.

The JSON shapes are documented in ``docs/json-output.md``; bump
:data:`JSON_SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, TextIO

from wikilint import __version__
from wikilint.engine import Diagnostic
from wikilint.plugin_host import Registry
from wikilint.runner import FileResult

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


def write_concise(results: list[FileResult], out: TextIO) -> None:
    for result in results:
        for d in result.diagnostics:
            out.write(f"{result.path}:{d.line}:{d.column}: {d.code} {_marker(d)}{d.message}\n")


def _display_width(text: str) -> int:
    """Terminal columns: CJK and other wide characters take two, so carets line up."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def write_full(results: list[FileResult], out: TextIO) -> None:
    for result in results:
        for d in result.diagnostics:
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


def write_json(results: list[FileResult], out: TextIO) -> None:
    import json  # the JSON formats import it when used: start-up matters to editors

    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "wikilint", "version": __version__},
        "diagnostics": [diagnostic_to_dict(r.path, d) for r in results for d in r.diagnostics],
        "errors": [{"path": r.path, "message": message} for r in results for message in r.errors],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_json_lines(results: list[FileResult], out: TextIO) -> None:
    import json

    for result in results:
        for d in result.diagnostics:
            out.write(json.dumps({"schema_version": JSON_SCHEMA_VERSION, **diagnostic_to_dict(result.path, d)},
                                 ensure_ascii=False) + "\n")


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def write_github(results: list[FileResult], out: TextIO) -> None:
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for result in results:
        for d in result.diagnostics:
            properties = ",".join([
                f"title={_github_escape(f'wikilint ({d.code})', True)}",
                f"file={_github_escape(result.path, True)}",
                f"line={d.line}", f"col={d.column}", f"endLine={d.end_line}", f"endColumn={d.end_column}",
            ])
            message = _github_escape(f"{result.path}:{d.line}:{d.column}: {d.code} {d.message}")
            out.write(f"::{levels[d.severity]} {properties}::{message}\n")


def sarif_document(results: list[FileResult], registry: Registry) -> dict[str, Any]:
    levels = {"error": "error", "warning": "warning", "info": "note"}
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
                "level": levels[d.severity],
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


def write_sarif(results: list[FileResult], out: TextIO, registry: Registry) -> None:
    import json

    json.dump(sarif_document(results, registry), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_results(output_format: str, results: list[FileResult], out: TextIO, registry: Registry) -> None:
    if output_format == "sarif":
        write_sarif(results, out, registry)
        return
    writer = {"concise": write_concise, "full": write_full, "json": write_json,
              "json-lines": write_json_lines, "github": write_github}[output_format]
    writer(results, out)


def write_statistics(results: Iterable[FileResult], out: TextIO) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: dict[str, bool] = {}
    for result in results:
        for d in result.diagnostics:
            counts[(d.code, d.rule)] += 1
            fixable[d.code] = fixable.get(d.code, False) or d.fix_enabled
    if not counts:
        return
    width = max(len(str(n)) for n in counts.values())
    for (code, rule), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        marker = "[*]" if fixable[code] else "[ ]"
        out.write(f"{count:>{width}}\t{code}\t{marker} {rule}\n")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary_lines(results: list[FileResult], fixed_count: int, unsafe_fixes_enabled: bool) -> list[str]:
    """ruff-style closing lines: totals, and how many findings a flag would fix."""
    diagnostics = [d for r in results for d in r.diagnostics]
    lines = []
    if fixed_count:
        lines.append(f"Found {_count(len(diagnostics) + fixed_count, 'finding')} ({fixed_count} fixed, "
                     f"{len(diagnostics)} remaining).")
    elif diagnostics:
        lines.append(f"Found {_count(len(diagnostics), 'finding')}.")
    elif not any(r.errors for r in results):
        lines.append("All checks passed!")
    fixable = sum(1 for d in diagnostics if d.fix_enabled)
    hidden = sum(1 for d in diagnostics if d.fix is not None and not d.fix_enabled
                 and d.fix.applicability == "unsafe" and not unsafe_fixes_enabled)
    if fixable and not fixed_count:
        hint = f"[*] {fixable} fixable with the `--fix` option"
        if hidden:
            hint += f" ({hidden} hidden {'fix' if hidden == 1 else 'fixes'} can be enabled with the `--unsafe-fixes` option)"
        lines.append(hint + ".")
    elif hidden:
        lines.append(f"No fixes available ({hidden} hidden {'fix' if hidden == 1 else 'fixes'} can be enabled "
                     f"with the `--unsafe-fixes` option).")
    return lines

"""Output formats for diagnostics: concise, full, json, json-lines, github, sarif, gitlab,
junit, pylint.

Each format is a :class:`Reporter`: results arrive one page at a time, in input order,
and the streaming formats print each page's findings at once; JSON and SARIF, being one
document, print at the end. :class:`Totals` keeps the counts the summary lines and
``--statistics`` need, so no run has to hold every result.

The JSON shapes are documented in ``docs/json-output.md``; bump
:data:`JSON_SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from wikilint import __version__
from wikilint.colour import PLAIN, Style
from wikilint.engine import Diagnostic
from wikilint.plugin_host import Registry
from wikilint.results import PageResult

JSON_SCHEMA_VERSION = 1
FORMATS = ("concise", "full", "json", "json-lines", "github", "sarif", "gitlab", "junit", "pylint")
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


def _marker(diagnostic: Diagnostic, style: Style = PLAIN) -> str:
    return style.paint('fix_mark', "[*]") + " " if diagnostic.fix_enabled else ""


def _headline(path: str, d: Diagnostic, style: Style) -> str:
    """``path:line:col: CODE [*] message``, in colour when the style has it."""
    colon = style.paint('separator', ":")
    return (f"{style.paint('path', path)}{colon}{d.line}{colon}{d.column}{colon} {style.paint('code', d.code)} "
            f"{_marker(d, style)}{d.message}")


def _display_width(text: str) -> int:
    """Terminal columns: CJK and other wide characters take two, so carets line up."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class Reporter:
    """Prints results as they come (``add``), and whatever closes the output (``finish``)."""

    def __init__(self, out: TextIO, registry: Registry, *, style: Style = PLAIN) -> None:
        self.out = out
        self.registry = registry
        #: Colours for the human formats (the others ignore it).
        self.style = style

    def add(self, result: PageResult) -> None:
        for diagnostic in result.diagnostics:
            self.diagnostic(result, diagnostic)

    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> None:
        pass


class ConciseReporter(Reporter):
    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        self.out.write(_headline(result.path, d, self.style) + "\n")


class FullReporter(Reporter):
    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        out, style = self.out, self.style
        out.write(_headline(result.path, d, style) + "\n")
        gutter = str(d.line)
        # source_line may be a window of a long line starting at source_column.
        shown = d.source_line
        prefix = "…" if d.source_column > 1 else ""
        first = d.column - d.source_column  # the finding's index in ``shown``
        last = (d.end_column - d.source_column) if d.end_line == d.line else len(shown)
        blank = " " * len(gutter)
        out.write(f" {style.paint('gutter', gutter + ' |')} {prefix}{shown}\n")
        lead = _display_width(prefix + shown[:first])
        width = _display_width(shown[first:last])
        out.write(f" {style.paint('gutter', blank + ' |')} {' ' * lead}{style.paint('carets', '^' * max(1, width))}\n")
        if d.fix is not None:
            how = {"safe": "--fix", "unsafe": "--fix --unsafe-fixes"}[d.fix.applicability]
            message = d.fix.message or "fix available"
            out.write(f" {blank} {style.paint('help', '= help:')} {message} ({d.fix.applicability}: {how})\n")
        out.write("\n")


class JsonReporter(Reporter):
    """One document; the diagnostics array is written as pages arrive, the errors at the end."""

    def __init__(self, out: TextIO, registry: Registry, **options: Any) -> None:
        super().__init__(out, registry, **options)
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
    def __init__(self, out: TextIO, registry: Registry, **options: Any) -> None:
        super().__init__(out, registry, **options)
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
#: Relative artifact URIs are relative to this base, which SARIF consumers map to the
#: checkout (``originalUriBaseIds`` gives the folder the run was made in).
SARIF_SOURCE_ROOT = "%SRCROOT%"


def sarif_artifact_location(path: str) -> dict[str, str]:
    """A SARIF ``artifactLocation``: a valid ``uri-reference`` whatever the file name
    (spaces, ``%``, ``#`` and non-ASCII characters are percent-encoded as UTF-8)."""
    from urllib.parse import quote

    pure = Path(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    # quote() also encodes ":", so a first segment such as "a:b" cannot read as a scheme.
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SARIF_SOURCE_ROOT}


def _rule_metadata(code: str, registry: Registry) -> tuple[str, str, str]:
    """``(name, summary, severity)`` of a rule or engine code."""
    from wikilint.engine_codes import ENGINE_CODES

    info = registry.rules.get(code)
    if info is not None:
        return info.name, info.rule.summary(), info.rule.severity
    engine = ENGINE_CODES.get(code)
    if engine is not None:
        return engine.name, engine.summary, engine.severity
    return code, "wikilint diagnostic", "error"


class SarifReporter(Reporter):
    """SARIF 2.1.0: rule metadata is known only once every result is in, so this one waits."""

    def __init__(self, out: TextIO, registry: Registry, **options: Any) -> None:
        super().__init__(out, registry, **options)
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
        name, summary, severity = _rule_metadata(code, registry)
        rules_meta.append({
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "helpUri": DOCS_URL.format(code=code),
            "defaultConfiguration": {"level": levels.get(severity, "error")},
        })
    index = {code: i for i, code in enumerate(used_codes)}
    sarif_results = []
    for result in results:
        location = sarif_artifact_location(result.path)
        for d in result.diagnostics:
            item: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": levels.get(d.severity, "error"),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": location,
                    "region": {"startLine": d.line, "startColumn": d.column,
                               "endLine": d.end_line, "endColumn": d.end_column},
                }}],
            }
            if d.fix is not None:
                item["fixes"] = [{
                    "description": {"text": d.fix.message or "fix"},
                    "artifactChanges": [{
                        "artifactLocation": location,
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
        # Our columns count Unicode code points (SARIF 2.1.0 §3.14.27: required with results).
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SARIF_SOURCE_ROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }


class GitlabReporter(Reporter):
    """GitLab Code Quality (a subset of the Code Climate spec): a JSON array of issues,
    written as pages arrive. Paths are relative to the project (``CI_PROJECT_DIR``, else
    the working folder), as GitLab matches them against the repository."""

    SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}

    def __init__(self, out: TextIO, registry: Registry, **options: Any) -> None:
        super().__init__(out, registry, **options)
        import hashlib
        import json
        import os

        self._dumps, self._sha256 = json.dumps, hashlib.sha256
        self._root = Path(os.environ.get("CI_PROJECT_DIR") or Path.cwd()).resolve()
        self._fingerprints: set[str] = set()
        self._count = 0
        self.out.write("[")

    def _project_path(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self._root).as_posix()
        except (ValueError, OSError):
            return Path(path).as_posix()

    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        path = self._project_path(result.path)
        # Stable across runs and unique within one: what the finding is and where, with a
        # counter for identical findings on identical lines (line numbers shift too easily).
        base = "\0".join((path, d.code, d.message, d.source_line))
        fingerprint = self._sha256(base.encode("utf-8", "surrogatepass")).hexdigest()
        repeat = 1
        while fingerprint in self._fingerprints:
            repeat += 1
            fingerprint = self._sha256(f"{base}\0{repeat}".encode("utf-8", "surrogatepass")).hexdigest()
        self._fingerprints.add(fingerprint)
        issue = {
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "categories": ["Style"],
            "severity": self.SEVERITIES.get(d.severity, "major"),
            "fingerprint": fingerprint,
            "location": {"path": path, "positions": {"begin": {"line": d.line, "column": d.column},
                                                     "end": {"line": d.end_line, "column": d.end_column}}},
        }
        self.out.write((",\n  " if self._count else "\n  ") + self._dumps(issue, ensure_ascii=False))
        self._count += 1

    def finish(self) -> None:
        self.out.write(("\n" if self._count else "") + "]\n")


class PylintReporter(Reporter):
    """pylint's ``parseable`` format, ``path:line: [CODE(rule-name), ] message``, which
    CI parsers of pylint output (Jenkins, editors' errorformats) read."""

    def diagnostic(self, result: PageResult, d: Diagnostic) -> None:
        self.out.write(f"{result.path}:{d.line}: [{d.code}({d.rule}), ] {d.message}\n")


#: Characters XML 1.0 cannot hold (page text quoted in messages may have them): the
#: complement of its ``Char`` production, written out because a class negating the large
#: ranges XML allows takes ``re`` some 10 ms to compile. Even so it takes about 1 ms, so it
#: is compiled when a JUnit report first needs it, not at every start-up.
_XML_INVALID = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


@lru_cache(maxsize=1)
def _xml_invalid() -> re.Pattern[str]:
    return re.compile(_XML_INVALID)


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold written as ``\\xNN``."""
    return _xml_invalid().sub(lambda match: f"\\x{ord(match.group()):02x}", text)


class JunitReporter(Reporter):
    """JUnit XML, as CI systems read test reports: one test suite per page with findings,
    one failing test case per finding (an unreadable page is an ``error``); a clean run
    is one passing case. Written at the end (the counts head the document)."""

    def __init__(self, out: TextIO, registry: Registry, **options: Any) -> None:
        super().__init__(out, registry, **options)
        self._suites: list[tuple[str, list[tuple[str, str, str]], list[str]]] = []

    def add(self, result: PageResult) -> None:
        if not (result.diagnostics or result.errors):
            return
        cases = [(f"{d.code} ({d.rule}) at {d.line}:{d.column}", d.code,
                  f"line {d.line}, column {d.column}: {d.code} {d.message}") for d in result.diagnostics]
        self._suites.append((result.path, cases, list(result.errors)))

    def finish(self) -> None:
        import xml.etree.ElementTree as ElementTree

        failures = sum(len(cases) for _, cases, _ in self._suites)
        errors = sum(len(problems) for _, _, problems in self._suites)
        root = ElementTree.Element("testsuites", name="wikilint", tests=str(max(1, failures + errors)),
                                   failures=str(failures), errors=str(errors))
        if not self._suites:
            suite = ElementTree.SubElement(root, "testsuite", name="wikilint", tests="1", failures="0", errors="0")
            ElementTree.SubElement(suite, "testcase", name="no findings", classname="wikilint")
        for path, cases, problems in self._suites:
            suite = ElementTree.SubElement(root, "testsuite", name=_xml_text(path),
                                           tests=str(len(cases) + len(problems)), failures=str(len(cases)),
                                           errors=str(len(problems)))
            for name, code, text in cases:
                case = ElementTree.SubElement(suite, "testcase", name=_xml_text(name), classname=_xml_text(path))
                failure = ElementTree.SubElement(case, "failure", message=_xml_text(text), type=code)
                failure.text = _xml_text(text)
            for problem in problems:
                case = ElementTree.SubElement(suite, "testcase", name="read page", classname=_xml_text(path))
                ElementTree.SubElement(case, "error", message=_xml_text(problem), type="error").text = _xml_text(problem)
        ElementTree.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ElementTree.tostring(root, encoding="unicode"))
        self.out.write("\n")


class NullReporter(Reporter):
    """Prints no findings (``--statistics`` shows only its table)."""

    def add(self, result: PageResult) -> None:
        pass


REPORTERS: dict[str, type[Reporter]] = {
    "concise": ConciseReporter, "full": FullReporter, "json": JsonReporter, "json-lines": JsonLinesReporter,
    "github": GithubReporter, "sarif": SarifReporter, "gitlab": GitlabReporter, "junit": JunitReporter,
    "pylint": PylintReporter,
}


def make_reporter(output_format: str, out: TextIO, registry: Registry, *, style: Style = PLAIN) -> Reporter:
    return REPORTERS[output_format](out, registry, style=style)


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

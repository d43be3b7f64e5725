"""Between wikilint's results and LSP messages: diagnostics, their fixes, code actions.

As in ruff's server, each diagnostic carries in its ``data`` everything its code actions
need (the fix's edits and the edit that disables the rule on the line, already in client
positions, and the document version they apply to), so that a code action is built from
the diagnostic the client sends back, with no second lint.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Iterable

from lsprotocol import types

from wikilint.engine import Diagnostic
from wikilint.output import DOCS_URL
from wikilint.results import PageResult
from wikilint.server.positions import DocumentPositions

SOURCE = "wikilint"
FIX_ALL_KIND = "source.fixAll.wikilint"

_SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}

#: An existing ``disable-line`` directive with codes: a new code joins it.
_DISABLE_LINE = re.compile(r"<!--\s*wikilint:\s*disable-line\b\s*=?\s*(?P<codes>[^\s>][^>]*?)\s*-->")


@dataclass(frozen=True)
class Rules:
    """What the conversion needs to know of the rules that apply to the document."""

    #: Codes with a rule page (installed rules; engine codes have none).
    documented: frozenset[str]
    #: Codes whose fixes the configuration allows (``fixable`` minus ``unfixable``).
    fixable: frozenset[str]


def lsp_diagnostics(result: PageResult, positions: DocumentPositions, rules: Rules, version: int | None,
                    crlf: bool) -> list[types.Diagnostic]:
    """The LSP diagnostics of one lint of one buffer version."""
    diagnostics = [problem_diagnostic(message) for message in result.errors]
    for d in result.diagnostics:
        diagnostics.append(_diagnostic(d, positions, rules, version, crlf))
    return diagnostics


def problem_diagnostic(message: str) -> types.Diagnostic:
    """A problem with the page itself (unreadable, unparsable, broken configuration),
    shown at the top of the document."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(range=types.Range(start=start, end=start), message=f"wikilint: {message}",
                            severity=types.DiagnosticSeverity.Error, source=SOURCE)


def _diagnostic(d: Diagnostic, positions: DocumentPositions, rules: Rules, version: int | None,
                crlf: bool) -> types.Diagnostic:
    data: dict[str, Any] = {"version": version}
    if d.fix is not None and d.code in rules.fixable:
        data["fix"] = {
            "title": d.fix.message or f"fix {d.code}",
            "applicability": d.fix.applicability,
            "edits": [_edit_json(positions.position(e.line, e.column), positions.position(e.end_line, e.end_column),
                                 e.content.replace("\n", "\r\n") if crlf else e.content)
                      for e in d.fix.edits],
        }
    documented = d.code in rules.documented
    if documented:
        data["disable"] = _disable_edit(positions, d.line, d.code)
    return types.Diagnostic(
        range=types.Range(start=positions.position(d.line, d.column),
                          end=positions.position(d.end_line, d.end_column)),
        severity=_SEVERITIES.get(d.severity, types.DiagnosticSeverity.Error),
        code=d.code,
        code_description=types.CodeDescription(href=DOCS_URL.format(code=d.code)) if documented else None,
        source=SOURCE,
        message=d.message,
        data=data,
    )


def _edit_json(start: types.Position, end: types.Position, new_text: str) -> dict[str, Any]:
    return {"range": {"start": {"line": start.line, "character": start.character},
                      "end": {"line": end.line, "character": end.character}},
            "newText": new_text}


def _disable_edit(positions: DocumentPositions, line: int, code: str) -> dict[str, Any]:
    """The edit that adds ``code`` to the line's ``disable-line`` directive, or appends one."""
    text = positions.line_text(line)
    line_start = positions.line_offset(line)
    directives = list(_DISABLE_LINE.finditer(text))
    if directives:
        existing = directives[-1]
        at = positions.position_at(line_start + existing.end("codes"))
        return _edit_json(at, at, f", {code}")
    at = positions.position_at(line_start + len(text))
    separator = " " if text and not text[-1].isspace() else ""
    return _edit_json(at, at, f"{separator}<!-- wikilint: disable-line {code} -->")


def _text_edit(edit: dict[str, Any]) -> types.TextEdit:
    start, end = edit["range"]["start"], edit["range"]["end"]
    return types.TextEdit(
        range=types.Range(start=types.Position(line=start["line"], character=start["character"]),
                          end=types.Position(line=end["line"], character=end["character"])),
        new_text=edit["newText"],
    )


def workspace_edit(uri: str, version: int | None, edits: Iterable[types.TextEdit],
                   versioned: bool) -> types.WorkspaceEdit:
    """Edits of one document; with ``versioned`` (the client supports document changes) the
    client refuses them if the document has changed since."""
    edits = list(edits)
    if versioned:
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def quick_fixes(uri: str, version: int | None, diagnostics: Iterable[types.Diagnostic],
                versioned: bool) -> list[types.CodeAction]:
    """The fix and the "disable" action of each wikilint diagnostic made for this version."""
    actions: list[types.CodeAction] = []
    disables: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        data = diagnostic.data
        if diagnostic.source != SOURCE or not isinstance(data, dict) or data.get("version") != version:
            continue  # another tool's, or made for an older text: its edits would land wrong
        code = diagnostic.code
        fix = data.get("fix")
        if isinstance(fix, dict):
            unsafe = fix.get("applicability") == "unsafe"
            actions.append(types.CodeAction(
                title=f"wikilint ({code}): {fix['title']}" + (" (unsafe fix: review it)" if unsafe else ""),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=not unsafe,
                edit=workspace_edit(uri, version, (_text_edit(edit) for edit in fix["edits"]), versioned),
            ))
        disable = data.get("disable")
        if isinstance(disable, dict):
            disables.append(types.CodeAction(
                title=f"wikilint: disable {code} for this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=workspace_edit(uri, version, [_text_edit(disable)], versioned),
            ))
    return actions + disables


def replacement_edit(old: str, new: str, positions: DocumentPositions) -> types.TextEdit | None:
    """One edit that turns ``old`` (the buffer ``positions`` describe) into ``new``: the
    part between their common start and common end, so the editor keeps the cursor and
    folds of the untouched text. ``None`` when nothing changed."""
    if old == new:
        return None
    prefix = len(os.path.commonprefix([old, new]))
    room = min(len(old), len(new)) - prefix
    suffix = len(os.path.commonprefix([old[::-1], new[::-1]]))
    suffix = min(suffix, room)
    start, end = prefix, len(old) - suffix
    # Never split a CR LF pair: clients count it as one line break.
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end += 1
    new_end = len(new) - (len(old) - end)
    new_start = start
    return types.TextEdit(range=types.Range(start=positions.position_at(start), end=positions.position_at(end)),
                          new_text=new[new_start:new_end])


def hover_markdown(codes: Iterable[str], documentation: dict[str, str]) -> str:
    """The documentation of each rule, one after the other."""
    parts = []
    for code in dict.fromkeys(codes):
        text = documentation.get(code)
        if text is not None:
            parts.append(f"{text.rstrip()}\n\n[{code} on the web]({DOCS_URL.format(code=code)})")
    return "\n\n---\n\n".join(parts)


def contains(range_: types.Range, position: types.Position) -> bool:
    start, end = range_.start, range_.end
    here = (position.line, position.character)
    return (start.line, start.character) <= here <= (end.line, end.character)

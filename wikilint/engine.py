"""The engine: lint a page, and fix it safely.

Linting runs every enabled rule over one parsed :class:`~wikilint.page.Page`. A rule
that raises becomes an ``internal-error`` diagnostic (code ``WL001``) naming the rule
and page; the other rules still run.

Fixing loops lint → apply → lint until no applicable fix is left, at most
``fix_limit`` passes. Each pass applies non-overlapping fixes only (a fix's edits go in
together or not at all). The result is kept only if it re-parses to the same text and
the last pass — a lint of the fixed text — found nothing more to fix (so fixing it
again changes nothing); otherwise the original text is kept and the failure is
reported as ``WL002`` (``fix-failed``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from mwparserfromhell.nodes import Text

from wikilint.page import Page
from wikilint.rule import Applicability, Edit, Finding, Rule
from wikilint.suppression import Suppressions

if TYPE_CHECKING:
    from wikilint.config import RuleSet

INTERNAL_ERROR = ("WL001", "internal-error")
FIX_FAILED = ("WL002", "fix-failed")
ENGINE_ERROR_CODES = frozenset({INTERNAL_ERROR[0], FIX_FAILED[0]})


@dataclass(frozen=True)
class EditLocation:
    line: int
    column: int
    end_line: int
    end_column: int
    content: str


@dataclass(frozen=True)
class DiagnosticFix:
    applicability: Applicability
    message: str
    edits: tuple[EditLocation, ...]


@dataclass(frozen=True)
class Diagnostic:
    """A finding, placed and labelled: what every output format prints."""

    code: str
    rule: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    #: Columns in UTF-16 code units, for editors (LSP).
    column_utf16: int
    end_column_utf16: int
    fix: DiagnosticFix | None = None
    #: Whether this run would apply the fix (``--fix``, with ``--unsafe-fixes`` if unsafe).
    fix_enabled: bool = False
    #: The finding's line, for the ``full`` format; on a long line only a window of it
    #: around the finding (each diagnostic keeping a whole 5 MB line would exhaust memory).
    source_line: str = ""
    #: The column of the line where ``source_line`` starts (1 unless it is a window).
    source_column: int = 1
    #: The rule's edits in offsets, for the fix loop (not part of the output).
    edits: tuple[Edit, ...] = field(default=(), repr=False, compare=False)


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    #: True when a rule raised (exit status 2).
    internal_error: bool = False


@dataclass
class FixResult:
    text: str
    #: Diagnostics left after fixing (on the fixed text), or on the original on failure.
    diagnostics: list[Diagnostic]
    #: ``(code, fix message)`` of every fix applied, in order.
    applied: list[tuple[str, str]] = field(default_factory=list)
    failed: bool = False
    internal_error: bool = False


def _engine_diagnostic(page: Page, code_and_name: tuple[str, str], message: str, start: int = 0,
                       end: int = 0) -> Diagnostic:
    line, column = page.line_col(start)
    end_line, end_column = page.line_col(end)
    return Diagnostic(
        code=code_and_name[0], rule=code_and_name[1], severity="error", message=message, start=start, end=end,
        line=line, column=column, end_line=end_line, end_column=end_column,
        column_utf16=page.utf16_column(line, column), end_column_utf16=page.utf16_column(end_line, end_column),
        **_source_window(page, line, column, end_line, end_column),
    )


#: Characters of a line shown before and after a finding in the ``full`` format.
_WINDOW_BEFORE, _WINDOW_AFTER = 60, 120


def _source_window(page: Page, line: int, column: int, end_line: int, end_column: int) -> dict[str, object]:
    start, end = page.line_span(line)
    if end - start <= _WINDOW_BEFORE + _WINDOW_AFTER:
        return {"source_line": page.text[start:end], "source_column": 1}
    finding_end = end_column if end_line == line else column
    window_start = max(start, start + column - 1 - _WINDOW_BEFORE)
    window_end = min(end, start + finding_end - 1 + _WINDOW_AFTER)
    return {"source_line": page.text[window_start:window_end], "source_column": window_start - start + 1}


def _fix_applicability(rule: Rule, finding: Finding) -> Applicability:
    declared = rule.fix_applicability
    wanted = finding.fix.applicability if finding.fix and finding.fix.applicability else declared
    # A fix may downgrade itself to unsafe, never upgrade a rule declared unsafe.
    return "unsafe" if "unsafe" in (declared, wanted) else wanted


def _make_diagnostic(page: Page, rule: Rule, finding: Finding, rule_set: RuleSet) -> Diagnostic:
    text_length = len(page.text)
    if not 0 <= finding.start <= finding.end <= text_length:
        raise ValueError(f"finding range {finding.start}..{finding.end} outside the page (length {text_length})")
    line, column = page.line_col(finding.start)
    end_line, end_column = page.line_col(finding.end)
    fix = None
    fix_enabled = False
    edits: tuple[Edit, ...] = ()
    has_effect = finding.fix is not None and any(
        page.text[edit.start:edit.end] != edit.replacement for edit in finding.fix.edits
    )
    if has_effect and rule.fix_applicability != "none":
        edits = finding.fix.edits
        for edit in edits:
            if edit.end > text_length:
                raise ValueError(f"fix edit {edit.start}..{edit.end} outside the page (length {text_length})")
        applicability = _fix_applicability(rule, finding)
        fix = DiagnosticFix(
            applicability=applicability,
            message=finding.fix.message,
            edits=tuple(
                EditLocation(*page.line_col(edit.start), *page.line_col(edit.end), edit.replacement)
                for edit in edits
            ),
        )
        fix_enabled = rule.code in rule_set.fixable and (applicability == "safe" or rule_set.unsafe_fixes)
    return Diagnostic(
        code=rule.code, rule=rule.name, severity=finding.severity or rule.severity, message=finding.message,
        start=finding.start, end=finding.end, line=line, column=column, end_line=end_line, end_column=end_column,
        column_utf16=page.utf16_column(line, column), end_column_utf16=page.utf16_column(end_line, end_column),
        fix=fix, fix_enabled=fix_enabled, edits=edits, **_source_window(page, line, column, end_line, end_column),
    )


def _run_rule(page: Page, rule: Rule, rule_set: RuleSet, page_label: str) -> tuple[list[Diagnostic], bool]:
    try:
        return [_make_diagnostic(page, rule, finding, rule_set) for finding in rule.check(page)], False
    except Exception as error:  # noqa: BLE001 - a rule's bug must not stop the run
        message = (f"rule {rule.code} ({rule.name}) failed on page {page_label}: "
                   f"{type(error).__name__}: {error}")
        return [_engine_diagnostic(page, INTERNAL_ERROR, message)], True


def lint_page(page: Page, rule_set: RuleSet, ignored_codes: Iterable[str] = ()) -> LintResult:
    """Every enabled rule over one page, with suppressions applied."""
    ignored = frozenset(ignored_codes)
    page_label = page.title or page.path or "<page>"
    rules = [rule for rule in rule_set.rules if rule.code not in ignored]
    page.suppressions = Suppressions.from_page(page)
    diagnostics: list[Diagnostic] = []
    internal_error = False
    for late in (False, True):
        for rule in (r for r in rules if r.after_suppressions is late):
            found, failed = _run_rule(page, rule, rule_set, page_label)
            internal_error |= failed
            diagnostics.extend(
                d for d in found
                if d.code == INTERNAL_ERROR[0]
                or not page.suppressions.suppresses(d.code, d.rule, d.start, d.line, explicit_only=late)
            )
    diagnostics.sort(key=lambda d: (d.start, d.code))
    return LintResult(diagnostics, internal_error)


def _choose_edits(diagnostics: list[Diagnostic]) -> tuple[list[Edit], list[Diagnostic]]:
    """Non-overlapping fixes of one pass, first come first served, each fix whole."""
    chosen: list[Edit] = []
    applied: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for diagnostic in diagnostics:
        if not diagnostic.fix_enabled:
            continue
        spans = [(edit.start, edit.end) for edit in diagnostic.edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        # Two edits of one fix must not overlap each other either.
        if any(_overlaps(a, b) for i, a in enumerate(spans) for b in spans[i + 1:]):
            continue
        chosen.extend(diagnostic.edits)
        taken.extend(spans)
        applied.append(diagnostic)
    return chosen, applied


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Touching ranges are fine, except two insertions at one point (their order would be arbitrary).
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to ``text``."""
    pieces = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(text[position:edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def fix_page(page: Page, rule_set: RuleSet, ignored_codes: Iterable[str] = ()) -> FixResult:
    """Lint and fix to a fixed point; see the module docstring for the guarantees."""
    latest = [page]  # the newest version of the page, whichever way the fixing ends
    try:
        return _fix_to_fixed_point(page, rule_set, frozenset(ignored_codes), latest)
    finally:
        page.release()
        latest[0].release()


def _fix_to_fixed_point(original: Page, rule_set: RuleSet, ignored: frozenset[str], latest: list[Page]) -> FixResult:
    page = original
    seen_versions = {page.text}
    applied_fixes: list[tuple[str, str]] = []
    limit = rule_set.settings.fix_limit
    for _pass in range(limit + 1):
        result = lint_page(page, rule_set, ignored)
        if result.internal_error:
            return _failed(original, rule_set, ignored, result, "a rule raised while fixing", internal=True)
        edits, applied = _choose_edits(result.diagnostics)
        if not edits:
            if page is not original:
                problem = _reparse_problem(original, page)
                if problem:
                    return _failed(original, rule_set, ignored, result, problem)
            return FixResult(page.text, result.diagnostics, applied_fixes)
        if _pass == limit:
            return _failed(original, rule_set, ignored, result,
                           f"fixes did not settle within {limit} pass{'' if limit == 1 else 'es'} (fix-limit)")
        new_text = apply_edits(page.text, edits)
        if new_text in seen_versions:
            return _failed(original, rule_set, ignored, result, "fixes undo each other (the text came back to an "
                                                                "earlier version)")
        seen_versions.add(new_text)
        applied_fixes.extend((d.code, d.fix.message if d.fix else "") for d in applied)
        if page is not original:
            page.release()  # an intermediate version: nothing reads it again
        try:
            page = latest[0] = Page(new_text, site=page.site, title=page.title, path=page.path)
        except Exception as error:  # noqa: BLE001 - a parser failure on fixed text is a failed fix
            return _failed(original, rule_set, ignored, result,
                           f"the fixed text does not parse ({type(error).__name__}: {error})")
    raise AssertionError("unreachable")  # pragma: no cover


_BRACKETS = ("[[", "]]", "{{", "}}")


def unmatched_markup(page: Page) -> int:
    """How many ``[[``, ``]]``, ``{{``, ``}}`` the parser left as plain text (broken markup)."""
    count = 0
    for located in page.nodes(Text):
        if located.in_literal:
            continue
        value = located.node.value
        if "[" in value or "]" in value or "{" in value or "}" in value:
            count += sum(value.count(bracket) for bracket in _BRACKETS)
    return count


def _reparse_problem(original: Page, fixed: Page) -> str | None:
    """Why the fixed text is not acceptable, or ``None``.

    It must re-parse to itself (mwparserfromhell is lossless, so this guards the
    engine), and it must not leave more markup broken than the original had.
    """
    # ``fixed`` was parsed from its text for the last lint pass: compare, do not parse again.
    if str(fixed.tree) != fixed.text:
        return "the fixed text does not re-parse to itself"
    before, after = unmatched_markup(original), unmatched_markup(fixed)
    if after > before:
        return f"the fixes would break markup (unmatched brackets: {before} before, {after} after)"
    return None


def _failed(original: Page, rule_set: RuleSet, ignored: frozenset[str], last: LintResult, why: str,
            internal: bool = False) -> FixResult:
    """Keep the original text; report why, plus the original's own diagnostics."""
    result = lint_page(original, rule_set, ignored)
    label = original.title or original.path or "<page>"
    reasons = [d.message for d in last.diagnostics if d.code == INTERNAL_ERROR[0]]
    detail = f" ({'; '.join(reasons)})" if reasons else ""
    diagnostic = _engine_diagnostic(original, FIX_FAILED, f"page {label} left unchanged: {why}{detail}")
    return FixResult(original.text, [diagnostic] + result.diagnostics, [], failed=True,
                     internal_error=internal or result.internal_error)

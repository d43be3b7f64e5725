"""The engine: lint a page, and fix it safely.

Linting runs every enabled rule over one parsed :class:`~wikilint.page.Page`. What a
rule returns is checked at the boundary (ranges inside the page, edits that do not
overlap, known severities); a rule that raises (even ``SystemExit`` or a native
library's panic) or returns something malformed becomes an ``internal-error``
diagnostic (code ``WL001``) naming the rule and page, and the other rules still run.

Fixing loops lint → apply → lint until no applicable fix is left, at most
``fix_limit`` passes. Each pass applies non-overlapping fixes only (a fix's edits go in
together or not at all). The last pass, a lint of the fixed text, finds nothing more to
fix, so fixing again changes nothing. Acceptance checks (:data:`DEFAULT_CHECKS`: the
text re-parses to itself and breaks no markup; the formatter adds its own) compare the
result with the original. When the fixes of a rule are refused — they fail a check,
never settle within ``fix_limit`` passes, or undo another rule's — that rule's fixes are
dropped, the page is fixed again from the original without them, and the drop is
reported as ``WL002`` (``fix-failed``), as sqlfluff does; the other rules' fixes stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from mwparserfromhell.nodes import Text

from wikilint.page import Page, prints_back
from wikilint.rule import SEVERITIES, Applicability, Edit, Finding, Fix, Rule
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
    #: True when any fix was refused (see ``dropped``) or the page could not be fixed at all.
    failed: bool = False
    internal_error: bool = False
    #: Rules whose fixes were refused on this page, with the reason.
    dropped: dict[str, str] = field(default_factory=dict)
    #: Applied fixes whose findings appeared only after other fixes (never seen in a lint
    #: of the original: a fix summary should mention them).
    found_later: int = 0


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


class RuleOutputError(ValueError):
    """What a rule returned is not a well-formed finding (blamed on the rule as WL001)."""


def _check_finding(finding: object, text_length: int) -> Finding:
    """``finding`` if it is well formed for a page of ``text_length`` characters."""
    if not isinstance(finding, Finding):
        raise RuleOutputError(f"returned {type(finding).__name__} {finding!r:.60}, not a Finding")
    if not (type(finding.start) is int and type(finding.end) is int and 0 <= finding.start <= finding.end
            <= text_length):
        raise RuleOutputError(f"finding range {finding.start!r}..{finding.end!r} outside the page "
                              f"(length {text_length})")
    if finding.severity is not None and finding.severity not in SEVERITIES:
        raise RuleOutputError(f"finding severity {finding.severity!r} is not one of {', '.join(SEVERITIES)}")
    if not isinstance(finding.message, str):
        raise RuleOutputError(f"finding message {finding.message!r:.60} is not a string")
    fix = finding.fix
    if fix is None:
        return finding
    if not isinstance(fix, Fix) or not isinstance(fix.edits, (tuple, list)):
        raise RuleOutputError(f"fix {fix!r:.60} is not a Fix")
    previous_end = -1
    for edit in sorted(fix.edits, key=_edit_order):
        if not (isinstance(edit, Edit) and type(edit.start) is int and type(edit.end) is int
                and isinstance(edit.replacement, str) and 0 <= edit.start <= edit.end <= text_length):
            raise RuleOutputError(f"fix edit {edit!r:.80} is not an Edit(start, end, str) inside the page "
                                  f"(length {text_length})")
        if edit.start < previous_end or (edit.start == previous_end == edit.end):
            raise RuleOutputError(f"the edits of one fix overlap at offset {edit.start}")
        previous_end = edit.end
    return finding


def _edit_order(edit: object) -> tuple[int, int]:
    start, end = getattr(edit, "start", 0), getattr(edit, "end", 0)
    return (start, end) if type(start) is int and type(end) is int else (0, 0)


@dataclass(slots=True)
class _Found:
    """A rule's finding as the fix loop needs it: no line numbers or source windows yet."""

    rule: Rule
    finding: Finding
    #: The fix's edits when it changes something (``()`` otherwise).
    edits: tuple[Edit, ...]
    applicability: Applicability
    #: Whether this run applies the fix (fixable, and safe or unsafe fixes allowed).
    fix_enabled: bool
    line: int


def _found(page: Page, rule: Rule, finding: Finding, rule_set: RuleSet) -> _Found:
    edits: tuple[Edit, ...] = ()
    applicability: Applicability = "none"
    fix_enabled = False
    fix = finding.fix
    if fix is not None and rule.fix_applicability != "none":
        text = page.text
        if any(text[edit.start:edit.end] != edit.replacement for edit in fix.edits):
            edits = tuple(fix.edits)
            applicability = _fix_applicability(rule, finding)
            fix_enabled = rule.code in rule_set.fixable and (applicability == "safe" or rule_set.unsafe_fixes)
    return _Found(rule, finding, edits, applicability, fix_enabled, page.line_col(finding.start)[0])


def _make_diagnostic(page: Page, found: _Found) -> Diagnostic:
    """The displayable diagnostic of a finding: lines, columns, fix locations."""
    rule, finding = found.rule, found.finding
    line, column = page.line_col(finding.start)
    end_line, end_column = page.line_col(finding.end)
    fix = None
    if found.edits:
        fix = DiagnosticFix(
            applicability=found.applicability,
            message=finding.fix.message if finding.fix else "",
            edits=tuple(
                EditLocation(*page.line_col(edit.start), *page.line_col(edit.end), edit.replacement)
                for edit in found.edits
            ),
        )
    return Diagnostic(
        code=rule.code, rule=rule.name, severity=finding.severity or rule.severity, message=finding.message,
        start=finding.start, end=finding.end, line=line, column=column, end_line=end_line, end_column=end_column,
        column_utf16=page.utf16_column(line, column), end_column_utf16=page.utf16_column(end_line, end_column),
        fix=fix, fix_enabled=found.fix_enabled, edits=found.edits,
        **_source_window(page, line, column, end_line, end_column),
    )


def _run_rule(page: Page, rule: Rule, rule_set: RuleSet) -> list[_Found]:
    """The rule's findings on the page; raises :class:`RuleFailure` when the rule fails."""
    text_length = len(page.text)
    try:
        return [_found(page, rule, _check_finding(finding, text_length), rule_set) for finding in rule.check(page)]
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as error:  # noqa: BLE001 - a rule's bug (even SystemExit, a native panic) must not stop the run
        raise RuleFailure(f"rule {rule.code} ({rule.name}) failed on page {page_label(page)}: "
                          f"{type(error).__name__}: {error}") from error


class RuleFailure(Exception):
    """A rule raised, or returned something malformed; the message blames it."""


def page_label(page: Page) -> str:
    return page.title or page.path or "<page>"


@dataclass
class _Collected:
    found: list[_Found]
    #: One message per rule that failed (WL001).
    failures: list[str]


def _collect(page: Page, rule_set: RuleSet, ignored: frozenset[str]) -> _Collected:
    """Every enabled rule over the page, with suppressions applied.

    Rules share one parse tree and must only read it. When a rule fails and the tree no
    longer prints the page's text, some rule changed it and the failure may be another
    rule's fault: the rule that changes the tree is found on a fresh parse, blamed, and
    the others run again without it.
    """
    rules = [rule for rule in rule_set.rules
             if rule.code not in ignored and (page.index is not None or not rule.needs)]
    collected = _collect_rules(page, rules, rule_set)
    if collected.failures and not prints_back(page.tree, page.text):
        mutator = _tree_mutator(page, rules)
        if mutator is not None:
            fresh = Page(page.text, site=page.site, title=page.title, path=page.path, index=page.index)
            collected = _collect_rules(fresh, [rule for rule in rules if rule is not mutator], rule_set)
            fresh.release()
            collected.failures.insert(0, f"rule {mutator.code} ({mutator.name}) changed the parse tree of page "
                                         f"{page_label(page)} (rules must only read page.tree)")
    return collected


def _tree_mutator(page: Page, rules: list[Rule]) -> Rule | None:
    """The first rule that changes a fresh parse of the page's tree (a rare, slow path)."""
    fresh = Page(page.text, site=page.site, title=page.title, path=page.path, index=page.index)
    fresh.suppressions = Suppressions.from_page(fresh)
    try:
        for rule in rules:
            try:
                for _finding in rule.check(fresh):
                    pass
            except (KeyboardInterrupt, GeneratorExit):
                raise
            except BaseException:  # noqa: BLE001 - only the tree matters here
                pass
            if not prints_back(fresh.tree, fresh.text):
                return rule
        return None
    finally:
        fresh.release()


def _collect_rules(page: Page, rules: list[Rule], rule_set: RuleSet) -> _Collected:
    page.suppressions = Suppressions.from_page(page)
    kept: list[_Found] = []
    failures: list[str] = []
    for late in (False, True):
        for rule in (r for r in rules if r.after_suppressions is late):
            try:
                found = _run_rule(page, rule, rule_set)
            except RuleFailure as failure:
                failures.append(str(failure))
                continue
            suppresses = page.suppressions.suppresses
            kept.extend(f for f in found if not suppresses(rule.code, rule.name, f.finding.start, f.line,
                                                           explicit_only=late))
    kept.sort(key=lambda f: (f.finding.start, f.rule.code))
    return _Collected(kept, failures)


def _diagnostics(page: Page, collected: _Collected) -> list[Diagnostic]:
    diagnostics = [_engine_diagnostic(page, INTERNAL_ERROR, message) for message in collected.failures]
    diagnostics.extend(_make_diagnostic(page, found) for found in collected.found)
    diagnostics.sort(key=lambda d: (d.start, d.code))
    return diagnostics


def lint_page(page: Page, rule_set: RuleSet, ignored_codes: Iterable[str] = ()) -> LintResult:
    """Every enabled rule over one page, with suppressions applied."""
    collected = _collect(page, rule_set, frozenset(ignored_codes))
    return LintResult(_diagnostics(page, collected), bool(collected.failures))


def _choose_edits(candidates: Iterable[_Found]) -> tuple[list[Edit], list[_Found]]:
    """Non-overlapping fixes of one pass, first come first served, each fix whole.

    Touching spans are fine, except two insertions at one point (their order would be
    arbitrary). The spans taken so far are kept sorted by ``(start, end)``; being
    pairwise non-overlapping, their ends are then sorted too, so one bisection finds the
    only taken span that can overlap a new one: O(n log n) for n fixes (plus a list
    insert, which is a memmove).
    """
    import bisect

    chosen: list[Edit] = []
    applied: list[_Found] = []
    taken: list[tuple[int, int]] = []
    ends: list[int] = []  # the ends of ``taken``, in the same order
    for found in candidates:
        if not found.fix_enabled:
            continue
        spans = [(edit.start, edit.end) for edit in found.edits]
        if any(_collides(taken, ends, span) for span in spans):
            continue
        for span in spans:
            index = bisect.bisect_left(taken, span)
            taken.insert(index, span)
            ends.insert(index, span[1])
        chosen.extend(found.edits)
        applied.append(found)
    return chosen, applied


def _collides(taken: list[tuple[int, int]], ends: list[int], span: tuple[int, int]) -> bool:
    import bisect

    start, end = span
    first_ending_after = bisect.bisect_right(ends, start)
    if first_ending_after < len(taken) and taken[first_ending_after][0] < end:
        return True
    if start == end:  # an insertion collides with another insertion at the same point
        index = bisect.bisect_left(taken, span)
        return index < len(taken) and taken[index] == span
    return False


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


#: An acceptance check: ``(before, after) -> why "after" is not acceptable, or None``.
AcceptanceCheck = Callable[[Page, Page], "str | None"]


def reparses_to_itself(before: Page, after: Page) -> str | None:
    """mwparserfromhell is lossless, so this guards the engine itself. (A page of fixed text
    compares its tree with its text in its layout walk: :meth:`Page.prints_back`.)"""
    if not after.prints_back():
        return "the fixed text does not re-parse to itself"
    return None


def breaks_no_markup(before: Page, after: Page) -> str | None:
    """The fixes must not leave more ``[[``/``]]``/``{{``/``}}`` broken than there were."""
    count_before, count_after = unmatched_markup(before), unmatched_markup(after)
    if count_after > count_before:
        return f"the fixes would break markup (unmatched brackets: {count_before} before, {count_after} after)"
    return None


DEFAULT_CHECKS: tuple[AcceptanceCheck, ...] = (reparses_to_itself, breaks_no_markup)


def fix_page(page: Page, rule_set: RuleSet, ignored_codes: Iterable[str] = (), *,
             checks: Sequence[AcceptanceCheck] = DEFAULT_CHECKS, window: tuple[int, int] | None = None) -> FixResult:
    """Lint and fix to a fixed point; see the module docstring for the guarantees.

    ``window`` (offsets ``[start, end)`` of ``page.text``) applies only fixes whose edits
    all lie inside it (formatting a selection); it follows the text as fixes change it.
    """
    ignored = frozenset(ignored_codes)
    dropped: dict[str, str] = {}
    blame_each_pass = False
    try:
        # Each round either ends or refuses at least one more rule, so rounds are bounded.
        while True:
            outcome = _fix_round(page, rule_set, ignored, checks, dropped, blame_each_pass, window)
            if isinstance(outcome, FixResult):
                return outcome
            if outcome is _BLAME_EACH_PASS:
                blame_each_pass = True
                continue
            dropped.update(outcome)
    finally:
        page.release()


class _Retry:
    """A marker: fix again, checking every pass."""


_BLAME_EACH_PASS = _Retry()


def _fix_round(original: Page, rule_set: RuleSet, ignored: frozenset[str], checks: Sequence[AcceptanceCheck],
               dropped: dict[str, str], blame_each_pass: bool,
               window: tuple[int, int] | None = None) -> FixResult | dict[str, str] | _Retry:
    """One attempt at fixing ``original`` without the rules in ``dropped``.

    Returns the result, or the rules to refuse (with why) before the next attempt, or
    :data:`_BLAME_EACH_PASS` when the result failed a check and the next attempt must
    check every pass to find the rule to blame.
    """
    page = original
    seen_versions = {hash(page.text): 0}
    passes_applied: list[list[_Found]] = []
    first_pass_fixable: dict[str, int] = {}
    limit = rule_set.settings.fix_limit
    try:
        for pass_number in range(limit + 1):
            collected = _collect(page, rule_set, ignored)
            if collected.failures:
                return _failed(original, rule_set, ignored, collected, "a rule raised while fixing", dropped)
            candidates = [f for f in collected.found if f.fix_enabled and f.rule.code not in dropped]
            if window is not None:
                candidates = [f for f in candidates if _inside(f.edits, window, len(page.text))]
            if pass_number == 0:
                for found in candidates:
                    first_pass_fixable[found.rule.code] = first_pass_fixable.get(found.rule.code, 0) + 1
            edits, applied = _choose_edits(candidates)
            if not edits:
                if page is not original:
                    problem = _first_problem(checks, original, page)
                    if problem is not None:
                        if not blame_each_pass:
                            return _BLAME_EACH_PASS
                        return _failed(original, rule_set, ignored, collected, problem, dropped)
                return _result(page, collected, passes_applied, dropped, first_pass_fixable)
            if pass_number == limit:
                why = f"they did not settle within {limit} pass{'' if limit == 1 else 'es'} (fix-limit)"
                return {code: why for code in _codes(applied)}
            new_text = apply_edits(page.text, edits)
            if window is not None:  # every edit is inside it: only its end moves
                window = (window[0], window[1] + len(new_text) - len(page.text))
            earlier = seen_versions.get(hash(new_text))
            if earlier is not None:
                # Every rule that fixed something since that version takes part in the cycle.
                cycle = [found for fixes in passes_applied[earlier:] for found in fixes] + applied
                return {code: "they undo another rule's fixes (the text came back to an earlier version)"
                        for code in _codes(cycle)}
            seen_versions[hash(new_text)] = pass_number + 1
            new_page = _parse_version(page, new_text)
            if isinstance(new_page, str):
                return {code: new_page for code in _codes(applied)}
            if blame_each_pass:
                problem = _first_problem(checks, page, new_page)
                if problem is not None:
                    new_page.release()
                    return _blame(page, applied, checks, problem)
            passes_applied.append(applied)
            if page is not original:
                page.release()  # an intermediate version: nothing reads it again
            page = new_page
    finally:
        if page is not original:
            page.release()
    raise AssertionError("unreachable")  # pragma: no cover


def _inside(edits: Iterable[Edit], window: tuple[int, int], text_length: int) -> bool:
    """Whether every edit lies inside the window; an insertion at its end belongs to the
    text after it (the next line), unless the window ends the text."""
    start, end = window
    return all(start <= edit.start and (edit.end < end or edit.end == end and (edit.start < edit.end
                                                                               or end == text_length))
               for edit in edits)


def _codes(founds: Iterable[_Found]) -> list[str]:
    return sorted({found.rule.code for found in founds})


def _first_problem(checks: Sequence[AcceptanceCheck], before: Page, after: Page) -> str | None:
    for check in checks:
        problem = check(before, after)
        if problem is not None:
            return problem
    return None


def _parse_version(page: Page, text: str) -> Page | str:
    try:
        return Page(text, site=page.site, title=page.title, path=page.path, index=page.index, checked_layout=True)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as error:  # noqa: BLE001 - a parser failure on fixed text is a refused fix
        return f"the fixed text does not parse ({type(error).__name__}: {error})"


def _blame(page: Page, applied: list[_Found], checks: Sequence[AcceptanceCheck], problem: str) -> dict[str, str]:
    """The rules whose fixes make this pass fail a check.

    Rule by rule (in code order), each rule's fixes are added to those already accepted;
    a rule whose addition fails is to blame. Only runs when a check failed, which is rare.
    """
    by_rule: dict[str, list[Edit]] = {}
    for found in applied:
        by_rule.setdefault(found.rule.code, []).extend(found.edits)
    accepted: list[Edit] = []
    blamed: dict[str, str] = {}
    for code in sorted(by_rule):
        trial = _parse_version(page, apply_edits(page.text, accepted + by_rule[code]))
        why = trial if isinstance(trial, str) else _first_problem(checks, page, trial)
        if not isinstance(trial, str):
            trial.release()
        if why is None:
            accepted.extend(by_rule[code])
        else:
            blamed[code] = why
    return blamed or {code: problem for code in by_rule}


def _result(page: Page, collected: _Collected, passes_applied: list[list[_Found]], dropped: dict[str, str],
            first_pass_fixable: dict[str, int]) -> FixResult:
    diagnostics = _diagnostics(page, collected)
    refusals = [_refusal(page, collected, code, why) for code, why in sorted(dropped.items())]
    applied = [(found.rule.code, found.finding.fix.message if found.finding.fix else "")
               for fixes in passes_applied for found in fixes]
    applied_per_code: dict[str, int] = {}
    for code, _message in applied:
        applied_per_code[code] = applied_per_code.get(code, 0) + 1
    found_later = sum(max(0, count - first_pass_fixable.get(code, 0)) for code, count in applied_per_code.items())
    return FixResult(page.text, refusals + diagnostics, applied, failed=bool(dropped), dropped=dict(dropped),
                     found_later=found_later)


def _refusal(page: Page, collected: _Collected, code: str, why: str) -> Diagnostic:
    """WL002 for a rule whose fixes were refused, at its first finding that remains."""
    first = next((found for found in collected.found if found.rule.code == code), None)
    name = first.rule.name if first else code
    start, end = (first.finding.start, first.finding.end) if first else (0, 0)
    return _engine_diagnostic(page, FIX_FAILED, f"fixes of {code} ({name}) not applied on page {page_label(page)}: "
                                                f"{why}", start, end)


_BRACKETS = ("[[", "]]", "{{", "}}")


def unmatched_markup(page: Page) -> int:
    """How many ``[[``, ``]]``, ``{{``, ``}}`` the parser left as plain text (broken markup)."""
    return page.derived("wikilint.unmatched_markup", _count_unmatched_markup)


def _count_unmatched_markup(page: Page) -> int:
    count = 0
    for located in page.nodes(Text):
        if located.in_literal:
            continue
        value = located.node.value
        if "[" in value or "]" in value or "{" in value or "}" in value:
            count += sum(value.count(bracket) for bracket in _BRACKETS)
    return count


def _failed(original: Page, rule_set: RuleSet, ignored: frozenset[str], last: _Collected, why: str,
            dropped: dict[str, str]) -> FixResult:
    """Keep the original text; report why, plus the original's own diagnostics."""
    collected = _collect(original, rule_set, ignored)
    detail = f" ({'; '.join(last.failures)})" if last.failures else ""
    diagnostic = _engine_diagnostic(original, FIX_FAILED, f"page {page_label(original)} left unchanged: {why}{detail}")
    return FixResult(original.text, [diagnostic] + _diagnostics(original, collected), [], failed=True,
                     internal_error=bool(last.failures or collected.failures), dropped=dict(dropped))

"""Formatting a page: the formatting rules through the fix loop, with one more check.

``wikilint format``, :func:`wikilint.api.format_text`, the language server and ``dump
--format`` all format through :func:`format_page`, which is :func:`~wikilint.engine.fix_page`
with the formatting rule set (``kind = "format"``) and :func:`means_the_same` added to the
acceptance checks: the fix loop's own guards (a fixed point, so formatting again changes
nothing; the text re-parses; no markup broken) hold, and a formatted page that would mean
something else than the original (:func:`wikilint.semantic.find_difference`) is refused
with the first difference. ``verify=False`` (``--no-verify``) leaves that one check out.

``lines`` restricts formatting to a range of lines (``--range``, an editor's selection):
only fixes whose edits lie inside those lines are applied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from wikilint.engine import DEFAULT_CHECKS, AcceptanceCheck, FixResult, fix_page, reparses_to_itself
from wikilint.semantic import first_difference, format_off_regions

if TYPE_CHECKING:
    from wikilint.config import RuleSet
    from wikilint.page import Page
    from wikilint.results import PageResult

class FormattingRefused(Exception):
    """The page was not formatted: formatting it would change what it means, or failed
    (the message says why, with the first difference)."""


#: Lines ``(first, last)``, 1-based and inclusive.
LineRange = tuple[int, int]


def means_the_same(before: Page, after: Page) -> str | None:
    """The acceptance check of formatting: ``after`` must mean what ``before`` means."""
    difference = first_difference(before, after)
    return None if difference is None else f"the formatted page would mean something else: {difference}"


def keeps_format_off_regions(before: Page, after: Page) -> str | None:
    """``<!-- wikilint: format off -->`` … ``<!-- wikilint: format on -->`` regions stay
    byte for byte, whatever a (third-party) rule does and even with ``--no-verify``."""
    old, new = format_off_regions(before), format_off_regions(after)
    if len(old) != len(new):
        return f"the number of format-off regions would change from {len(old)} to {len(new)}"
    for number, ((old_start, old_end), (new_start, new_end)) in enumerate(zip(old, new), 1):
        if before.text[old_start:old_end] != after.text[new_start:new_end]:
            return f"line {before.line_col(old_start)[0]}: format-off region {number} would change"
    return None


#: What a formatted page must pass: the fix loop's checks and format-off regions kept;
#: with ``--no-verify`` that is all.
UNVERIFIED_CHECKS: tuple[AcceptanceCheck, ...] = DEFAULT_CHECKS + (keeps_format_off_regions,)
#: And by default the same meaning. The semantic check takes the place of
#: ``breaks_no_markup``: a bracket left unmatched is text the original did not have (or a
#: link or template gone), so the views differ, and counting them costs a walk of both trees.
FORMAT_CHECKS: tuple[AcceptanceCheck, ...] = (reparses_to_itself, keeps_format_off_regions, means_the_same)


def line_window(text: str, lines: LineRange) -> tuple[int, int]:
    """The offsets ``[start, end)`` of lines ``first``…``last`` of ``text`` (the newline
    that ends the last one included); lines past the end are clamped to it."""
    first, last = lines
    start = 0
    for _ in range(first - 1):
        newline = text.find("\n", start)
        if newline == -1:
            return len(text), len(text)
        start = newline + 1
    end = start
    for _ in range(last - first + 1):
        newline = text.find("\n", end)
        if newline == -1:
            return start, len(text)
        end = newline + 1
    return start, end


def parse_line_range(value: str) -> LineRange:
    """``START:END`` (1-based, inclusive; either side may be left out) as a line range;
    raises :class:`ValueError` with a one-line reason."""
    first_text, colon, last_text = value.partition(":")
    if not colon:
        raise ValueError(f"expects START:END (line numbers), not {value!r}")
    try:
        first = int(first_text) if first_text.strip() else 1
        last = int(last_text) if last_text.strip() else 2**31
    except ValueError:
        raise ValueError(f"expects START:END (line numbers), not {value!r}") from None
    if first < 1 or last < first:
        raise ValueError(f"expects 1 <= START <= END, not {value!r}")
    return first, last


def format_page(page: Page, rule_set: RuleSet, ignored_codes: Iterable[str] = (), *, verify: bool = True,
                lines: LineRange | None = None) -> FixResult:
    """``page`` formatted with ``rule_set`` (a ``kind="format"`` rule set); see the module
    docstring. A refused rule's fixes are reported as ``WL002`` on the result
    (``result.failed``): callers write nothing then."""
    window = line_window(page.text, lines) if lines is not None else None
    return fix_page(page, rule_set, ignored_codes, checks=FORMAT_CHECKS if verify else UNVERIFIED_CHECKS,
                    window=window)


def format_fixed_page(fixed: FixResult, rule_set: RuleSet, format_rule_set: RuleSet, ignored_codes: Iterable[str],
                      *, title: str | None, path: str | None) -> str | None:
    """Format the text of a page that fixes changed (``dump --format``), in place: ``fixed``
    gets the formatted text, the formatting fixes in ``applied`` and the diagnostics of a
    lint of the formatted text (its lines moved). When formatting is refused the fixes
    stand and the refusal (``WL002``) joins their diagnostics; returns why, or ``None``."""
    from wikilint.engine import ENGINE_ERROR_CODES, lint_page
    from wikilint.page import Page

    formatted = format_page(Page(fixed.text, site=rule_set.site, title=title, path=path), format_rule_set,
                            ignored_codes)
    why = refusal(formatted)
    if why is not None:
        fixed.diagnostics = [d for d in formatted.diagnostics if d.code in ENGINE_ERROR_CODES] + fixed.diagnostics
        return why
    if formatted.text == fixed.text:
        return None
    page = Page(formatted.text, site=rule_set.site, title=title, path=path)
    lint = lint_page(page, rule_set, ignored_codes)
    page.release()
    fixed.text = formatted.text
    fixed.applied = fixed.applied + formatted.applied
    fixed.diagnostics = lint.diagnostics
    fixed.internal_error = fixed.internal_error or lint.internal_error
    return None


def refusal(result: FixResult | PageResult) -> str | None:
    """Why a formatted page must not be written: its first error (a page result's
    ``errors``: unreadable, bad configuration) or the first engine diagnostic (a refused
    rule, with the first difference; a rule that raised); ``None`` when it may be written."""
    from wikilint.engine import ENGINE_ERROR_CODES

    if not (result.failed or result.internal_error):
        return None
    errors = getattr(result, "errors", ())
    if errors:
        return errors[0]
    return next((d.message for d in result.diagnostics if d.code in ENGINE_ERROR_CODES), "formatting failed")

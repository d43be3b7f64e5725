"""Suppression directives written as HTML comments, invisible to readers.

::

    <!-- wikilint: disable LNK001, REF -->   … findings of these codes are dropped …
    <!-- wikilint: enable LNK001, REF -->    (or up to the end of the page)
    <!-- wikilint: disable-next-line LNK002 -->
    some line <!-- wikilint: disable-line LNK002 -->
    <!-- wikilint: disable-page ZH -->       (anywhere on the page)

A directive without codes applies to every rule. Codes are selectors: a full code, a
prefix (``LNK``) or a rule name. ``=`` may stand after the keyword
(``disable=LNK001``). A directive that suppresses nothing is reported by the
``unused-suppression`` rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from mwparserfromhell.nodes import Comment

if TYPE_CHECKING:
    from wikilint.page import Page

MARKER = "wikilint:"
_DIRECTIVE = re.compile(
    r"^\s*wikilint:\s*(?P<kind>disable-next-line|disable-line|disable-page|disable|enable)\b\s*=?\s*(?P<codes>.*?)\s*$",
    re.DOTALL,
)
_SEPARATOR = re.compile(r"[\s,]+")


@dataclass
class Directive:
    kind: str
    #: Selectors; empty means every rule.
    selectors: tuple[str, ...]
    start: int
    end: int
    line: int
    end_line: int
    #: The selectors that suppressed at least one finding ("*" for a directive without codes).
    used: set[str] = field(default_factory=set)

    def matches(self, code: str, name: str, explicit_only: bool = False) -> str | None:
        """The selector that covers a rule, ``"*"`` for a bare directive, else ``None``."""
        for selector in self.selectors or ("*",):
            if _selector_covers(selector, code, name, explicit_only):
                return selector
        return None


@dataclass
class Suppressions:
    """The directives of one page and the ranges they cover."""

    directives: list[Directive]
    #: (start offset, end offset, directive, selector) for every disable … enable range,
    #: one per selector of the ``disable`` ("*" for a directive without codes).
    ranges: list[tuple[int, int, Directive, str]]

    @classmethod
    def from_page(cls, page: Page) -> Suppressions:
        if MARKER not in page.text:
            return cls([], [])
        directives = []
        for located in page.nodes(Comment):
            match = _DIRECTIVE.match(str(located.node.contents))
            if not match:
                continue
            codes = tuple(code for code in _SEPARATOR.split(match["codes"]) if code)
            directives.append(Directive(
                kind=match["kind"], selectors=codes, start=located.start, end=located.end,
                line=page.line_col(located.start)[0], end_line=page.line_col(located.end)[0],
            ))
        return cls(directives, _ranges(directives, len(page.text)))

    def suppresses(self, code: str, name: str, start: int, line: int, explicit_only: bool = False) -> bool:
        """Whether a finding is suppressed; marks the directives that did it as used.

        ``explicit_only`` ignores directives without codes: a bare directive must not
        hide the report that it is itself unused.
        """
        suppressed = False
        for directive in self.directives:
            if directive.kind == "enable" or directive.kind == "disable":
                continue
            if directive.kind == "disable-page" or (
                directive.kind == "disable-line" and directive.line <= line <= directive.end_line
            ) or (directive.kind == "disable-next-line" and line == directive.end_line + 1):
                selector = directive.matches(code, name, explicit_only)
                if selector is not None:
                    directive.used.add(selector)
                    suppressed = True
        for range_start, range_end, directive, selector in self.ranges:
            if range_start <= start < range_end and _selector_covers(selector, code, name, explicit_only):
                directive.used.add(selector)
                suppressed = True
        return suppressed

    def unused(self) -> Iterable[tuple[Directive, tuple[str, ...]]]:
        """Each disabling directive with the selectors of it that suppressed nothing."""
        for directive in self.directives:
            if directive.kind == "enable":
                continue
            wanted = directive.selectors or ("*",)
            idle = tuple(selector for selector in wanted if selector not in directive.used)
            if idle:
                yield directive, idle


def _selector_covers(selector: str, code: str, name: str, explicit_only: bool = False) -> bool:
    if selector == "*":
        return not explicit_only
    return selector == "ALL" or code.startswith(selector) or selector == name


def _ranges(directives: list[Directive], page_length: int) -> list[tuple[int, int, Directive, str]]:
    """Each selector of each ``disable`` runs to the next ``enable`` that names it (an
    ``enable`` without codes ends every range; a ``disable`` without codes is ended only
    by one)."""
    ranges = []
    for index, directive in enumerate(directives):
        if directive.kind != "disable":
            continue
        for selector in directive.selectors or ("*",):
            end = page_length
            for later in directives[index + 1:]:
                if later.kind == "enable" and (not later.selectors or selector in later.selectors):
                    end = later.start
                    break
            ranges.append((directive.end, end, directive, selector))
    return ranges

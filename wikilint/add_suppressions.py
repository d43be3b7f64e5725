"""``--add-suppressions``: a suppression comment for every current finding (ruff's ``--add-noqa``).

Each line with findings gets ``<!-- wikilint: disable-line CODE, … -->`` at its very end
(no space before it: a space would change a positional template parameter's value); a
``disable-line`` directive already on that line gains the new codes instead. The end of
a line is not always a safe place for a comment, so it is used only when:

- it is not inside a comment (the new comment's ``-->`` would close the old one early),
  nor inside the contents of a tag whose contents are not wikitext (``nowiki``, ``pre``,
  ``math``, ``syntaxhighlight``, ``gallery``, ``mapframe``…: the comment would become
  text or code), nor inside a tag's own ``<…>`` (an attribute list);
- the line shows something besides comments and spaces: MediaWiki drops a line holding
  only comments, so a comment on an empty line would join two paragraphs.

Otherwise the end of the line before is tried, with ``disable-next-line``; a finding
neither place can take is left as it is and named on stderr. The result must pass the
fix engine's acceptance checks (it re-parses to itself and breaks no markup) and is
linted again: findings that the new comments cause themselves get suppressed in another
pass, so a second run adds nothing. Engine diagnostics (WL001, WL002) and
``unused-suppression`` (WL100, which ``--fix`` removes) are never suppressed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from mwparserfromhell.nodes import Comment, Tag

from wikilint.core_rules import UnusedSuppression
from wikilint.engine import DEFAULT_CHECKS, ENGINE_ERROR_CODES, Diagnostic, apply_edits
from wikilint.files import write_atomic
from wikilint.page import Page, tag_name, tag_spans
from wikilint.results import PageResult
from wikilint.rule import Edit
from wikilint.runner import PageTask, process_task
from wikilint.session import Session
from wikilint.sources import file_task
from wikilint.suppression import Suppressions

NOT_SUPPRESSED = ENGINE_ERROR_CODES | {UnusedSuppression.code}

#: Tags whose contents are wikitext in MediaWiki (the HTML tags its sanitizer allows,
#: plus the extension tags that parse their contents as wikitext). Inside any other tag
#: a comment is not safe.
WIKITEXT_TAGS = frozenset("""
    a abbr b bdi bdo big blockquote br caption center cite code data dd del dfn div dl dt em font h1 h2 h3 h4
    h5 h6 hr i ins kbd li mark ol p q rb rp rt rtc ruby s samp small span strike strong sub sup table tbody
    td tfoot th thead time tr tt u ul var wbr
    ref references includeonly noinclude onlyinclude poem indicator
""".split())

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
#: Passes of "add, lint again": the first adds what the run found; a later one only what
#: the new comments caused themselves (rare), so two more are plenty.
MAX_PASSES = 3


def directive(kind: str, codes: list[str]) -> str:
    return f"<!-- wikilint: {kind} {', '.join(codes)} -->"


def suppressible(diagnostics: list[Diagnostic]) -> dict[int, set[str]]:
    """Codes to suppress, by line."""
    wanted: dict[int, set[str]] = {}
    for d in diagnostics:
        if d.code not in NOT_SUPPRESSED:
            wanted.setdefault(d.line, set()).add(d.code)
    return wanted


def plan(page: Page, wanted: dict[int, set[str]]) -> tuple[list[Edit], list[tuple[int, str]]]:
    """The edits that suppress ``wanted``, and the ``(line, code)`` pairs no place can take."""
    unsafe = _unsafe_spans(page)
    existing = {(d.kind, d.line): d for d in Suppressions.from_page(page).directives
                if d.line == d.end_line and d.selectors and d.kind in ("disable-line", "disable-next-line")}
    inserted: dict[int, list[str]] = {}
    merged: dict[tuple[str, int], list[str]] = {}
    skipped: list[tuple[int, str]] = []
    for line, codes in sorted(wanted.items()):
        for kind, host in (("disable-line", line), ("disable-next-line", line - 1)):
            if host < 1 or not _can_hold_comment(page, host, unsafe):
                continue
            old = existing.get((kind, host))
            if old is not None:
                target = merged.setdefault((kind, host), list(old.selectors))
                target.extend(code for code in sorted(codes) if code not in target)
            else:
                inserted.setdefault(page.line_span(host)[1], []).append(directive(kind, sorted(codes)))
            break
        else:
            skipped.extend((line, code) for code in sorted(codes))
    edits = [Edit(position, position, "".join(comments)) for position, comments in inserted.items()]
    for (kind, host), codes in merged.items():
        old = existing[(kind, host)]
        if list(old.selectors) != codes:
            edits.append(Edit(old.start, old.end, directive(kind, codes)))
    return edits, skipped


def _unsafe_spans(page: Page) -> list[tuple[int, int]]:
    """Open intervals ``(start, end)`` where a comment must not go."""
    spans = [(located.start, located.end) for located in page.nodes(Comment)]
    for located in page.nodes(Tag):
        parts = tag_spans(located)
        if parts.contents_start is None or tag_name(located.node) not in WIKITEXT_TAGS:
            spans.append((located.start, located.end))
        else:  # the opening and closing tags themselves
            spans.append((located.start, parts.contents_start))
            spans.append((parts.contents_end, located.end))
    return spans


def _can_hold_comment(page: Page, line: int, unsafe: list[tuple[int, int]]) -> bool:
    start, end = page.line_span(line)
    if not _COMMENT.sub("", page.text[start:end]).strip():
        return False
    return not any(span_start < end < span_end for span_start, span_end in unsafe)


class SuppressionWriter:
    """Adds the suppressions of each checked page as its result arrives, and counts."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.added = 0
        self.files = 0
        self.skipped = 0
        self.failed = False

    def add(self, result: PageResult, err: TextIO) -> None:
        wanted = suppressible(result.diagnostics)
        if result.errors or not wanted:
            return
        task = file_task(Path(result.path), self.session, "check", title=result.title)
        if isinstance(task, PageResult):  # the file went away or changed meanwhile
            err.write(f"{result.path}: error: cannot add suppressions: {'; '.join(task.errors)}\n")
            self.failed = True
            return
        try:
            text, added, skipped = self._suppress(task, wanted)
        except _Refused as refusal:
            err.write(f"{result.path}: error: cannot add suppressions: {refusal}\n")
            self.failed = True
            return
        for line, code in skipped:
            err.write(f"{result.path}:{line}: warning: no safe place for a suppression of {code} "
                      f"(inside a comment or a tag that is not wikitext); left as it is\n")
        self.skipped += len(skipped)
        if added:
            try:
                write_atomic(Path(result.path), task.source.encode(text))
            except OSError as error:
                err.write(f"{result.path}: error: cannot write: {error.strerror or error}\n")
                self.failed = True
                return
            self.added += added
            self.files += 1

    def _suppress(self, task: PageTask, wanted: dict[int, set[str]]) -> tuple[str, int, list[tuple[int, str]]]:
        site = self.session.rule_set(task.profile).site
        original = Page(task.source.text, site=site, title=task.title, path=task.path)
        page, added, skipped = original, 0, []
        for _ in range(MAX_PASSES):
            edits, left = plan(page, wanted)
            skipped.extend(left)
            if not edits:
                break
            page = Page(apply_edits(page.text, edits), site=site, title=task.title, path=task.path)
            added += sum(edit.replacement.count("<!--") for edit in edits)  # new or extended directives
            again = process_task(replace(task, source=replace(task.source, text=page.text)), self.session)
            if again.failed:
                raise _Refused("linting the result failed: " + "; ".join(again.errors or ["a rule failed"]))
            wanted = suppressible(again.diagnostics)
            for line, code in skipped:
                wanted.get(line, set()).discard(code)
            wanted = {line: codes for line, codes in wanted.items() if codes}
            if not wanted:
                break
        else:
            raise _Refused(f"the new comments still caused findings after {MAX_PASSES} passes")
        for check in DEFAULT_CHECKS:
            reason = check(original, page)
            if reason is not None:
                raise _Refused(reason)
        return page.text, added, skipped

    def summary(self) -> str:
        noun = "suppression comment" if self.added == 1 else "suppression comments"
        line = f"Added {self.added} {noun} to {self.files} file{'' if self.files == 1 else 's'}."
        if self.skipped:
            line += f" {self.skipped} finding{'' if self.skipped == 1 else 's'} had no safe place for one."
        return line


class _Refused(Exception):
    """The page keeps its text: the suppressions could not be added safely."""

"""SYN034: bold or italic opened in a line of text and never closed in it."""

from __future__ import annotations

import bisect
import re

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import (Spans, headings, is_file_target, literals, odd_quote_lines, unclosed_quote,
                                   without_tag_attributes)

#: A <ref> tag: its content is parsed on its own, so quotes in it pair up in it.
_REF_TAG = re.compile(r"<ref\b[^>]*?/>|<ref\b[^>]*>|</ref\s*>", re.IGNORECASE)
_FILE_LINK_START = re.compile(r"\[\[([^\[\]|\n]*)\|")
_LINK_BRACKETS = re.compile(r"\[\[|\]\]")
_CELL_SEPARATOR = re.compile(r"\|\||!!")


class UnbalancedQuotes(Rule):
    """Bold (``'''``) or italic (``''``) opened in a line of text and not closed in it.

    MediaWiki pairs the apostrophes line by line and closes what is left open at the end
    of the line, so the rest of the line turns bold or italic, and a line that closes an
    italic the line before opened starts a new one instead (Parsoid's missing-end-tag).
    Lines are read as MediaWiki reads them: ``'''''`` is bold and italic, an odd bold next
    to an odd italic is an apostrophe (``''Rome'''s``), a ``<ref>``'s text and each table
    cell are read on their own, and comments, literal tags and the attributes of HTML tags
    (``<font color=''>``, which the Sanitizer rewrites first) are left out. A bold or
    italic that opens its cell, list item or line (``| '''Total``), or that only one word
    follows (``37.8% ''123,594``), formats what it was written around once MediaWiki
    closes it, and is left alone. Headings are SYN023's; file captions the image family's.
    No fix: where the markup should end is a guess.

    **Bad**

    ```wikitext
    The ''Berliner Zeitung is a daily newspaper.
    ```

    **Good**

    ```wikitext
    The ''Berliner Zeitung'' is a daily newspaper.
    ```
    """

    code = "SYN034"
    name = "unbalanced-quotes"
    severity = "warning"

    def check(self, page: Page):
        starts = odd_quote_lines(page)
        if not starts:
            return
        text = page.text
        heading_starts = {heading.located.start for heading in headings(page)}
        spans = literals(page).spans
        for line_start in starts:
            if line_start in heading_starts:
                continue
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end == -1 else line_end
            line = _without_literals(text, line_start, line_end, spans)
            line = _without_file_links(page, without_tag_attributes(line))
            outside, ref_texts = _without_refs(line)
            readings = [(outside, start, end) for start, end in _cells(outside)]
            readings += [(line, start, end) for start, end in ref_texts]
            for reading, start, end in readings:
                run = unclosed_quote(reading, start, end)
                if run is not None and _leaks(reading, start, end, run):
                    effect = "italicises" if run[2] == "italic" else "bolds"
                    yield Finding(line_start + run[0], line_start + run[1],
                                  f"{run[2]} is never closed in its line: MediaWiki {effect} the rest of the line")


_TAG = re.compile(r"<[^<>]*>")
_LEADING_MARKUP = re.compile(r"[\s|!*#:;]*")


def _leaks(reading: str, start: int, end: int, run: tuple[int, int, str]) -> bool:
    """Whether the bold or italic left open runs over text it was not written around.

    It was, and MediaWiki's closing it at the end of the line (or cell) shows what was
    meant, when it opens its part (``| '''Total``, ``* ''Title``), or when at most one
    word follows it (``37.8% ''123,594``, ``(designated)''``)."""
    before = reading[start:run[0]]
    if "|" in before.lstrip(" |!"):
        before = before[before.rindex("|") + 1:]  # the cell's attributes end at its "|"
    if _LEADING_MARKUP.fullmatch(before):
        return False
    return len(_TAG.sub(" ", reading[run[1]:end]).split()) > 1


def _without_literals(text: str, start: int, end: int, spans: Spans) -> str:
    """``text[start:end]`` with the comments and literal tags in it blanked."""
    line = text[start:end]
    index = bisect.bisect_right(spans.ends, start)
    while index < len(spans.starts) and spans.starts[index] < end:
        low, high = max(spans.starts[index], start) - start, min(spans.ends[index], end) - start
        line = line[:low] + "\x7f" * (high - low) + line[high:]
        index += 1
    return line


def _without_refs(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line with its <ref>s blanked, and where the text of each ref is (a ref may
    begin on an earlier line or end on a later one)."""
    ref_texts: list[tuple[int, int]] = []
    blanked = line
    opened: tuple[int, int] | None = None  # the opening tag's start and end
    for match in _REF_TAG.finditer(line):
        tag = match[0]
        if tag.endswith("/>"):
            blanked = _blank(blanked, match.start(), match.end())
        elif tag.startswith("</"):
            tag_start, text_start = opened if opened is not None else (0, 0)
            ref_texts.append((text_start, match.start()))
            blanked = _blank(blanked, tag_start, match.end())
            opened = None
        else:
            opened = (match.start(), match.end())
    if opened is not None:
        ref_texts.append((opened[1], len(line)))
        blanked = _blank(blanked, opened[0], len(line))
    return blanked, ref_texts


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _cells(line: str) -> list[tuple[int, int]]:
    """The parts of a line read on their own: each cell of a table row, else the line."""
    stripped = line.lstrip()
    if stripped[:1] not in ("|", "!") or stripped.startswith(("|-", "|}", "|+")):
        return [(0, len(line))]
    cells, cut = [], 0
    for match in _CELL_SEPARATOR.finditer(line):
        cells.append((cut, match.start()))
        cut = match.end()
    cells.append((cut, len(line)))
    return cells


def _without_file_links(page: Page, line: str) -> str:
    """The line with its file links blanked: their captions are the image family's."""
    if "[[" not in line:
        return line
    for match in _FILE_LINK_START.finditer(line):
        if not is_file_target(page.site, match[1].lstrip(": ")):
            continue
        depth, end = 0, len(line)
        for bracket in _LINK_BRACKETS.finditer(line, match.start()):
            depth += 1 if bracket[0] == "[[" else -1
            if depth == 0:
                end = bracket.end()
                break
        line = line[:match.start()] + " " * (end - match.start()) + line[end:]
    return line

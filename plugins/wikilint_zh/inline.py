"""A lexer for inline conversion markup ``-{flags|text}-``.

mwparserfromhell leaves ``-{ … }-`` as plain text, so the markers are found in the page's
text nodes (not in comments, literal tags, or template/link syntax, where ``}}-`` is a
template's end followed by a hyphen, not a marker) and paired like MediaWiki pairs them:
nested, innermost first. An opener without a closer, or a closer without an opener, is
shown literally by MediaWiki.

The flags section is the text before the first ``|`` (``LanguageConverter`` splits there);
a prefix holding link or template syntax or a ``:`` is taken for part of the text, since
at conversion time links are HTML and their pipes are gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Text

from wikilint.page import Page
from wikilint_zh.variants import FLAGS, VARIANTS

_MARKER = re.compile(r"-\{|\}-")
_FLAGS_SECTION = re.compile(r"[A-Za-z\-; \t]*")


@dataclass(frozen=True)
class Flag:
    text: str
    start: int
    end: int

    @property
    def known(self) -> bool:
        return self.text in FLAGS or self.text in VARIANTS

    @property
    def intended(self) -> str | None:
        """The known flag a wrong-case flag stands for (``h`` → ``H``)."""
        upper = self.text.upper()
        return upper if not self.known and upper in FLAGS else None


@dataclass(frozen=True)
class Markup:
    """One ``-{…}-``: page offsets of the whole markup, its flags and its text."""

    start: int
    end: int
    flags: tuple[Flag, ...]
    text: str
    text_start: int
    text_end: int

    @property
    def flag_set(self) -> frozenset[str]:
        return frozenset(flag.text for flag in self.flags if flag.known)

    @property
    def rule_flag(self) -> str:
        """``H`` or ``A`` when the markup adds a page-wide rule, else ``""``."""
        for flag in ("H", "A"):
            if flag in self.flag_set:
                return flag
        return ""


@dataclass(frozen=True)
class Lexed:
    markups: tuple[Markup, ...]
    unclosed: tuple[int, ...]
    stray: tuple[int, ...]


def _split_flags(page_text: str, content_start: int, content_end: int) -> tuple[tuple[Flag, ...], int]:
    """The flags and the offset where the markup's text starts."""
    bar = page_text.find("|", content_start, content_end)
    if bar == -1 or not _FLAGS_SECTION.fullmatch(page_text, content_start, bar):
        return (), content_start
    flags, position = [], content_start
    for item in page_text[content_start:bar].split(";"):
        stripped = item.strip()
        if stripped:
            offset = position + item.index(stripped)
            flags.append(Flag(stripped, offset, offset + len(stripped)))
        position += len(item) + 1
    return tuple(flags), bar + 1


def lex_markup(page: Page, skip: list[tuple[int, int]]) -> Lexed:
    """Every ``-{…}-`` of the page outside the ``skip`` spans (the noteTA templates)."""
    markers: list[tuple[int, str]] = []
    for item in page.nodes(Text):
        if "-{" not in item.node.value and "}-" not in item.node.value:
            continue
        if item.in_literal or any(start <= item.start < end for start, end in skip):
            continue
        markers.extend((item.start + match.start(), match.group()) for match in _MARKER.finditer(item.node.value))
    openers: list[int] = []
    markups, stray = [], []
    for position, marker in markers:
        if marker == "-{":
            openers.append(position)
        elif openers:
            start = openers.pop()
            flags, text_start = _split_flags(page.text, start + 2, position)
            markups.append(Markup(start, position + 2, flags, page.text[text_start:position], text_start, position))
        else:
            stray.append(position)
    markups.sort(key=lambda markup: markup.start)
    return Lexed(tuple(markups), tuple(openers), tuple(stray))

"""Markup that a caption does not close: shared by file-link and gallery captions.

A caption is rendered as one inline piece of wikitext, so ``[[``/``]]`` and ``{{``/``}}``
must pair up inside it, a ``<ref>`` or ``<small>`` opened in it must close in it, and an
odd ``''``/``'''`` leaks italic or bold past it. Works on the raw caption text, with
comments and literal tags (``<nowiki>``, ``<math>``…) blanked out first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LITERAL = re.compile(
    r"<!--.*?(?:-->|\Z)|<(nowiki|pre|math|chem|ce|syntaxhighlight|source|code|score|hiero)\b[^>]*?(?:/>|>.*?(?:</\1\s*>|\Z))",
    re.DOTALL | re.IGNORECASE)
_LINK_BRACKETS = re.compile(r"\[\[|\]\]")
_BRACE_RUN = re.compile(r"\{+|\}+")
#: Tags that must be closed inside the caption (void tags such as <br> are not here).
_PAIRED_TAGS = ("ref|small|big|span|div|b|i|u|s|sub|sup|font|center|em|strong|del|ins|abbr|cite|q|tt|var|"
                "kbd|samp|mark|strike|bdi|bdo|ruby|rb|rt|rp|p|blockquote|poem")
_TAG = re.compile(rf"<(/?)\s*({_PAIRED_TAGS})\b[^<>]*?(/?)>", re.IGNORECASE)
_APOSTROPHES = re.compile(r"'{2,}")
TRAILING_BREAK = re.compile(r"\s*<\s*/?\s*br\s*/?\s*>\s*\Z", re.IGNORECASE)


# Records of this module are never printed: without a generated __repr__ each class
# costs less at start-up, which every run pays for every rule family.
@dataclass(frozen=True, slots=True, repr=False)
class MarkupProblem:
    start: int   # offsets relative to the caption text
    end: int
    message: str


def blank_literals(text: str) -> str:
    """``text`` with comments and literal tags replaced by spaces (offsets kept)."""
    if "<" not in text:
        return text
    return _LITERAL.sub(lambda match: " " * len(match[0]), text)


def caption_problems(text: str) -> list[MarkupProblem]:
    """Unbalanced brackets, unclosed tags and leaking quotes in a caption's raw text."""
    text = blank_literals(text)
    problems = bracket_problems(text)
    if "<" in text:
        problems.extend(_tag_problems(text))
    if "''" in text:
        problems.extend(_quote_problems(text))
    return problems


def bracket_problems(text: str) -> list[MarkupProblem]:
    return _link_problems(text) + _brace_problems(text)


def _link_problems(text: str) -> list[MarkupProblem]:
    problems = []
    opened: list[int] = []
    for match in _LINK_BRACKETS.finditer(text):
        if match[0] == "[[":
            opened.append(match.start())
        elif opened:
            opened.pop()
        else:
            problems.append(MarkupProblem(match.start(), match.end(), "`]]` in the caption closes nothing"))
    problems.extend(MarkupProblem(start, start + 2, "`[[` in the caption is never closed") for start in opened)
    return problems


def _brace_problems(text: str) -> list[MarkupProblem]:
    """Brace runs matched the way MediaWiki's preprocessor does.

    A closing run takes 3 braces (a parameter) or 2 (a template) from the innermost open
    run, as many times as it can: ``{{a|{{b}}}}`` is two templates, not ``{{{`` … ``}}}``.
    """
    if "{{" not in text and "}}" not in text:
        return []
    problems = []
    stack: list[list[int]] = []   # [braces left open, start of the run, length of the run]
    for match in _BRACE_RUN.finditer(text):
        run = len(match[0])
        if match[0][0] == "{":
            if run >= 2:
                stack.append([run, match.start(), run])
            continue
        while run >= 2 and stack:
            top = stack[-1]
            taken = 3 if top[0] >= 3 and run >= 3 else 2
            top[0] -= taken
            run -= taken
            if top[0] < 2:
                stack.pop()
        if run >= 2:
            problems.append(MarkupProblem(match.start(), match.end(), "`}}` in the caption closes nothing"))
    problems.extend(MarkupProblem(start, start + length, "`{{` in the caption is never closed")
                    for _, start, length in stack)
    return problems


def _tag_problems(text: str) -> list[MarkupProblem]:
    problems = []
    open_tags: list[tuple[str, int, int]] = []
    for match in _TAG.finditer(text):
        closing, name, self_closing = match[1], match[2].lower(), match[3]
        if self_closing:
            continue
        if not closing:
            open_tags.append((name, match.start(), match.end()))
            continue
        for index in range(len(open_tags) - 1, -1, -1):
            if open_tags[index][0] == name:
                del open_tags[index]
                break
        else:
            problems.append(MarkupProblem(match.start(), match.end(), f"`</{name}>` in the caption closes nothing"))
    problems.extend(MarkupProblem(start, end, f"`<{name}>` in the caption is never closed")
                    for name, start, end in open_tags)
    return problems


def _quote_problems(text: str) -> list[MarkupProblem]:
    """MediaWiki's apostrophe runs: 2 italic, 3 bold, 4 = ' + bold, 5+ = both."""
    italic = bold = 0
    first = None
    for match in _APOSTROPHES.finditer(text):
        length = len(match[0])
        if first is None:
            first = match
        if length == 2:
            italic += 1
        elif length in (3, 4):
            bold += 1
        else:
            italic += 1
            bold += 1
    # Both odd: MediaWiki reads one bold run as an apostrophe plus italics, which balances.
    if italic % 2 != bold % 2:
        kind = "italic ''" if italic % 2 else "bold '''"
        return [MarkupProblem(first.start(), first.end(),
                              f"unbalanced {kind} in the caption leaks past it")]
    return []

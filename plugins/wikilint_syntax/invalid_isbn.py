"""SYN035: an ISBN with the wrong number of digits or a wrong check digit."""

from __future__ import annotations

import re

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import isbn_mentions, literals

#: "ISBN 978-3-16-148410-0" as written in text (the magic link and its near misses).
_TEXT_ISBN = re.compile(r"ISBN(?:-1[03])?:?[ \t\xa0]*([0-9][0-9Xx]*(?:[- \xa0][0-9Xx]+)*)")
_CLEAN_VALUE = re.compile(r"[0-9Xx][0-9Xx\- ]*")


def isbn_problem(written: str) -> str | None:
    """What is wrong with an ISBN (digits with hyphens or spaces), or ``None``."""
    digits = re.sub(r"[- \xa0]", "", written).upper()
    if "X" in digits[:-1]:
        return "an X can only be the last character"
    if len(digits) == 10:
        total = sum((10 - index) * (10 if digit == "X" else int(digit)) for index, digit in enumerate(digits))
        return None if total % 11 == 0 else "the check digit of this ISBN-10 is wrong"
    if len(digits) == 13:
        if digits[-1] == "X":
            return "an ISBN-13 ends with a digit"
        total = sum((1 if index % 2 == 0 else 3) * int(digit) for index, digit in enumerate(digits))
        return None if total % 10 == 0 else "the check digit of this ISBN-13 is wrong"
    return f"{len(digits)} digits: an ISBN has 10 or 13"


def _isbn_in_text(written: str) -> str:
    """The ISBN that starts ``written``: groups joined by hyphens or single spaces, read
    while they make at most 13 digits (a year or page number may follow after a space)."""
    taken, count = [], 0
    for separator, group in re.findall(r"([- \xa0]?)([0-9Xx]+)", written):
        if count and separator != "-" and count in (10, 13):
            break
        if count + len(group) > 13 and count:
            break
        taken.append(separator + group)
        count += len(group)
    return "".join(taken)


class InvalidIsbn(Rule):
    """An ISBN whose length or check digit is wrong.

    An ISBN has 10 or 13 digits, the last of which is computed from the others: a wrong
    one means a digit was mistyped or dropped (CheckWiki #70–#73). MediaWiki links it to
    a search that finds nothing, and the citation templates show an error on the page.
    Both ``ISBN 978-…`` in the text and ``|isbn=`` of citation templates are checked.
    No fix: the right digits cannot be guessed.

    **Bad**

    ```wikitext
    Ribbe, Wolfgang. ''Geschichte Berlins''. ISBN 978-3-8305-0166-7.
    ```

    **Good**

    ```wikitext
    Ribbe, Wolfgang. ''Geschichte Berlins''. ISBN 978-3-8305-0166-4.
    ```
    """

    code = "SYN035"
    name = "invalid-isbn"
    severity = "warning"

    def check(self, page: Page):
        text = page.text
        mentions = isbn_mentions(page)
        spans = literals(page)
        for start in mentions.magic:
            match = _TEXT_ISBN.match(text, start)
            if match is None:
                continue
            written = _isbn_in_text(match[1])
            problem = isbn_problem(written)
            if problem is not None and not spans.covers(start):
                yield Finding(start, match.start(1) + len(written), f"invalid ISBN: {problem}")
        for start, value in mentions.parameters:
            value = value.strip()
            if not _CLEAN_VALUE.fullmatch(value):
                continue  # several ISBNs, a note, markup: not one ISBN to check
            problem = isbn_problem(value)
            if problem is not None and not spans.covers(start):
                yield Finding(start, start + len(value), f"invalid ISBN: {problem}")

"""SYN024: text after a heading's closing ``=``, or a heading line with no closing ``=``."""

from __future__ import annotations

import re

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import headings, literals, without_comments

_HEADING_LIKE = re.compile(r"==+[^=\n]+[^\n]*")


class TextAfterHeading(Rule):
    """A heading line with text after the closing ``=`` signs, or with no closing signs.

    MediaWiki makes a heading only of a line that ends with its ``=`` signs (spaces and
    comments aside): ``== History == {{Anchor|past}}``, ``== History ==<ref>…</ref>`` and
    ``== History`` are shown as plain text, equal signs and all (CheckWiki #8). No fix:
    whether the text belongs in the heading or below it is a judgement call.

    **Bad**

    ```wikitext
    == History == {{Anchor|Past}}
    Berlin was first mentioned in 1237.
    ```

    **Good**

    ```wikitext
    == History {{Anchor|Past}} ==
    Berlin was first mentioned in 1237.
    ```
    """

    code = "SYN024"
    name = "text-after-heading"
    severity = "error"

    def check(self, page: Page):
        starts = set()
        for heading in headings(page):
            starts.add(heading.located.start)
            after = heading.after
            if after.strip() and without_comments(after).strip():
                start = heading.located.end + len(after) - len(after.lstrip())
                yield Finding(start, heading.located.end + len(after.rstrip()),
                              "text after the heading's closing '=': MediaWiki shows the line as text")
        text = page.text
        line_starts = [0] if text.startswith("==") else []
        position = text.find("\n==")
        while position != -1:
            line_starts.append(position + 1)
            position = text.find("\n==", position + 1)
        for line_start in line_starts:
            match = _HEADING_LIKE.match(text, line_start)
            if match is None or line_start in starts or literals(page).covers(line_start):
                continue
            line = without_comments(match[0]).rstrip()
            if line.endswith("="):
                continue  # a heading mwparserfromhell did not parse (in a template, say)
            yield Finding(match.start(), match.end(), "heading without closing '=': MediaWiki shows the line as text")

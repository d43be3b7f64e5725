"""SYN021: a heading that ends with a colon or other punctuation."""

from __future__ import annotations

import re

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import headings, without_comments

#: Punctuation a heading does not end with (a question or exclamation mark may end one,
#: and so may the full stop of an abbreviation).
_END_PUNCTUATION = frozenset(":;,：；，、。")
#: A character reference at the end of a title: its ";" is not punctuation (``&nbsp;``).
_ENTITY_AT_END = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")


class HeadingEndPunctuation(Rule):
    """A section heading that ends with a colon, semicolon or comma.

    A heading is a title, not the start of a sentence: ``== Notes: ==`` shows the colon
    in the heading, the table of contents and the section link (CheckWiki #57). No fix:
    removing it changes the section's anchor, which other pages may link to.

    **Bad**

    ```wikitext
    == Notable people: ==
    ```

    **Good**

    ```wikitext
    == Notable people ==
    ```
    """

    code = "SYN021"
    name = "heading-end-punctuation"
    severity = "warning"

    def check(self, page: Page):
        for heading in headings(page):
            visible = without_comments(heading.title).strip()
            if visible and visible[-1] in _END_PUNCTUATION and "=" not in visible[-2:] and not (
                    visible[-1] == ";" and _ENTITY_AT_END.search(visible)):
                yield Finding(heading.located.start, heading.located.end,
                              f"heading ends with {visible[-1]!r}")

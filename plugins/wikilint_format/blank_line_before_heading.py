"""FMT002: one blank line before a heading."""

from __future__ import annotations

from typing import Iterator

from mwparserfromhell.nodes import Heading

from wikilint import Edit, Finding, Fix, Page

from wikilint_format.index import FormatIndex, FormatRule, blank_lines_above


class BlankLineBeforeHeading(FormatRule):
    """Heading not set off from the text above it by a blank line.

    A blank line before each heading (not at the top of the page) is what the editors of
    the big wikis write: 3,309 of the 3,350 headings of the corpus's English pages below
    some text have exactly one, and so do 2,054 of 2,238 on other wikis; it is also what
    the section editor inserts. MediaWiki renders no blank line and one blank line before
    a heading alike, and likewise two and three, four and five: each *pair* of blank
    lines adds an empty paragraph. So the rule adds the missing blank line and removes one
    from an odd run of three or more (three become two), and never turns two blank lines
    into one, which would remove visible space. A heading right below a comment line is
    left alone (the comment usually belongs to it), and so are headings inside template
    parameters whose white space is passed on verbatim.

    **Bad**

    ```wikitext
    Intro text.
    == History ==
    Text.



    == Legacy ==
    ```

    **Good**

    ```wikitext
    Intro text.

    == History ==
    Text.


    == Legacy ==
    ```
    """

    code = "FMT002"
    name = "blank-line-before-heading"

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        for item in page.nodes(Heading):
            start = item.start
            if start == 0 or text[start - 1] != "\n":
                continue
            above = blank_lines_above(text, start)
            count = above.count
            if above.content_start < 0 or count == 1 or (count and count % 2 == 0):
                continue  # at the top of the page, as wanted, or an even run (which must stay)
            content = text[above.content_start:above.start - 1].strip()
            if content.startswith("<!--") and content.endswith("-->"):
                continue
            if above.has_blanks and index.is_preformatted(above.content_start):
                continue  # the white-space-only lines continue a preformatted block
            if count == 0:
                edit = Edit(start, start, "\n")
                message = "add a blank line before the heading"
            else:  # an odd run of three or more: one line fewer renders the same
                first_end = text.index("\n", above.start) + 1
                edit = Edit(above.start, first_end, "")
                message = f"{count} blank lines before a heading render as {count - 1}: drop one"
            if index.editable_space(edit.start, edit.end):
                yield Finding(start, item.end, message, Fix((edit,), message))

"""FMT012: no more than two blank lines before a category or interlanguage link."""

from __future__ import annotations

import re
from typing import Iterator

from mwparserfromhell.nodes import Wikilink

from wikilint import Edit, Finding, Fix, Page

from wikilint_format.index import FormatIndex, FormatRule, blank_lines_above

_THREE_BLANK_LINES = re.compile(r"\n[ \t]*\n[ \t]*\n[ \t]*\n")


class BlankLinesBeforeCategories(FormatRule):
    """Three or more blank lines before a category or interlanguage link.

    Blank lines usually matter in wikitext: ``a``, two blank lines, ``b`` renders an empty
    paragraph that one blank line does not, and three render yet another, so runs of blank
    lines in the text are never collapsed. Before a category or interlanguage link they do
    not matter at all: MediaWiki removes the link together with all white space before it
    (from the first newline on). There the rule cuts runs of three or more blank lines to
    two, the most the corpus's editors leave before the categories (at the end of a page
    ``final-newline`` removes them all; before a heading ``blank-line-before-heading``
    decides).

    **Bad**

    ```wikitext
    Last paragraph.




    [[Category:Towers]]
    ```

    **Good**

    ```wikitext
    Last paragraph.


    [[Category:Towers]]
    ```
    """

    code = "FMT012"
    name = "blank-lines-before-categories"

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        if _THREE_BLANK_LINES.search(text) is None:
            return  # no run of three blank lines after a line (most pages)
        for item in page.nodes(Wikilink):
            start = item.start
            if item.ancestors or start == 0 or text[start - 1] != "\n":
                continue
            if index.link_info(item.node).kind not in ("category", "language"):
                continue
            above = blank_lines_above(text, start)
            if above.count < 3 or above.content_start < 0:
                continue
            # Keep the first two blank lines; drop the rest, up to the link's line.
            keep_end = text.index("\n", text.index("\n", above.start) + 1) + 1
            edit = Edit(keep_end, start, "")
            if index.editable_space(edit.start, edit.end):
                yield Finding(start, item.end, f"{above.count} blank lines before a category: two are enough",
                              Fix((edit,), "remove the extra blank lines"))

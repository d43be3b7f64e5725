"""FMT001: the spaces inside a heading's ``=`` signs, and none after them."""

from __future__ import annotations

import re
from typing import Iterator

from mwparserfromhell.nodes import Heading

from wikilint import Edit, Finding, Fix, Page

from wikilint_format.index import BLANK, FormatIndex, FormatRule

_AFTER_HEADING = re.compile(r"[ \t]+(?=\n|\Z)")


class HeadingSpacing(FormatRule):
    """Heading written without a space inside its ``=`` signs, or with spaces after them.

    MediaWiki trims a heading's title, so ``==History==`` and ``== History ==`` are the
    same heading; spaces after the closing ``=`` signs are invisible too. With the default
    ``style = "spaced"`` every heading gets one space on each side of its title: it is what
    the editors of the big wikis write (2,045 of 2,223 headings in the corpus's pages from
    other Wikipedias, 175 of 265 on zh; en's older revisions use both), what MediaWiki's
    "add topic" form writes, and easier to read in the source. ``style = "compact"``
    writes ``==History==`` instead. A title that starts or ends with ``=`` is left alone
    (the spaces tell MediaWiki where the title starts).

    **Bad**

    ```wikitext
    ==History==
    Text.

    ===  Early years===  
    More text.
    ```

    **Good**

    ```wikitext
    == History ==
    Text.

    === Early years ===
    More text.
    ```
    """

    code = "FMT001"
    name = "heading-spacing"
    options = {"style": "spaced"}
    option_choices = {"style": ("spaced", "compact")}

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        padding = " " if self.options["style"] == "spaced" else ""
        for item in page.nodes(Heading):
            level = item.node.level
            title_start, title_end = item.start + level, item.end - level
            title = text[title_start:title_end]
            core = title.strip(BLANK)
            if not core or core[0] == "=" or core[-1] == "=" or "\n" in title:
                continue
            lead = len(title) - len(title.lstrip(BLANK))
            trail = len(title) - len(title.rstrip(BLANK))
            edits = []
            if title[:lead] != padding:
                edits.append(Edit(title_start, title_start + lead, padding))
            if title[len(title) - trail:] != padding:
                edits.append(Edit(title_end - trail, title_end, padding))
            after = _AFTER_HEADING.match(text, item.end)
            if after and index.editable_space(after.start(), after.end()):
                edits.append(Edit(after.start(), after.end(), ""))
            if edits:
                wanted = f"{'=' * level}{padding}{core}{padding}{'=' * level}"
                yield Finding(item.start, item.end, f"write the heading as {wanted}",
                              Fix(tuple(edits), "space the heading"))

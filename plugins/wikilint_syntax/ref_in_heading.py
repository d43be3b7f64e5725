"""SYN025: a ``<ref>`` inside a section heading."""

from __future__ import annotations

from mwparserfromhell.nodes import Heading

from wikilint import Finding, Page, Rule


class RefInHeading(Rule):
    """A footnote (``<ref>``) inside a section heading.

    The footnote marker shows in the heading and in the table of contents, and the
    section's link anchor includes it (WPCleaner #504). Cite the source in the section's
    text instead. No fix: where the footnote belongs is a judgement call.

    **Bad**

    ```wikitext
    == History<ref>Ribbe, ''Geschichte Berlins''.</ref> ==
    ```

    **Good**

    ```wikitext
    == History ==
    Berlin was first mentioned in 1237.<ref>Ribbe, ''Geschichte Berlins''.</ref>
    ```
    """

    code = "SYN025"
    name = "ref-in-heading"
    severity = "warning"

    def check(self, page: Page):
        for item in page.tags("ref"):
            if any(type(parent) is Heading for parent in item.ancestors):
                yield Finding(item.start, item.end, "<ref> in a heading: the marker shows in the heading and the "
                                                    "table of contents")

"""SYN019: a level-1 heading, ``= Title =``."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import headings


class LevelOneHeading(Rule):
    """A section heading of level 1, ``= Title =``.

    Level 1 is the level of the page title: sections start at ``==`` (CheckWiki #19).
    No fix: every heading below it would have to move down a level too.

    **Bad**

    ```wikitext
    = History =
    Berlin was first mentioned in 1237.
    ```

    **Good**

    ```wikitext
    == History ==
    Berlin was first mentioned in 1237.
    ```
    """

    code = "SYN019"
    name = "level-one-heading"
    severity = "warning"

    def check(self, page: Page):
        for heading in headings(page):
            if heading.level == 1:
                yield Finding(heading.located.start, heading.located.end,
                              "level-1 heading: the page title is the only level-1 heading; use ==")

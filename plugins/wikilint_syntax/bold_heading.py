"""SYN022: bold markup in a section heading."""

from __future__ import annotations

import re

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import headings, without_comments

_BOLD = re.compile(r"(?<!')'''(?!')|<b\b[^>]*>|<strong\b[^>]*>", re.IGNORECASE)
_WHOLLY_BOLD = re.compile(r"(\s*)'''([^']+)'''(\s*)")


class BoldHeading(Rule):
    """Bold markup (``'''``, ``<b>``, ``<strong>``) in a section heading.

    Headings are already set apart by the skin; bold in one only makes it differ from
    the others (CheckWiki #44). A heading wholly in ``'''…'''`` gets a safe fix that
    removes the quotes; the section's anchor does not change.

    **Bad**

    ```wikitext
    == '''History''' ==
    ```

    **Good**

    ```wikitext
    == History ==
    ```
    """

    code = "SYN022"
    name = "bold-heading"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        for heading in headings(page):
            title = heading.title
            if "'''" not in title and "<" not in title:
                continue
            if not _BOLD.search(without_comments(title)):
                continue
            fix = None
            whole = _WHOLLY_BOLD.fullmatch(title)
            if whole is not None:
                fix = Fix.replace(heading.title_start, heading.title_start + len(title),
                                  whole[1] + whole[2] + whole[3], "remove the bold markup")
            yield Finding(heading.located.start, heading.located.end, "bold markup in a heading", fix)

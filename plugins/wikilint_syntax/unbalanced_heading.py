"""SYN020: a heading with more ``=`` on one side than on the other."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import headings, without_comments


class UnbalancedHeading(Rule):
    """A section heading with more ``=`` on one side than on the other: ``== Title ===``.

    MediaWiki takes the smaller count as the level and shows the extra ``=`` signs as
    part of the title ("Title ="), in the table of contents and in the section link.
    The fix (unsafe: the other level may be the one meant) removes the extra signs,
    keeping the level MediaWiki shows.

    **Bad**

    ```wikitext
    == History ===
    Berlin was first mentioned in 1237.
    ```

    **Good**

    ```wikitext
    == History ==
    Berlin was first mentioned in 1237.
    ```
    """

    code = "SYN020"
    name = "unbalanced-heading"
    severity = "warning"
    fix_applicability = "unsafe"

    def check(self, page: Page):
        for heading in headings(page):
            title = heading.title
            if "=" not in title:
                continue
            visible = without_comments(title).strip()
            leading = len(visible) - len(visible.lstrip("="))
            trailing = len(visible) - len(visible.rstrip("="))
            if not leading and not trailing or not visible.strip("="):
                continue
            fix = None
            if "<!--" not in title:
                fix = Fix.replace(heading.title_start, heading.title_start + len(title),
                                  title.replace("=", "", leading)[::-1].replace("=", "", trailing)[::-1],
                                  "remove the extra '='")
            start, end = heading.located.start, heading.located.end
            yield Finding(start, end, f"unbalanced heading: MediaWiki shows a level-{heading.level} heading "
                                      f"titled {visible!r}", fix)

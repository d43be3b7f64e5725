"""SYN023: italic or bold left open in a section heading."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import headings, unclosed_quote, without_comments


class UnclosedQuotesInHeading(Rule):
    """Italic or bold opened in a section heading and not closed in it.

    MediaWiki closes it at the end of the line, but the table of contents copies the
    heading's HTML as it is and the open ``<i>`` runs on into the entries after it
    (Parsoid's unclosed-quotes-in-heading). No fix: where the italic should end is a
    guess.

    **Bad**

    ```wikitext
    == The ''Berliner Zeitung ==
    ```

    **Good**

    ```wikitext
    == The ''Berliner Zeitung'' ==
    ```
    """

    code = "SYN023"
    name = "unclosed-quotes-in-heading"
    severity = "error"

    def check(self, page: Page):
        for heading in headings(page):
            title = heading.title
            if "''" not in title:
                continue
            visible = without_comments(title)
            if visible is not title and len(visible) != len(title):
                title = visible  # (positions are the heading's, not the run's)
                if unclosed_quote(title) is not None:
                    yield Finding(heading.located.start, heading.located.end, "unclosed quotes in a heading")
                continue
            run = unclosed_quote(title)
            if run is not None:
                start = heading.title_start + run[0]
                yield Finding(start, heading.title_start + run[1], f"{run[2]} opened in a heading is never closed")

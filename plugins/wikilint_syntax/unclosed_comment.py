"""SYN010: a ``<!--`` that is never closed."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import literals


class UnclosedComment(Rule):
    """A comment opened with ``<!--`` and never closed with ``-->``.

    MediaWiki hides everything from the ``<!--`` to the end of the page (CheckWiki #5).
    No fix: where the comment should end is a guess.

    **Bad**

    ```wikitext
    Berlin is the capital of Germany.<!-- check the population figure

    It has 3.8 million inhabitants.
    ```

    **Good**

    ```wikitext
    Berlin is the capital of Germany.<!-- check the population figure -->

    It has 3.8 million inhabitants.
    ```
    """

    code = "SYN010"
    name = "unclosed-comment"
    severity = "error"

    def check(self, page: Page):
        start = literals(page).unclosed_comment
        if start != -1:
            yield Finding(start, start + 4, "`<!--` is never closed: MediaWiki hides the rest of the page")

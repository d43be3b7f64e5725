"""SYN001: a ``[[`` that is never closed."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import link_bracket_problems


class UnclosedLink(Rule):
    """An internal link opened with ``[[`` and never closed with ``]]``.

    MediaWiki looks for the ``]]`` before the next ``[[``; without it the brackets, the
    target and the label are shown as plain text (CheckWiki #10). A link nested in the
    label of another link counts too: only file captions may hold links, so in
    ``[[A|see [[B]]]]`` the outer ``[[`` is shown as text. File links are the image
    family's business (IMG002). No fix: where the link should end is a guess.

    **Bad**

    ```wikitext
    Berlin is the capital of [[Germany and its largest city.
    ```

    **Good**

    ```wikitext
    Berlin is the capital of [[Germany]] and its largest city.
    ```
    """

    code = "SYN001"
    name = "unclosed-link"
    severity = "error"

    def check(self, page: Page):
        for problem in link_bracket_problems(page):
            if problem.kind == "unclosed":
                yield Finding(problem.start, problem.end, "`[[` is never closed: MediaWiki shows it as text")

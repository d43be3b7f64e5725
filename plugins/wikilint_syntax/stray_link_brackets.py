"""SYN002: a ``]]`` that closes nothing, or a ``[[…]]`` MediaWiki shows as text."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import link_bracket_problems


class StrayLinkBrackets(Rule):
    """A ``]]`` that closes no link, or ``[[…]]`` brackets that MediaWiki shows as text.

    A ``]]`` with no ``[[`` before it is printed as it is (CheckWiki #46), and so is the
    second ``]`` of an external link closed with two (``[https://example.org Site]]``). So is a whole
    ``[[…]]`` whose target cannot be a page title: three opening brackets
    (``[[[Paris]]]``), a line break, or one of ``< > [ ] { }`` in the target. A stray
    ``]]`` that ends a caption spilled out of a file link is left to IMG001, which can move
    the caption back. No fix: which bracket is the mistake is a guess.

    **Bad**

    ```wikitext
    Berlin is the capital of Germany]] and [[[Europe]]]'s largest city.
    ```

    **Good**

    ```wikitext
    Berlin is the capital of [[Germany]] and [[Europe]]'s largest city.
    ```
    """

    code = "SYN002"
    name = "stray-link-brackets"
    severity = "error"

    def check(self, page: Page):
        for problem in link_bracket_problems(page):
            if problem.kind == "stray":
                what = "after the external link" if problem.detail == "]" else "closes no link"
                yield Finding(problem.start, problem.end, f"`{problem.detail}` {what}: MediaWiki shows it as text")
            elif problem.kind == "invalid":
                yield Finding(problem.start, problem.end,
                              f"not a link ({problem.detail}): MediaWiki shows the brackets as text")

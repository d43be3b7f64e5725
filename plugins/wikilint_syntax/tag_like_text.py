"""SYN014: a tag without its ``>``, which MediaWiki shows as text."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import tag_problems


class TagLikeText(Rule):
    """An HTML tag that is missing its closing ``>``.

    MediaWiki reads a tag only up to the next ``<``: ``<span class="note"`` with no ``>``
    before the next tag is shown as text, attributes and all, and the tag does nothing.
    (Extension tags such as ``<ref>`` may hold a ``<`` among their attributes, and are
    left alone.) No fix: where the ``>`` belongs is a guess.

    **Bad**

    ```wikitext
    <span style="color: red"Warning</span>: the bridge is closed.
    ```

    **Good**

    ```wikitext
    <span style="color: red">Warning</span>: the bridge is closed.
    ```
    """

    code = "SYN014"
    name = "tag-like-text"
    severity = "error"

    def check(self, page: Page):
        for problem in tag_problems(page):
            if problem.kind == "literal":
                yield Finding(problem.start, problem.end,
                              f"`{page.text[problem.start:problem.end]}` has no `>`: MediaWiki shows it as text")

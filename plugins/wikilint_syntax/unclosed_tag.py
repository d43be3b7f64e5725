"""SYN011: an HTML or extension tag that is opened and never closed."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import EXTENSION_TAGS, tag_problems


class UnclosedTag(Rule):
    """An HTML tag left open, or an extension tag never closed.

    An unclosed ``<small>``, ``<sub>`` or ``<span>`` runs on to the end of its paragraph
    (formatting tags such as ``<small>`` and ``<b>`` to the end of the page), an unclosed
    ``<div>`` takes in the rest of the page (CheckWiki #98, #99; Parsoid's
    missing-end-tag), and an extension tag such as ``<nowiki>`` or ``<poem>`` without its
    closing tag is shown as text (CheckWiki #13, #14, #23, #24). An HTML tag left open in
    a table cell, a file caption, a ``<ref>`` or a template parameter is closed where that
    part ends, so what it formats is what it was written around: it is left alone (file
    captions are the image family's, IMG003). So are tags whose end HTML lets you leave
    out (``<p>``, ``<li>``, ``<td>``…) and ``<ref>`` (the reference family's REF001).
    No fix: where the tag should end is a guess.

    **Bad**

    ```wikitext
    Water is H<sub>2O, and it boils at 100 °C.
    ```

    **Good**

    ```wikitext
    Water is H<sub>2</sub>O, and it boils at 100 °C.
    ```
    """

    code = "SYN011"
    name = "unclosed-tag"
    severity = "error"

    def check(self, page: Page):
        for problem in tag_problems(page):
            if problem.kind != "unclosed":
                continue
            if problem.name in EXTENSION_TAGS:
                message = f"<{problem.name}> is never closed: MediaWiki shows the tag as text"
            else:
                message = f"<{problem.name}> is never closed: it runs on past where it was meant to end"
            yield Finding(problem.start, problem.end, message)

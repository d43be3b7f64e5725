"""SYN018: presentational HTML attributes that HTML5 made obsolete."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import PRESENTATIONAL_ATTRIBUTES, attribute_uses


class PresentationalAttribute(Rule):
    """An obsolete presentational attribute: ``align``, ``valign``, ``bgcolor``, ``width``…

    HTML5 replaced the attributes that only set how an element looks (``align``,
    ``valign``, ``bgcolor``, ``border``, ``cellpadding``, ``cellspacing``, ``nowrap``,
    ``width`` and ``height`` on table parts, ``clear`` on ``<br>``) with CSS. MediaWiki
    still passes them on; they do not follow the reader's skin or dark mode. Reported as
    information, on tags and table markup alike, and off unless selected: older tables
    use them on every row. No fix: the CSS that replaces them depends on the element.

    **Bad**

    ```wikitext
    {| class="wikitable" align="center"
    | bgcolor="#eeeeee" | Berlin
    |}
    ```

    **Good**

    ```wikitext
    {| class="wikitable" style="margin: auto"
    | style="background: #eeeeee" | Berlin
    |}
    ```
    """

    code = "SYN018"
    name = "presentational-attribute"
    severity = "info"
    default_enabled = False

    def check(self, page: Page):
        for use in attribute_uses(page):
            elements = PRESENTATIONAL_ATTRIBUTES.get(use.key)
            if elements is not None and use.element in elements:
                start, end = use.span(page)
                yield Finding(start, end, f"`{use.key}` on <{use.element}> is obsolete in HTML5: use CSS")

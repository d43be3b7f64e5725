"""SYN015: an attribute value whose quote is never closed, swallowing the next attributes."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import attribute_uses, opens_quote


class UnclosedAttributeQuote(Rule):
    """An attribute value that opens a quote and never closes it.

    MediaWiki's Sanitizer reads a quoted value up to the next matching quote, or to the
    end of the tag: in ``<span style="color: red class="note">`` the style is
    ``color: red class=`` (not valid CSS, so dropped) and the class is lost. A missing
    quote at the very end of a tag does no harm and is left alone. No fix: where the
    quote belongs is a guess.

    **Bad**

    ```wikitext
    <span style="color: red class="note">Closed</span> on Sundays.
    ```

    **Good**

    ```wikitext
    <span style="color: red" class="note">Closed</span> on Sundays.
    ```
    """

    code = "SYN015"
    name = "unclosed-attribute-quote"
    severity = "warning"

    def check(self, page: Page):
        for use in attribute_uses(page):
            attribute = use.tag.node.attributes[use.index]
            if not opens_quote(attribute) or use.index == len(use.tag.node.attributes) - 1:
                continue  # (at the end of the tag the value runs to its end, as meant)
            start, end = use.span(page)
            quote = str(attribute.value)[0]
            yield Finding(start, end, f"the {quote} of {use.name.strip()}= is never closed: the attributes after it "
                                      "become part of its value")

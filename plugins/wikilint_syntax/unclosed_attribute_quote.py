"""SYN015: an attribute value whose quote is never closed, swallowing the next attributes."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import attribute_uses, opens_quote


class UnclosedAttributeQuote(Rule):
    """An attribute value that opens a quote and never closes it.

    MediaWiki's Sanitizer reads a quoted value up to the next matching quote, or to the
    end of the tag: in ``<span style="color: red class="note">`` the style is
    ``color: red class=`` (not valid CSS, so dropped) and the class is lost. A missing
    quote that no other attribute follows does no harm (``<span title="a b>``) and is left
    alone. No fix: where the
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
            attribute = use.attribute
            if not opens_quote(attribute) or not any(
                    later.value is not None for later in use.node.attributes[use.index + 1:]):
                continue  # the value runs over plain words only: it ends with the tag, as meant
            start, end = use.span(page)
            quote = str(attribute.value)[0]
            yield Finding(start, end, f"the {quote} of {use.name.strip()}= is never closed: the attributes after it "
                                      "become part of its value")

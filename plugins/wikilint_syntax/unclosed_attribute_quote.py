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
    alone, and so is a value that mwparserfromhell split at a space but whose quote does
    close (``{|style="color: red;"|}``). No fix: where the quote belongs is a guess.

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
            if not opens_quote(attribute):
                continue
            quote = str(attribute.value)[0]
            if not _swallows_an_attribute(use.node.attributes[use.index + 1:], quote):
                continue
            start, end = use.span(page)
            yield Finding(start, end, f"the {quote} of {use.name.strip()}= is never closed: the attributes after it "
                                      "become part of its value")


def _swallows_an_attribute(later_attributes, quote: str) -> bool:
    """Whether an attribute with a value comes before the quote closes: only then is
    something lost (a value that runs over plain words ends with the tag, as meant)."""
    for later in later_attributes:
        if later.value is None and quote in str(later):
            return False  # the quote closes in these words ("color: red;"|}): mwparserfromhell split it
        if later.value is not None:
            return True
    return False

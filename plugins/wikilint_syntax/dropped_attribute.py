"""SYN016: an attribute MediaWiki drops because the element does not allow it."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import ATTRIBUTE_NAME, AttributeUse, attribute_uses, is_dropped_attribute


class DroppedAttribute(Rule):
    """An attribute that MediaWiki silently drops from the element.

    MediaWiki's Sanitizer keeps only the attributes it allows on each element (``id``,
    ``class``, ``style``, ``title``… everywhere; ``colspan`` on cells, ``align`` on
    blocks and table parts…) and ``data-*``; anything else is dropped without a word:
    ``<span align="center">``, ``<div onclick=…>``, ``<td href=…>``. In table markup,
    words before a cell's ``|`` are read as attributes, so ``| Berlin Mitte | 1``
    loses "Berlin Mitte". Attributes made by templates are left alone. No fix: the
    attribute may be meant for another element.

    **Bad**

    ```wikitext
    <span align="center" class="note">Closed on Sundays.</span>
    ```

    **Good**

    ```wikitext
    <span class="note">Closed on Sundays.</span>
    ```
    """

    code = "SYN016"
    name = "dropped-attribute"
    severity = "warning"

    def check(self, page: Page):
        words: list[AttributeUse] = []  # bare words of one tag, reported together
        for use in attribute_uses(page):
            key = use.key
            if key is None or not is_dropped_attribute(use.element, key):
                continue
            if words and use.node is not words[-1].node:
                yield self._words(page, words)
                words = []
            if use.attribute.value is None and ATTRIBUTE_NAME.fullmatch(key) and use.node.wiki_markup:
                words.append(use)  # "| Berlin Mitte | 1": text before the cell's "|"
                continue
            if ATTRIBUTE_NAME.fullmatch(key):
                message = f"<{use.element}> does not allow `{use.name.strip()}`: MediaWiki drops it"
            elif any(character.isalpha() for character in key):
                message = f"`{use.name.strip()}` is not an attribute (a missing `=` or quote?): MediaWiki drops it"
            else:
                continue  # stray punctuation ("!!" at a line start, "|-----"): dropped, and nothing is lost
            start, end = use.span(page)
            yield Finding(start, end, message)
        if words:
            yield self._words(page, words)

    @staticmethod
    def _words(page: Page, words: list[AttributeUse]) -> Finding:
        start, end = words[0].span(page)[0], words[-1].span(page)[1]
        return Finding(start, end, f"{page.text[start:end]!r} stands where the cell's attributes go: "
                                   "MediaWiki drops it (a missing '|'?)")

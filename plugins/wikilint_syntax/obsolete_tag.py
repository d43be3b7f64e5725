"""SYN017: HTML tags that HTML5 made obsolete."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

#: The obsolete elements MediaWiki still lets through, and what replaces each one.
_REPLACEMENTS = {
    "center": "a block with style=\"text-align: center\"",
    "font": "<span style=…>",
    "big": "style=\"font-size: larger\"",
    "strike": "<s> or <del>",
    "tt": "<code>, <kbd> or <samp>",
}


class ObsoleteTag(Rule):
    """An obsolete HTML tag: ``<center>``, ``<font>``, ``<big>``, ``<strike>`` or ``<tt>``.

    HTML5 dropped these presentational tags; MediaWiki still renders them, but Parsoid
    reports them (obsolete-tag) and wikis replace them with CSS or semantic tags
    (CheckWiki #40, #41, #42). Reported as information. No fix: the replacement depends
    on what the tag is used for.

    **Bad**

    ```wikitext
    <center>Berlin is the capital of Germany.</center>
    ```

    **Good**

    ```wikitext
    <div style="text-align: center">Berlin is the capital of Germany.</div>
    ```
    """

    code = "SYN017"
    name = "obsolete-tag"
    severity = "info"

    def check(self, page: Page):
        for item in page.tags(*_REPLACEMENTS):
            name = page.text[item.start + 1:item.start + 1 + len(str(item.node.tag))]
            key = name.strip().lower()
            yield Finding(item.start, item.start + 1 + len(name),
                          f"<{key}> is obsolete in HTML5: use {_REPLACEMENTS[key]}")

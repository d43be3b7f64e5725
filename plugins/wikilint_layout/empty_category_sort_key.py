"""LAY006: a category link with an empty sort key (``[[Category:X|]]``)."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule, wikicode_text

from wikilint_layout.layout import layout_index


class EmptyCategorySortKey(Rule):
    """A category link with an empty sort key (`[[Category:X|]]`).

    The pipe with nothing after it does nothing: the page is sorted under its default key,
    as with `[[Category:X]]` (the pipe trick does not apply to categories). It is usually a
    slip for the eponymous-category convention `[[Category:X| ]]` (a space sorts the page
    first) or a leftover. The safe fix drops the pipe; when the category has the page's own
    name (the page title is known) the fix writes the space instead, and is unsafe, since
    it changes where the page is sorted. The category namespace's names are the site's
    (`[namespaces] category`: zhwiki's `分類:` too).

    **Bad**

    ```wikitext
    Text.

    [[Category:Bilateral relations|]]
    ```

    **Good**

    ```wikitext
    Text.

    [[Category:Bilateral relations]]
    ```
    """

    code = "LAY006"
    name = "empty-category-sort-key"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        site = page.site
        title = site.normalize_title(page.title) if page.title else None
        for item in layout_index(page).empty_sort_keys:
            label = item.node.text
            if label is None or label.nodes:
                continue
            category = wikicode_text(item.node.title)
            name = site.split_namespace(category.strip())[1]
            pipe = item.end - 3  # [[…|]]
            if title is not None and site.normalize_title(name) == title:
                fix = Fix.replace(pipe + 1, pipe + 1, " ", "sort the page first in its eponymous category",
                                  "unsafe")
                message = "empty sort key does nothing: for this eponymous category write '| ' to sort the page first"
            else:
                fix = Fix.replace(pipe, pipe + 1, "", "drop the empty sort key")
                message = "empty sort key does nothing: drop the '|'"
            yield Finding(item.start, item.end, message, fix)

"""LAY007: ``{{DEFAULTSORT:…}}`` placed below the categories it applies to."""

from __future__ import annotations

from wikilint import Edit, Finding, Fix, Page, Rule

from wikilint_layout.layout import layout_index, line_bounds


class DefaultsortAfterCategories(Rule):
    """`{{DEFAULTSORT:…}}` below the category links instead of just above them.

    MediaWiki applies the default sort key to every category of the page wherever it
    stands, but the convention (enwiki WP:SORTKEY, zhwiki alike) puts it right above the
    categories, where an editor adding a category looks for it. The magic word's names are
    site data (`layout-defaultsort-words`, zhwiki adds `默认排序：`). The safe fix moves the
    line above the first category line when both stand on their own lines. A matter of
    style: info. (Two DEFAULTSORTs on one page are another family's finding.)

    **Bad**

    ```wikitext
    Text.

    [[Category:Capitals]]
    [[Category:Cities in France]]
    {{DEFAULTSORT:Paris}}
    ```

    **Good**

    ```wikitext
    Text.

    {{DEFAULTSORT:Paris}}
    [[Category:Capitals]]
    [[Category:Cities in France]]
    ```
    """

    code = "LAY007"
    name = "defaultsort-after-categories"
    severity = "info"
    fix_applicability = "safe"

    def check(self, page: Page):
        index = layout_index(page)
        sort_call = index.facts.defaultsort_call
        if sort_call is None or not sort_call.search(page.text):
            return
        words = index.facts.defaultsort_words
        categories = [item for item in index.categories if not item.ancestors]
        if not categories:
            return
        text = page.text
        heading_starts = [section.start for section in index.sections]
        for call in index.calls([key for key in index.template_names if key.casefold().startswith(words)]):
            if call.start < categories[0].start or not call.top_level:
                continue
            run = _category_run_before(text, categories, call.start)
            if run is None or any(run[0].start < start < call.start for start in heading_starts):
                continue  # the categories above it are in another section: not the page's footer
            fix = None
            sort_line = line_bounds(text, call.start, call.end)
            category_line = line_bounds(text, run[0].start, run[0].end)
            if sort_line is not None and category_line is not None:
                line = text[sort_line[0]:sort_line[1]]
                if not line.endswith("\n"):  # the page's last line: take the newline before it
                    line, sort_line = line + "\n", (sort_line[0] - 1, sort_line[1])
                fix = Fix((Edit(category_line[0], category_line[0], line), Edit(*sort_line, "")),
                          "move it above the categories")
            yield Finding(call.start, call.end, f"{{{{{call.name}}}}} stands below the categories: "
                                                f"put it right above them", fix)


def _category_run_before(text: str, categories, offset: int):
    """The category links of the run that ends last before ``offset`` (links separated by
    white space only), first to last; None when no category precedes ``offset``."""
    before = [item for item in categories if item.end <= offset]
    if not before:
        return None
    run = [before[-1]]
    for item in reversed(before[:-1]):
        if text[item.end:run[0].start].strip():
            break
        run.insert(0, item)
    return run

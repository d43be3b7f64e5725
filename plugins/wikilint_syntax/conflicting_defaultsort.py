"""SYN031: DEFAULTSORT given twice."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import line_removal, template_calls


class ConflictingDefaultsort(Rule):
    """``{{DEFAULTSORT:…}}`` given twice on a page.

    A second DEFAULTSORT with another key overrides the first, and MediaWiki shows a
    warning ("Default sort key … overrides earlier default sort key …") when the page is
    previewed. A second one with the same key does nothing: the safe fix removes it.
    Calls with ``noreplace`` or ``noerror`` are left alone.

    **Bad**

    ```wikitext
    {{DEFAULTSORT:Berlin}}
    [[Category:Capitals in Europe]]
    {{DEFAULTSORT:Berlin}}
    ```

    **Good**

    ```wikitext
    {{DEFAULTSORT:Berlin}}
    [[Category:Capitals in Europe]]
    ```
    """

    code = "SYN031"
    name = "conflicting-defaultsort"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        calls = template_calls(page).defaultsorts
        if len(calls) < 2 or any(item.node.params for item, _ in calls):
            return
        first, first_key = calls[0]
        line = page.line_col(first.start)[0]
        for item, key in calls[1:]:
            if key.strip() == first_key.strip():
                start, end = line_removal(page.text, item.start, item.end)
                yield Finding(item.start, item.end, f"DEFAULTSORT already given on line {line}",
                              Fix.replace(start, end, "", "remove the repeated DEFAULTSORT"))
            else:
                yield Finding(item.start, item.end,
                              f"DEFAULTSORT overrides the one on line {line} ({first_key.strip()!r})",
                              severity="error")

"""SYN030: a category added twice."""

from __future__ import annotations

import re
from functools import lru_cache

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import line_removal, literals, top_level_template_spans


@lru_cache(maxsize=32)
def _category_link(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(name).replace("\\ ", "[ _]+") for name in names)
    # (Case-insensitive only where it must be: a global flag would slow the "[[" search.)
    return re.compile(rf"\[\[[ _]*(?i:{alternatives})[ _]*:([^\[\]{{}}|\n]*)(?:\|([^\[\]{{}}\n]*))?\]\]")


class DuplicateCategory(Rule):
    """A category added to the page twice.

    The page is in the category once; MediaWiki keeps the sort key of the last link, so
    a sort key given with the first is lost (CheckWiki #17). The later link is reported;
    when both give the same sort key, the safe fix removes it. Categories inside template
    calls (which may add them or not) are left alone.

    **Bad**

    ```wikitext
    Berlin is the capital of Germany.

    [[Category:Capitals in Europe]]
    [[Category:Cities in Germany]]
    [[Category:Capitals_in_Europe]]
    ```

    **Good**

    ```wikitext
    Berlin is the capital of Germany.

    [[Category:Capitals in Europe]]
    [[Category:Cities in Germany]]
    ```
    """

    code = "SYN030"
    name = "duplicate-category"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        site = page.site
        text = page.text
        names = tuple(site.namespaces.get("category", ("Category",)))
        # (A cheap count first: the name without its first letter, whose case may vary.)
        if sum(text.count(name[1:] + ":") if name[1:] else 2 for name in names) < 2:
            return
        matches = list(_category_link(names).finditer(text))
        if len(matches) < 2:
            return
        spans = literals(page).spans
        templates = top_level_template_spans(page)
        first: dict[str, re.Match[str]] = {}
        for match in matches:
            if spans.covers(match.start()) or templates.covers(match.start()):
                continue
            key = site.normalize_title("Category:" + match[1])
            earlier = first.get(key)
            if earlier is None:
                first[key] = match
                continue
            line = page.line_col(earlier.start())[0]
            fix = None
            if (earlier[2] or "").strip() == (match[2] or "").strip():
                start, end = line_removal(page.text, match.start(), match.end())
                fix = Fix.replace(start, end, "", "remove the duplicate")
                message = f"category already added on line {line}"
            else:
                message = f"category already added on line {line}; the sort key of this one wins"
            yield Finding(match.start(), match.end(), message, fix)

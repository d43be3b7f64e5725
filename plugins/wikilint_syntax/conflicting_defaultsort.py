"""SYN031: DEFAULTSORT given twice."""

from __future__ import annotations

import re
from functools import lru_cache

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import DEFAULTSORT_KEY, line_removal, literals


@lru_cache(maxsize=32)
def _defaultsort(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"\{{\{{\s*(?:{alternatives})\s*:([^{{}}|]*)(\|[^{{}}]*)?\}}\}}")


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
        if "{{" not in page.text:
            return
        pattern = _defaultsort(tuple(page.site.get(DEFAULTSORT_KEY) or ("DEFAULTSORT",)))
        matches = [match for match in pattern.finditer(page.text) if not literals(page).covers(match.start())]
        if len(matches) < 2 or any(match[2] for match in matches):
            return
        first = matches[0]
        line = page.line_col(first.start())[0]
        for match in matches[1:]:
            if match[1].strip() == first[1].strip():
                start, end = line_removal(page.text, match.start(), match.end())
                yield Finding(match.start(), match.end(), f"DEFAULTSORT already given on line {line}",
                              Fix.replace(start, end, "", "remove the repeated DEFAULTSORT"))
            else:
                yield Finding(match.start(), match.end(),
                              f"DEFAULTSORT overrides the one on line {line} ({first[1].strip()!r})",
                              severity="error")

"""Rules of the engine itself, registered through the ``wikilint`` entry-point group
like every other plugin."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Fix, Page, Rule, hookimpl


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    A ``<!-- wikilint: disable … -->`` directive (or ``disable-line``,
    ``disable-next-line``, ``disable-page``) whose codes matched no finding is noise
    at best, and at worst hides a future finding nobody meant to hide. The fix removes
    a directive none of whose codes is used.

    **Bad**

    ```wikitext
    Text.<!-- wikilint: disable-next-line -->
    More text.
    ```

    **Good**

    ```wikitext
    Text.
    More text.
    ```
    """

    code = "WL100"
    name = "unused-suppression"
    severity = "warning"
    fix_applicability = "safe"
    after_suppressions = True

    def check(self, page: Page) -> Iterable[Finding]:
        if page.suppressions is None:
            return
        for directive, idle in page.suppressions.unused():
            wanted = directive.selectors or ("*",)
            label = "all rules" if idle == ("*",) else ", ".join(idle)
            fix = None
            if len(idle) == len(wanted):
                fix = Fix.replace(directive.start, directive.end, "", "remove the unused directive")
            yield Finding(directive.start, directive.end,
                          f"unused suppression ({directive.kind}: {label})", fix)


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    return [UnusedSuppression]

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
                start, end = _removal_span(page.text, directive.start, directive.end)
                if page.text[start - 1:start] + page.text[end:end + 1] not in _JOINING_PAIRS:
                    fix = Fix.replace(start, end, "", "remove the unused directive")
            yield Finding(directive.start, directive.end,
                          f"unused suppression ({directive.kind}: {label})", fix)


#: Character pairs that are markup once the comment between them is gone (``]<!--…-->]``
#: would become a link's end): no fix is offered where removing a directive joins them.
_JOINING_PAIRS = frozenset({"[[", "]]", "{{", "}}", "''", "-{", "}-", "~~", "__", "<!", "{|", "|}"})


def _removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete with a directive so that the page renders as before.

    MediaWiki drops a comment that stands alone on its line together with that line
    break, so such a line goes whole (leaving an empty line would start a new
    paragraph); spaces before a directive that ends its line go with it.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip(" \t") and not after.strip(" \t"):
        return line_start, min(line_end + 1, len(text))
    if not after.strip(" \t"):
        return start - (len(before) - len(before.rstrip(" \t"))), end
    return start, end


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    return [UnusedSuppression]

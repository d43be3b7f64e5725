"""SYN012: a closing HTML tag that closes nothing."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import tag_problems


class StrayClosingTag(Rule):
    """A closing HTML tag with no opening tag before it.

    ``</span>``, ``</small>`` or ``</div>`` that nothing opened is dropped by the HTML
    parser (Parsoid's stripped-tag): it is left over from an edit that removed the opening
    tag, or a typo for another tag, and what it was meant to end is not ended. Tags whose
    end HTML lets you leave out (``</p>``, ``</li>``…) are left alone. No fix: whether the
    opening tag or the closing one is the mistake is a guess.

    **Bad**

    ```wikitext
    Berlin is the capital of Germany.</small>
    ```

    **Good**

    ```wikitext
    Berlin is the capital of Germany.
    ```
    """

    code = "SYN012"
    name = "stray-closing-tag"
    severity = "warning"

    def check(self, page: Page):
        for problem in tag_problems(page):
            if problem.kind == "stray":
                yield Finding(problem.start, problem.end, f"</{problem.name}> closes no <{problem.name}>")

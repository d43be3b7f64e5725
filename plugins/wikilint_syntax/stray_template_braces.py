"""SYN004: a ``}}`` that closes nothing."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import brace_problems


class StrayTemplateBraces(Rule):
    """A ``}}`` that closes no template call.

    MediaWiki shows it as text (CheckWiki #47). It is usually left over from an edit that
    removed the start of a template, or an extra brace at the end of one. No fix: which
    brace is the mistake is a guess.

    **Bad**

    ```wikitext
    Berlin is the capital of Germany.{{citation needed}}}}
    ```

    **Good**

    ```wikitext
    Berlin is the capital of Germany.{{citation needed}}
    ```
    """

    code = "SYN004"
    name = "stray-template-braces"
    severity = "error"

    def check(self, page: Page):
        for problem in brace_problems(page):
            if problem.kind == "stray":
                yield Finding(problem.start, problem.end, "`}}` closes no template: MediaWiki shows it as text")

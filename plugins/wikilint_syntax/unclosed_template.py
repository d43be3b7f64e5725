"""SYN003: a ``{{`` that is never closed."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import brace_problems


class UnclosedTemplate(Rule):
    """A template call opened with ``{{`` and never closed with ``}}``.

    MediaWiki's preprocessor then shows the braces, the template name and every
    parameter as plain text (CheckWiki #43); so it does with a call whose name cannot be a
    page title: a name with a line break in it (a call left open a few lines before a
    ``}}``) or a link. Braces pair the way the preprocessor pairs them: ``}}`` inside
    an unclosed ``[[`` closes nothing. No fix: where the call should end is a guess.

    **Bad**

    ```wikitext
    {{Infobox city |name=Berlin |country=Germany

    Berlin is the capital of Germany.
    ```

    **Good**

    ```wikitext
    {{Infobox city |name=Berlin |country=Germany}}

    Berlin is the capital of Germany.
    ```
    """

    code = "SYN003"
    name = "unclosed-template"
    severity = "error"

    def check(self, page: Page):
        for problem in brace_problems(page):
            if problem.kind == "unclosed":
                yield Finding(problem.start, problem.end, "`{{` is never closed: MediaWiki shows the call as text")
            elif problem.kind == "invalid":
                yield Finding(problem.start, problem.end, "not a template call (its name cannot be a page title): "
                                                          "MediaWiki shows it as text")

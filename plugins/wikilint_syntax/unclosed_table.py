"""SYN026: a table that is never closed, or a table end that closes nothing."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import table_problems


class UnclosedTable(Rule):
    """A table that is never closed, or a table end that closes no table.

    A table opened with ``{|`` needs its ``|}``: MediaWiki closes an open table at the end
    of the page, so everything after it, other sections included, lands in its last cell
    (CheckWiki #28); a ``|}`` with no table is shown as text. A table that a template on
    its own line may close (``{{End}}``, ``{{S-end}}``…) is left alone, and so is a ``|}``
    that may close a table a template opened. No fix: where the table should end is a
    guess.

    **Bad**

    ```wikitext
    {| class="wikitable"
    | Berlin || 3,850,809

    == History ==
    ```

    **Good**

    ```wikitext
    {| class="wikitable"
    | Berlin || 3,850,809
    |}

    == History ==
    ```
    """

    code = "SYN026"
    name = "unclosed-table"
    severity = "error"

    def check(self, page: Page):
        problems = table_problems(page)
        for start in problems.unclosed:
            yield Finding(start, start + 2, "`{|` is never closed: the rest of the page goes into the table")
        if problems.stray and "{{" not in page.text[:problems.stray[0]]:
            for start in problems.stray:
                yield Finding(start, start + 2, "`|}` closes no table: MediaWiki shows it as text")

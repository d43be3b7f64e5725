"""REF004: one ref name defined twice with different content."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_references.refindex import ref_index


class ConflictingRefDefinitions(Rule):
    """One ref name defined more than once, with different content.

    Cite keeps the first definition and shows "Invalid <ref> tag; name x defined
    multiple times with different content" in red; the other text is lost. Contents
    are compared after trimming, as Cite does. Each later definition that differs from
    the first is reported. No fix: which text is right needs a human.

    **Bad**

    ```wikitext
    Paris.<ref name="insee">INSEE 2020.</ref> Lyon.<ref name="insee">INSEE 2021.</ref>
    <references />
    ```

    **Good**

    ```wikitext
    Paris.<ref name="insee">INSEE 2020.</ref> Lyon.<ref name="insee2021">INSEE 2021.</ref>
    <references />
    ```
    """

    code = "REF004"
    name = "conflicting-ref-definitions"
    severity = "error"
    fix_applicability = "none"

    def check(self, page: Page):
        for (_group, name), refs in ref_index(page).definitions().items():
            first = refs[0]
            for ref in refs[1:]:
                if ref.content != first.content:
                    line, _ = page.line_col(first.start)
                    yield Finding(ref.start, ref.end,
                                  f'ref name "{name}" is already defined with different content (line {line})')

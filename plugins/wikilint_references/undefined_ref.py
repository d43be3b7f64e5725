"""REF003: ``<ref name="x" />`` used, but ``x`` is defined nowhere on the page."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_references.refindex import ref_index


class UndefinedRef(Rule):
    """A named ref reused (`<ref name="x" />`) but never defined with content on the page.

    Cite shows "The named reference x was invoked but never defined" in red. A
    definition anywhere on the page counts, before or after the reuse, in the same
    group, including list-defined refs inside `<references>…</references>` or a list
    template's `refs=`, and refs built with `{{#tag:ref|…|name=x}}`. Names are compared
    as Cite compares them: case-sensitive, white space collapsed. No fix: the source is
    missing.

    **Bad**

    ```wikitext
    Paris is large.<ref name="insee" />
    <references />
    ```

    **Good**

    ```wikitext
    Paris is large.<ref name="insee">INSEE 2020.</ref>
    <references />
    ```
    """

    code = "REF003"
    name = "undefined-ref"
    severity = "error"
    fix_applicability = "none"

    def check(self, page: Page):
        index = ref_index(page)
        if not index.refs:
            return
        defined = set(index.definitions()) | index.parser_function_names
        for ref in index.refs:
            if ref.name and not ref.content and not ref.nested and ref.key not in defined:
                group = f' in group "{ref.group}"' if ref.group else ""
                yield Finding(ref.start, ref.end, f'ref name "{ref.name}"{group} is used but never defined')

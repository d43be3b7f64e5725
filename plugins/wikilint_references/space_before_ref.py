"""REF008: white space between the text and the ``<ref>`` that cites it."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_references.refindex import ref_index

#: Characters after which white space before a ref is structure, not style: a table cell
#: (``|| <ref>``, ``! <ref>``) or a template parameter (``|pop = <ref>``).
_STRUCTURAL = frozenset("|!=")
_LIST_MARKERS = "*#:; "


class SpaceBeforeRef(Rule):
    """White space between the text and its `<ref>`: `text <ref>`.

    The footnote marker then floats away from the words it supports, and the line may
    break before it. The safe fix removes the spaces. A ref that begins a line, a list
    item, a table cell (`|| <ref>`) or a template parameter (`|x = <ref>`) is left alone.

    **Bad**

    ```wikitext
    Paris is the capital of France. <ref>INSEE 2020.</ref>
    <references />
    ```

    **Good**

    ```wikitext
    Paris is the capital of France.<ref>INSEE 2020.</ref>
    <references />
    ```
    """

    code = "REF008"
    name = "space-before-ref"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        text = page.text
        for ref in ref_index(page).refs:
            if ref.list_defined or ref.nested:
                continue
            space_start = ref.start
            while space_start > 0 and text[space_start - 1] in " \t":
                space_start -= 1
            if space_start == ref.start or space_start == 0:
                continue
            if text[space_start - 1] == "\n" or text[space_start - 1] in _STRUCTURAL:
                continue
            line_start = text.rfind("\n", 0, space_start) + 1
            if not text[line_start:space_start].strip(_LIST_MARKERS):
                continue
            yield Finding(space_start, ref.start, "white space before <ref>",
                          Fix.replace(space_start, ref.start, "", "remove the space"))

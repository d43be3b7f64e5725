"""REF002: a ``<ref>`` with neither content nor name; ``<ref name="a"></ref>`` spelled long."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_references.refindex import ref_index


class EmptyRef(Rule):
    """An empty `<ref>`: no content and no name, or a reuse written as `<ref name="a"></ref>`.

    `<ref></ref>`, `<ref />` and `<ref name="">` without content are Cite errors: an
    empty footnote. A named ref without content is a reuse of the named one; written
    with a closing tag it works but reads like a forgotten definition. The fix turns
    `<ref name="a"></ref>` into `<ref name="a" />` (safe); nameless empty refs are only
    reported, since whether to delete them or fill them in needs a human.

    **Bad**

    ```wikitext
    Paris.<ref name="insee">INSEE 2020.</ref> Lyon.<ref name="insee"></ref>
    <references />
    ```

    **Good**

    ```wikitext
    Paris.<ref name="insee">INSEE 2020.</ref> Lyon.<ref name="insee" />
    <references />
    ```
    """

    code = "REF002"
    name = "empty-ref"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        for ref in ref_index(page).refs:
            if ref.content:
                continue
            if not ref.name:
                yield Finding(ref.start, ref.end, "empty <ref> with neither content nor name")
            elif not ref.self_closing:
                attributes = ref.attributes_text().rstrip()
                replacement = f"<{ref.tag.tag}{attributes} />"
                yield Finding(ref.start, ref.end, "named <ref> without content: write the reuse as <ref name=… />",
                              Fix.replace(ref.start, ref.end, replacement, "make it self-closing"))

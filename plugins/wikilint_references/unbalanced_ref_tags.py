"""REF001: ``<ref>`` without ``</ref>``, ``</ref>`` without ``<ref>``, ``<ref>`` inside ``<ref>``."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_references.refindex import ref_index


class UnbalancedRefTags(Rule):
    """A `<ref>` tag that is never closed, a stray `</ref>`, or a `<ref>` nested in a `<ref>`.

    MediaWiki takes an unclosed `<ref>` as plain text (or swallows the rest of the
    paragraph), shows a stray `</ref>` literally, and ends a ref at the first `</ref>`,
    so a ref nested in another breaks both (CheckWiki #94). mwparserfromhell leaves an
    unclosed tag as plain text; the rule finds it there too. Refs built with
    `{{#tag:ref|…}}` may legitimately hold a `<ref>`; they are not tags and are left alone.
    No fix: where the tag should close is a matter of judgement.

    **Bad**

    ```wikitext
    Paris is the capital of France.<ref>{{cite web |url=https://example.org |title=Paris}}
    ```

    **Good**

    ```wikitext
    Paris is the capital of France.<ref>{{cite web |url=https://example.org |title=Paris}}</ref>
    ```
    """

    code = "REF001"
    name = "unbalanced-ref-tags"
    severity = "error"
    fix_applicability = "none"

    def check(self, page: Page):
        index = ref_index(page)
        for ref in index.refs:
            if ref.nested:
                yield Finding(ref.start, ref.end, "<ref> inside another <ref>: MediaWiki ends the outer ref here")
        # Text tokens pair in order, an opening tag with the next closing one, as MediaWiki
        # pairs them; a pair mwparserfromhell could not parse (say, a newline among the
        # attributes) is still a valid ref.
        pending_open: tuple[int, int] | None = None
        for start, end, kind in index.text_tokens:
            if kind == "self-closing":
                continue
            if kind == "open":
                if pending_open is not None:
                    yield Finding(*pending_open, "<ref> is never closed with </ref>")
                pending_open = (start, end)
            elif pending_open is not None:
                pending_open = None
            else:
                yield Finding(start, end, "</ref> without an opening <ref>")
        if pending_open is not None:
            yield Finding(*pending_open, "<ref> is never closed with </ref>")

"""LNK001: a link whose label repeats its target (``[[X|X]]``)."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_links.links import page_links, split_target


class RedundantLabel(Rule):
    """Link label that repeats the link target.

    ``[[X|X]]`` shows exactly what ``[[X]]`` shows (CheckWiki error #64). "The same" follows
    the site's title normalisation: underscores and spaces, runs of white space, spaces at
    the ends, HTML entities, percent escapes and, on sites where the first letter of a
    title is case-insensitive, its case — so ``[[Mail_Online|Mail Online]]`` and
    ``[[Foo|foo]]`` are redundant too. Targets with a ``#section`` and leading-colon links
    count when the label shows the same text. The fix writes the label as the target
    (``[[foo]]``), so the link shows exactly what it showed before. Category links (the
    pipe there is a sort key), file links and interwiki links are never touched.

    **Bad**

    ```wikitext
    The [[Mail_Online|Mail Online]] and the [[Eiffel Tower|eiffel Tower]].
    ```

    **Good**

    ```wikitext
    The [[Mail Online]] and the [[eiffel Tower]].
    ```
    """

    code = "LNK001"
    name = "redundant-label"
    severity = "warning"
    default_enabled = True
    fix_applicability = "safe"

    def check(self, page: Page):
        site = page.site
        for link in page_links(page):
            label = link.label
            # A label with a line break cannot become a title ([[A|\nA]] → [[\nA]] is no link),
            # and a link without a target is LNK006's (malformed-link) business.
            if not label or not link.label_is_plain or label.startswith((":", " :")) or "\n" in label:
                continue
            if not link.target and not link.fragment:
                continue
            if split_target(site, label) != (link.target, link.fragment):
                continue
            replacement = "[[" + (":" if link.colon else "") + label + "]]"
            yield Finding(link.start, link.end, f"label repeats the link target: write [[{label}]]",
                          Fix.replace(link.start, link.end, replacement, "drop the redundant label"))

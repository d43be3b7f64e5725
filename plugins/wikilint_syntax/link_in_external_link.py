"""SYN005: an internal link inside an external link's label."""

from __future__ import annotations

from mwparserfromhell.nodes import ExternalLink, Wikilink

from wikilint import Finding, Fix, Page, Rule, wikicode_text

from wikilint_syntax.markup import is_file_target


def _holds_link(link: ExternalLink) -> bool:
    return link.title is not None and any(type(node) is Wikilink for node in link.title.nodes)


class LinkInExternalLink(Rule):
    """An internal link inside the label of an external link.

    A link cannot hold a link: ``[https://example.org [[Berlin]] guide]`` breaks the
    external link in two around the internal one (Parsoid's wikilink-in-extlink;
    WPCleaner #513). The fix keeps the internal link's text and drops its brackets; it is
    unsafe because an external link that lacks its closing ``]`` runs on over the links
    after it, which should stay links: check where the external link ends. File links
    (an image as the label) and category links (which show nothing) are left alone.

    **Bad**

    ```wikitext
    See the [https://www.berlin.de official [[Berlin]] portal].
    ```

    **Good**

    ```wikitext
    See the [https://www.berlin.de official Berlin portal].
    ```
    """

    code = "SYN005"
    name = "link-in-external-link"
    severity = "error"
    fix_applicability = "unsafe"

    def check(self, page: Page):
        if not any(_holds_link(item.node) for item in page.nodes(ExternalLink)):
            return
        for item in page.nodes(Wikilink):
            parents = item.ancestors
            if not parents or type(parents[-1]) is not ExternalLink or not parents[-1].brackets:
                continue
            node = item.node
            title = wikicode_text(node.title)
            if is_file_target(page.site, title.lstrip(": ")) or (
                    not title.lstrip().startswith(":") and page.site.is_namespace(title.strip(), "category")):
                continue  # an image label; a category, which shows nothing there
            if node.text is not None:
                shown = str(node.text)
            else:
                shown = title.strip()
                shown = shown[1:] if shown.startswith(":") else shown
            fix = None
            if shown.strip() and "[" not in shown and "]" not in shown:
                fix = Fix.replace(item.start, item.end, shown, "keep the text, drop the inner link")
            yield Finding(item.start, item.end, "internal link inside an external link's label: the links break "
                                                "each other", fix)

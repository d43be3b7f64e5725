"""LNK005: a link to the page itself."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_links.links import page_links, split_target, unlink_replacement


class SelfLink(Rule):
    """Link to the page's own title.

    MediaWiki shows a link to the page you are reading as bold text, not as a link, so it
    does nothing for the reader. The page title comes from the file name, the name given
    for standard input, ``--title`` or the dump. Links to a section of the page
    (``[[Example#History]]``) are left alone: they do lead somewhere. The fix, unsafe
    because the link may come from text copied on purpose, unlinks it and keeps its
    visible text.

    **Bad**

    ```wikitext
    This page is about [[Example|examples]].
    ```

    **Good**

    ```wikitext
    This page is about examples.
    ```
    """

    code = "LNK005"
    name = "self-link"
    severity = "warning"
    default_enabled = True
    fix_applicability = "unsafe"

    def check(self, page: Page):
        if not page.title or not page.title.strip():
            return
        own_title = split_target(page.site, page.title)[0]
        for link in page_links(page):
            if link.target != own_title or link.fragment is not None:
                continue
            replacement = unlink_replacement(page, link)
            fix = None if replacement is None else Fix.replace(link.start, link.end, replacement, "unlink")
            yield Finding(link.start, link.end, "link to the page itself", fix)

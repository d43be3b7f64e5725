"""WIK003: a link to a disambiguation page."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_wiki.wiki import own_title, page_links


class LinkToDisambiguation(Rule):
    """Link to a disambiguation page.

    A disambiguation page lists the articles a title may mean; a link from an article
    should lead to the one meant. The wiki index knows the disambiguation pages (by
    `__DISAMBIG__`, the site's disambiguation templates and categories), and follows
    redirects. Set index articles (`{{Set index article}}`, `{{Ship index}}`, `{{Surname}}`)
    are articles, not disambiguation pages: links to them are fine. Links written on
    purpose to a disambiguation page, through a title containing one of the words of
    option `intentional` ("Mercury (disambiguation)"), and links from disambiguation pages
    are left alone.

    **Bad**

    ```wikitext
    The probe flew past [[Mercury]].
    ```

    **Good**

    ```wikitext
    The probe flew past [[Mercury (planet)|Mercury]].
    ```
    """

    code = "WIK003"
    name = "link-to-disambiguation"
    severity = "warning"
    needs = ("index",)
    options = {"intentional": ["disambiguation", "disambig", "消歧义", "消歧義"]}
    example_wiki = {"Mercury": "'''Mercury''' may mean:\n* [[Mercury (planet)]]\n* [[Mercury (element)]]\n"
                               "{{Disambiguation}}",
                    "Mercury (planet)": "A planet.", "Mercury (element)": "An element."}

    def check(self, page: Page):
        index = page.index
        here = index.page(own_title(page)) if page.title else None
        if (here is not None and here.is_disambiguation) or "__DISAMBIG__" in page.text:
            return
        words = [word.casefold() for word in self.options["intentional"]]
        for link in page_links(page):
            if not link.title:
                continue
            final, _fragment = index.follow(link.title)
            if (final is not None and final.is_disambiguation and final.namespace == 0
                    and not any(word in link.title.casefold() for word in words)):
                yield Finding(link.start, link.end, f"[[{final.title}]] is a disambiguation page: link the article "
                                                    "meant")

"""WIK004: a red link whose title exists in another letter case."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_wiki.wiki import link_text, page_links, retarget


class RedLinkOtherCase(Rule):
    """Red link to a title that exists with other letter case.

    MediaWiki titles are case-sensitive after the first letter: `[[Solar system]]` is a
    red link when the page is [[Solar System]] and no redirect bridges them. The wiki
    index knows every title; when exactly one page differs from the link's title only by
    letter case (on zh sites, MediaWiki finds a title written in the other script itself), the fix, unsafe because the red link may be meant for an article still to
    be written, links to it and keeps what the reader sees. Titles in namespaces the dump
    does not hold (user pages in an articles dump) and files (which may be on Commons)
    are left alone, and so is every link when the index holds one file of a split dump
    (`…-pages-articles1.xml-p1p41242.bz2`): the title may be in another part.

    **Bad**

    ```wikitext
    Pluto orbits in the [[Solar system]].
    ```

    **Good**

    ```wikitext
    Pluto orbits in the [[Solar System|Solar system]].
    ```
    """

    code = "WIK004"
    name = "red-link-other-case"
    severity = "warning"
    fix_applicability = "unsafe"
    needs = ("index",)
    example_wiki = {"Solar System": "The Sun and its planets."}

    def check(self, page: Page):
        index = page.index
        for link in page_links(page):
            if not link.title or not index.missing(link.title):
                continue
            # A redirect from another case to the link's own title says the title is the
            # article's (missing from a partial dump), not a misspelling of the other.
            others = [title for title in index.other_case(link.title) if index.page(title).target != link.title]
            if not others:
                continue
            fix = None
            if len(others) == 1:
                target = link_text(others[0], link.namespace, link.colon)
                if link.fragment is not None:
                    target += f"#{link.fragment}"
                edit = retarget(link, target)
                fix = Fix.replace(*edit, f"link to [[{others[0]}]]") if edit is not None else None
            listed = " or ".join(f"[[{title}]]" for title in others[:3])
            yield Finding(link.start, link.end, f"[[{link.title}]] does not exist, but {listed} does", fix)

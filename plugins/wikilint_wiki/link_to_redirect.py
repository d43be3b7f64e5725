"""WIK002: a link that goes through a redirect."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_wiki.wiki import link_text, own_title, page_links, retarget


class LinkToRedirect(Rule):
    """Link through a redirect, where the page it leads to can be linked directly.

    The wiki index knows every redirect of the wiki. Linking the target directly saves
    the reader the "Redirected from" line and an extra lookup; the fix keeps what the
    reader sees (the label, or for a link without one the title as written, which becomes
    the label) and the section the redirect or the link names. Off by default: many wikis
    ask editors not to bypass redirects that may become articles (enwiki's WP:NOTBROKEN);
    turn it on for wikis and cleanup runs that want it.

    **Bad**

    ```wikitext
    The [[USA]] and [[UK|Britain]].
    ```

    **Good**

    ```wikitext
    The [[United States|USA]] and [[United Kingdom|Britain]].
    ```
    """

    code = "WIK002"
    name = "link-to-redirect"
    severity = "info"
    default_enabled = False
    fix_applicability = "safe"
    needs = ("index",)
    example_wiki = {"USA": "#REDIRECT [[United States]]", "UK": "#REDIRECT [[United Kingdom]]",
                    "United States": "A country.", "United Kingdom": "A country."}

    def check(self, page: Page):
        index = page.index
        here = own_title(page)
        for link in page_links(page):
            if not link.title:
                continue
            found = index.find(link.title)
            if found is None or not found.is_redirect:
                continue
            final, redirect_fragment = index.follow(link.title)
            if final is None or final.is_redirect or final.title == here:
                continue  # a broken or looping redirect, or one back to this page
            fragment = link.fragment if link.fragment is not None else redirect_fragment
            target = link_text(final.title, page.site.split_namespace(final.title)[0], link.colon)
            target += f"#{fragment}" if fragment else ""
            edit = retarget(link, target)
            fix = Fix.replace(*edit, f"link to [[{final.title}]]") if edit is not None else None
            yield Finding(link.start, link.end, f"[[{found.title}]] redirects to [[{final.title}]]", fix)

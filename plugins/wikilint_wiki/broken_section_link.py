"""WIK001: a link to a section that the target page does not have."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_wiki.wiki import own_anchors, own_title, page_links

#: Anchors that citation templates and footnotes make, which the index cannot see.
GENERATED_ANCHORS = ("CITEREF", "cite_note", "cite_ref", "mw-")


class BrokenSectionLink(Rule):
    """Link to a section the target page does not have.

    `[[Page#Section]]` leads to the top of Page when Page (after its redirects) has no
    heading, `{{anchor}}` or `id=` of that name: the reader lands in the wrong place. The
    wiki index knows every page's anchors as MediaWiki makes them (a repeated heading
    gets `_2`); pages whose headings come from templates are left alone. When an anchor
    differs only by letter case, spaces or (zh) script, or a redirect named after an old
    heading points to the section it became, the message names it and the fix, unsafe
    because the section may have been removed on purpose, links to it.
    Links to a section of the page itself are checked against the page as it is now.

    **Bad**

    ```wikitext
    See [[Solar System#planets]].
    ```

    **Good**

    ```wikitext
    See [[Solar System#Planets]].
    ```
    """

    code = "WIK001"
    name = "broken-section-link"
    severity = "warning"
    fix_applicability = "unsafe"
    needs = ("index",)
    example_wiki = {"Solar System": "The Sun and its planets.\n== Planets ==\nEight.\n== Moons ==\nMany.\n"}

    def check(self, page: Page):
        from wikilint import fragment_forms, title_folder  # the index's code: only for runs with an index

        index = page.index
        here = own_title(page)
        fold = title_folder(page.site)
        for link in page_links(page):
            if link.fragment is None or not link.fragment.strip():
                continue
            forms = fragment_forms(link.fragment)
            if forms[0].startswith(GENERATED_ANCHORS):
                continue
            if not link.title or link.title == here:
                anchors, complete = own_anchors(page)
                target = here or "this page"
            else:
                found, _fragment = index.follow(link.title)
                if found is None or found.is_redirect:
                    continue  # a missing page, or a broken redirect: not this rule's
                anchors, complete, target = found.anchors, found.anchors_complete, found.title
            if not complete or any(form in anchors for form in forms):
                continue
            folded = {_loose(fold, form) for form in forms}
            close = list(dict.fromkeys(anchor for anchor in anchors if _loose(fold, anchor) in folded))
            if not close and link.title:
                close = self._kept_by_redirect(index, page, forms, target, anchors)
            message = f'"{forms[0]}" is no section or anchor of [[{target}]]'
            fix = None
            if close:
                message += f': did you mean "{close[0]}"?' if len(close) == 1 else \
                    ": did you mean " + " or ".join(f'"{anchor}"' for anchor in close[:3]) + "?"
                if len(close) == 1:
                    fix = Fix.replace(link.fragment_start, link.target_end, close[0], f'link to "{close[0]}"')
            yield Finding(link.start, link.end, message, fix)

    @staticmethod
    def _kept_by_redirect(index, page: Page, forms: list[str], target: str, anchors: tuple[str, ...]) -> list[str]:
        """The section a redirect named after the fragment (an old heading) leads to."""
        from wikilint import anchor_key

        for form in forms:
            title = page.site.normalize_title(form).partition("#")[0]
            found = index.page(title) if title else None
            if found is not None and found.is_redirect and found.fragment:
                followed, _fragment = index.follow(found.target)
                if followed is not None and followed.title == target and anchor_key(found.fragment) in anchors:
                    return [anchor_key(found.fragment)]
        return []


def _loose(fold, anchor: str) -> str:
    """An anchor with case, spaces and (zh) script folded away."""
    return fold(anchor).replace(" ", "")

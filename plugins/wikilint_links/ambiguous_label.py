"""LNK004: one visible label linked to different targets on one page."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_links.links import InternalLink, page_links, same_page


class AmbiguousLabel(Rule):
    """Same link text leads to different pages.

    A reader who sees the same words linked twice expects them to lead to the same place;
    when ``[[Mercury (planet)|Mercury]]`` and ``[[Mercury (element)|Mercury]]`` share a page,
    one of them may be a mistake, or at least need a clearer label. Labels are compared as
    shown (white space collapsed, case kept), targets after title normalisation and without
    their ``#section``. On zh sites two targets that are script or regional variants of one
    title (易經 and 易经) are one page, as MediaWiki finds them (exactly with the optional
    zhconv-rs tables; without them, any two titles that differ only in Han characters are
    taken to be possibly one page). Links inside tables are skipped unless ``check-tables``
    is set: table cells reuse short labels on purpose ("2R", "Details", a year) for a
    different target on every row. No fix.

    Off by default: a linter cannot see which pages are redirects or disambiguation pages,
    and most pairs it finds are either two names of one article (``[[nocturnal animal|nocturnal]]``
    and ``[[nocturnal]]``) or two legitimate pages named alike in their contexts (the city
    and the film ``[[Troy (film)|Troy]]``); in a judged sample of the corpus fewer than one
    finding in ten was a real mistake. Select it to review a page by hand. A caller that
    knows the wiki's redirects (a dump) can pass them through the site, and then a redirect
    and its target count as one page.

    **Bad**

    ```wikitext
    [[Mercury (planet)|Mercury]] is small; [[Mercury (element)|Mercury]] is a metal.
    ```

    **Good**

    ```wikitext
    [[Mercury (planet)|Mercury]] is small; [[Mercury (element)|mercury]] is a metal.
    ```
    """

    code = "LNK004"
    name = "ambiguous-label"
    severity = "warning"
    default_enabled = False
    fix_applicability = "none"
    options = {"check-tables": False}

    def check(self, page: Page):
        check_tables = self.options["check-tables"]
        first_by_label: dict[str, InternalLink] = {}
        for link in page_links(page):
            if not link.target or (link.label is not None and not link.label_is_plain):
                continue
            if not check_tables and link.in_table:
                continue
            shown = " ".join(link.visible_text.replace("_", " ").split()) if link.label is None \
                else " ".join(link.visible_text.split())
            if not shown:
                continue
            first = first_by_label.setdefault(shown, link)
            if first is not link and not same_page(page.site, first.target, link.target):
                line = page.line_col(first.start)[0]
                yield Finding(link.start, link.end,
                              f"label {shown!r} links to {link.target!r} here but to {first.target!r} on line {line}")

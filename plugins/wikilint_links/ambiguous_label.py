"""LNK004: one visible label linked to different targets on one page."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_links.links import InternalLink, page_links


class AmbiguousLabel(Rule):
    """Same link text leads to different pages.

    A reader who sees the same words linked twice expects them to lead to the same place;
    when ``[[Mercury (planet)|Mercury]]`` and ``[[Mercury (element)|Mercury]]`` share a page,
    one of them is probably a mistake, or at least needs a clearer label. Labels are
    compared as shown (white space collapsed, case kept), targets after title
    normalisation and without their ``#section``. Redirects are unknown, so two names of one
    article are reported too: check before changing anything. Links inside tables are
    skipped unless ``check-tables`` is set: table cells reuse short labels on purpose
    ("2R", "Details", a year) for a different target on every row. No fix.

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
    default_enabled = True
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
            if first is not link and first.target != link.target:
                line = page.line_col(first.start)[0]
                yield Finding(link.start, link.end,
                              f"label {shown!r} links to {link.target!r} here but to {first.target!r} on line {line}")

"""LAY002: appendix sections (See also, References, External links…) out of order."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_layout.layout import Section, heading_key, layout_index


def _block_end(sections: list[Section], index: int) -> int | None:
    """Where the section at ``index`` ends: at the next heading of its level or above, or
    None when it runs to the end of the page (its last lines are the page's footer)."""
    level = sections[index].level
    for later in sections[index + 1:]:
        if later.level <= level:
            return later.start
    return None


class AppendixOrder(Rule):
    """Appendix sections out of the order the site's manual of style gives.

    enwiki (MOS:ORDER): See also → Notes and references → Further reading → External links;
    zhwiki (格式手冊/版面佈局): 參見 → 注釋/參考資料 → 延伸閱讀 → 外部連結. The headings are
    site data (`layout-appendix-sections`: the groups in order, each a list of the titles
    that mean it, in every script and spelling the site uses); headings of the page's top
    level are compared, other titles are ignored. The unsafe fix moves the misplaced
    section, heading and body, above the first section it should precede; a section that
    ends the page is not moved (its last lines hold the navboxes and categories).

    **Bad**

    ```wikitext
    Text.<ref>A source.</ref>

    == References ==
    <references />

    == See also ==
    * [[Paris]]

    == External links ==
    * [https://example.org Example]
    ```

    **Good**

    ```wikitext
    Text.<ref>A source.</ref>

    == See also ==
    * [[Paris]]

    == References ==
    <references />

    == External links ==
    * [https://example.org Example]
    ```
    """

    code = "LAY002"
    name = "appendix-order"
    severity = "warning"
    fix_applicability = "unsafe"
    example_site = "enwiki"

    def check(self, page: Page):
        index = layout_index(page)
        ranks = index.facts.appendix_rank
        sections = index.sections
        if not ranks or not sections:
            return
        top_level = min(section.level for section in sections)
        seen: list[tuple[int, int]] = []  # (rank, position in sections) of earlier appendix headings
        for position, section in enumerate(sections):
            if section.level != top_level:
                continue
            rank = ranks.get(heading_key(section.title))
            if rank is None:
                continue
            later_than = next(((other_rank, other) for other_rank, other in seen if other_rank > rank), None)
            seen.append((rank, position))
            if later_than is None:
                continue
            before = sections[later_than[1]]
            end = _block_end(sections, position)
            fix = None
            text = page.text
            if end is not None and text[end - 1] == "\n":
                moved = text[section.start:end]
                fix = Fix.replace(before.start, end, moved + text[before.start:section.start],
                                  f"move the section above =={before.title}==")
            yield Finding(section.start, section.located.end,
                          f"section =={section.title}== should come before =={before.title}== "
                          f"(the site's appendix order: {' → '.join(index.facts.appendix_names)})", fix)

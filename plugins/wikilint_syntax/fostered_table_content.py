"""SYN027: content in a table but outside its cells, which browsers move out of the table."""

from __future__ import annotations

from mwparserfromhell.nodes import Comment, HTMLEntity, Tag, Template, Text, Wikilink

from wikilint import Finding, Page, Rule, tag_name, tag_spans, wikicode_text

from wikilint_syntax.markup import TABLE_PARTS, wiki_tables


class FosteredTableContent(Rule):
    """Text in a table that is in no cell: the browser moves it out, above the table.

    Between ``{|`` and the first row or cell, and between ``|-`` and the row's first cell,
    only attributes, comments and rows may stand; any text there is "fostered": it shows
    above the table, not where it was written (Parsoid's fostered). Templates are left
    alone (they often write the rows), and so are category links, which show nothing.
    No fix: the text may belong in a cell, in a caption or above the table.

    **Bad**

    ```wikitext
    {| class="wikitable"
    Population by district
    |-
    | Mitte || 384,172
    |}
    ```

    **Good**

    ```wikitext
    {| class="wikitable"
    |+ Population by district
    |-
    | Mitte || 384,172
    |}
    ```
    """

    code = "SYN027"
    name = "fostered-table-content"
    severity = "warning"

    def check(self, page: Page):
        for table in wiki_tables(page):
            spans = tag_spans(table)
            if spans.contents_start is None:
                continue
            position = spans.contents_start
            for node in table.node.contents.nodes:
                if type(node) is Tag and node.wiki_markup:
                    if tag_name(node) == "tr":
                        finding = _fostered_in_row(page, node, position)
                        if finding is not None:
                            yield finding
                    else:
                        break  # the first cell: the rest is in rows and cells
                else:
                    finding = _fostered(page, node, position)
                    if finding is not None:
                        yield finding
                        break
                    if type(node) is Template:
                        break  # it may write rows: what follows is unknowable
                position += len(str(node))


def _fostered_in_row(page: Page, row: Tag, position: int) -> Finding | None:
    position += len(row.wiki_markup) + sum(len(str(attribute)) for attribute in row.attributes)
    position += len(row.padding or "")
    for node in row.contents.nodes:
        if type(node) is Tag and tag_name(node) in TABLE_PARTS:
            return None
        if type(node) is Template:
            return None
        finding = _fostered(page, node, position)
        if finding is not None:
            return finding
        position += len(str(node))
    return None


def _fostered(page: Page, node, position: int) -> Finding | None:
    """A finding for a node outside the cells that shows something, else ``None``."""
    kind = type(node)
    if kind is Comment or kind is Template:
        return None
    if kind is Text:
        value = node.value
        if not value.strip():
            return None
        start = position + len(value) - len(value.lstrip())
        end = position + len(value.rstrip())
        return Finding(start, end, f"{_preview(value)!r} is in the table but in no cell: browsers show it above "
                                   "the table")
    if kind is Wikilink and page.site.is_namespace(wikicode_text(node.title).lstrip(": "), "category"):
        return None
    if kind is HTMLEntity or kind is Wikilink or kind is Tag:
        end = position + len(str(node))
        return Finding(position, end, "markup in the table but in no cell: browsers show it above the table")
    return None


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"

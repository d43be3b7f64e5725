"""SYN027: content in a table but outside its cells, which browsers move out of the table."""

from __future__ import annotations

from mwparserfromhell.nodes import HTMLEntity, Tag, Template, Text, Wikilink

from wikilint import Finding, Page, Rule, tag_name, tag_spans, wikicode_text

from wikilint_syntax.markup import HTML_ELEMENTS, wiki_tables, without_comments

_TABLE_ELEMENTS = frozenset({"table", "caption", "tr", "td", "th"})


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
            fostered = _first_fostered(page, table.node)
            if fostered is None:
                continue
            node, parent = fostered
            start = _offset_in(page, table, parent, node)
            end = start + len(str(node))
            if type(node) is Text:
                value = node.value
                start, end = start + len(value) - len(value.lstrip()), start + len(value.rstrip())
                if _is_table_markup_line(page.text, start):
                    continue  # " <!-- c -->|-": MediaWiki reads it without the comment, as a row
                message = f"{_preview(value)!r} is in the table but in no cell: browsers show it above the table"
            else:
                message = "markup in the table but in no cell: browsers show it above the table"
            yield Finding(start, end, message)


def _first_fostered(page: Page, table: Tag):
    """The first node of the table that stands outside every cell and shows something,
    with the node (the table or a row) it is a child of; ``None`` when there is none."""
    for node in table.contents.nodes:
        if type(node) is Tag and node.wiki_markup:
            if node.wiki_markup != "|-":
                return None  # the first cell: the rest is in rows and cells
            for child in node.contents.nodes:
                if type(child) is Tag and child.wiki_markup or type(child) is Template:
                    break
                if _shows_something(page, child):
                    return child, node
        elif type(node) is Template:
            return None  # it may write rows: what follows is unknowable
        elif _shows_something(page, node):
            return node, table
    return None


def _shows_something(page: Page, node) -> bool:
    kind = type(node)
    if kind is Text:
        return bool(node.value.strip())
    if kind is Wikilink:
        return not page.site.is_namespace(wikicode_text(node.title).lstrip(": "), "category")
    if kind is Tag:  # an HTML cell or row is a cell or row; an extension tag may show nothing
        name = tag_name(node)
        return name == "ref" or name in HTML_ELEMENTS and name not in _TABLE_ELEMENTS
    return kind is HTMLEntity


def _offset_in(page: Page, table, parent: Tag, node) -> int:
    """Where ``node``, a child of the table or of one of its rows, starts in the page."""
    position = tag_spans(table).contents_start
    for child in table.node.contents.nodes:
        if child is node:
            return position
        if child is parent:
            position += len(parent.wiki_markup) + sum(len(str(attribute)) for attribute in parent.attributes)
            position += len(parent.padding or "")
            for grandchild in parent.contents.nodes:
                if grandchild is node:
                    return position
                position += len(str(grandchild))
        position += len(str(child))
    return position  # pragma: no cover - the node is the table's or a row's child


def _is_table_markup_line(text: str, position: int) -> bool:
    """Whether the line around ``position`` starts with table markup once its comments
    and leading white space are gone, as MediaWiki reads it (comments go before tables
    are read; mwparserfromhell keeps them and so reads the markup as text)."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = without_comments(text[line_start:len(text) if line_end == -1 else line_end]).lstrip()
    return line.startswith(("|", "!"))


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"

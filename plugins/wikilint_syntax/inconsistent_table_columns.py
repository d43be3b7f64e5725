"""SYN028: table rows with different numbers of columns."""

from __future__ import annotations

import re
from collections import Counter

from mwparserfromhell.nodes import Tag, Template, Text

from wikilint import Finding, Page, Rule, wikicode_text

from wikilint_syntax.markup import wiki_tables


_REF = re.compile(r"<ref\b[^>]*?/>|<ref\b.*?</ref\s*>", re.IGNORECASE | re.DOTALL)


class InconsistentTableColumns(Rule):
    """Rows of a table that have fewer or more columns than the table's other rows.

    Counting each cell's ``colspan`` and the ``rowspan`` of the cells above, every row of
    a table normally spans the same number of columns; a row with fewer leaves a hole at
    its end, a row with more sticks out past the others (a cell lost or added by an edit,
    a ``||`` typed as ``|``). Tables with templates in them (which may write cells) are
    left alone, and so is a row holding only cells that span the rows below it (a year
    heading a group of rows). No fix: which cell is missing is a guess.

    **Bad**

    ```wikitext
    {| class="wikitable"
    ! District !! Population
    |-
    | Mitte || 384,172
    |-
    | Pankow
    |}
    ```

    **Good**

    ```wikitext
    {| class="wikitable"
    ! District !! Population
    |-
    | Mitte || 384,172
    |-
    | Pankow || 410,716
    |}
    ```
    """

    code = "SYN028"
    name = "inconsistent-table-columns"
    severity = "warning"

    def check(self, page: Page):
        text = page.text
        for table in wiki_tables(page):
            rows = _rows(table.node)
            if rows is None or len(rows) < 2:
                continue
            spans = text.find("span", table.start, table.end) != -1
            widths = _widths(rows) if spans else [len(row) for row in rows]
            if widths is None:
                continue
            usual, _ = Counter(widths).most_common(1)[0]
            if all(width == usual for width in widths):
                continue
            if "{{" in _REF.sub("", text[table.start:table.end]):
                continue  # a template in a cell may write more cells ("||" in its output)
            for number, (row, width) in enumerate(zip(rows, widths)):
                if width < usual and all((_span(cell, "rowspan") or 1) > 1 for cell in row):
                    continue  # a row of cells spanning the rows below (a year heading a group)
                if width != usual:
                    yield Finding(table.start, table.start + 2,
                                  f"row {number + 1} spans {width} column{'s' if width != 1 else ''}, "
                                  f"the table's other rows {usual}")
                    break


#: The wiki markup of cells: "|" and "||" (data), "!" and "!!" (header).
_CELL_MARKUP = frozenset({"|", "||", "!", "!!"})


def _rows(table: Tag) -> list[list[Tag]] | None:
    """The table's rows as lists of cells, or ``None`` when templates may write some."""
    rows: list[list[Tag]] = []
    current: list[Tag] = []
    for node in table.contents.nodes:
        kind = type(node)
        if kind is Template:
            return None
        if kind is not Tag:
            continue
        markup = node.wiki_markup
        if markup == "|-":
            if current:
                rows.append(current)
            current = []
            for cell in node.contents.nodes:
                if type(cell) is Template:
                    return None
                if type(cell) is Tag and cell.wiki_markup in _CELL_MARKUP:
                    current.append(cell)
        elif markup in _CELL_MARKUP and not _is_caption(node):
            current.append(node)
    if current:
        rows.append(current)
    return rows


def _is_caption(cell: Tag) -> bool:
    """mwparserfromhell reads a caption, "|+ Title", as a cell whose text starts with "+"."""
    if cell.wiki_markup != "|":
        return False
    attributes = cell.attributes
    if attributes:
        return wikicode_text(attributes[0].name).startswith("+")
    nodes = cell.contents.nodes
    return bool(nodes) and type(nodes[0]) is Text and nodes[0].value.startswith("+")


def _span(cell: Tag, name: str) -> int | None:
    for attribute in cell.attributes:
        if wikicode_text(attribute.name).strip().lower() == name:
            value = wikicode_text(attribute.value).strip().strip("\"'") if attribute.value is not None else ""
            return int(value) if value.isdigit() else (1 if not value else None)
    return 1


def _widths(rows: list[list[Tag]]) -> list[int] | None:
    carried: list[int] = []  # for each column, how many more rows a rowspan covers
    widths = []
    for row in rows:
        column = 0
        width = 0
        for cell in row:
            while column < len(carried) and carried[column] > 0:
                carried[column] -= 1
                column += 1
                width += 1
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            if colspan is None or rowspan is None:
                return None  # a computed or odd span: unknowable
            colspan = max(colspan, 1)
            for _ in range(colspan):
                if column < len(carried):
                    carried[column] = rowspan - 1
                else:
                    carried.append(rowspan - 1)
                column += 1
            width += colspan
        while column < len(carried):  # rowspans that reach past the row's last cell
            if carried[column] > 0:
                carried[column] -= 1
                width += 1
            column += 1
        widths.append(width)
    return widths

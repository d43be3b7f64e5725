"""FMT013: category and interlanguage links gathered at the end of the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from mwparserfromhell.nodes import Wikilink

from wikilint import Edit, Finding, Fix, Page

from wikilint_format.index import BLANK, FormatIndex, FormatRule, line_start_of

_TRANSCLUSION_TAGS = ("<noinclude", "<includeonly", "<onlyinclude")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    kind: str


class GatherCategories(FormatRule):
    """Category or interlanguage link on a line of its own away from the page's footer.

    The big wikis' layout guides put the categories at the end of the article, followed by
    the interlanguage links (where a page still has them), so that editors find them in one
    place. MediaWiki shows categories and interlanguage links outside the text whatever
    their place, in the order they are written, so moving them changes nothing a reader
    sees. The rule moves every line that holds only category links (or only interlanguage
    links) down to the last such lines of the page, keeping their order; the lines after
    that footer (stub templates, navigation boxes) stay where they are. Links inside a
    line of text, in templates or tags are left alone, and pages with ``<noinclude>``,
    ``<includeonly>`` or ``<onlyinclude>`` (where a move would change what transcludes)
    are not touched. Off by default: select ``FMT013`` to use it.

    **Bad**

    ```wikitext
    The Eiffel Tower is a tower.
    [[Category:Towers]]
    It is in Paris.

    [[Category:Buildings in Paris]]
    [[de:Eiffelturm]]
    ```

    **Good**

    ```wikitext
    The Eiffel Tower is a tower.
    It is in Paris.

    [[Category:Towers]]
    [[Category:Buildings in Paris]]
    [[de:Eiffelturm]]
    ```
    """

    code = "FMT013"
    name = "gather-categories"
    default_enabled = False

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        lowered = text.lower()
        if any(tag in lowered for tag in _TRANSCLUSION_TAGS):
            return
        lines = self._footer_lines(page, index)
        footer = [lines[-1]] if lines else []
        for line in reversed(lines[:-1]):
            following = footer[0]
            if text[line.end:following.start].strip(BLANK + "\n") or (line.kind, following.kind) == ("language",
                                                                                                      "category"):
                break
            footer.insert(0, line)
        moved = lines[:len(lines) - len(footer)]
        if not moved:
            return
        edits = [self._removal(text, line) for line in moved]
        insertions: dict[int, str] = {}
        for kind in ("category", "language"):
            block = "".join(text[line.start:line.end] + "\n" for line in moved if line.kind == kind)
            if not block:
                continue
            anchor = next((line for line in footer if line.kind == kind), None)
            if anchor is None and kind == "category":
                anchor = footer[0]
            if anchor is not None:
                insertions[anchor.start] = insertions.get(anchor.start, "") + block
            else:
                insertions[footer[-1].end] = insertions.get(footer[-1].end, "") + "\n" + block[:-1]
        edits += [Edit(position, position, block) for position, block in sorted(insertions.items())]
        if all(index.editable(edit.start, edit.end) for edit in edits):  # (whole top-level lines move)
            yield Finding(moved[0].start, moved[0].end, "gather the category and interlanguage links at the end",
                          Fix(tuple(edits), "gather the categories at the end"))

    @staticmethod
    def _footer_lines(page: Page, index: FormatIndex) -> list[_Line]:
        """The top-level lines that hold only category or only interlanguage links (a line
        with both counts as a category line), in order; lines in a format-off region stay
        where they are, as any other line."""
        text = page.text
        by_line: dict[int, list] = {}
        for item in page.nodes(Wikilink):
            if item.ancestors:
                continue
            kind = index.link_info(item.node).kind
            if kind in ("category", "language"):
                by_line.setdefault(line_start_of(text, item.start), []).append((item, kind))
        lines = []
        for start, links in sorted(by_line.items()):
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            position, rest = start, []
            for item, _kind in links:
                rest.append(text[position:item.start])
                position = item.end
            rest.append(text[position:end])
            if not "".join(rest).strip(BLANK) and index.editable(start, end):
                kinds = {kind for _item, kind in links}
                lines.append(_Line(start, end, "category" if "category" in kinds else "language"))
        return lines

    @staticmethod
    def _removal(text: str, line: _Line) -> Edit:
        """Take a line out as MediaWiki takes such links out: with the white space before
        it from its first newline on (the line's own newline stays)."""
        white = line.start
        while white > 0 and text[white - 1] in BLANK + "\n":
            white -= 1
        newline = text.find("\n", white, line.start)
        if newline != -1:
            return Edit(newline, line.end, "")
        # At the top of the page the line's newline would be left as a blank first line,
        # which MediaWiki renders as nothing: it goes too unless another blank line follows.
        following = text.find("\n", line.end + 1)
        rest = text[line.end + 1:following if following != -1 else len(text)]
        end = line.end + 1 if line.end < len(text) and rest.strip(BLANK) else line.end
        return Edit(line.start, end, "")

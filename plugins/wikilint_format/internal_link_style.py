"""FMT004: underscores and stray spaces in internal links."""

from __future__ import annotations

import re
from typing import Iterator

from mwparserfromhell.nodes import Wikilink

from wikilint import Edit, Finding, Fix, Page, plain_text

from wikilint_format.index import FormatIndex, FormatRule, LinkInfo

_SPACES_AND_UNDERSCORES = re.compile(r"[ _]+")


class InternalLinkStyle(FormatRule):
    """Internal link written with underscores or stray spaces inside its brackets.

    ``[[Eiffel_Tower|the tower]]`` and ``[[ Eiffel Tower |the tower]]`` link to the same
    page as ``[[Eiffel Tower|the tower]]``: MediaWiki reads underscores as spaces and trims
    the target. Editors write titles with spaces (underscores come from pasted URLs), so
    the rule writes the target that way. It changes only what no reader sees:

    - a link without a label shows its target *as written*, so ``[[Eiffel_Tower]]`` (shown
      "Eiffel_Tower") keeps its underscores; only its leading spaces go (MediaWiki drops
      them);
    - spaces at the ends of what the link shows move out of the brackets
      (``see[[Foo| bar]]`` → ``see [[Foo|bar]]``), or go when there is white space outside
      already; not at the start of a line (a leading space would start a preformatted
      block) and not before letters the link trail would join to the label;
    - the first letter's case is left as written; category sort keys, file options and
      interwiki links are not touched, nor links in templates that show code.

    **Bad**

    ```wikitext
    See the [[ Eiffel_Tower |tower]] and[[Paris| the city ]] at night.
    [[Category:Towers_in_Paris]]
    ```

    **Good**

    ```wikitext
    See the [[Eiffel Tower|tower]] and [[Paris|the city]] at night.
    [[Category:Towers in Paris]]
    ```
    """

    code = "FMT004"
    name = "internal-link-style"

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        trail = page.site.link_trail
        for item in page.nodes(Wikilink):
            # A look at the link as written first: no underscore, no space after "[[", before
            # "]]" or beside a "|": nothing to tidy (most links).
            written = text[item.start:item.end]
            if "_" not in written and written[2] != " " and written[-3] != " " and " |" not in written \
                    and "| " not in written:
                continue
            link = item.node
            title = plain_text(link._title)
            if title is None:
                continue  # a computed title (templates, comments): left alone
            # The label as written: the located link's text after "[[", the title and "|".
            label_text = None if link._text is None else text[item.start + 3 + len(title):item.end - 2]
            if "_" not in title and title[:1] != " " and title[-1:] != " " and (
                    label_text is None or label_text[:1] != " " and label_text[-1:] != " "):
                continue  # nothing to tidy (most links)
            info = index.link_info(link)
            if info.kind not in ("page", "category", "file", "media") or "\n" in title or "-{" in title \
                    or not info.target.strip(" _"):
                continue
            if label_text is not None and not label_text.strip():
                continue  # [[Foo|]]: the pipe trick, expanded from the target as written
            in_caption = False
            for parent in item.ancestors:
                if type(parent) is Wikilink:
                    if index.link_info(parent).kind != "file":
                        break  # a link inside a link's label: MediaWiki does not make it a link
                    in_caption = True  # in an image caption: its white space stays as it is
            else:
                yield from self._tidy(text, item, info, label_text, in_caption, trail, index)

    def _tidy(self, text: str, item, info: LinkInfo, label_text: str | None, in_caption: bool, trail,
              index: FormatIndex) -> Iterator[Finding]:
        title = info.title
        inline = info.kind in ("page", "media")  # shown where it stands
        edits: list[Edit] = []
        title_start = item.start + 2
        origin = title.lstrip(" ")
        if inline and label_text is None:  # the target is what readers see: keep it, but for its ends
            new_title = origin
            if origin[-1:] == " " and self._can_move_out(text, item.end, trail, in_caption, index):
                new_title = origin.rstrip(" ")
                edits += self._move_after(text, item.end)
        else:
            new_title = (":" if info.colon else "") + _SPACES_AND_UNDERSCORES.sub(" ", info.target).strip(" ")
        if new_title != title:
            edits.append(Edit(title_start, title_start + len(title), new_title))
        if label_text is not None and inline and not in_caption:
            label_start = title_start + len(title) + 1
            edits += self._label_edges(text, item.start, item.end, label_start, label_text, trail, index)
        if edits:
            yield Finding(item.start, item.end, "tidy the link: spaces, not underscores, and no spaces "
                                                "inside the brackets", Fix(tuple(edits), "tidy the link"))

    def _label_edges(self, text: str, start: int, end: int, label_start: int, label: str, trail,
                     index: FormatIndex) -> list[Edit]:
        edits = []
        leading = len(label) - len(label.lstrip(" "))
        if leading and start > 0 and text[start - 1] != "\n" \
                and index.editable_space(label_start, label_start + leading) \
                and index.editable_space(start, start):
            edits.append(Edit(label_start, label_start + leading, ""))
            if text[start - 1] not in " \t":
                edits.append(Edit(start, start, " "))
        trailing = len(label) - len(label.rstrip(" "))
        label_end = end - 2
        if trailing and trailing < len(label) and self._can_move_out(text, end, trail, False, index) \
                and index.editable_space(label_end - trailing, label_end):
            edits.append(Edit(label_end - trailing, label_end, ""))
            edits += self._move_after(text, end)
        return edits

    @staticmethod
    def _can_move_out(text: str, end: int, trail, in_caption: bool, index: FormatIndex) -> bool:
        """Whether spaces at the end of what a link shows may move after its ``]]``."""
        if in_caption or not index.editable_space(end - 2, end):
            return False
        return not (trail is not None and trail.match(text, end))

    @staticmethod
    def _move_after(text: str, end: int) -> list[Edit]:
        """The space that goes after ``]]``, unless white space is there already."""
        return [] if end == len(text) or text[end] in " \t\n" else [Edit(end, end, " ")]

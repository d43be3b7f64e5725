"""IMG001: the caption of a file link spilled out of it, ending in a stray ``]]``."""

from __future__ import annotations

import re
from itertools import islice
from typing import Iterable, Iterator

from mwparserfromhell.nodes import Heading, Node, Tag, Text, Wikilink

from wikilint import Finding, Fix, Page, Rule, tag_name, wikicode_text
from wikilint_images.file_links import is_file_title, page_images

#: Tags that start a new block: a caption never runs into them.
_BLOCK_TAGS = frozenset({"div", "table", "p", "gallery", "references", "blockquote", "pre", "ul", "ol", "li",
                         "dl", "h1", "h2", "h3", "h4", "h5", "h6", "center", "tr", "td", "th"})
#: A paragraph ends at a blank line or at a line that starts block markup.
_PARAGRAPH_END = re.compile(r"\n\s*\n|\n(?=[*#:;=|!{ ])")
_BRACKETS = re.compile(r"\[\[|\]\]")


class SpilledCaption(Rule):
    """A file link's caption spilled out of it: text after the link ends in a stray ``]]``.

    ``[[File:X.png|thumb]]caption…]]``: the link closes right after its options, the
    caption that belonged in it is shown as body text and a stray ``]]`` ends it. This
    is what is left when an edit (or a tool) cut a caption out of its link. The text is
    looked for in the same paragraph, up to the first ``]]`` that no ``[[`` opened.

    The fix (unsafe: check that the text really is the caption) moves the spilled text,
    every character of it and its links included, into the link as its caption and drops
    the stray ``]]``. A link that already has a caption is reported without a fix.

    **Bad**

    ```wikitext
    [[File:Voting.png|thumb]]The [[United Nations|UN]] vote of 1971.]]
    ```

    **Good**

    ```wikitext
    [[File:Voting.png|thumb|The [[United Nations|UN]] vote of 1971.]]
    ```
    """

    code = "IMG001"
    name = "spilled-caption"
    severity = "error"
    fix_applicability = "unsafe"

    def check(self, page: Page) -> Iterable[Finding]:
        if "]]" not in page.text:
            return
        images = page_images(page)
        for link, item in zip(images.links, images.located, strict=True):
            spill = _find_spill(page, item)
            if spill is None:
                continue
            stray_start, has_pipe = spill
            spilled = page.text[link.end:stray_start]
            if not spilled.strip():
                continue
            fix = None
            if link.caption is None and not link.has_unknowable_options and not has_pipe:
                fix = Fix.replace(link.end - 2, stray_start + 2, "|" + spilled + "]]",
                                  "move the spilled text into the caption")
            yield Finding(link.start, stray_start + 2,
                          "caption spilled out of the file link: the text after it ends in a stray `]]`", fix)


def _find_spill(page: Page, item) -> tuple[int, bool] | None:
    """Where the stray ``]]`` after a file link starts, and whether a ``|`` precedes it.

    Walks the link's following siblings (same parent, contiguous) through one paragraph.
    """
    # Cheap exit for nearly every file link: no ``]]`` at all before the paragraph's end.
    text = page.text
    next_close = text.find("]]", item.end)
    if next_close == -1 or text.find("\n\n", item.end, next_close) != -1:
        return None
    position = item.end
    opened = 0
    has_pipe = False
    for node in _following_siblings(page, item):
        kind = type(node)
        if kind is Text:
            value = node.value
            paragraph_end = _PARAGRAPH_END.search(value)
            limit = paragraph_end.start() if paragraph_end else len(value)
            for match in _BRACKETS.finditer(value, 0, limit):
                if match[0] == "[[":
                    opened += 1
                elif opened:
                    opened -= 1
                else:
                    has_pipe = has_pipe or "|" in value[:match.start()]
                    return position + match.start(), has_pipe
            if paragraph_end:
                return None
            has_pipe = has_pipe or "|" in value
            position += len(value)
        elif kind is Heading:
            return None
        elif kind is Tag and (node.wiki_markup or tag_name(node) in _BLOCK_TAGS):
            return None
        elif kind is Wikilink and is_file_title(page, wikicode_text(node.title)):
            return None                      # a later file link owns what follows it
        else:
            position += len(str(node))
    return None


def _following_siblings(page: Page, item) -> Iterator[Node]:
    """The nodes after ``item`` in the Wikicode that holds it (a parameter value, a tag's
    contents, the page), up to the end of that Wikicode."""
    # Where each node sits in its Wikicode, by identity (``list.index`` would compare the
    # nodes' texts), kept per page: a page's file links often share one Wikicode.
    positions: dict[int, tuple[list, int]] = page.derived("wikilint_images.sibling_positions", lambda page: {})
    found = positions.get(id(item.node))
    if found is None:
        holders = [page.tree] if not item.ancestors else item.ancestors[-1].__children__()
        for code in holders:
            nodes = code.nodes
            positions.update((id(node), (nodes, index)) for index, node in enumerate(nodes))
        found = positions.get(id(item.node))
        if found is None:
            return iter(())
    nodes, index = found
    return islice(nodes, index + 1, None)


"""The ``<gallery>`` tags of a page and their lines.

MediaWiki reads a gallery line by line: ``File name|options and caption``. The title is
read in the file namespace (so ``X.jpg`` and ``File:X.jpg`` both work); a line whose
title is not a file is dropped silently. Comments are blanked before the lines are read.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikilint import Page, tag_spans
from wikilint_images.caption_markup import blank_literals


# Records of this module are never printed: without a generated __repr__ each class
# costs less at start-up, which every run pays for every rule family.
@dataclass(slots=True, repr=False)
class GalleryLine:
    start: int          # page offset of the line (without its newline)
    end: int
    text: str           # the line with comments blanked out
    pipe: int           # offset in ``text`` of the first "|", or -1

    @property
    def title(self) -> str:
        return (self.text if self.pipe == -1 else self.text[:self.pipe]).strip()


@dataclass(slots=True, repr=False)
class Gallery:
    start: int
    end: int
    #: The content lines that are neither blank nor only a comment.
    lines: list[GalleryLine]


def page_galleries(page: Page) -> list[Gallery]:
    """The page's galleries (computed once per page)."""
    return page.derived("wikilint_images.galleries", _find_galleries)


def _find_galleries(page: Page) -> list[Gallery]:
    galleries = []
    for item in page.tags("gallery"):
        node = item.node
        if item.in_literal:
            continue
        if node.self_closing:
            galleries.append(Gallery(item.start, item.end, []))
            continue
        _, contents_start, contents_end = tag_spans(item)
        contents = page.text[contents_start:contents_end]
        blanked = blank_literals(contents)
        lines = []
        offset = 0
        for raw_line in blanked.split("\n"):
            if raw_line.strip():
                lines.append(GalleryLine(contents_start + offset, contents_start + offset + len(raw_line), raw_line,
                                         raw_line.find("|")))
            offset += len(raw_line) + 1
        galleries.append(Gallery(item.start, item.end, lines))
    return galleries

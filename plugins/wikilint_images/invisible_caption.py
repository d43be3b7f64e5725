"""IMG007: a caption on an image that does not show captions."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Page, Rule
from wikilint_images.file_links import Kind, page_images


class InvisibleCaption(Rule):
    """A caption on an image that is neither ``thumb`` nor ``frame``: it shows only as a tooltip.

    Only thumbnails and framed images print their caption; on any other image the caption
    is a tooltip, invisible on touch screens and to most readers. Either the image should
    be a ``thumb``, or the text belongs in ``alt=``. Inline icons and flags often use the
    tooltip on purpose, which is why this is information only. No fix.

    **Bad**

    ```wikitext
    [[File:Berlin.jpg|right|200px|The Reichstag at night]]
    ```

    **Good**

    ```wikitext
    [[File:Berlin.jpg|thumb|right|200px|The Reichstag at night]]
    ```
    """

    code = "IMG007"
    name = "invisible-caption"
    severity = "info"

    def check(self, page: Page) -> Iterable[Finding]:
        for link in page_images(page).links:
            caption = link.caption
            if (caption is not None and caption.kind == Kind.CAPTION and caption.stripped
                    and not link.shows_caption and not link.has_unknowable_options):
                yield Finding(caption.start, caption.end,
                              "caption of an image that is not `thumb` or `frame` shows only as a tooltip")

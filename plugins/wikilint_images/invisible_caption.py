"""IMG007: a caption on an image that does not show captions."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Page, Rule
from wikilint_images.file_links import FileLink, Kind, page_images


class InvisibleCaption(Rule):
    """A caption on an image that is neither ``thumb`` nor ``frame``: it shows only as a tooltip.

    Only thumbnails and framed images print their caption; on any other image the caption
    is a tooltip, invisible on touch screens and to most readers. Either the image should
    be a ``thumb``, or the text belongs in ``alt=``. No fix.

    Icons use the tooltip on purpose and are left alone: an image inside a table cell or
    a template (a navigation box, an infobox: the template decides how it is shown), an
    image with ``link=`` (an icon that leads elsewhere), and an image at most
    ``icon-size`` pixels wide or high (50 by default, e.g. ``20px`` or ``x20px``).

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
    options = {"icon-size": 50}

    def check(self, page: Page) -> Iterable[Finding]:
        icon_size = self.options["icon-size"]
        for link in page_images(page).links:
            caption = link.caption
            if (caption is not None and caption.kind == Kind.CAPTION and caption.stripped
                    and not link.shows_caption and not link.has_unknowable_options
                    and not _looks_like_icon(link, icon_size)):
                yield Finding(caption.start, caption.end,
                              "caption of an image that is not `thumb` or `frame` shows only as a tooltip")


def _looks_like_icon(link: FileLink, icon_size: int) -> bool:
    if link.in_table or link.in_template or "link" in link.names():
        return True
    width, height = link.size
    return any(pixels is not None and pixels <= icon_size for pixels in (width, height))

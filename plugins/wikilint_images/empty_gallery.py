"""IMG009: a ``<gallery>`` with no images."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Page, Rule
from wikilint_images.galleries import page_galleries


class EmptyGallery(Rule):
    """A ``<gallery>`` with no lines at all (comments aside): it renders as an empty box.

    Usually a leftover from removed images, or a placeholder never filled. No fix:
    whether to fill or remove it is an editor's call.

    **Bad**

    ```wikitext
    == Gallery ==
    <gallery>
    <!-- add images here -->
    </gallery>
    ```

    **Good**

    ```wikitext
    == Gallery ==
    <gallery>
    File:Berlin.jpg|The Reichstag
    </gallery>
    ```
    """

    code = "IMG009"
    name = "empty-gallery"
    severity = "warning"

    def check(self, page: Page) -> Iterable[Finding]:
        for gallery in page_galleries(page):
            if not gallery.lines:
                yield Finding(gallery.start, gallery.end, "empty gallery")

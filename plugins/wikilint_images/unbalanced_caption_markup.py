"""IMG003: markup that a file-link or gallery caption opens or closes without its pair."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Fix, Page, Rule
from wikilint_images.caption_markup import TRAILING_BREAK, caption_problems
from wikilint_images.file_links import page_images
from wikilint_images.galleries import page_galleries


class UnbalancedCaptionMarkup(Rule):
    """Unbalanced markup in an image caption, or a caption that ends in ``<br>``.

    A caption is one piece of inline text: a ``[[``/``]]`` or ``{{``/``}}`` without its
    pair, a ``<ref>`` or ``<small>`` never closed, or an odd ``''``/``'''`` that leaks
    italic or bold past the caption all break the rendering. A ``<br>`` at the end of a
    caption only adds an empty line under the image (CheckWiki #65). Gallery captions are
    checked too.

    The only fix is the unambiguous one: dropping the trailing ``<br>`` (safe). Where a
    missing bracket or quote belongs is a guess, so those have none.

    **Bad**

    ```wikitext
    [[File:Berlin.jpg|thumb|The [[Reichstag]] at night<br />]]
    ```

    **Good**

    ```wikitext
    [[File:Berlin.jpg|thumb|The [[Reichstag]] at night]]
    ```
    """

    code = "IMG003"
    name = "unbalanced-caption-markup"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page) -> Iterable[Finding]:
        for link in page_images(page).links:
            caption = link.caption
            if caption is not None:
                yield from self._check_caption(page, caption.start, caption.end)
        for gallery in page_galleries(page):
            for line in gallery.lines:
                if line.pipe != -1:
                    yield from self._check_caption(page, line.start + line.pipe + 1, line.end)

    def _check_caption(self, page: Page, start: int, end: int) -> Iterable[Finding]:
        text = page.text[start:end]
        for problem in caption_problems(text):
            yield Finding(start + problem.start, start + problem.end, problem.message)
        trailing = TRAILING_BREAK.search(text)
        if trailing and text[:trailing.start()].strip():
            yield Finding(start + trailing.start(), start + trailing.end(), "caption ends with a line break",
                          Fix.replace(start + trailing.start(), start + trailing.end(), "",
                                      "remove the trailing line break"))

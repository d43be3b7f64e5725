"""IMG006: an image option MediaWiki does not know, which silently becomes the caption."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Page, Rule
from wikilint_images.file_links import Kind, page_images


class UnknownImageOption(Rule):
    """A misspelt image option (``thum``, ``Thumb``, ``alt =``, ``width=``) that becomes the caption.

    MediaWiki matches image options exactly and case-sensitively; an option it does not
    know is taken as the caption, replacing the real one, and the intended effect is
    lost without a word. Options are compared with the site's keywords (``縮圖``, ``左``…
    on zh). No fix: the correction is usually obvious to a reader but not certain.

    **Bad**

    ```wikitext
    [[File:Berlin.jpg|thum|The Reichstag]]
    ```

    **Good**

    ```wikitext
    [[File:Berlin.jpg|thumb|The Reichstag]]
    ```
    """

    code = "IMG006"
    name = "unknown-image-option"
    severity = "warning"

    def check(self, page: Page) -> Iterable[Finding]:
        for link in page_images(page).links:
            for option in link.options:
                if option.kind == Kind.UNKNOWN:
                    yield Finding(option.start, option.end,
                                  f"unknown image option `{option.stripped}` becomes the caption: {option.hint}")

"""IMG005: an image size MediaWiki does not read as a size."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Fix, Page, Rule
from wikilint_images.file_links import Kind, page_images, vocabulary


class MalformedImageSize(Rule):
    """An image size written so that it is not (reliably) a size: ``100pxpx``, ``px100``, ``100PX``.

    A size is ``<width>px``, ``x<height>px`` or ``<width>x<height>px`` (with the site's
    localised suffix, e.g. ``像素`` on zh), lower case; white space may stand before the
    suffix (``64 px`` is a size to MediaWiki's ``Parser::parseWidthParam``), nowhere else.
    Anything else that looks like a size is at best tolerated (a doubled suffix puts the
    page in a tracking category) and at worst shown as the caption (CheckWiki and Parsoid
    both flag it).

    The safe fix reduces a doubled suffix (``100pxpx``) to one; the other forms are left
    to an editor.

    **Bad**

    ```wikitext
    [[File:Berlin.jpg|200pxpx|The Reichstag]]
    ```

    **Good**

    ```wikitext
    [[File:Berlin.jpg|200px|The Reichstag]]
    ```
    """

    code = "IMG005"
    name = "malformed-image-size"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page) -> Iterable[Finding]:
        links = page_images(page).links
        if not links:
            return
        doubled = vocabulary(page).doubled_suffix
        for link in links:
            for option in link.options:
                if option.kind != Kind.MALFORMED_SIZE:
                    continue
                fix = None
                match = doubled.fullmatch(option.stripped)
                if match:
                    offset = option.start + option.text.index(option.stripped)
                    fix = Fix.replace(offset, offset + len(option.stripped), match[1] + match[2],
                                      "write the size with one suffix")
                yield Finding(option.start, option.end, f"malformed image size `{option.stripped}`: {option.hint}",
                              fix)

"""IMG008: a ``<gallery>`` line that is not a file, which MediaWiki drops silently."""

from __future__ import annotations

import re
from typing import Iterable

from wikilint import Finding, Page, Rule
from wikilint_images.galleries import page_galleries

#: Characters a page title cannot contain.
_INVALID_TITLE = re.compile(r"[\[\]<>{}|]")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{2,5}\s*$")


class GalleryLineNotFile(Rule):
    """A line in ``<gallery>`` that is not a file: MediaWiki drops it without a word.

    Each gallery line is ``File name|caption`` (the ``File:`` prefix, or any alias of the
    site's file namespace, is optional). A line written as a link (``[[File:X.jpg]]``),
    a title in another namespace, plain text, or a file name without an extension shows
    nothing. Lines made by templates (``{{…}}``) are left alone. No fix.

    **Bad**

    ```wikitext
    <gallery>
    File:Berlin.jpg|The Reichstag
    [[File:Brandenburger Tor.jpg|The Brandenburg Gate]]
    </gallery>
    ```

    **Good**

    ```wikitext
    <gallery>
    File:Berlin.jpg|The Reichstag
    File:Brandenburger Tor.jpg|The Brandenburg Gate
    </gallery>
    ```
    """

    code = "IMG008"
    name = "gallery-line-not-file"
    severity = "warning"

    def check(self, page: Page) -> Iterable[Finding]:
        for gallery in page_galleries(page):
            for line in gallery.lines:
                problem = _problem(page, line.title)
                if problem:
                    yield Finding(line.start, line.end, f"gallery line is not a file: {problem}")


def _problem(page: Page, title: str) -> str:
    if "{{" in title or "}}" in title or "&" in title:
        return ""  # made or escaped by markup the page cannot resolve here
    if title.startswith("[["):
        return "write the file name without `[[ ]]`"
    if _INVALID_TITLE.search(title):
        return "the title contains a character titles cannot have"
    namespace, name = page.site.split_namespace(title)
    if namespace not in (None, "file"):
        return f"`{title.partition(':')[0]}:` is not the file namespace"
    if not _EXTENSION.search(name):
        return "a file name needs an extension (`.jpg`, `.png`…)"
    return ""

"""IMG002: a ``[[File:`` that is never closed."""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from mwparserfromhell.nodes import Text

from wikilint import Finding, Page, Rule
from wikilint_images.caption_markup import blank_literals
from wikilint_images.file_links import file_namespace_pattern, page_images

_BRACKETS = re.compile(r"\[\[|\]\]")


class UnclosedFileLink(Rule):
    """A file link that is opened with ``[[File:`` and never closed.

    The parser then shows the whole thing as text: the ``[[File:…`` markup, the options
    and the caption, and no image. Any alias of the site's file namespace counts
    (``Image:``, ``文件:``, ``檔案:``…). There is no fix: where the link should end is a
    guess.

    **Bad**

    ```wikitext
    [[File:Berlin.jpg|thumb|The [[Reichstag]] at night

    Berlin is the capital.
    ```

    **Good**

    ```wikitext
    [[File:Berlin.jpg|thumb|The [[Reichstag]] at night]]

    Berlin is the capital.
    ```
    """

    code = "IMG002"
    name = "unclosed-file-link"
    severity = "error"

    def check(self, page: Page) -> Iterable[Finding]:
        pattern = file_namespace_pattern(page)
        candidates = [match for match in pattern.finditer(page.text)]
        if not candidates:
            return
        parsed = {link.start for link in page_images(page).links}
        texts = None
        scan_text = None
        for match in candidates:
            start = match.start()
            if start in parsed:
                continue
            if scan_text is None:
                scan_text = blank_literals(page.text)
            if scan_text[start:start + 2] != "[[":
                continue  # inside a comment or <nowiki>
            if texts is None:
                texts = page.nodes(Text)
                text_starts = [item.start for item in texts]
            # Only text the parser left as text: other matches are parsed links elsewhere
            # (in a gallery, a literal tag…).
            index = bisect.bisect_right(text_starts, start) - 1
            if index < 0 or not texts[index].start <= start < texts[index].end or texts[index].in_literal:
                continue
            if not _closes(scan_text, match.end()):
                yield Finding(start, match.end(), f"file link `{match[0]}…` is never closed")


def _closes(text: str, position: int) -> bool:
    """Whether the ``[[`` opened before ``position`` finds its ``]]`` in the rest of the page."""
    depth = 1
    for match in _BRACKETS.finditer(text, position):
        depth += 1 if match[0] == "[[" else -1
        if depth == 0:
            return True
    return False

"""FMT011: exactly one newline at the end of the page."""

from __future__ import annotations

from typing import Iterator

from wikilint import Finding, Fix, Page

from wikilint_format.index import FormatIndex, FormatRule


class FinalNewline(FormatRule):
    """Page that does not end with exactly one newline.

    MediaWiki trims white space from the end of a page when it is saved, so blank lines at
    the end of a page file are never seen by anyone; a file that ends without a newline is
    what POSIX tools and editors complain about. The rule ends the page with one newline:
    it removes the blank lines after the last line and adds a missing newline (spaces at
    the end of the last line are ``trailing-whitespace``'s). A format-off region that
    runs to the end of the page is left alone.

    **Bad**

    ```wikitext
    Last line of the page.


    ```

    **Good**

    ```wikitext
    Last line of the page.
    ```
    """

    code = "FMT011"
    name = "final-newline"

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        if text[-1:] == "\n" and text[-2:-1] not in ("", " ", "\t", "\n"):
            return  # one newline after the last line (most pages): nothing to find
        content_end = len(text.rstrip(" \t\n"))
        if content_end == 0:
            return  # an empty page, or white space only
        if any(end == len(text) for _start, end in index.format_off):
            return  # a format-off region that runs to the end of the page ends it as written
        newline = text.find("\n", content_end)
        if newline == -1:
            start, message = len(text), "add a newline at the end of the page"
        elif newline == len(text) - 1:
            return
        else:
            start, message = newline, "remove the blank lines at the end of the page"
        if index.editable_space(start, len(text)):
            yield Finding(start, len(text), message, Fix.replace(start, len(text), "\n", message))

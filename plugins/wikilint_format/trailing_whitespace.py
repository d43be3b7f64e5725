"""FMT010: spaces and tabs at the end of a line."""

from __future__ import annotations

from typing import Iterator

from wikilint import Finding, Fix, Page

from wikilint_format.index import BLANK, FormatIndex, FormatRule, line_start_of


class TrailingWhitespace(FormatRule):
    """Spaces or tabs at the end of a line.

    Trailing white space is invisible in the rendered page and in the edit box, yet it
    shows up in diffs and makes the next editor's change look bigger than it is; every
    style guide and editor setting removes it. The rule removes it wherever it is not
    content: never on a preformatted line (one that starts with a space, shown in a box
    exactly as written, and a white-space-only line that continues such a block), nor
    inside ``<pre>``, ``<nowiki>``, ``<syntaxhighlight>``, ``<source>``, ``<math>``,
    ``<poem>`` and other tags whose contents are not wikitext, comments, positional
    template parameters (MediaWiki passes their spaces on), parser functions or HTML tags.
    A no-break space is a visible character and stays.

    **Bad**

    ```wikitext
    Paris is the capital of France.   
    It is on the Seine.	
    ```

    **Good**

    ```wikitext
    Paris is the capital of France.
    It is on the Seine.
    ```
    """

    code = "FMT010"
    name = "trailing-whitespace"

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        for start, end in _trailing_blanks(text):
            if index.is_preformatted(line_start_of(text, start)) or not index.editable_space(start, end):
                continue
            yield Finding(start, end, "trailing white space",
                          Fix.replace(start, end, "", "remove trailing white space"))


def _trailing_blanks(text: str) -> list[tuple[int, int]]:
    """The runs of spaces and tabs that end a line (or the text), in text order.

    Found from the line ends with ``str.find`` (a regular expression would try a match at
    every space of the page)."""
    ends = [] if text[-1:] not in BLANK or not text else [len(text)]
    for pattern in (" \n", "\t\n"):
        position = text.find(pattern)
        while position != -1:
            ends.append(position + 1)
            position = text.find(pattern, position + 2)
    ends.sort()
    runs = []
    for end in ends:
        start = end - 1
        while start > 0 and text[start - 1] in BLANK:
            start -= 1
        runs.append((start, end))
    return runs

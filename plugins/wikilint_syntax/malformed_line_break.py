"""SYN013: ``</br>``, ``<br\\>`` and other broken forms of ``<br>``."""

from __future__ import annotations

import re

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import literals

#: ``<br>`` written wrong: a closing tag, a backslash, a space before the name, or
#: punctuation glued to the name. (``<br/ >`` and ``<br clear=all>`` are fine.)
_BROKEN_BREAK = re.compile(r"<(?:/\s*br|\\+\s*br|\s+br|br[\\.,;:`'])(?![a-z0-9])[^<>\n]*>", re.IGNORECASE)


class MalformedLineBreak(Rule):
    """A line break written ``</br>``, ``<br\\>``, ``<\\br>``, ``< br>`` or ``<br.>``.

    ``</br>`` is a closing tag of an element that has none: browsers turn it into a
    break only by error recovery (CheckWiki #2). The other forms are not tags at all to
    MediaWiki, which shows them as text. The safe fix writes ``<br>``.

    **Bad**

    ```wikitext
    Berlin</br>Germany<br\\>Europe
    ```

    **Good**

    ```wikitext
    Berlin<br>Germany<br>Europe
    ```
    """

    code = "SYN013"
    name = "malformed-line-break"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        text = page.text
        if "br" not in text and "BR" not in text:
            return
        spans = None
        for match in _BROKEN_BREAK.finditer(text):
            if spans is None:
                spans = literals(page)
            if spans.covers(match.start()):
                continue
            written = match[0]
            if written.lstrip("<").lstrip().startswith("/"):
                message = f"`{written}` is a closing tag: write <br>"
            else:
                message = f"`{written}` is not a tag: MediaWiki shows it as text"
            yield Finding(match.start(), match.end(), message,
                          Fix.replace(match.start(), match.end(), "<br>", "write <br>"))

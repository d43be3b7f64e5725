"""SYN006: an external link in double brackets, ``[[https://…]]``."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Wikilink

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import literals

_DOUBLE_BRACKETED = re.compile(
    r"\[\[[ \t]*((?:https?:|ftps?:)?//[^\s\[\]<>|]+)(?:[ \t]*\|[ \t]*([^\[\]\n|]*)|[ \t]+([^\[\]\n]*))?\]\]",
    re.IGNORECASE)


class DoubleBracketedExternalLink(Rule):
    """An external link written with two brackets, like an internal link: ``[[https://…]]``.

    MediaWiki makes no internal link of a URL: it shows the outer brackets as text around
    an external link (CheckWiki #86), and a ``|`` before the label becomes part of the URL.
    The safe fix writes ``[https://… label]`` (none when the ``]]`` also closes an internal
    link opened before it).

    **Bad**

    ```wikitext
    See [[https://www.berlin.de|the official portal]] and [[https://visitberlin.de Visit Berlin]].
    ```

    **Good**

    ```wikitext
    See [https://www.berlin.de the official portal] and [https://visitberlin.de Visit Berlin].
    ```
    """

    code = "SYN006"
    name = "double-bracketed-external-link"
    severity = "error"
    fix_applicability = "safe"

    def check(self, page: Page):
        if "[[" not in page.text:
            return
        for match in _DOUBLE_BRACKETED.finditer(page.text):
            if literals(page).covers(match.start()):
                continue
            url, label = match[1], (match[2] if match[2] is not None else match[3])
            replacement = f"[{url} {label.strip()}]" if label and label.strip() else f"[{url}]"
            fix = Fix.replace(match.start(), match.end(), replacement, "use single brackets")
            if _inside_a_link(page, match.start(), match.end()):
                fix = None  # its "]]" also closes a link left open before it: which is meant is a guess
            yield Finding(match.start(), match.end(), "external link in double brackets: MediaWiki shows the outer "
                                                      "brackets as text", fix)


def _inside_a_link(page: Page, start: int, end: int) -> bool:
    """Whether a parsed internal link holds ``[start, end)`` (``[[A|b][[http://x]]]``)."""
    return any(item.start < start and end <= item.end for item in page.nodes(Wikilink))

"""SYN007: an external link in brackets without ``https://``: ``[www.example.org …]``."""

from __future__ import annotations

import re

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import literals

_WWW_LINK = re.compile(r"\[[ \t]*((?:www|WWW)\.[^\s\[\]<>\"|]+\.[^\s\[\]<>\"|]+)(?:[ \t][^\[\]\n]*)?\](?!\])")


class ExternalLinkWithoutProtocol(Rule):
    """An external link in brackets whose URL has no protocol: ``[www.example.org label]``.

    MediaWiki makes a link only of a URL that starts with a protocol (``https://``) or
    ``//``; without it the brackets, the address and the label are shown as text
    (CheckWiki #62). The fix (unsafe: check that the site answers over HTTPS) adds
    ``https://``.

    **Bad**

    ```wikitext
    See the [www.berlin.de official portal].
    ```

    **Good**

    ```wikitext
    See the [https://www.berlin.de official portal].
    ```
    """

    code = "SYN007"
    name = "external-link-without-protocol"
    severity = "error"
    fix_applicability = "unsafe"

    def check(self, page: Page):
        text = page.text
        for match in _WWW_LINK.finditer(text):
            if match.start() and text[match.start() - 1] == "[" or literals(page).covers(match.start()):
                continue
            yield Finding(match.start(), match.end(), "no protocol in the URL: MediaWiki shows the link as text",
                          Fix.replace(match.start(1), match.start(1), "https://", "add https://"))

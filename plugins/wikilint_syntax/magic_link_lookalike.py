"""SYN036: ``http//…``, ``isbn 978…`` and other near misses of links MediaWiki makes."""

from __future__ import annotations

import re

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import literals

#: A URL scheme with a broken separator: "http//", "http:/x", "http;//", "http:\\".
_BROKEN_URL = re.compile(r"(?<![\w/.%-])(https?|ftp)(//|:/(?!/)|;//|:\\\\)(?=[A-Za-z0-9])", re.IGNORECASE)
#: "isbn 978…", "Pmid 123", "rfc 2616": MediaWiki links only the upper-case words.
_LOWER_MAGIC_WORD = re.compile(r"(?<![\w/=&?.-])(isbn|pmid|rfc)(?=[ \t\xa0]+[0-9])", re.IGNORECASE)


class MagicLinkLookalike(Rule):
    """Text that looks like a link MediaWiki makes by itself but is not one.

    A URL is linked only when written ``https://`` (not ``http//``, ``http:/`` or
    ``http;//``), and ``ISBN``, ``PMID`` and ``RFC`` numbers only when the word is in
    upper case (wikiparser's lonely-http). The safe fix writes the scheme or the word as
    MediaWiki reads it.

    **Bad**

    ```wikitext
    See http//www.berlin.de and isbn 978-3-8305-0166-4.
    ```

    **Good**

    ```wikitext
    See http://www.berlin.de and ISBN 978-3-8305-0166-4.
    ```
    """

    code = "SYN036"
    name = "magic-link-lookalike"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        text = page.text
        spans = None
        for match in _BROKEN_URL.finditer(text):
            spans = spans or literals(page)
            if spans.covers(match.start()):
                continue
            yield Finding(match.start(), match.end(), f"`{match[0]}` is not a URL scheme: MediaWiki does not link it",
                          Fix.replace(match.start(2), match.end(2), "://", "write ://"))
        for match in _LOWER_MAGIC_WORD.finditer(text):
            word = match[1]
            if word.isupper():
                continue
            spans = spans or literals(page)
            if spans.covers(match.start()):
                continue
            yield Finding(match.start(), match.end(), f"`{word}` is not linked: MediaWiki links only {word.upper()}",
                          Fix.replace(match.start(), match.end(), word.upper(), f"write {word.upper()}"))

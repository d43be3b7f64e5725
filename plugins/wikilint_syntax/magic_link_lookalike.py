"""SYN036: ``http//…``, ``isbn 978…`` and other near misses of links MediaWiki makes."""

from __future__ import annotations

import re

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import isbn_mentions, literals

#: A URL scheme with a broken separator: "http//", "http:/x", "http;//", "http:\\".
#: (Case-sensitive, so that the search runs on the literal "http": this runs on every page.)
_BROKEN_URL = re.compile(r"(https?)(//|:/(?!/)|;//|:\\\\)(?=[A-Za-z0-9])")
_WORD_BEFORE = re.compile(r"[\w/=&?.%-]")


class MagicLinkLookalike(Rule):
    """Text that looks like a link MediaWiki makes by itself but is not one.

    A URL is linked only when written ``https://`` (not ``http//``, ``http:/`` or
    ``http;//``), and an ISBN only when the word is in upper case, ``ISBN 978…``
    (wikiparser's lonely-http). The safe fix writes the scheme or the word as MediaWiki
    reads it.

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
            if match.start() and _WORD_BEFORE.match(text, match.start() - 1):
                continue  # inside a word or a URL (archive URLs hold "/http:/…")
            spans = spans or literals(page)
            if spans.covers(match.start()):
                continue
            yield Finding(match.start(), match.end(), f"`{match[0]}` is not a URL scheme: MediaWiki does not link it",
                          Fix.replace(match.start(2), match.end(2), "://", "write ://"))
        for start in isbn_mentions(page).lower_case:
            end = start + 4
            word = text[start:end]
            spans = spans or literals(page)
            if not spans.covers(start):
                yield Finding(start, end, f"`{word}` is not linked: MediaWiki links only {word.upper()}",
                              Fix.replace(start, end, word.upper(), f"write {word.upper()}"))

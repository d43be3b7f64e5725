"""SYN037: a URL that runs on into full-width (CJK) punctuation."""

from __future__ import annotations

import re

from wikilint import Finding, Page, Rule

from wikilint_syntax.markup import literals

_CJK_PUNCTUATION = "，。、；：！？「」『』【】《》〈〉（）"
#: "://", the rest of the URL (read at once: the lookahead and back-reference keep the
#: engine from backtracking through it) and the punctuation it runs into.
_URL_INTO_PUNCTUATION = re.compile(
    rf"://(?=([^\s\[\]<>\"{{}}|\x7f{_CJK_PUNCTUATION}]+))\1([{_CJK_PUNCTUATION}])")
_SCHEME_BEFORE = re.compile(r"(?:https?|ftps?)\Z", re.IGNORECASE)


class UrlIntoCjkPunctuation(Rule):
    """A URL directly followed by full-width punctuation, which becomes part of it.

    MediaWiki ends a URL only at a space or one of a few ASCII characters: in
    ``https://www.berlin.de，柏林`` the comma and what follows belong to the URL, and the
    link leads nowhere (wikiparser's unterminated-url). A URL holding a matched pair of
    full-width parentheses is left alone. No fix: a space, or writing the link in brackets,
    changes how the sentence looks.

    **Bad**

    ```wikitext
    官方网站为https://www.berlin.de，提供多种语言。
    ```

    **Good**

    ```wikitext
    官方网站为[https://www.berlin.de 柏林市政府网站]，提供多种语言。
    ```
    """

    code = "SYN037"
    name = "url-into-cjk-punctuation"
    severity = "warning"

    def check(self, page: Page):
        text = page.text
        if "://" not in text:
            return
        for match in _URL_INTO_PUNCTUATION.finditer(text):
            scheme = _SCHEME_BEFORE.search(text, max(0, match.start() - 5), match.start())
            if scheme is None or (scheme.start() and text[scheme.start() - 1].isascii()
                                  and text[scheme.start() - 1].isalnum()):
                continue
            punctuation = match[2]
            if punctuation in "（）":
                rest = text[match.start(2):_url_end(text, match.start(2))]
                if "（" in rest and "）" in rest:
                    continue  # a title with its parentheses, as some sites have
            if literals(page).covers(match.start()):
                continue
            yield Finding(scheme.start(), match.end(), f"the URL runs on into {punctuation!r}: MediaWiki makes it "
                                                       "part of the link")


def _url_end(text: str, position: int) -> int:
    match = re.compile(r"[\s\[\]<>\"{}|]").search(text, position)
    return match.start() if match else len(text)

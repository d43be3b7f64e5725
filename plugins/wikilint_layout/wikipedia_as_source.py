"""LAY011: Wikipedia named as the source of a page's content (circular sourcing)."""

from __future__ import annotations

import bisect
import re
from urllib.parse import urlsplit

from mwparserfromhell.nodes import Comment

from wikilint import Finding, Page, Rule, wikicode_text

from wikilint_layout.layout import layout_index, param_value

#: A comment that says the text was taken from Wikipedia: a word for "source" or "taken
#: from" shortly before a name of Wikipedia (English and Chinese wordings).
_SOURCED_FROM_WIKIPEDIA = re.compile(
    r"(?:\b(?:sources?|sourced|taken from|copied from|based on)\b|參考|参考|參照|参照|來源|来源|資料來自|资料来自"
    r"|出自|引自|取自|摘自|根據|根据)[^\n]{0,30}?(?:wikipedia|維基|维基)",
    re.IGNORECASE)
#: Comments about the project's rules, not about where the text came from.
_ABOUT_POLICY = re.compile(r"policy|guideline|manual of style|\bMOS\b|方針|方针|指引|格式手冊|格式手册", re.IGNORECASE)
_WIKIPEDIA_NAMES = frozenset({"wikipedia", "維基百科", "维基百科"})
#: A quick test before the closer look: text that names Wikipedia at all. (A single literal
#: is what the regex engine finds fastest; the Chinese names are looked for on zh sites.)
_MENTIONS_WIKIPEDIA = re.compile("ikipedia")
_MENTIONS_WIKIPEDIA_ZH = re.compile("維基|维基")


def is_wikipedia_url(url: str) -> bool:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return False
    return host == "wikipedia.org" or host.endswith(".wikipedia.org")


class WikipediaAsSource(Rule):
    """Wikipedia named as the source of the page's content (circular sourcing).

    Wikipedia is not a reliable source for itself (enwiki WP:CIRCULAR, zhwiki
    WP:可靠來源): a reference whose URL is a Wikipedia page (or whose `website`, `work` or
    `publisher` is Wikipedia), and a hidden comment such as `<!-- 參考自中文、英文維基相關條目 -->`
    or `<!-- source: English Wikipedia -->`, mark content that still needs real sources —
    those of the Wikipedia article it came from. (A page whose title names Wikipedia may
    cite it as a primary source: its references are not read.) No fix: the sources have to
    be found.

    **Bad**

    ```wikitext
    <!-- 參考自中文、英文維基相關條目 -->
    兩國無直航班機。<ref>[https://en.wikipedia.org/wiki/Air_Astana Air Astana]</ref>
    ```

    **Good**

    ```wikitext
    兩國無直航班機。<ref>{{cite web |url=https://example.org/flights |title=Flights}}</ref>
    ```
    """

    code = "LAY011"
    name = "wikipedia-as-source"
    severity = "warning"

    def check(self, page: Page):
        # One pass over the text finds the few places that name Wikipedia at all.
        text = page.text
        mentions = [match.start() for match in _MENTIONS_WIKIPEDIA.finditer(text)]
        if page.site.language == "zh":
            mentions = sorted(mentions + [match.start() for match in _MENTIONS_WIKIPEDIA_ZH.finditer(text)])
        if not mentions:
            return
        for item in page.nodes(Comment):
            if not _holds_one(mentions, item.start, item.end):
                continue
            contents = item.node.contents
            if _SOURCED_FROM_WIKIPEDIA.search(contents) and not _ABOUT_POLICY.search(contents):
                yield Finding(item.start, item.end, "comment names Wikipedia as the source of this text: "
                                                    "Wikipedia cannot source itself; cite what it cites")
        if page.title and any(name in page.title.casefold() for name in _WIKIPEDIA_NAMES):
            return  # a page about Wikipedia cites it as a primary source
        index = layout_index(page)
        citations = {id(citation): citation for citation in map(index.citation_at, mentions) if citation}
        for citation in citations.values():
            if any(is_wikipedia_url(wikicode_text(link.node.url)) for link in index.links_in(citation)) or any(
                    (param_value(call, "website", "work", "publisher") or "").strip("[]' ").casefold()
                    in _WIKIPEDIA_NAMES for call in citation.templates):
                yield Finding(citation.start, citation.end, "reference cites Wikipedia itself: "
                                                            "cite the sources the Wikipedia article cites")


def _holds_one(offsets: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``offsets`` lies in ``[start, end)``."""
    index = bisect.bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] < end

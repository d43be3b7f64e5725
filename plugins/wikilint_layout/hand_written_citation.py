"""LAY008: a reference formatted by hand on a page whose references use citation templates."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_layout.layout import layout_index

#: Below this many templated references a page has no style to follow yet.
MIN_TEMPLATED = 3


class HandWrittenCitation(Rule):
    """A reference formatted by hand on a page whose references use citation templates.

    When most of a page's references are citation templates (`{{cite web}}`, `{{cite news}}`…;
    site data `layout-citation-templates`), a hand-formatted one stands out: its parts are
    in another order and style, and tools cannot read its title, date or archive. Reported
    when at least three references use a template and they are at least twice as many as
    those written by hand (a reference with an external link and no citation template; one
    that holds only a bare URL is REF010's): with fewer, the page has no established style.
    Converting it needs the facts a template asks for: no fix. A matter of style: info
    (enwiki's WP:CITEVAR asks to follow the page's established style).

    **Bad**

    ```wikitext
    A.<ref>{{cite web |url=https://example.org/a |title=A}}</ref>
    B.<ref>{{cite web |url=https://example.org/b |title=B}}</ref>
    C.<ref>{{cite news |url=https://example.org/c |title=C}}</ref>
    D.<ref>[https://example.org/d The story of D], Example News, 2 May 2014.</ref>
    <references />
    ```

    **Good**

    ```wikitext
    A.<ref>{{cite web |url=https://example.org/a |title=A}}</ref>
    B.<ref>{{cite web |url=https://example.org/b |title=B}}</ref>
    C.<ref>{{cite news |url=https://example.org/c |title=C}}</ref>
    D.<ref>{{cite news |url=https://example.org/d |title=The story of D |work=Example News |date=2 May 2014}}</ref>
    <references />
    ```
    """

    code = "LAY008"
    name = "hand-written-citation"
    severity = "info"

    def check(self, page: Page):
        citations = layout_index(page).citations
        templated = sum(1 for citation in citations if citation.templates)
        if templated < MIN_TEMPLATED:
            return
        text = page.text
        index = layout_index(page)
        hand_written = []
        for citation in citations:
            if citation.hand_written:
                links = index.links_in(citation)
                if links and not _only_a_url(text, citation.contents_start, citation.contents_end, links):
                    hand_written.append(citation)
        if 2 * len(hand_written) > templated:
            return  # no established style to follow
        for citation in hand_written:
            yield Finding(citation.start, citation.end,
                          f"reference formatted by hand; {templated} of the page's references use citation templates")


def _only_a_url(text: str, start: int, end: int, links) -> bool:
    """A ref that is one external link and nothing else (bare URL or ``[URL]``)."""
    if len(links) != 1:
        return False
    link = links[0]
    return not text[start:link.start].strip() and not text[link.end:end].strip() and link.node.title is None

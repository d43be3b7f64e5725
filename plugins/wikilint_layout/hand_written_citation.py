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
        index = layout_index(page)
        citations = index.citations
        templated = sum(1 for citation in citations if citation.templates)
        if templated < MIN_TEMPLATED:
            return
        # (A "//" alone is not a link: a written-out reference has a parsed external link.)
        hand_written = [citation for citation in citations if citation.hand_written
                        and index.links_in(citation) and not index.only_a_url(citation)]
        if 2 * len(hand_written) > templated:
            return  # no established style to follow
        for citation in hand_written:
            yield Finding(citation.start, citation.end,
                          f"reference formatted by hand; {templated} of the page's references use citation templates")


"""LAY012: a reference whose URL is the bare root (home page) of a site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from wikilint import Finding, Located, Page, Rule, wikicode_text

from wikilint_layout.layout import Citation, layout_index, template_params

#: Paths that serve a site's home page.
HOME_PAGES = frozenset({"", "/", "/index.html", "/index.htm", "/index.php", "/index.asp", "/index.aspx",
                        "/index.jsp", "/index.shtml", "/default.asp", "/default.aspx", "/default.htm",
                        "/default.html", "/home", "/home/", "/home.html", "/home.htm", "/home.aspx", "/main.html"})
#: The citation-template parameters that hold the cited page's address.
URL_PARAMS = frozenset({"url", "chapter-url", "chapterurl", "contribution-url", "section-url"})
#: Web archives: a reference with an archived copy shows what the home page said then.
ARCHIVE_HOSTS = ("archive.org/", "archive.today", "archive.is/", "archive.ph/", "webcitation.org")


def site_root(url: str) -> bool:
    """Whether ``url`` is a web site's home page: no path beyond it, no query, no fragment."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://", "//")):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.hostname) and not parts.query and not parts.fragment and parts.path.lower() in HOME_PAGES


class SiteRootCitationUrl(Rule):
    """A reference whose URL is only a web site's home page.

    A home page does not show the cited fact: readers cannot find it there, and what the
    page showed when it was cited is gone. The reference should give the address of the
    page (or document) that says it, or the site's search path and the document's title.
    Read: the `url` of citation templates in references and the first link of a
    hand-written reference (later links usually name the publisher; so does a home page
    followed by a link to a page of the same site); a reference with an
    archived copy (`archive-url`, a web-archive link) is left alone, since the copy shows
    what the page said when it was cited, and so is a reference that is only a URL (the
    references family's REF010). No fix.

    **Bad**

    ```wikitext
    Exports grew.<ref>{{cite web |url=http://www.example.org/default.asp |title=Trade with Kazakhstan}}</ref>
    <references />
    ```

    **Good**

    ```wikitext
    Exports grew.<ref>{{cite web |url=https://www.example.org/trade/kazakhstan.html |title=Trade with Kazakhstan}}</ref>
    <references />
    ```
    """

    code = "LAY012"
    name = "site-root-citation-url"
    severity = "warning"

    def check(self, page: Page):
        text, index = page.text, layout_index(page)
        finditer = _ROOT_LIKE.finditer
        for citation in index.citations:
            # Most references cite no home page: a regex pass over the contents says so.
            if not citation.has_link or not any(
                    site_root(match.group()) for match in finditer(text, citation.contents_start, citation.contents_end)):
                continue
            links = index.links_in(citation)
            roots = [link for link in links if site_root(wikicode_text(link.node.url))]
            if not roots or _archived(links) or index.only_a_url(citation):
                continue  # (a reference that is only a URL is REF010's)
            for link in roots:
                if citation.hand_written:
                    if link is not links[0] or _deeper_link_to_same_site(link, links):
                        continue
                elif not _in_url_param(page, citation, link):
                    continue
                url = wikicode_text(link.node.url)
                yield Finding(link.start, link.start + len(url), f"the cited URL {url} is only the site's home "
                                                                 f"page: give the address of the page that says it")


#: A URL with at most one path segment, which :func:`site_root` then judges. (Each part is
#: matched once, through a look-ahead and a back-reference, as an atomic group would be:
#: without backtracking into the many longer URLs of a page.)
_ROOT_LIKE = re.compile(r"https?://(?=(?P<host>[^/\s\[\]|{}<>]+))(?P=host)/?"
                        r"(?=(?P<path>[^/\s\[\]|{}<>?#]*))(?P=path)(?=[\s\]|}<]|$)")


def _in_url_param(page: Page, citation: Citation, link: Located) -> bool:
    """Whether ``link`` is the value of a citation template's URL parameter."""
    for call in citation.templates:
        if call.start < link.start < call.end:
            return any(param.key.lower() in URL_PARAMS and param.value_start <= link.start < param.end
                       for param in template_params(page, call))
    return False


def _deeper_link_to_same_site(root: Located, links: list[Located]) -> bool:
    """Whether another link of the reference goes to a page of the same site: then the home
    page names the publisher (``[http://x.org X], [http://x.org/report.pdf Report]``)."""
    host = urlsplit(wikicode_text(root.node.url).strip()).hostname
    for link in links:
        if link is not root:
            url = wikicode_text(link.node.url).strip()
            try:
                if urlsplit(url).hostname == host and not site_root(url):
                    return True
            except ValueError:
                continue
    return False


def _archived(links: list[Located]) -> bool:
    return any(host in wikicode_text(link.node.url) for link in links for host in ARCHIVE_HOSTS)

"""The wiki family's shared logic: the page's links and template calls as the index
names them, and the per-site lists the index reads (anchor and disambiguation templates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from mwparserfromhell.nodes import Template, Wikilink

from wikilint import Page, is_parser_function, plain_text

#: The site keys the wiki index reads (see ``wikilint.wikiindex.extract``), per preset:
#: templates whose positional arguments are anchors, and the templates and categories
#: of disambiguation pages (pages with ``__DISAMBIG__`` count on every wiki). Redirects
#: to these templates are listed too: the index sees a page's calls, not where they lead.
#: Set index articles (``{{Set index article}}``, ``{{Ship index}}``, ``{{Surname}}``,
#: ``{{Given name}}``…) are articles, not disambiguation pages (enwiki's WP:SETINDEX):
#: a link to one is no defect, so their templates are not listed.
SITE_LISTS: dict[str, dict[str, Any]] = {
    "default": {
        "anchor-templates": ["Anchor", "Anchors", "Visible anchor", "Anchored"],
        "disambiguation-templates": ["Disambiguation", "Disambig", "Dab", "Disamb"],
        "disambiguation-categories": ["Disambiguation pages"],
    },
    "enwiki": {
        "anchor-templates": ["Anchor", "Anchors", "Anchor link", "Visible anchor", "Vanchor", "Anchored"],
        "disambiguation-templates": [
            "Disambiguation", "Disambig", "Dab", "Disamb", "DAB", "Dis", "Disambiguation page", "Geodis", "Geodab",
            "Hndis", "Hndab", "Human name disambiguation", "Place name disambiguation",
            "Letter-number combination disambiguation", "Number disambiguation", "Species Latin name disambiguation",
            "Mil-unit-dis",
        ],
        "disambiguation-categories": ["All disambiguation pages", "Disambiguation pages",
                                      "All article disambiguation pages"],
    },
    "zhwiki": {
        "anchor-templates": ["Anchor", "Anchors", "锚点", "錨點", "Visible anchor"],
        "disambiguation-templates": ["Disambig", "Disambiguation", "Dab", "消歧义", "消歧義", "Disambig-cn",
                                     "人名消歧义", "地名消歧义", "Hndis", "Geodis"],
        "disambiguation-categories": ["消歧义", "消歧義", "全部消歧义页面", "全部消歧義頁面"],
    },
}

#: Namespaces a link to which says nothing about a page of the wiki: a file may live on
#: Commons, a special page is no page.
UNKNOWABLE_NAMESPACES = frozenset({"file", "media", "special", "interwiki"})
#: Namespaces whose link without a leading colon is no link (it shows the file, adds a category).
COLON_NAMESPACES = frozenset({"file", "media", "category"})


@dataclass(slots=True)
class Link:
    """An internal link as the index names its target.

    (Not frozen: a frozen dataclass of ten fields takes five times as long to create, some
    5 µs, and a page has dozens of links. Treat it as read-only.)
    """

    start: int
    end: int
    #: Where the written target is in the page (after any leading colon).
    target_start: int
    target_end: int
    #: The target as written (after any leading colon).
    written: str
    colon: bool
    #: The normalised page title, without fragment ("" for ``[[#Section]]``).
    title: str
    #: The fragment as written after ``#``, or ``None``.
    fragment: str | None
    #: Whether the link has a label (``[[Target|label]]``).
    labelled: bool
    #: The canonical namespace key of the title (``None``: articles).
    namespace: str | None

    @property
    def fragment_start(self) -> int:
        """Where the fragment (after ``#``) starts in the page."""
        return self.target_start + self.written.index("#") + 1


def page_links(page: Page) -> list[Link]:
    return page.derived("wiki.links", _page_links)


def _page_links(page: Page) -> list[Link]:
    site = page.site
    links = []
    for located in page.nodes(Wikilink):
        if located.in_literal:
            continue
        node = located.node
        raw = plain_text(node.title)
        if raw is None or not raw.strip() or "{" in raw or "<" in raw or "[" in raw:
            continue
        colon = raw.lstrip().startswith(":")
        offset = raw.index(":") + 1 if colon else 0
        written = raw[offset:]
        decoded = unquote(written) if "%" in written else written
        page_part, hash_sign, fragment = decoded.partition("#")
        namespace = site.split_namespace(page_part.strip())[0] if ":" in page_part else None
        if namespace in UNKNOWABLE_NAMESPACES or (namespace in COLON_NAMESPACES and not colon):
            continue
        title = site.normalize_title(page_part) if page_part.strip() else ""
        if not title and not hash_sign:
            continue
        start = located.start + 2
        links.append(Link(located.start, located.end, start + offset, start + len(raw), written, colon, title,
                          fragment if hash_sign else None, node.text is not None, namespace))
    return links


def own_title(page: Page) -> str:
    return page.site.normalize_title(page.title).partition("#")[0] if page.title else ""


def own_anchors(page: Page) -> tuple[tuple[str, ...], bool]:
    """The anchors of the page being checked (its text now, not the dump's)."""
    from wikilint import text_anchors  # the index's code: loaded only for runs with an index

    return page.derived("wiki.anchors", lambda page: text_anchors(page.text, page.site))


#: What MediaWiki may show otherwise than written in an unlabelled link's target.
_SHOWN_OTHERWISE = re.compile(r"[_%&]|^\s|\s$")


def retarget(link: Link, new_target: str) -> tuple[int, int, str] | None:
    """The edit that points ``link`` at ``new_target`` and keeps what the reader sees: the
    label, or for an unlabelled link the target as written, which becomes the label;
    ``None`` when the written target may show otherwise (underscores, escapes, padding)."""
    if link.labelled:
        return link.target_start, link.target_end, new_target
    if _SHOWN_OTHERWISE.search(link.written):
        return None
    return link.target_start, link.target_end, f"{new_target}|{link.written}"


def link_text(title: str, namespace: str | None, colon: bool) -> str:
    """``title`` as a link target: a leading colon for a file or category title."""
    return f":{title}" if namespace in COLON_NAMESPACES and not colon else title


@dataclass(slots=True)
class TemplateCall:
    """A template call as the index names it (not frozen, as :class:`Link`; read-only)."""

    start: int
    end: int
    #: The name as written, stripped.
    name: str
    #: The title of the page the call transcludes.
    title: str


#: MediaWiki's variables: ``{{PAGENAME}}`` and the like are no template calls.
MAGIC_VARIABLES = frozenset("""
! = ARTICLEPAGENAME ARTICLEPAGENAMEE ARTICLESPACE ARTICLESPACEE BASEPAGENAME BASEPAGENAMEE CONTENTLANGUAGE
CONTENTLANG CURRENTDAY CURRENTDAY2 CURRENTDAYNAME CURRENTDOW CURRENTHOUR CURRENTMONTH CURRENTMONTH1
CURRENTMONTHABBREV CURRENTMONTHNAME CURRENTMONTHNAMEGEN CURRENTTIME CURRENTTIMESTAMP CURRENTVERSION CURRENTWEEK
CURRENTYEAR DIRECTIONMARK DIRMARK FULLPAGENAME FULLPAGENAMEE LOCALDAY LOCALDAY2 LOCALDAYNAME LOCALDOW LOCALHOUR
LOCALMONTH LOCALMONTH1 LOCALMONTHABBREV LOCALMONTHNAME LOCALMONTHNAMEGEN LOCALTIME LOCALTIMESTAMP LOCALWEEK LOCALYEAR
NAMESPACE NAMESPACEE NAMESPACENUMBER NUMBEROFACTIVEUSERS NUMBEROFADMINS NUMBEROFARTICLES NUMBEROFEDITS NUMBEROFFILES
NUMBEROFPAGES NUMBEROFUSERS PAGEID PAGELANGUAGE PAGENAME PAGENAMEE REVISIONDAY REVISIONDAY2 REVISIONID REVISIONMONTH
REVISIONMONTH1 REVISIONSIZE REVISIONTIMESTAMP REVISIONUSER REVISIONYEAR ROOTPAGENAME ROOTPAGENAMEE SCRIPTPATH SERVER
SERVERNAME SITENAME STYLEPATH SUBJECTPAGENAME SUBJECTPAGENAMEE SUBJECTSPACE SUBJECTSPACEE SUBPAGENAME SUBPAGENAMEE
TALKPAGENAME TALKPAGENAMEE TALKSPACE TALKSPACEE NOEXTERNALLANGLINKS
""".split())


def template_calls(page: Page) -> list[TemplateCall]:
    """The page's template calls whose name is plain text (no parser function, variable
    or parameter), with the title of the page each transcludes."""
    site = page.site
    template_title = page.index.template_title
    calls = []
    for located in page.nodes(Template):
        if located.in_literal or located.inside_tag("includeonly", "noinclude", "onlyinclude"):
            continue
        raw = plain_text(located.node.name)
        if raw is None:
            continue
        name = raw.strip()
        if not name or "{" in name or "<" in name or name in MAGIC_VARIABLES or is_parser_function(name, site):
            continue
        title = template_title(name)
        if title and "#" not in title:
            calls.append(TemplateCall(located.start, located.end, name, title))
    return calls

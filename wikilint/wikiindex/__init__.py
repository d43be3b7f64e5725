"""The wiki index: what a whole wiki says about each of its pages, for cross-page rules.

A page linted alone cannot tell whether ``[[Visa#Visa on arrival]]`` names a section that
exists, whether a link goes through a redirect or to a disambiguation page, or whether
``{{REFLIST}}`` is a template of the wiki. A first pass over a dump
(:mod:`wikilint.wikiindex.build`) records that for every page in an SQLite file
(:mod:`wikilint.wikiindex.store`); :class:`WikiIndex` reads it. Rules that declare
``needs = ("index",)`` get it as ``page.index`` and run only when there is one
(``wikilint dump``, ``wikilint check --wiki-index FILE``).

Titles given to :class:`WikiIndex` are normalised as :meth:`wikilint.site.Site.normalize_title`
gives them (without fragment); anchors and fragments as :func:`anchor_key` gives them.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, NamedTuple

from wikilint.wikiindex.extract import (ANCHORS_INCOMPLETE, DISAMBIGUATION, EMITS_REFERENCES, HATNOTE, INFOBOX,
                                        MAINTENANCE, FactExtractor, anchor_key, fragment_forms, page_anchors,
                                        title_folder)
from wikilint.wikiindex.store import WikiIndexError, connect_read_only, read_meta

__all__ = ["IndexedPage", "WikiIndex", "WikiIndexError", "anchor_key", "fragment_forms", "text_anchors", "title_folder"]

#: Redirects followed at most (MediaWiki follows one; a chain longer than this is a loop).
MAX_REDIRECTS = 5
#: zh variants MediaWiki tries when a link's title is not found (findVariantLink).
_ZH_VARIANTS = ("zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my")


class IndexedPage(NamedTuple):
    """One page as the index knows it."""

    title: str
    namespace: int
    #: The redirect's target title, or ``None`` when the page is no redirect.
    target: str | None
    fragment: str | None
    flags: int
    #: The page's anchors (:func:`anchor_key` form), in document order.
    anchors: tuple[str, ...]

    @property
    def is_redirect(self) -> bool:
        return self.target is not None

    @property
    def is_disambiguation(self) -> bool:
        return bool(self.flags & DISAMBIGUATION)

    @property
    def anchors_complete(self) -> bool:
        """Whether every anchor of the page is known (no heading made by a template…)."""
        return not self.flags & ANCHORS_INCOMPLETE

    @property
    def emits_references(self) -> bool:
        return bool(self.flags & EMITS_REFERENCES)

    @property
    def is_hatnote(self) -> bool:
        return bool(self.flags & HATNOTE)

    @property
    def is_infobox(self) -> bool:
        return bool(self.flags & INFOBOX)

    @property
    def is_maintenance(self) -> bool:
        return bool(self.flags & MAINTENANCE)


class WikiIndex:
    """A wiki index file, opened read-only (one per process: see ``Session.wiki_index``)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.meta: dict[str, Any] = read_meta(self.path)
        self._db = connect_read_only(self.path)
        # Titles recur from page to page (the same countries, years, templates): the answers
        # for the most recent are kept, within some 5 MB a worker whatever the wiki's size.
        self._cached_page = lru_cache(maxsize=8_192)(self._page)
        self._cached_follow = lru_cache(maxsize=8_192)(self._follow)
        self._cached_same_fold = lru_cache(maxsize=2_048)(self._same_fold)

    @property
    def site_data(self) -> dict[str, Any]:
        """The site data the index was built with (the dump's siteinfo on its preset)."""
        return dict(self.meta.get("site", {}))

    @property
    def pages(self) -> int:
        return int(self.meta.get("pages", 0))

    @property
    def partial(self) -> bool:
        """Whether the index holds part of the wiki only (one file of a split dump): a title
        it lacks may exist in another part, so rules about missing pages stay silent."""
        return bool(self.meta.get("partial", False))

    @cached_property
    def _site(self):
        from wikilint.site import Site

        return Site.from_data(self.site_data)

    @cached_property
    def _fold(self) -> Callable[[str], str]:
        return title_folder(self._site)

    def close(self) -> None:
        self._db.close()

    # -- pages -------------------------------------------------------------------------

    def page(self, title: str) -> IndexedPage | None:
        """The page of this exact (normalised) title, or ``None``."""
        return self._cached_page(title)

    def _page(self, title: str) -> IndexedPage | None:
        row = self._db.execute("SELECT title, namespace, target, fragment, flags, anchors FROM pages WHERE title = ?",
                               (title,)).fetchone()
        if row is None:
            return None
        anchors = tuple(row[5].split("\n")) if row[5] else ()
        return IndexedPage(row[0], row[1], row[2], row[3], row[4], anchors)

    def find(self, title: str) -> IndexedPage | None:
        """The page a link to ``title`` shows: the exact title or, on a zh site, the first
        of its script and regional variants that exists, as MediaWiki looks it up."""
        found = self.page(title)
        if found is None and self._site.language == "zh":
            for variant in _zh_variant_titles(title):
                found = self.page(variant)
                if found is not None:
                    break
        return found

    def follow(self, title: str) -> tuple[IndexedPage | None, str | None]:
        """The page a link to ``title`` leads to after redirects, and the fragment the last
        redirect adds (``None``). ``(None, None)`` when the title does not exist; a loop or
        a redirect to a missing page gives the last page reached."""
        return self._cached_follow(title)

    def _follow(self, title: str) -> tuple[IndexedPage | None, str | None]:
        page = self.find(title)
        fragment = None
        seen = {title}
        while page is not None and page.is_redirect and len(seen) <= MAX_REDIRECTS:
            fragment = page.fragment
            following = self.find(page.target)
            if following is None or following.title in seen:
                break
            seen.add(following.title)
            page = following
        return page, fragment

    def resolve(self, title: str) -> str:
        """The title a link to ``title`` leads to (itself when unknown or no redirect): the
        links family's ``title-resolver``."""
        page, _fragment = self.follow(title)
        return page.title if page is not None else title

    def exists(self, title: str) -> bool:
        return self.find(title) is not None

    def missing(self, title: str) -> bool:
        """Whether the wiki surely has no page ``title``: the index holds the whole wiki
        (not one part of a split dump) and the title's namespace, and not the title."""
        return not self.partial and self.holds_namespace_of(title) and not self.exists(title)

    def same_fold(self, title: str) -> list[str]:
        """Titles of the index that differ from ``title`` only by letter case (or, on a zh
        site, script), ``title`` itself left out."""
        return list(self._cached_same_fold(title))

    def other_case(self, title: str) -> list[str]:
        """Titles of the index that differ from ``title`` in letter case (and maybe script):
        :meth:`same_fold` without the titles that differ in script alone, which MediaWiki
        finds for a link on a zh site anyway."""
        titles = self.same_fold(title)
        if self._site.language != "zh" or not titles:
            return titles
        from wikilint.wikiindex.extract import zh_simplifier

        simplify = zh_simplifier()
        if simplify is None:
            return titles
        simplified = simplify(title)
        return [other for other in titles if simplify(other) != simplified]

    def _same_fold(self, title: str) -> tuple[str, ...]:
        rows = self._db.execute("SELECT title FROM pages WHERE fold = ? ORDER BY title", (self._fold(title),))
        return tuple(row[0] for row in rows if row[0] != title)

    def holds_namespace_of(self, title: str) -> bool:
        """Whether the dump had pages in ``title``'s namespace (a pages-articles dump has no
        user or talk pages: a title there is unknown, not missing)."""
        site = self._site
        key, _rest = site.split_namespace(title)
        prefix = site.namespaces[key][0] if key is not None and key != "interwiki" else ""
        return prefix in self._prefixes

    @cached_property
    def _prefixes(self) -> frozenset[str]:
        return frozenset(self.meta.get("prefixes", ()))

    # -- templates -----------------------------------------------------------------------

    def template_title(self, name: str) -> str | None:
        """The title of the page a call ``{{name}}`` transcludes: ``Template:Name``, or the
        page itself for a name with a leading colon or another namespace (``{{:Page}}``,
        ``{{Wikipedia:Page}}``); ``None`` for an empty or interwiki name."""
        site = self._site
        name = name.strip()
        if name.startswith(":"):
            return site.normalize_title(name[1:]) if name[1:].strip() else None
        namespace = site.split_namespace(name)[0]
        if not name or namespace == "interwiki":
            return None
        if namespace is not None:
            return site.normalize_title(name)
        return site.namespaces.get("template", ("Template",))[0] + ":" + site.template_key(name)

    def template(self, name: str) -> IndexedPage | None:
        """The page a call ``{{name}}`` transcludes, after redirects (``None`` when the wiki
        has none): what the index knows of a template a rule's site lists do not name
        (:attr:`IndexedPage.is_hatnote`, ``is_maintenance``, ``is_infobox``; its title,
        which tells what a redirect stands for)."""
        title = self.template_title(name)
        if title is None:
            return None
        page, _fragment = self.follow(title)
        return page

    @cached_property
    def reference_list_templates(self) -> tuple[str, ...]:
        """Templates (names without prefix) that print a reference list: those whose text
        holds ``<references />`` or ``{{#tag:references}}``, and redirects to them."""
        prefix = self._site.namespaces.get("template", ("Template",))[0] + ":"
        rows = self._db.execute("SELECT title FROM pages WHERE namespace = 10 AND flags & ? != 0", (EMITS_REFERENCES,))
        direct = [row[0] for row in rows]
        redirects = []
        for title in direct:
            redirects += [row[0] for row in self._db.execute(
                "SELECT title FROM pages WHERE namespace = 10 AND target = ?", (title,))]
        return tuple(title.removeprefix(prefix) for title in sorted(set(direct + redirects)))

    def site_additions(self, data: dict[str, Any]) -> dict[str, Any]:
        """What the index adds to a site's data for rules of other families: the wiki's own
        reference-list templates (REF007) and the title resolver (LNK004)."""
        listed = list(data.get("reference-list-templates", []))
        extra = [name for name in self.reference_list_templates if name not in listed]
        return {"reference-list-templates": listed + extra, "title-resolver": self.resolve}


def text_anchors(text: str, site) -> tuple[tuple[str, ...], bool]:
    """The anchors of a page's text as the index records them (:func:`anchor_key` form),
    and whether they are complete: for links to a section of the page itself."""
    anchors, complete = page_anchors(text, site, FactExtractor(site).anchor_templates)
    return tuple(anchors), complete


@lru_cache(maxsize=4096)
def _zh_variant_titles(title: str) -> tuple[str, ...]:
    try:
        from zhconv_rs import zhconv
    except ImportError:
        return ()
    return tuple(dict.fromkeys(converted for variant in _ZH_VARIANTS
                               if (converted := zhconv(title, variant)) != title))

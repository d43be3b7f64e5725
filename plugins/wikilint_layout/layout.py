"""What the layout rules share: the page's templates, headings, lead, categories and
citations, read once per page from the located tree (:func:`layout_index`), and the
site's layout facts (:func:`site_facts`), compiled once per site.

Everything starts from the node lists every page already has (``page.nodes(Template)``,
headings, ``page.tags("ref")``): no rule of the family walks the page's text nodes. The
index computes each part on first use, so a page pays only for what the selected rules ask.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable

from mwparserfromhell.nodes import Comment, ExternalLink, Heading, Tag, Template, Wikilink

from wikilint import Located, Page, plain_text, wikicode_text
from wikilint_zh.notea import Param, read_params

if TYPE_CHECKING:
    from wikilint import IndexedPage
    from wikilint.site import Site

# -- the site's facts ---------------------------------------------------------------------


class NameMatcher:
    """Template names of a site-data list: exact names and ``prefix*suffix`` patterns,
    compared as :meth:`Site.template_key` gives them."""

    def __init__(self, site: Site, names: Iterable[Any]) -> None:
        self.exact: set[str] = set()
        self.patterns: list[tuple[str, str]] = []
        self._answers: dict[str, bool] = {}  # (the same names recur on every page)
        for raw in names or ():
            name = str(raw)
            if "*" in name:
                prefix, _, suffix = name.partition("*")
                prefix = _first_letter(site, prefix.replace("_", " "))
                self.patterns.append((prefix, suffix.replace("_", " ")))
            else:
                self.exact.add(site.template_key(name))

    def __contains__(self, key: str) -> bool:
        answer = self._answers.get(key)
        if answer is None:
            if len(self._answers) > 10_000:
                self._answers.clear()
            answer = self._answers[key] = key in self.exact or any(
                len(key) > len(prefix) + len(suffix) and key.startswith(prefix) and key.endswith(suffix)
                for prefix, suffix in self.patterns)
        return answer

    def __bool__(self) -> bool:
        return bool(self.exact or self.patterns)


def _first_letter(site: Site, text: str) -> str:
    return text[:1].upper() + text[1:] if site.first_letter_case_insensitive else text


# Records of this module are never printed: without a generated __repr__ each class
# costs less at start-up, which every run pays for every rule family.
@dataclass(frozen=True, repr=False)
class InterlanguageLinkSpec:
    """One family of interlanguage-link templates and which parameter means what."""

    matcher: NameMatcher
    local: str
    foreign: str
    labels: tuple[str, ...]
    #: The parameter holding the language code, when the template takes one (enwiki's
    #: ``{{ill}}``): a call whose parameter there is not a language code is read otherwise.
    language: str | None


class SiteFacts:
    """The ``layout-*`` keys of a site, compiled."""

    def __init__(self, site: Site) -> None:
        get = site.get
        self.lead_order: dict[str, int] = {kind: rank for rank, kind in enumerate(get("layout-lead-order") or [])}
        self.lead_templates: list[tuple[str, NameMatcher]] = [
            (kind, NameMatcher(site, names)) for kind, names in (get("layout-lead-templates") or {}).items()
            if kind in self.lead_order]
        self.appendix_rank: dict[str, int] = {}
        #: The first name of each appendix group, for messages.
        self.appendix_names: list[str] = []
        for rank, names in enumerate(get("layout-appendix-sections") or []):
            names = [str(name) for name in names]
            self.appendix_names.append(names[0] if names else "?")
            for name in names:
                self.appendix_rank.setdefault(heading_key(name), rank)
        self.mergeable_hatnotes = NameMatcher(site, get("layout-mergeable-hatnotes") or [])
        self.interlanguage_links = [
            InterlanguageLinkSpec(NameMatcher(site, spec.get("names", [])), str(spec.get("local", "1")),
                                  str(spec.get("foreign", "2")), tuple(str(label) for label in spec.get("labels", [])),
                                  str(spec["language"]) if spec.get("language") else None)
            for spec in get("layout-interlanguage-link-templates") or [] if isinstance(spec, dict)]
        self.canonical_templates: dict[str, str] = {
            site.template_key(str(name)).casefold(): site.template_key(str(name))
            for name in get("layout-canonical-templates") or []}
        self.citation_templates = NameMatcher(site, get("layout-citation-templates") or [])
        self.date_format_templates = NameMatcher(site, get("layout-date-format-templates") or [])
        self.quotation_marks: list[str] = [str(pair) for pair in get("layout-quotation-marks") or []
                                           if len(str(pair)) == 2]
        self.defaultsort_words: tuple[str, ...] = tuple(
            str(word).casefold() for word in get("layout-defaultsort-words") or [])
        #: ``{{DEFAULTSORT:`` in any of its names, to find out cheaply whether a page has one.
        # (The case-insensitive part is scoped: the literal "{{" or "[[" before it lets the
        # regex engine skip quickly through the text.)
        self.defaultsort_call = re.compile(
            r"\{\{\s*(?i:" + "|".join(re.escape(word) for word in self.defaultsort_words) + ")"
        ) if self.defaultsort_words else None
        category_names = "|".join(re.escape(name).replace("\\ ", "[ _]+")
                                  for name in site.namespaces.get("category", ()))
        #: Where a category link may start: ``[[Category:`` in any of the namespace's names.
        self.category_link = re.compile(r"\[\[[ _]*(?i:" + category_names + r")[ _]*:"
                                        ) if category_names else None
        self.empty_sort_key = re.compile(self.category_link.pattern + r"[^\[\]|\n]*\|\]\]"
                                         ) if category_names else None
        self._lead_kinds: dict[str, str | None] = {}
        self._roles: dict[str, tuple[str, ...]] = {}
        #: The lists a template's key is looked up in, by the role the index files it under.
        self._role_lists: list[tuple[str, NameMatcher]] = [
            ("citation", self.citation_templates), ("mergeable-hatnote", self.mergeable_hatnotes),
            ("date-format", self.date_format_templates)] + [
            (f"interlanguage-link:{number}", spec.matcher) for number, spec in enumerate(self.interlanguage_links)]

    def roles(self, key: str) -> tuple[str, ...]:
        """The roles site data gives a template (``citation``, ``mergeable-hatnote``…, and
        ``non-canonical`` for a stray case of a canonical name)."""
        roles = self._roles.get(key)
        if roles is None:
            if len(self._roles) > 10_000:
                self._roles.clear()
            found = [role for role, matcher in self._role_lists if key in matcher]
            wanted = self.canonical_templates.get(key.casefold())
            if wanted is not None and wanted != key:
                found.append("non-canonical")
            roles = self._roles[key] = tuple(found)
        return roles

    def lead_kind(self, key: str) -> str | None:
        """The lead-element kind of a template (``hatnote``, ``infobox``…), or None."""
        kinds = self._lead_kinds
        if key not in kinds:
            kinds[key] = next((kind for kind, matcher in self.lead_templates if key in matcher), None)
        return kinds[key]


#: Compiled facts per site object (a run loads each site once; the site is kept alive
#: with its facts so that its id cannot be reused).
_FACTS: dict[int, tuple[Site, SiteFacts]] = {}


def site_facts(site: Site) -> SiteFacts:
    found = _FACTS.get(id(site))
    if found is None:
        if len(_FACTS) > 64:
            _FACTS.clear()
        found = _FACTS[id(site)] = (site, SiteFacts(site))
    return found[1]


_HEADING_SPACE = re.compile(r"[\s_]+")


def heading_key(title: str) -> str:
    """A section title as the appendix lists compare it: trimmed, spaces collapsed, case-folded."""
    return _HEADING_SPACE.sub(" ", title).strip().casefold()


# -- the page's parts -----------------------------------------------------------------------


@dataclass(slots=True, eq=False, repr=False)
class TemplateCall:
    """A template call with a plain-text name (parser functions and magic words included)."""

    located: Located
    #: The name as written, trimmed.
    name: str
    #: Where the trimmed name starts in the page text.
    name_start: int
    #: The name as MediaWiki compares it (:meth:`Site.template_key`).
    key: str

    @property
    def node(self) -> Template:
        return self.located.node  # type: ignore[return-value]

    @property
    def start(self) -> int:
        return self.located.start

    @property
    def end(self) -> int:
        return self.located.end

    @property
    def top_level(self) -> bool:
        return not self.located.ancestors


def template_params(page: Page, call: Located) -> tuple[Param, ...]:
    """Every parameter of a located template call, with its place in the page and its trimmed
    value (the zh family's reader, which measures the parts the way mwparserfromhell writes them)."""
    return read_params(page, call)


def param_value(call: Located, *names: str) -> str | None:
    """The trimmed value of the first of ``names`` the call has (names compared lower-case)."""
    for param in call.node.params:
        if wikicode_text(param.name).strip().lower() in names:
            return wikicode_text(param.value).strip()
    return None


@dataclass(slots=True, repr=False)
class Section:
    """A top-level heading (outside templates and tags)."""

    located: Located
    level: int
    title: str

    @property
    def start(self) -> int:
        return self.located.start


@dataclass(slots=True, repr=False)
class LeadElement:
    """One element above the first heading that the site's lead order ranks."""

    kind: str
    start: int
    end: int
    #: How a message names it: ``{{not}}``, ``[[File:X.png]]``, ``the article text``.
    label: str


@dataclass(slots=True, eq=False, repr=False)
class Citation:
    """A ``<ref>`` with content and the citation templates in it (its external links are
    listed on demand: :meth:`LayoutIndex.links_in`)."""

    located: Located
    contents_start: int
    contents_end: int
    #: The citation templates in the contents, located.
    templates: list[Located]
    #: The contents hold a URL (``//`` as in ``http://`` or ``[//host/path]``).
    has_link: bool

    @property
    def start(self) -> int:
        return self.located.start

    @property
    def end(self) -> int:
        return self.located.end

    @property
    def hand_written(self) -> bool:
        """Written by hand: a link and no citation template."""
        return self.has_link and not self.templates


#: ``{{`` and a template name that is plain text (what ``plain_text(template.name)`` gives).
_TEMPLATE_NAME = re.compile(r"\{\{(?P<name>[^{}|<>\[\]]*)(?=\||\}\})")
#: What may stand in the lead before the article text without being text: white space,
#: behaviour switches and conversion markup.
_NOT_PROSE = re.compile(r"(?:\s|__[A-Z_]+__|-\{[^{}]*\}-)*")


class LayoutIndex:
    """The parts of one page the layout rules read, each computed on first use."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.facts = site_facts(page.site)
        #: Template key → (the key after redirects, the template's page), from the wiki index.
        self._indexed: dict[str, tuple[str, IndexedPage | None]] = {}

    @cached_property
    def _calls_by_name(self) -> dict[str, list[Located]]:
        """The page's template calls whose name is plain text, by the name as written.

        (No template stands in literal text: mwparserfromhell does not parse the contents of
        <nowiki>, <pre>, <math>…, and MediaWiki expands those inside <code>.) One cheap pass:
        names are compared, classified and measured once per distinct name, not per call.
        """
        page = self.page
        # The names are read from the text (one regex pass) and kept where a parsed template
        # starts: cheaper than asking every node for its name.
        calls_at = {item.start: item for item in page.nodes(Template)}
        by_name: dict[str, list[Located]] = {}
        for match in _TEMPLATE_NAME.finditer(page.text):
            item = calls_at.get(match.start())
            if item is not None:
                name = match["name"]
                found = by_name.get(name)
                if found is None:
                    by_name[name] = [item]
                else:
                    found.append(item)
        return by_name

    @cached_property
    def template_names(self) -> dict[str, list[str]]:
        """Template key (:meth:`Site.template_key`) → the names written for it (untrimmed)."""
        template_key = self.page.site.template_key
        keys: dict[str, list[str]] = {}
        for raw in self._calls_by_name:
            name = raw.strip()
            if name:
                keys.setdefault(template_key(name), []).append(raw)
        return keys

    def calls(self, keys: Iterable[str]) -> list[TemplateCall]:
        """The calls of the templates with these keys, in text order."""
        calls = []
        by_name = self._calls_by_name
        for key in keys:
            for raw in self.template_names.get(key, ()):
                name = raw.strip()
                offset = 2 + len(raw) - len(raw.lstrip())
                calls += [TemplateCall(item, name, item.start + offset, key) for item in by_name[raw]]
        calls.sort(key=_start_of)
        return calls

    @cached_property
    def keys_by_role(self) -> dict[str, list[str]]:
        """The page's template keys that the site's lists name, by role (one pass for all).
        With a wiki index, a template the lists do not name takes the roles of the template
        it redirects to (``{{Seealso}}`` → ``{{See also}}``)."""
        roles = self.facts.roles
        by_role: dict[str, list[str]] = {}
        for key in self.template_names:
            found = roles(key)
            if not found and self.page.index is not None:
                target = self.resolved_key(key)
                if target != key:
                    found = tuple(role for role in roles(target) if role != "non-canonical")
            for role in found:
                by_role.setdefault(role, []).append(key)
        return by_role

    def resolved_key(self, key: str) -> str:
        """The key of the template a call of ``key`` shows after redirects, as the wiki
        index knows it; ``key`` itself without an index or when the index has no such page."""
        return self._indexed_template(key)[0]

    def _indexed_template(self, key: str) -> tuple[str, IndexedPage | None]:
        """``(resolved key, IndexedPage or None)`` of a template key, once per page and key."""
        found = self._indexed.get(key)
        if found is None:
            index = self.page.index
            target = index.template(key) if index is not None else None
            resolved = (self.page.site.template_key(target.title) if target is not None and target.namespace == 10
                        else key)
            found = self._indexed[key] = (resolved, target)
        return found

    def lead_kind(self, key: str) -> str | None:
        """The lead-element kind of a template: what the site's lists say; with a wiki index,
        for a template they do not name, the kind of the listed template it redirects to,
        else what the index found its text prints (a hatnote, a maintenance box, an infobox)."""
        facts = self.facts
        kind = facts.lead_kind(key)
        if kind is not None or self.page.index is None:
            return kind
        resolved, target = self._indexed_template(key)
        if target is None:
            return None
        if resolved != key:
            kind = facts.lead_kind(resolved)
            if kind is not None:
                return kind
        for kind, printed in (("hatnote", target.is_hatnote), ("maintenance", target.is_maintenance),
                              ("infobox", target.is_infobox)):
            if printed and kind in facts.lead_order:
                return kind
        return None

    def calls_with_role(self, role: str) -> list[TemplateCall]:
        """The calls of the templates with a role (see :meth:`SiteFacts.roles`), in text order."""
        return self.calls(self.keys_by_role.get(role, ()))

    @cached_property
    def citation_templates(self) -> list[Located]:
        """The citation templates of the page, in text order (located nodes: most pages have
        many, and the rules need only where they are)."""
        by_name, names = self._calls_by_name, self.template_names
        found = [item for key in self.keys_by_role.get("citation", ()) for raw in names[key] for item in by_name[raw]]
        found.sort(key=_start_of)
        return found

    @cached_property
    def sections(self) -> list[Section]:
        return [Section(item, item.node.level, wikicode_text(item.node.title).strip())
                for item in self.page.nodes(Heading) if not item.ancestors]

    @cached_property
    def lead_end(self) -> int:
        """Where the first section heading starts (the page's end when it has none)."""
        return next((item.start for item in self.page.nodes(Heading) if not item.ancestors), len(self.page.text))

    @cached_property
    def categories(self) -> list[Located]:
        """The category links of the page (``[[Category:X]]``, not ``[[:Category:X]]``)."""
        pattern = self.facts.category_link
        starts = [match.start() for match in pattern.finditer(self.page.text)] if pattern else []
        return self._links_at(starts)

    def _links_at(self, starts: list[int]) -> list[Located]:
        """The wikilinks that start at these offsets (in text order), outside literal text."""
        if not starts:
            return []
        wanted, first = set(starts), starts[0]
        found = []
        # Category links close the page: walk the links from the end, down to the first offset.
        for item in reversed(self.page.nodes(Wikilink)):
            if item.start < first:
                break
            if item.start in wanted and not item.in_literal:
                found.append(item)
        found.reverse()
        return found

    @cached_property
    def empty_sort_keys(self) -> list[Located]:
        """The category links whose sort key is empty (``[[Category:X|]]``)."""
        pattern = self.facts.empty_sort_key
        return self._links_at([match.start() for match in pattern.finditer(self.page.text)] if pattern else [])

    @cached_property
    def lead(self) -> list[LeadElement]:
        """The ranked elements above the first heading, in text order; the article text is
        one element, where it begins. On a page without headings, the elements up to the
        text (what follows it is the page's footer: navboxes, stub tags…)."""
        page, facts, end = self.page, self.facts, self.lead_end
        if not facts.lead_order:
            return []
        site = page.site
        # The top-level nodes that are not article text, in text order.
        items: list[tuple[int, int, LeadElement | None]] = []
        for item in _top_level_before(page.nodes(Template), end):
            name = (plain_text(item.node.name) or "").strip()
            kind = self.lead_kind(site.template_key(name)) if name else None
            element = LeadElement(kind, item.start, item.end, "{{" + name + "}}") if kind else None
            items.append((item.start, item.end, element))
        for item in _top_level_before(page.nodes(Comment), end):
            items.append((item.start, item.end, None))
        for item in _top_level_before(page.nodes(Tag), end):
            if not item.node.wiki_markup:  # (a table is article content)
                items.append((item.start, item.end, None))
        for item in _top_level_before(page.nodes(Wikilink), end):
            title = wikicode_text(item.node.title).strip()
            namespace = site.split_namespace(title)[0] if ":" in title else None
            if namespace == "file":
                items.append((item.start, item.end, LeadElement("image", item.start, item.end, f"[[{title}]]")))
            elif namespace == "category":
                items.append((item.start, item.end, None))
        items.sort(key=lambda entry: entry[0])
        elements: list[LeadElement] = []
        text, position, prose_seen = page.text, 0, False
        for start, item_end, element in items + [(end, end, None)]:
            if not prose_seen and start > position:
                skipped = _NOT_PROSE.match(text, position, start).end()
                if skipped < start:
                    prose_seen = True
                    elements.append(LeadElement("text", skipped, skipped, "the article text"))
                    if end == len(text):
                        break  # a page without headings: what follows its text is its footer
            if element is not None:
                elements.append(element)
            position = max(position, item_end)
        return elements

    @cached_property
    def citations(self) -> list[Citation]:
        """The page's ``<ref>`` tags with content, with what each holds."""
        citations = []
        text = self.page.text
        for item in self.page.tags("ref"):
            if item.node.self_closing or item.in_literal:
                continue
            # The contents run from the ">" of the opening tag to the "</" of the closing
            # one (found in the text: cheaper than measuring the tag's parts, and a ">"
            # inside an attribute value is too rare to matter here).
            contents_end = text.rfind("</", item.start, item.end)
            contents_start = text.find(">", item.start, contents_end) + 1
            if 0 < contents_start < contents_end:
                has_link = text.find("//", contents_start, contents_end) != -1
                citations.append(Citation(item, contents_start, contents_end, [], has_link))
        if citations:
            _distribute(citations, self.citation_templates)
        return citations

    def links_in(self, citation: Citation) -> list[Located]:
        """The external links in a citation's contents, in text order."""
        links, starts = self.page.nodes(ExternalLink), self._link_starts
        first = bisect.bisect_left(starts, citation.contents_start)
        last = bisect.bisect_left(starts, citation.contents_end, first)
        return links[first:last]

    def only_a_url(self, citation: Citation) -> bool:
        """Whether the citation is one external link and nothing else (a bare URL or ``[URL]``):
        the references family's REF010 reports those."""
        links = self.links_in(citation)
        if len(links) != 1:
            return False
        link, text = links[0], self.page.text
        return (link.node.title is None and not text[citation.contents_start:link.start].strip()
                and not text[link.end:citation.contents_end].strip())

    @cached_property
    def _link_starts(self) -> list[int]:
        return [item.start for item in self.page.nodes(ExternalLink)]

    def citation_at(self, offset: int) -> Citation | None:
        """The ``<ref>`` whose contents hold ``offset``, if any."""
        citations = self.citations
        index = bisect.bisect_right(self._citation_starts, offset) - 1
        if index >= 0 and offset < citations[index].contents_end:
            return citations[index]
        return None

    @cached_property
    def _citation_starts(self) -> list[int]:
        return [citation.contents_start for citation in self.citations]

def _distribute(citations: list[Citation], calls: list[Located]) -> None:
    """Append each call (in text order, like ``citations``) to the templates of the
    citation whose contents hold its start: one merge walk."""
    position, count = 0, len(citations)
    for call in calls:
        start = call.start
        while position < count and citations[position].contents_end <= start:
            position += 1
        if position == count:
            return
        citation = citations[position]
        if citation.contents_start <= start:
            citation.templates.append(call)


def _start_of(item: TemplateCall | Located) -> int:
    return item.start


def _top_level_before(items: list[Located], end: int) -> Iterable[Located]:
    for item in items:
        if item.start >= end:
            return
        if not item.ancestors:
            yield item


def layout_index(page: Page) -> LayoutIndex:
    """The page's layout index, computed once and shared by the family's rules."""
    return page.derived("wikilint_layout.index", LayoutIndex)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(line start, end after the newline)`` when ``text[start:end]`` stands alone on its
    line(s) (only spaces around it), else None."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t"):
        return None
    newline = text.find("\n", end)
    line_end = len(text) if newline == -1 else newline + 1
    if text[end:line_end].strip(" \t\n"):
        return None
    return line_start, line_end

"""What the link rules share: the page's internal links, classified once per page.

Every rule of the family starts from :func:`link_index`, which walks the located
wikilinks of a page once (the result is cached per page) and decides for each one
what MediaWiki makes of it: a link to a page, or something that only looks like one
(category link, file link, interwiki link, a link with a computed target…). Links
MediaWiki never renders as links — inside comments, ``<nowiki>``, ``<pre>``, ``<math>``,
``<syntaxhighlight>``, ``<code>``…, nested inside another link's label, in a template
parameter *name*, or in templates that print their argument as literal code — are left
out entirely, so no rule can touch them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote

from mwparserfromhell.nodes import Comment, Heading, HTMLEntity, Tag, Template, Text, Wikilink

from wikilint.page import LITERAL_TAGS, plain_text, tag_name, wikicode_text

if TYPE_CHECKING:
    from mwparserfromhell.wikicode import Wikicode

    from wikilint import Page
    from wikilint.page import Located

#: Site key (contributed by this plugin's ``wikilint_site_presets`` hook): templates that
#: show their argument as literal code, so a ``[[…]]`` in it is not a link.
LITERAL_TEMPLATES_KEY = "link-literal-templates"
DEFAULT_LITERAL_TEMPLATES = ["Code", "Tag", "Tl", "Tlx", "Tlp", "Tls", "Tnull", "Para", "Wikitext", "Mwtext", "Kbd",
                             "Samp", "Nowiki", "Pre"]

#: Namespaces whose links are not links to a page: the pipe means something else there
#: (a category sort key, file options) unless the link starts with a colon.
NON_LINK_NAMESPACES = frozenset({"category", "file", "media"})

PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")

#: "Prefix:Name.ext" with a media extension: a file link in a namespace the site preset
#: does not know (a page from another wiki linted with the wrong site). Treating it as a
#: page link would rewrite its options as if they were a label.
_FOREIGN_FILE_LINK = re.compile(
    r"^[^:]+:.+\.(?:jpe?g|png|gif|svg|tiff?|webp|xcf|ogg|oga|ogv|webm|mp3|wav|flac|mid|pdf|djvu|stl)\s*$",
    re.IGNORECASE,
)


# Records of this module are never printed: without a generated __repr__ each class
# costs less at start-up, which every run pays for every rule family.
@dataclass(slots=True, eq=False, repr=False)
class InternalLink:
    """One ``[[…]]`` of the page as MediaWiki reads it.

    ``kind`` is ``"page"`` for a link to a page (what the rules check), otherwise
    ``"category"``, ``"file"``, ``"media"``, ``"interwiki"``, ``"computed"`` (the target
    holds a template, parameter or comment) or ``"empty"`` (no target at all).
    """

    located: Located
    kind: str
    #: The target exactly as written between ``[[`` and ``|`` (or ``]]``).
    title: str
    #: The label as written after the first ``|``, or ``None`` when there is no pipe
    #: (not read for category and file links, whose "label" is a sort key or options).
    label: str | None
    #: The label is only text and entities (no templates, markup tags or links).
    label_is_plain: bool
    #: The target starts with ``:`` (after leading spaces): an explicit page link.
    colon: bool
    #: The normalised page the link goes to, without the fragment ("" for ``[[#Section]]``).
    target: str
    #: The normalised ``#fragment`` (without ``#``), or ``None``.
    fragment: str | None
    #: Inside a table (wiki ``{|`` or HTML ``<table>``: both parse as a ``table`` tag).
    in_table: bool

    @property
    def node(self) -> Wikilink:
        return self.located.node  # type: ignore[return-value]

    @property
    def start(self) -> int:
        return self.located.start

    @property
    def end(self) -> int:
        return self.located.end

    @property
    def title_start(self) -> int:
        return self.located.start + 2

    @property
    def title_end(self) -> int:
        return self.located.start + 2 + len(self.title)

    @property
    def bare_title(self) -> str:
        """The target without leading spaces and the leading colon: what an unpiped link shows."""
        title = self.title.lstrip(" ")
        return title[1:] if title.startswith(":") else title

    @property
    def visible_text(self) -> str:
        """The wikitext a reader sees as the link's text (before the link trail)."""
        return self.label if self.label else self.bare_title


@dataclass(repr=False)
class LinkIndex:
    """What one pass over the page's nodes collects for the link rules."""

    links: list[InternalLink]
    #: Where the page's top-level headings start: section boundaries.
    heading_starts: list[int]

    @cached_property
    def page_links(self) -> list[InternalLink]:
        return [link for link in self.links if link.kind == "page"]


def _is_plain(code: Wikicode) -> bool:
    return all(type(node) is Text or type(node) is HTMLEntity for node in code.nodes)


def _text_and_plainness(code: Wikicode) -> tuple[str, bool]:
    """``(str(code), _is_plain(code))``, fast for the usual single text node."""
    text = plain_text(code)
    return (text, True) if text is not None else (str(code), _is_plain(code))


def link_index(page: Page) -> LinkIndex:
    """The page's links and section starts, computed once per page and shared by the rules."""
    return page.derived("wikilint_links.index", _build_index)


def internal_links(page: Page) -> list[InternalLink]:
    """Every rendered ``[[…]]`` of the page, in text order."""
    return link_index(page).links


def page_links(page: Page) -> list[InternalLink]:
    """The links to pages: what redundant-label, repeated-link and the others check."""
    return link_index(page).page_links


def _build_index(page: Page) -> LinkIndex:
    site = page.site
    literal_templates = {
        site.template_key(name) for name in site.get(LITERAL_TEMPLATES_KEY, DEFAULT_LITERAL_TEMPLATES)
    }
    context = _Context(site, literal_templates)
    links: list[InternalLink] = []
    for located in page.nodes(Wikilink):
        link = _classify(located, context)
        if link is not None:
            links.append(link)
    heading_starts = [located.start for located in page.nodes(Heading) if not located.ancestors]
    return LinkIndex(links, heading_starts)


class _Context:
    """Per-page memo of the answers that repeat from link to link."""

    def __init__(self, site, literal_templates: set[str]) -> None:
        self.site = site
        self.literal_templates = literal_templates
        self.targets: dict[str, tuple[str, str | None]] = {}
        self.literal_template_ids: dict[int, bool] = {}
        self.tag_names: dict[int, str] = {}
        self.file_link_ids: dict[int, bool] = {}
        self.markup_name_ids: dict[int, bool] = {}

    def target(self, title: str) -> tuple[str, str | None]:
        found = self.targets.get(title)
        if found is None:
            found = self.targets[title] = split_target(self.site, title)
        return found

    def tag_name(self, tag: Tag) -> str:
        name = self.tag_names.get(id(tag))
        if name is None:
            name = self.tag_names[id(tag)] = tag_name(tag)
        return name

    def is_literal_template(self, template: Template) -> bool:
        found = self.literal_template_ids.get(id(template))
        if found is None:
            found = self.literal_template_ids[id(template)] = self.site.template_key(wikicode_text(template.name)) in self.literal_templates
        return found

    def names_hold_markup(self, template: Template) -> bool:
        """Whether the template's name or a parameter name is more than plain text."""
        found = self.markup_name_ids.get(id(template))
        if found is None:
            found = self.markup_name_ids[id(template)] = any(
                plain_text(code) is None
                for code in [template.name] + [param.name for param in template.params if param.showkey]
            )
        return found

    def is_file_link(self, link: Wikilink) -> bool:
        found = self.file_link_ids.get(id(link))
        if found is None:
            title = wikicode_text(link.title).lstrip(" ")
            found = self.file_link_ids[id(link)] = (
                self.site.is_namespace(title, "file") or _FOREIGN_FILE_LINK.match(title) is not None
            )
        return found


def _classify(located: Located, context: _Context) -> InternalLink | None:
    """The link, or ``None`` when MediaWiki does not render it as a link at all."""
    node = located.node
    in_table = False
    for parent in located.ancestors:
        kind = type(parent)
        if kind is Tag:
            name = context.tag_name(parent)
            if name in LITERAL_TAGS:
                return None
            if name == "table":
                in_table = True
        elif kind is Comment:
            return None
        elif kind is Wikilink:
            # Links nest only inside file links (captions); a link in a link's label is text.
            if not context.is_file_link(parent):
                return None
        elif kind is Template:
            if context.is_literal_template(parent) or (
                context.names_hold_markup(parent) and _in_template_names(parent, node)
            ):
                return None
    title, plain_title = _text_and_plainness(node._title)  # (the attribute: see wikilint.page.plain_text)
    if "\n" in title:
        return None  # MediaWiki never makes a link of a target that spans lines
    site = context.site
    stripped = title.lstrip(" ")
    colon = stripped.startswith(":")
    bare = stripped[1:] if colon else stripped
    target, fragment = "", None
    if not plain_title:
        kind_name = "computed"
    elif not bare.strip(" _") or bare.strip(" _") == "#":
        kind_name = "empty"
    else:
        # MediaWiki decodes percent escapes before it looks for a namespace.
        decoded = (decode_percent(bare) or bare) if "%" in bare else bare
        namespace = site.split_namespace(decoded.lstrip(" "))[0] if ":" in decoded else None
        if namespace == "interwiki":
            kind_name = "interwiki"
        elif namespace in NON_LINK_NAMESPACES and not colon:
            kind_name = namespace
        elif namespace is None and not colon and ":" in bare and _FOREIGN_FILE_LINK.match(bare):
            kind_name = "file"
        else:
            kind_name = "page"
            target, fragment = context.target(bare)
    label, plain = None, False
    if node._text is not None and kind_name in ("page", "empty"):
        label, plain = _text_and_plainness(node._text)
    return InternalLink(located, kind_name, title, label, plain, colon, target, fragment, in_table)


def split_target(site, title: str) -> tuple[str, str | None]:
    """``(normalised page, normalised fragment or None)`` of a link target (no leading colon)."""
    if "%" in title:
        title = decode_percent(title) or title
    normalized = site.normalize_title(title)
    page_part, hash_sign, fragment = normalized.partition("#")
    return page_part, (fragment if hash_sign else None)


# -- which targets are one page -------------------------------------------------------

#: Site key: an optional callable that maps a normalised title to the title of the page it
#: leads to (a redirect to its target, any other title to itself), e.g. built from a dump's
#: redirect pages. TOML cannot hold one: whoever builds the site for a dump sets it
#: (``Site.from_data({**data, TITLE_RESOLVER_KEY: index.resolve})``). Without it redirects
#: are unknown, and two names of one page count as two pages.
TITLE_RESOLVER_KEY = "title-resolver"

#: Variants MediaWiki tries when it looks up a link target on a zh site (findVariantLink):
#: a title and its conversion to any of them are one page.
_ZH_TITLE_VARIANTS = ("zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my")
#: Han characters: the CJK unified ideographs (Extension A and the basic block), the
#: compatibility ideographs and the supplementary planes' extensions. (Code-point ranges,
#: not a regular expression: re took about 8 ms to compile this class at every start-up.)
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def _is_han(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in _HAN_RANGES)


def same_page(site, first: str, second: str) -> bool:
    """Whether two normalised targets (without fragments) are known or possibly one page.

    True when they are equal, when the site's title resolver (see :data:`TITLE_RESOLVER_KEY`)
    leads both to one page, or, on a zh site, when they are script or regional variants of
    one title: MediaWiki finds a link's page through the variants of its title, so 易經 and
    易经 are one page. Without the optional zhconv-rs tables a variant pair cannot be told
    from two different titles, so any two titles of one length that differ only in Han
    characters count as possibly one page.
    """
    if first == second:
        return True
    resolve = site.get(TITLE_RESOLVER_KEY)
    if callable(resolve) and resolve(first) == resolve(second):
        return True
    if site.language == "zh":
        forms = _zh_variant_forms(first)
        if forms is None:
            return _differ_only_in_han(first, second)
        return bool(forms & _zh_variant_forms(second))
    return False


@lru_cache(maxsize=4096)
def _zh_variant_forms(title: str) -> frozenset[str] | None:
    """The title converted to every zh variant (itself included), or None without zhconv-rs."""
    convert = _zhconv()
    if convert is None:
        return None
    return frozenset({title, *(convert(title, variant) for variant in _ZH_TITLE_VARIANTS)})


@lru_cache(maxsize=1)
def _zhconv() -> Callable[[str, str], str] | None:
    try:  # optional (the zh extra): imported only when a zh page needs it
        from zhconv_rs import zhconv
    except ImportError:
        return None
    return zhconv


def _differ_only_in_han(first: str, second: str) -> bool:
    return len(first) == len(second) and all(
        a == b or (_is_han(a) and _is_han(b)) for a, b in zip(first, second))


def decode_percent(title: str) -> str | None:
    """The target with ``%XX`` escapes decoded, as MediaWiki does, or ``None`` if not UTF-8."""
    try:
        return unquote(title, errors="strict")
    except UnicodeDecodeError:
        return None


def _in_template_names(template: Template, node: Wikilink) -> bool:
    """Whether ``node`` is in the template's name or a parameter's name: never a link."""
    if _contains(template.name, node):
        return True
    for param in template.params:
        if param.showkey:
            if plain_text(param.name) is None and _contains(param.name, node):
                return True
    return False


def _contains(code: Wikicode, node) -> bool:
    """Whether ``node`` (by identity) is somewhere inside ``code``; names are short."""
    stack = list(code.nodes)
    while stack:
        item = stack.pop()
        if item is node:
            return True
        if isinstance(item, (Template, Wikilink, Tag)):
            stack.extend(child for code_part in _children(item) for child in code_part.nodes)
    return False


def _children(node):
    if isinstance(node, Template):
        yield node.name
        for param in node.params:
            yield param.name
            yield param.value
    elif isinstance(node, Wikilink):
        yield node.title
        if node.text is not None:
            yield node.text
    elif isinstance(node, Tag) and node.contents is not None:
        yield node.contents


# -- shared fix helpers ---------------------------------------------------------------

#: Characters that start line-level markup when they begin a line.
_LINE_START_MARKUP = tuple("*#:;= ") + ("{|", "----")


def unlink_replacement(page: Page, link: InternalLink) -> str | None:
    """The text that replaces ``link`` to unlink it keeping what readers see, or ``None``.

    ``None`` when plain text there would read differently: it would join the
    neighbouring characters into bold/italic quotes, brackets or braces, start a
    list or heading at the start of a line, split or name a template parameter, or
    expand into a signature on save.
    """
    visible = link.visible_text
    if not visible or "[[" in visible or "]]" in visible or "~~~" in visible or "|" in visible:
        return None  # a bare "|" would also split a template parameter in two
    if "=" in visible and link.located.in_template:
        return None  # "{{X|[[A|b=c]]}}" would become a named parameter

    text = page.text
    before = text[link.start - 1] if link.start > 0 else "\n"
    after = text[link.end] if link.end < len(text) else "\n"
    for char in "'[{":
        if before == char and visible[0] == char:
            return None
    for char in "']}":
        if after == char and visible[-1] == char:
            return None
    if before == "\n" and visible.startswith(_LINE_START_MARKUP):
        return None
    return visible

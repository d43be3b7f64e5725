"""What a page means, as far as formatting can tell: a normalised view of its parse tree.

A formatting rule may change how a page is *written*, never what it *shows*. Before a
formatted page is accepted, :func:`first_difference` compares the semantic views of the
original and the formatted page and names the first meaningful difference, on one line;
:func:`find_difference` also says where it is in both pages.

The view is a flat sequence of keys, in text order, built in one walk of the tree:

- **links**: the target as the site normalises titles (``[[Foo_bar|x]]`` and
  ``[[ foo bar |x]]`` go to the same page), and the text shown: the label, or for a link
  without one the target *as written* (MediaWiki shows ``[[Foo_bar]]`` as "Foo_bar" and
  drops only its leading spaces), with the link trail (``[[Foo]]s``) joined to it. White
  space at the ends of the shown text counts as white space next to the link, which is
  what a reader sees. Category and interlanguage links show nothing where they stand:
  they are kept in their own lists, in source order, and the white space before them that
  MediaWiki strips (a newline and all white space after it) is dropped.
- **templates**: the name as MediaWiki compares it (the site's ``template_key``); named
  parameters by trimmed name and trimmed value (MediaWiki trims both); positional
  parameters keep every character of white space. Parser functions (``{{#if:…}}``,
  ``{{lc:…}}``, ``{{subst:…}}``) keep all their arguments exactly.
- **tags**: name and attributes (names lower-case, values with white space folded,
  quotes and spacing ignored); ``<br>``, ``<br/>``, ``<br />`` and ``</br>`` are all one
  line break. The contents of tags whose contents are wikitext (:data:`WIKITEXT_TAGS`)
  are viewed as wikitext, all others (``<pre>``, ``<nowiki>``, ``<math>``, ``<poem>``,
  ``<gallery>``, unknown tags…) exactly. Comments and entities are kept exactly.
- **visible text**, with white space folded where MediaWiki and HTML fold it: runs of
  spaces and tabs are one space; white space at the ends of a line goes (except on a
  preformatted line: one that starts with a space, or a white-space-only line right after
  one, which is kept exactly); white space around list markers (``* item`` = ``*item``)
  goes; the number of blank lines counts (``a\\n\\nb`` and ``a\\n\\n\\nb`` render
  differently) except before a heading, where MediaWiki renders 0 and 1, 2 and 3… blank
  lines alike; white space at the page end goes (MediaWiki trims it on save).

Regions between ``<!-- wikilint: format off -->`` and ``<!-- wikilint: format on -->``
must be the same byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from mwparserfromhell.nodes import Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from wikilint.page import plain_text, tag_name, wikicode_text

if TYPE_CHECKING:
    from wikilint.page import Page
    from wikilint.site import Site

#: Tags whose contents MediaWiki parses as wikitext: HTML tags the sanitizer allows and the
#: extension tags that hold wikitext. Every other tag (``<pre>``, ``<nowiki>``, ``<code>``,
#: ``<math>``, ``<poem>``, ``<gallery>``, ``<syntaxhighlight>``, unknown tags…) holds
#: content that formatting must leave exactly as it is.
WIKITEXT_TAGS = frozenset({
    "abbr", "b", "bdi", "bdo", "big", "blockquote", "caption", "center", "cite", "data", "dd", "del", "dfn", "div",
    "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "kbd", "li", "mark", "ol", "p", "q",
    "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "td",
    "th", "time", "tr", "tt", "u", "ul", "var",
    "ref", "references", "includeonly", "noinclude", "onlyinclude",
})
#: Tags that never have contents: every way of writing them is the same tag.
VOID_TAGS = frozenset({"br", "hr", "wbr"})
#: Wiki markup of list items (each a tag node in the parse tree).
LIST_MARKUP = frozenset({"*", "#", ":", ";"})

#: ``<!-- wikilint: format off -->`` and ``<!-- wikilint: format on -->``.
FORMAT_DIRECTIVE = re.compile(r"^\s*wikilint:\s*format\s+(off|on)\s*$", re.IGNORECASE)
#: What every directive holds, looked for in the whole text before any comment is read: a
#: search that starts with a literal character is some ten times faster than a
#: case-insensitive one, and ``format`` alone is in many pages (``|format=PDF``).
_DIRECTIVE_HINT = re.compile(r":\s*[Ff][Oo][Rr][Mm][Aa][Tt]\s")

#: Interwiki prefixes of sister projects and other sites: links with them show in the text,
#: unlike interlanguage links (language codes such as ``de``, ``zh-yue``, ``simple``).
_NOT_LANGUAGES = frozenset({
    "b", "c", "commons", "d", "foundation", "incubator", "m", "mail", "mediawikiwiki", "meta", "metawikimedia", "mw",
    "n", "outreach", "phab", "phabricator", "q", "s", "species", "v", "voy", "w", "wikibooks", "wikidata",
    "wikimedia", "wikinews", "wikiquote", "wikisource", "wikispecies", "wikiversity", "wikivoyage", "wikt",
    "wiktionary", "wmf",
})

# Placeholders standing for nodes in a body's text while its lines are folded (Unicode
# private-use characters; the same characters in the page text are escaped first).
_NODE, _HEADING, _LIST, _SOFT, _ESCAPED, _PRE = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004", "\ue005"
_PRIVATE = (_NODE, _HEADING, _LIST, _SOFT, _ESCAPED, _PRE)
_ESCAPE = str.maketrans({character: _ESCAPED for character in (_NODE, _HEADING, _LIST, _SOFT, _PRE)})
_PLACEHOLDER = re.compile("[\ue000-\ue002]")
#: What PHP's ``trim`` removes (MediaWiki trims named parameters, names and pages with it),
#: plus the soft space that stands for white space moved out of a link's label.
_TRIM = " \t\n\r\x0b" + _SOFT
_LINE_SPACE = re.compile("[ \t\r\x0c\ue003]+")
_AROUND_NEWLINE = re.compile("[ \t\r\x0c\ue003]*\n[ \t\r\x0c\ue003]*")
_ANY_SPACE = re.compile("[ \t\n\r\x0b\x0c\ue003]+")
_AROUND_LIST = re.compile(" ?\ue002 ?")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z]+)*|simple")

# How a body's text is viewed.
_FOLD, _INLINE, _EXACT = "fold", "inline", "exact"

Key = tuple


def is_parser_function(name: str, site: Site) -> bool:
    """Whether a ``{{…}}`` call whose name part is ``name`` calls a parser function or
    magic word (``#if:``, ``lc:``, ``subst:``, ``DISPLAYTITLE:``) rather than a template:
    its arguments are not template parameters and keep every character."""
    name = name.strip()
    if name.startswith("#"):
        return True
    prefix, colon, _ = name.partition(":")
    if not colon or not prefix.strip():  # {{Foo}}, {{:Main Page}}
        return False
    namespace = site.split_namespace(name)[0]
    return namespace is None or namespace == "interwiki"


def is_language_link(title: str, site: Site) -> bool:
    """Whether a link target (without a leading colon) is an interlanguage link, which
    shows in the sidebar rather than where it stands."""
    if site.split_namespace(title.strip())[0] != "interwiki":
        return False
    prefix = title.strip().partition(":")[0].strip().lower()
    return prefix not in _NOT_LANGUAGES and _LANGUAGE_CODE.fullmatch(prefix) is not None


def format_off_regions(page: Page) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of every ``<!-- wikilint: format off -->`` …
    ``<!-- wikilint: format on -->`` region, directives included (an ``off`` without an
    ``on`` runs to the end of the page)."""
    if _DIRECTIVE_HINT.search(page.text) is None:
        return []
    return _pair_directives(
        [(item.start, item.end, match[1].lower()) for item in page.nodes(Comment)
         if (match := FORMAT_DIRECTIVE.match(str(item.node.contents)))],
        len(page.text))


def _pair_directives(directives: list[tuple[int, int, str]], page_end: int) -> list[tuple[int, int]]:
    regions = []
    region_start = None
    for start, end, kind in directives:
        if kind == "off" and region_start is None:
            region_start = start
        elif kind == "on" and region_start is not None:
            regions.append((region_start, end))
            region_start = None
    if region_start is not None:
        regions.append((region_start, page_end))
    return regions


@dataclass
class SemanticView:
    """A page's meaning for formatting (see the module docstring): ``keys`` in text order,
    with the offset each starts at; category and interlanguage links in source order;
    the format-off regions."""

    keys: list[Key] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    categories: list[tuple[Key, int]] = field(default_factory=list)
    language_links: list[tuple[Key, int]] = field(default_factory=list)
    format_off: list[tuple[int, int]] = field(default_factory=list)


def semantic_view(page: Page) -> SemanticView:
    """The semantic view of a page (one walk of its tree)."""
    return _ViewBuilder(page).build()


@dataclass(frozen=True)
class Difference:
    """The first meaningful difference between a page and its formatted version."""

    #: One line, starting with the line of the original page it is on.
    message: str
    #: Where it is, in the original and in the formatted page (for a change inside a stretch
    #: of text, the start of the line where the texts part): what a fix loop needs to find
    #: the fix that made it.
    original_offset: int
    formatted_offset: int


def first_difference(original: Page, formatted: Page) -> str | None:
    """A one-line description of the first meaningful difference between a page and its
    formatted version, with its line, or ``None`` when they mean the same."""
    difference = find_difference(original, formatted)
    return None if difference is None else difference.message


def find_difference(original: Page, formatted: Page) -> Difference | None:
    """The first meaningful difference between a page and its formatted version, or
    ``None`` when they mean the same (see the module docstring for what counts)."""
    if original.text == formatted.text:
        return None
    before, after = semantic_view(original), semantic_view(formatted)
    if before.keys != after.keys:  # (one comparison in C first: they are nearly always equal)
        for index, (old, new) in enumerate(zip(before.keys, after.keys)):
            if old != new:
                return _change(original, before.offsets[index], old, formatted, after.offsets[index], new)
    if len(before.keys) != len(after.keys):
        return _length_change(original, list(zip(before.keys, before.offsets)), formatted,
                              list(zip(after.keys, after.offsets)), "")
    for label, old_list, new_list in (("category", before.categories, after.categories),
                                      ("interlanguage link", before.language_links, after.language_links)):
        for (old, old_offset), (new, new_offset) in zip(old_list, new_list):
            if old != new:
                return _change(original, old_offset, old, formatted, new_offset, new)
        if len(old_list) != len(new_list):
            return _length_change(original, old_list, formatted, new_list, f"{label}s: ")
    for number, (old, new) in enumerate(zip(before.format_off, after.format_off), 1):
        if original.text[old[0]:old[1]] != formatted.text[new[0]:new[1]]:
            return Difference(f"line {original.line_col(old[0])[0]}: format-off region {number} changed",
                              old[0], new[0])
    if len(before.format_off) != len(after.format_off):
        return Difference(f"the number of format-off regions changed from {len(before.format_off)} to "
                          f"{len(after.format_off)}", 0, 0)
    return None


class _Body:
    """The text of one stretch of wikitext with a placeholder per node, the keys of each
    node, and where each stretch of text between nodes starts in the page."""

    __slots__ = ("parts", "nodes", "starts")

    def __init__(self, start: int) -> None:
        self.parts: list[str] = []
        self.nodes: list[list[tuple[Key, int]]] = []
        self.starts: list[int] = [start]

    def add_node(self, placeholder: str, keys: list[tuple[Key, int]], next_start: int) -> None:
        self.parts.append(placeholder)
        self.nodes.append(keys)
        self.starts.append(next_start)

    def strip_newline_tail(self) -> None:
        """Drop trailing white space from its first newline on, as MediaWiki does before a
        category or interlanguage link (``preg_replace('/\\n\\s*$/', '', …)``)."""
        parts = self.parts
        tail: list[str] = []
        while parts:
            last = parts.pop()
            kept = last.rstrip(_TRIM + "\x0c")
            tail.append(last[len(kept):])
            if kept:
                parts.append(kept)
                break
        white = "".join(reversed(tail))
        newline = white.find("\n")
        parts.append(white if newline == -1 else white[:newline])


class _ViewBuilder:
    # The tree's nodes are read through their underlying fields (``node._title`` rather
    # than ``node.title``…), as wikilint.page does: mwparserfromhell's accessors are
    # Python properties, and this walk reads every field of every node of a page twice
    # per formatted page.

    def __init__(self, page: Page) -> None:
        self.page = page
        self.site = page.site
        #: Whether the page holds the private-use characters used as placeholders (hardly
        #: ever): its text is then escaped as it is read.
        # (Six searches for one character each take a sixth of the time of one search for
        # a character class.)
        text = page.text
        self.escape = any(character in text for character in _PRIVATE)
        self.trail = page.site.link_trail
        self.view = SemanticView()
        self.directives: list[tuple[int, int, str]] = []
        #: The key of each template name, asked of the site once per view: a page calls
        #: the same few templates over and over (its links are mostly to different pages).
        self.template_names: dict[str, Key] = {}

    def build(self) -> SemanticView:
        body = _Body(0)
        end = self._walk(self.page.tree, 0, body)
        text = _fold_lines("".join(body.parts).rstrip(_TRIM + "\x0c"), line_start=True)
        if text[:1] == "\n" and text[1:2] != "\n":
            text = text[1:]  # one blank line at the top of a page renders as none
        keys: list[tuple[Key, int]] = []
        self._finish(body, text, _EXACT, True, keys)
        view = self.view
        if keys:
            view.keys, view.offsets = map(list, zip(*keys))
        view.format_off = _pair_directives(self.directives, end)
        return view

    # -- bodies ------------------------------------------------------------------

    def _walk(self, code: Wikicode, position: int, body: _Body) -> int:
        handlers = _HANDLERS
        escape = self.escape
        trail_pattern = self.trail
        pending = None  # a link, viewed once the text after it (where its trail is) is known
        add_text = body.parts.append  # (the same list all along: strip_newline_tail edits it in place)
        for node in code._nodes:
            kind = type(node)
            taken = 0  # characters of this text node the link before it took as its trail
            if pending is not None:
                trail = ""
                if kind is Text and trail_pattern is not None:
                    match = trail_pattern.match(node._value)
                    trail = match[0] if match else ""
                position, taken = self._link(pending, position, body, trail)
                pending = None
            if kind is Text:
                value = node._value
                if taken:
                    value = value[taken:]
                    position += taken
                add_text(value.translate(_ESCAPE) if escape else value)
                position += len(value)
            elif kind is Wikilink:
                pending = node
            else:
                position = handlers.get(kind, _ViewBuilder._exact_node)(self, node, position, body)
        if pending is not None:
            position = self._link(pending, position, body, "")[0]
        return position

    def _sub(self, code: Wikicode, position: int, mode: str, keys: list[tuple[Key, int]], strip: bool = False) -> int:
        """Add the keys of a nested stretch of wikitext (a parameter, a tag's contents…) to
        ``keys``; returns where it ends."""
        nodes = code._nodes
        if len(nodes) == 1:  # (plain_text inlined: this runs for every parameter and tag)
            (only,) = nodes
            only = only._value if type(only) is Text else None
        else:
            only = None if nodes else ""
        if only is not None:  # most parameters and contents are plain text
            text = only.translate(_ESCAPE) if self.escape else only
            if strip:
                text = text.strip(_TRIM)
            if mode is _FOLD:  # (_view_text inlined)
                text = _fold_lines(text, False)
            elif mode is _INLINE:
                text = _fold_all_spaces(text)
            if text:
                keys.append((("text", text), position))
            return position + len(only)
        body = _Body(position)
        end = self._walk(code, position, body)
        text = "".join(body.parts)
        self._finish(body, text.strip(_TRIM) if strip else text, mode, False, keys)
        return end

    def _finish(self, body: _Body, text: str, mode: str, line_start: bool, keys: list[tuple[Key, int]]) -> None:
        """Add the keys of a body whose text is ``text`` (its nodes' placeholders kept) to
        ``keys``: each stretch of text between nodes, then the node's keys."""
        text = self._view_text(text, mode, line_start)
        if not body.nodes:
            if text:
                keys.append((("text", text), body.starts[0]))
            return
        starts = body.starts
        nodes = body.nodes
        for index, segment in enumerate(_PLACEHOLDER.split(text)):
            if segment:
                keys.append((("text", segment), starts[index]))
            if index < len(nodes):
                keys += nodes[index]

    @staticmethod
    def _view_text(text: str, mode: str, line_start: bool) -> str:
        if mode is _FOLD:
            return _fold_lines(text, line_start)
        if mode is _INLINE:
            return _fold_all_spaces(text)
        return text

    # -- nodes -------------------------------------------------------------------

    def _exact_node(self, node: Any, position: int, body: _Body) -> int:
        text = str(node)
        end = position + len(text)
        body.add_node(_NODE, [((type(node).__name__.lower(), text), position)], end)
        return end

    def _comment(self, node: Comment, position: int, body: _Body) -> int:
        contents = node._contents
        end = position + len(contents) + 7  # <!-- -->
        match = FORMAT_DIRECTIVE.match(contents)
        if match:
            self.directives.append((position, end, match[1].lower()))
        body.add_node(_NODE, [(("comment", contents), position)], end)
        return end

    def _link(self, node: Wikilink, position: int, body: _Body, trail: str) -> tuple[int, int]:
        """A ``[[…]]``; returns where it ends and how much of the next text it took as trail."""
        start = position
        title = plain_text(node._title)
        label = node._text
        if title is None:  # a computed target ({{…}}, {{{…}}}, a comment): compare it as written
            keys = [(("computed link",), start)]
            position = self._sub(node._title, position + 2, _EXACT, keys)
            if label is not None:
                label_keys: list[tuple[Key, int]] = []
                position = self._sub(label, position + 1, _INLINE, label_keys)
                keys.append((("label",), position))
                keys += label_keys
            position += 2
            keys.append((("/link",), position))
            body.add_node(_NODE, keys, position)
            return position, 0
        position += 2 + len(title)
        origin = title.lstrip(" ")
        colon = origin.startswith(":")
        target = origin[1:] if colon else origin
        site = self.site
        # (Most targets have no colon, so no namespace: no need to ask the site.)
        namespace = site.split_namespace(target.strip())[0] if ":" in target else None
        normalized = site.normalize_title(target)
        if not colon and (namespace == "category" or namespace == "interwiki" and is_language_link(target, site)):
            # Shown nowhere in the text: MediaWiki takes it out with the white space before it.
            sort_key = None if label is None else str(label)
            position += 2 if label is None else 3 + len(sort_key)
            listed = self.view.categories if namespace == "category" else self.view.language_links
            listed.append(((namespace or "language link", normalized, sort_key), start))
            body.strip_newline_tail()
            return position, 0
        if not colon and namespace == "file":  # an image: its options and caption, white space folded
            keys = [(("file", normalized), start)]
            if label is not None:
                position = self._sub(label, position + 1, _INLINE, keys)
            position += 2
            keys.append((("/file",), position))
            body.add_node(_NODE, keys, position)
            return position, 0
        if namespace == "media":
            trail = ""
        label_body = None
        plain_label = None if label is None else plain_text(label)
        if label is None:  # shown as written, leading spaces and colon aside
            shown = target
        elif plain_label is not None:  # (most labels: the text itself, without a walk)
            shown = plain_label.translate(_ESCAPE) if self.escape else plain_label
            position += 1 + len(plain_label)
        else:
            label_body = _Body(position + 1)
            position = self._walk(label, position + 1, label_body)
            shown = "".join(label_body.parts)
        position += 2
        shown = _fold_all_spaces(shown + (trail.translate(_ESCAPE) if self.escape else trail))
        core = shown.strip(" ")
        if shown[:1] == " ":
            body.parts.append(_SOFT)  # white space at the label's ends is white space beside the link
        if label_body is None or not label_body.nodes:
            keys = [(("link", normalized, core), start)]
        else:
            label_body.starts[0] = start
            keys = [(("link", normalized), start)]
            self._finish(label_body, core, _EXACT, False, keys)
            keys.append((("/link",), position))
        body.add_node(_NODE, keys, position + len(trail))
        if core and shown[-1:] == " ":
            body.parts.append(_SOFT)
        return position, len(trail)

    def _heading(self, node: Heading, position: int, body: _Body) -> int:
        start = position
        level = node._level
        title = plain_text(node._title)
        if title is not None:
            shown = _fold_all_spaces(title.translate(_ESCAPE) if self.escape else title).strip(" ")
            position += 2 * level + len(title)
            body.add_node(_HEADING, [(("heading", level, shown), start)], position)
            return position
        title_body = _Body(position + level)
        position = self._walk(node._title, position + level, title_body) + level
        shown = _fold_all_spaces("".join(title_body.parts)).strip(" ")
        keys = [(("heading", level), start)]
        self._finish(title_body, shown, _EXACT, False, keys)
        keys.append((("/heading",), position))
        body.add_node(_HEADING, keys, position)
        return position

    def _template_name(self, name: str) -> Key:
        """The key of a template or parser function called by a plain-text name, kept for
        the rest of the view."""
        site = self.site
        key = self.template_names[name] = (("parser function", name.strip(_TRIM)) if is_parser_function(name, site)
                                           else ("template", site.template_key(name)))
        return key

    def _template(self, node: Template, position: int, body: _Body) -> int:
        start = position
        name = plain_text(node._name)
        if name is not None:
            key = self.template_names.get(name) or self._template_name(name)
            exact = key[0] == "parser function"
            keys = [(key, start)]
            position += 2 + len(name)
        else:  # a computed name: its arguments are compared exactly
            exact = True
            keys = [(("computed template",), start)]
            position = self._sub(node._name, position + 2, _EXACT, keys, strip=True)
        positional = 0
        for param in node._params:
            position += 1
            if param._showkey:
                # ("named",) comes first but is where the name ends: its place is kept.
                named = len(keys)
                keys.append(None)
                position = self._sub(param._name, position, _EXACT, keys, strip=not exact)
                keys[named] = (("named",), position)
                position = self._sub(param._value, position + 1, _EXACT if exact else _FOLD, keys, strip=not exact)
            else:
                positional += 1
                keys.append((("positional", positional), position))
                position = self._sub(param._value, position, _EXACT, keys)
        position += 2
        keys.append((("/template",), position))
        body.add_node(_NODE, keys, position)
        return position

    def _tag(self, node: Tag, position: int, body: _Body) -> int:
        start = position
        markup = node._wiki_markup
        if markup:
            position += len(markup)
            attributes, position = self._attributes(node, position) if node._attrs else ((), position)
            position += len(node._padding or "") + len(node._wiki_style_separator or "")
            if markup in LIST_MARKUP and node._self_closing:
                body.add_node(_LIST, [(("list", markup), start)], position)
                return position
            keys = [(("wiki markup", markup, attributes), start)]
            if not node._self_closing:
                position = self._sub(node._contents, position, _FOLD, keys)
                position += len(node._closing_wiki_markup or "")
            keys.append((("/wiki markup",), position))
            body.add_node(_NODE, keys, position)
            return position
        name = tag_name(node)
        position += (2 if node._invalid else 1) + len(wikicode_text(node._tag))
        attributes, position = self._attributes(node, position) if node._attrs else ((), position)
        if node._self_closing:
            position += len(node._padding) + (1 if node._implicit else 2)
            kind = "tag" if name in VOID_TAGS else ("end tag" if node._invalid else "empty tag")
            body.add_node(_NODE, [((kind, name, attributes), start)], position)
            return position
        position += len(node._padding) + 1
        keys = [(("tag", name, attributes), start)]
        if name in WIKITEXT_TAGS:
            position = self._sub(node._contents, position, _FOLD, keys)
        else:
            raw = wikicode_text(node._contents)
            keys.append((("raw", raw), position))
            position += len(raw)
        position += 3 + len(wikicode_text(node._closing_tag))
        keys.append((("/tag",), position))
        body.add_node(_NODE, keys, position)
        return position

    @staticmethod
    def _attributes(node: Tag, position: int) -> tuple[tuple[tuple[str, str | None], ...], int]:
        attributes = []
        for attribute in node._attrs:
            name = wikicode_text(attribute._name)
            position += len(attribute._pad_first) + len(name) + len(attribute._pad_before_eq)
            if attribute._value is None:
                attributes.append((name.strip().lower(), None))
                continue
            value = wikicode_text(attribute._value)
            position += 1 + len(attribute._pad_after_eq) + 2 * len(attribute._quotes or "") + len(value)
            attributes.append((name.strip().lower(), _fold_all_spaces(value).strip(" ")))
        return tuple(attributes), position

    def _external_link(self, node: ExternalLink, position: int, body: _Body) -> int:
        start = position
        url = wikicode_text(node._url)
        if not node._brackets:
            position += len(url)
            body.add_node(_NODE, [(("url", url), start)], position)
            return position
        keys = [(("external link", url), start)]
        position += 1 + len(url)
        if node._title is not None:
            position += 0 if node.suppress_space is True else 1
            position = self._sub(node._title, position, _INLINE, keys)
        position += 1
        keys.append((("/external link",), position))
        body.add_node(_NODE, keys, position)
        return position


#: The view of each kind of node (text and links aside), as plain functions: a table of
#: the builder's bound methods would be a reference cycle (builder -> table -> method ->
#: builder) keeping the page and its whole tree alive until the cyclic collector runs,
#: which then has to scan the trees of every page formatted since.
_HANDLERS: dict[type, Callable[[_ViewBuilder, Any, int, _Body], int]] = {
    Template: _ViewBuilder._template, Tag: _ViewBuilder._tag, Heading: _ViewBuilder._heading,
    Comment: _ViewBuilder._comment, ExternalLink: _ViewBuilder._external_link, Argument: _ViewBuilder._exact_node,
    HTMLEntity: _ViewBuilder._exact_node,
}


def _fold_spaces(text: str) -> str:
    """Runs of white space within a line as one space (the regular expression only when
    there is something to fold: most text has single spaces only)."""
    if "  " in text or "\t" in text or "\r" in text or "\x0c" in text or _SOFT in text:
        return _LINE_SPACE.sub(" ", text)
    return text


def _fold_all_spaces(text: str) -> str:
    """Every run of white space, newlines included, as one space."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\x0b" in text or "\x0c" in text \
            or _SOFT in text:
        return _ANY_SPACE.sub(" ", text)
    return text


def _fold_lines(text: str, line_start: bool) -> str:
    """Fold white space as MediaWiki and HTML do, line by line (see the module docstring).

    ``line_start`` says whether the text's first line starts a line of the page (only then
    can it be preformatted); a parameter's or a tag's contents start mid-line."""
    if "\n " not in text and _HEADING not in text and not (line_start and text[:1] == " "):
        # No preformatted line and no heading (most text): fold it all at once.
        if "\n" in text:
            text = _AROUND_NEWLINE.sub("\n", text)
        text = _fold_spaces(text).strip(" ")
        return _AROUND_LIST.sub(_LIST, text) if _LIST in text else text
    lines = []
    blank_run = 0
    preformatted = False
    for number, line in enumerate(text.split("\n")):
        if line[:1] == " " and (number or line_start) and (preformatted or line.strip(_TRIM)):
            preformatted = True  # kept exactly, trailing spaces and all
            folded = _PRE + line
        else:
            preformatted = False
            folded = _fold_spaces(line).strip(" ")
            if not folded and (number or line_start):  # (a first line that starts mid-line is not blank)
                blank_run += 1
                continue
            if _LIST in folded:
                folded = _AROUND_LIST.sub(_LIST, folded)
        if blank_run:
            if folded[:1] == _HEADING:  # before a heading, 2n and 2n + 1 blank lines look alike
                blank_run -= blank_run % 2
            lines.extend([""] * blank_run)
            blank_run = 0
        lines.append(folded)
    lines.extend([""] * blank_run)
    return "\n".join(lines)


def _readable(text: str) -> str:
    text = text.replace(_PRE, "").replace(_SOFT, " ").replace(_ESCAPED, "?")
    return re.sub("[\ue000-\ue002]", "…", text)


def _shorten(text: str, width: int = 60) -> str:
    text = _readable(text)
    return text if len(text) <= width else text[:width - 1] + "…"


def _describe(key: Key) -> str:
    kind = key[0]
    if kind == "text":
        return f"text {_shorten(key[1])!r}"
    if kind == "link":
        return f"link to {key[1]!r}" + (f" showing {_shorten(key[2])!r}" if len(key) > 2 else "")
    if kind in ("template", "parser function"):
        return f"{kind} {key[1]!r}"
    if kind == "named":
        return "a named parameter"
    if kind == "positional":
        return f"positional parameter {key[1]}"
    if kind == "heading":
        return f"level-{key[1]} heading" + (f" {key[2]!r}" if len(key) > 2 else "")
    if kind in ("tag", "empty tag", "end tag"):
        return f"<{key[1]}> tag" + (f" with {dict(key[2])}" if key[2] else "")
    if kind.startswith("/"):
        return f"the end of a {kind[1:]}"
    return " ".join(_shorten(str(part)) for part in key if part is not None)


def _text_change(old: str, new: str) -> tuple[int, str]:
    """The line within a text segment where two texts part, and the change in words."""
    index = 0
    for index, (a, b) in enumerate(zip(old, new)):  # noqa: B007 - the index is the answer
        if a != b:
            break
    else:
        index = min(len(old), len(new))
    lines = old.count("\n", 0, index)
    begin = max(0, index - 20)
    return lines, f"text {_shorten(old[begin:index + 30])!r} became {_shorten(new[begin:index + 30])!r}"


def _change(original: Page, old_offset: int, old: Key, formatted: Page, new_offset: int, new: Key) -> Difference:
    line = original.line_col(old_offset)[0]
    if old[0] == "text" and new[0] == "text":
        extra, change = _text_change(old[1], new[1])
        new_line = formatted.line_col(new_offset)[0] + extra
        return Difference(f"line {line + extra}: {change}", original.offset(line + extra, 1),
                          formatted.offset(min(new_line, formatted.text.count("\n") + 1), 1))
    return Difference(f"line {line}: {_describe(old)} became {_describe(new)} "
                      f"(line {formatted.line_col(new_offset)[0]} of the formatted page)", old_offset, new_offset)


def _length_change(original: Page, old: list[tuple[Key, int]], formatted: Page, new: list[tuple[Key, int]],
                   what: str) -> Difference:
    common = min(len(old), len(new))
    if len(old) > common:
        key, offset = old[common]
        where = new[common - 1][1] if common else 0
        return Difference(f"line {original.line_col(offset)[0]}: {what}{_describe(key)} is gone", offset, where)
    key, offset = new[common]
    where = old[common - 1][1] if common else 0
    return Difference(f"line {formatted.line_col(offset)[0]} of the formatted page: {what}{_describe(key)} is new",
                      where, offset)

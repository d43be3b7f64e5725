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
    the format-off regions. (Built without offsets, for :func:`find_difference`'s first
    comparison, it has the keys alone: no offsets, category and interlanguage link keys
    without theirs, no format-off regions.)"""

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
    # The formatted page calls the same templates and links to the same pages, nearly
    # always written as they were: what was worked out for one page serves the other.
    known = _Known() if original.site is formatted.site else None
    if _same_keys(original, formatted, known):
        return None
    # They differ (or a format-off region is to be compared): the same walks once more,
    # with the offsets that say where.
    before, after = _ViewBuilder(original, known).build(), _ViewBuilder(formatted, known).build()
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


def _same_keys(original: Page, formatted: Page, known: _Known | None) -> bool:
    """Whether the views of two pages have the same keys, category keys and interlanguage
    link keys, built without offsets (nearly always the answer, and a good part cheaper
    than whole views); ``False`` also when a page has a format-off directive, whose
    regions are found by offsets."""
    views = []
    for page in (original, formatted):
        builder = _ViewBuilder(page, known, located=False)
        views.append(builder.build())
        if builder.directives:
            return False
    before, after = views
    return (before.keys == after.keys and before.categories == after.categories
            and before.language_links == after.language_links)


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


class _Known:
    """What the site says of template names and link targets, and the view of plain
    links, kept for every page viewed with it (both pages of a comparison: a page calls
    the same few templates over and over, and its formatted version links to the same
    pages, nearly always written as they were)."""

    __slots__ = ("template_names", "link_targets", "links")

    def __init__(self) -> None:
        #: The key of each template name.
        self.template_names: dict[str, Key] = {}
        #: The namespace, normalised title and whether the link is shown nowhere in the
        #: text (a category or interlanguage link), by link target (see :func:`_link_target`).
        self.link_targets: dict[str, tuple[str | None, str, bool]] = {}
        #: The view of a shown link with a plain-text target and label, by target, label
        #: and trail: whether white space comes before it, its key, whether white space
        #: comes after it, and how much of the next text it takes as its trail.
        self.links: dict[tuple[str, str | None, str], tuple[bool, Key, bool, int]] = {}


class _ViewBuilder:
    """Builds a page's :class:`SemanticView` in one walk of its tree.

    ``located=False`` leaves the offsets out: the keys (and category and interlanguage
    link keys) are the same, built without the position arithmetic, and ``offsets`` stays
    empty. That is what :func:`find_difference` compares first: offsets only say where
    two views differ, and they nearly never do. (A page with a format-off directive needs
    offsets to find its regions: ``directives`` says whether it has one.)"""

    # The tree's nodes are read through their underlying fields (``node._title`` rather
    # than ``node.title``…), as wikilint.page does: mwparserfromhell's accessors are
    # Python properties, and this walk reads every field of every node of a page twice
    # per formatted page.

    def __init__(self, page: Page, known: _Known | None = None, located: bool = True) -> None:
        self.page = page
        self.site = page.site
        self.located = located
        #: Whether the page holds the private-use characters used as placeholders (hardly
        #: ever): its text is then escaped as it is read.
        # (Six searches for one character each take a sixth of the time of one search for
        # a character class.)
        text = page.text
        self.escape = any(character in text for character in _PRIVATE)
        self.trail = page.site.link_trail
        self.view = SemanticView()
        self.directives: list[tuple[int, int, str]] = []
        known = known or _Known()
        self.template_names = known.template_names
        self.link_targets = known.link_targets
        #: (None when the page holds placeholder characters: its shown texts are escaped.)
        self.links = None if self.escape else known.links

    def build(self) -> SemanticView:
        body = _Body(0)
        end = self._walk(self.page.tree, 0, body)
        text = _fold_lines("".join(body.parts).rstrip(_TRIM + "\x0c"), line_start=True)
        if text[:1] == "\n" and text[1:2] != "\n":
            text = text[1:]  # one blank line at the top of a page renders as none
        keys: list = []
        self._finish(body, text, _EXACT, True, keys)
        view = self.view
        if not self.located:
            view.keys = keys
        elif keys:
            view.keys, view.offsets = map(list, zip(*keys))
        if self.located:
            view.format_off = _pair_directives(self.directives, end)
        return view

    # -- bodies ------------------------------------------------------------------
    # Each key is added as ``(key, offset)``, or as the key alone when the view is built
    # without offsets (``located`` false: positions are then not worked out at all).

    def _walk(self, code: Wikicode, position: int, body: _Body) -> int:
        handlers = _HANDLERS
        escape = self.escape
        located = self.located
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
                if located:
                    position += len(value)
            elif kind is Wikilink:
                pending = node
            else:
                position = handlers.get(kind, _ViewBuilder._exact_node)(self, node, position, body)
        if pending is not None:
            position = self._link(pending, position, body, "")[0]
        return position

    def _sub(self, code: Wikicode, position: int, mode: str, keys: list, strip: bool = False) -> int:
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
            if mode is _FOLD:  # (as _finish does)
                text = _fold_lines(text, False)
            elif mode is _INLINE:
                text = _fold_all_spaces(text)
            if not self.located:
                if text:
                    keys.append(("text", text))
                return position
            if text:
                keys.append((("text", text), position))
            return position + len(only)
        body = _Body(position)
        end = self._walk(code, position, body)
        text = "".join(body.parts)
        self._finish(body, text.strip(_TRIM) if strip else text, mode, False, keys)
        return end

    def _finish(self, body: _Body, text: str, mode: str, line_start: bool, keys: list) -> None:
        """Add the keys of a body whose text is ``text`` (its nodes' placeholders kept) to
        ``keys``: each stretch of text between nodes, then the node's keys."""
        if mode is _FOLD:
            text = _fold_lines(text, line_start)
        elif mode is _INLINE:
            text = _fold_all_spaces(text)
        located = self.located
        nodes = body.nodes
        if not nodes:
            if text:
                keys.append((("text", text), body.starts[0]) if located else ("text", text))
            return
        segments = _split_at_placeholders(text)  # (one more than the nodes: the text after the last)
        add = keys.append
        if located:
            starts = body.starts
            for segment, start, node_keys in zip(segments, starts, nodes):
                if segment:
                    add((("text", segment), start))
                keys += node_keys
            for segment, start in zip(segments[len(nodes):], starts[len(nodes):]):
                if segment:
                    add((("text", segment), start))
            return
        for segment, node_keys in zip(segments, nodes):
            if segment:
                add(("text", segment))
            keys += node_keys
        for segment in segments[len(nodes):]:
            if segment:
                add(("text", segment))

    # -- nodes -------------------------------------------------------------------

    def _exact_node(self, node: Any, position: int, body: _Body) -> int:
        text = str(node)
        key = (type(node).__name__.lower(), text)
        if not self.located:
            body.add_node(_NODE, [key], position)
            return position
        end = position + len(text)
        body.add_node(_NODE, [(key, position)], end)
        return end

    def _comment(self, node: Comment, position: int, body: _Body) -> int:
        contents = node._contents
        end = position + len(contents) + 7  # <!-- -->
        match = FORMAT_DIRECTIVE.match(contents)
        if match:
            self.directives.append((position, end, match[1].lower()))
        key = ("comment", contents)
        body.add_node(_NODE, [(key, position) if self.located else key], end)
        return end

    def _link(self, node: Wikilink, position: int, body: _Body, trail: str) -> tuple[int, int]:
        """A ``[[…]]``; returns where it ends and how much of the next text it took as trail."""
        located = self.located
        start = position
        title = plain_text(node._title)
        label = node._text
        plain_label = None if label is None else plain_text(label)
        seen = None
        if title is not None and (label is None or plain_label is not None) and self.links is not None:
            # A link viewed before (on this page, or on the page this one is compared with)
            # with the same target, label and trail is viewed alike.
            seen = (title, plain_label, trail)
            known_link = self.links.get(seen)
            if known_link is not None:
                space_before, key, space_after, taken = known_link
                if located:
                    position += 4 + len(title) + (0 if label is None else 1 + len(plain_label))
                if space_before:
                    body.parts.append(_SOFT)
                body.add_node(_NODE, [(key, start) if located else key], position + taken)
                if space_after:
                    body.parts.append(_SOFT)
                return position, taken
        if title is None:  # a computed target ({{…}}, {{{…}}}, a comment): compare it as written
            keys = [(("computed link",), start) if located else ("computed link",)]
            position = self._sub(node._title, position + 2 if located else position, _EXACT, keys)
            if label is not None:
                label_keys: list = []
                position = self._sub(label, position + 1 if located else position, _INLINE, label_keys)
                keys.append((("label",), position) if located else ("label",))
                keys += label_keys
            if located:
                position += 2
            keys.append((("/link",), position) if located else ("/link",))
            body.add_node(_NODE, keys, position)
            return position, 0
        if located:
            position += 2 + len(title)
        origin = title.lstrip(" ")
        colon = origin.startswith(":")
        target = origin[1:] if colon else origin
        known = self.link_targets.get(target)
        if known is None:
            known = self.link_targets[target] = _link_target(target, self.site)
        namespace, normalized, not_shown = known
        if not colon and not_shown:
            # Shown nowhere in the text: MediaWiki takes it out with the white space before it.
            sort_key = None if label is None else str(label)
            key = (namespace or "language link", normalized, sort_key)
            if located:
                position += 2 if label is None else 3 + len(sort_key)
                key = (key, start)
            (self.view.categories if namespace == "category" else self.view.language_links).append(key)
            body.strip_newline_tail()
            return position, 0
        if not colon and namespace == "file":  # an image: its options and caption, white space folded
            keys = [(("file", normalized), start) if located else ("file", normalized)]
            if label is not None:
                position = self._sub(label, position + 1 if located else position, _INLINE, keys)
            if located:
                position += 2
            keys.append((("/file",), position) if located else ("/file",))
            body.add_node(_NODE, keys, position)
            return position, 0
        if namespace == "media":
            trail = ""
        label_body = None
        if label is None:  # shown as written, leading spaces and colon aside
            shown = target
        elif plain_label is not None:  # (most labels: the text itself, without a walk)
            shown = plain_label.translate(_ESCAPE) if self.escape else plain_label
            if located:
                position += 1 + len(plain_label)
        else:
            if located:
                position += 1
            label_body = _Body(position)
            position = self._walk(label, position, label_body)
            shown = "".join(label_body.parts)
        if located:
            position += 2
        shown = _fold_all_spaces(shown + (trail.translate(_ESCAPE) if self.escape else trail))
        core = shown.strip(" ")
        space_before = shown[:1] == " "
        if space_before:
            body.parts.append(_SOFT)  # white space at the label's ends is white space beside the link
        if label_body is None or not label_body.nodes:
            key = ("link", normalized, core)
            keys = [(key, start) if located else key]
        else:
            label_body.starts[0] = start
            keys = [(("link", normalized), start) if located else ("link", normalized)]
            self._finish(label_body, core, _EXACT, False, keys)
            keys.append((("/link",), position) if located else ("/link",))
        body.add_node(_NODE, keys, position + len(trail))
        space_after = bool(core) and shown[-1:] == " "
        if space_after:
            body.parts.append(_SOFT)
        if seen is not None:
            self.links[seen] = (space_before, key, space_after, len(trail))
        return position, len(trail)

    def _heading(self, node: Heading, position: int, body: _Body) -> int:
        located = self.located
        start = position
        level = node._level
        title = plain_text(node._title)
        if title is not None:
            shown = _fold_all_spaces(title.translate(_ESCAPE) if self.escape else title).strip(" ")
            key = ("heading", level, shown)
            if not located:
                body.add_node(_HEADING, [key], position)
                return position
            position += 2 * level + len(title)
            body.add_node(_HEADING, [(key, start)], position)
            return position
        title_body = _Body(position + level)
        position = self._walk(node._title, position + level if located else position, title_body)
        if located:
            position += level
        shown = _fold_all_spaces("".join(title_body.parts)).strip(" ")
        keys = [(("heading", level), start) if located else ("heading", level)]
        self._finish(title_body, shown, _EXACT, False, keys)
        keys.append((("/heading",), position) if located else ("/heading",))
        body.add_node(_HEADING, keys, position)
        return position

    def _template(self, node: Template, position: int, body: _Body) -> int:
        located = self.located
        start = position
        name = plain_text(node._name)
        if name is not None:
            key = self.template_names.get(name)
            if key is None:
                key = self.template_names[name] = _template_name_key(name, self.site)
            exact = key[0] == "parser function"
            keys = [(key, start) if located else key]
            if located:
                position += 2 + len(name)
        else:  # a computed name: its arguments are compared exactly
            exact = True
            keys = [(("computed template",), start) if located else ("computed template",)]
            position = self._sub(node._name, position + 2 if located else position, _EXACT, keys, strip=True)
        positional = 0
        sub = self._sub
        inline = not (exact or self.escape)
        for param in node._params:
            if located:
                position += 1
            if param._showkey:
                name_nodes = param._name._nodes
                value_nodes = param._value._nodes
                if inline and len(name_nodes) == 1 and len(value_nodes) == 1:
                    (name_node,) = name_nodes  # (unpacking runs in C; indexing a SmartList runs Python code)
                    (value_node,) = value_nodes
                    if type(name_node) is Text and type(value_node) is Text:
                        # (_sub inlined for the usual plain-text name and value: this runs for
                        # every parameter of every template)
                        name_text = name_node._value
                        value_text = value_node._value
                        name_key = name_text.strip(_TRIM)
                        value_key = _fold_lines(value_text.strip(_TRIM), False)
                        if located:
                            keys.append((("named",), position + len(name_text)))
                            if name_key:
                                keys.append((("text", name_key), position))
                            position += len(name_text) + 1
                            if value_key:
                                keys.append((("text", value_key), position))
                            position += len(value_text)
                        else:
                            keys.append(("named",))
                            if name_key:
                                keys.append(("text", name_key))
                            if value_key:
                                keys.append(("text", value_key))
                        continue
                # ("named",) comes first but is where the name ends: its place is kept.
                named = len(keys)
                keys.append(None)
                position = sub(param._name, position, _EXACT, keys, strip=not exact)
                keys[named] = (("named",), position) if located else ("named",)
                position = sub(param._value, position + 1 if located else position, _EXACT if exact else _FOLD,
                               keys, strip=not exact)
            else:
                positional += 1
                keys.append((("positional", positional), position) if located else ("positional", positional))
                position = sub(param._value, position, _EXACT, keys)
        if located:
            position += 2
        keys.append((("/template",), position) if located else ("/template",))
        body.add_node(_NODE, keys, position)
        return position

    def _tag(self, node: Tag, position: int, body: _Body) -> int:
        located = self.located
        start = position
        markup = node._wiki_markup
        if markup:
            attributes = _attribute_keys(node) if node._attrs else ()
            if located:
                position += (len(markup) + (_attributes_length(node) if node._attrs else 0)
                             + len(node._padding or "") + len(node._wiki_style_separator or ""))
            if markup in LIST_MARKUP and node._self_closing:
                key = ("list", markup)
                body.add_node(_LIST, [(key, start) if located else key], position)
                return position
            key = ("wiki markup", markup, attributes)
            keys = [(key, start) if located else key]
            if not node._self_closing:
                position = self._sub(node._contents, position, _FOLD, keys)
                if located:
                    position += len(node._closing_wiki_markup or "")
            keys.append((("/wiki markup",), position) if located else ("/wiki markup",))
            body.add_node(_NODE, keys, position)
            return position
        name = tag_name(node)
        attributes = _attribute_keys(node) if node._attrs else ()
        if located:
            position += ((2 if node._invalid else 1) + len(wikicode_text(node._tag))
                         + (_attributes_length(node) if node._attrs else 0))
        if node._self_closing:
            if located:
                position += len(node._padding) + (1 if node._implicit else 2)
            key = ("tag" if name in VOID_TAGS else ("end tag" if node._invalid else "empty tag"), name, attributes)
            body.add_node(_NODE, [(key, start) if located else key], position)
            return position
        if located:
            position += len(node._padding) + 1
        key = ("tag", name, attributes)
        keys = [(key, start) if located else key]
        if name in WIKITEXT_TAGS:
            position = self._sub(node._contents, position, _FOLD, keys)
        else:
            raw = wikicode_text(node._contents)
            keys.append((("raw", raw), position) if located else ("raw", raw))
            if located:
                position += len(raw)
        if located:
            position += 3 + len(wikicode_text(node._closing_tag))
        keys.append((("/tag",), position) if located else ("/tag",))
        body.add_node(_NODE, keys, position)
        return position

    def _external_link(self, node: ExternalLink, position: int, body: _Body) -> int:
        located = self.located
        start = position
        url = wikicode_text(node._url)
        if not node._brackets:
            key = ("url", url)
            if not located:
                body.add_node(_NODE, [key], position)
                return position
            position += len(url)
            body.add_node(_NODE, [(key, start)], position)
            return position
        key = ("external link", url)
        keys = [(key, start) if located else key]
        if located:
            position += 1 + len(url)
        if node._title is not None:
            if located:
                position += 0 if node.suppress_space is True else 1
            position = self._sub(node._title, position, _INLINE, keys)
        if located:
            position += 1
        keys.append((("/external link",), position) if located else ("/external link",))
        body.add_node(_NODE, keys, position)
        return position


def _attribute_keys(tag: Tag) -> tuple[tuple[str, str | None], ...]:
    """A tag's attributes: names lower-case, values with white space folded."""
    attributes = []
    for attribute in tag._attrs:
        name = wikicode_text(attribute._name).strip().lower()
        value = attribute._value
        attributes.append((name, None if value is None else _fold_all_spaces(wikicode_text(value)).strip(" ")))
    return tuple(attributes)


def _attributes_length(tag: Tag) -> int:
    """How long a tag's attributes are written, spacing and quotes included."""
    length = 0
    for attribute in tag._attrs:
        length += len(attribute._pad_first) + len(wikicode_text(attribute._name)) + len(attribute._pad_before_eq)
        if attribute._value is not None:
            length += (1 + len(attribute._pad_after_eq) + 2 * len(attribute._quotes or "")
                       + len(wikicode_text(attribute._value)))
    return length


def _link_target(target: str, site: Site) -> tuple[str | None, str, bool]:
    """What the site says of a link target (without a leading colon): its namespace, its
    normalised title, and whether it is a category or interlanguage link (shown nowhere
    in the text)."""
    # (Most targets have no colon, so no namespace: no need to ask the site.)
    namespace = site.split_namespace(target.strip())[0] if ":" in target else None
    not_shown = namespace == "category" or namespace == "interwiki" and is_language_link(target, site)
    return namespace, site.normalize_title(target), not_shown


def _template_name_key(name: str, site: Site) -> Key:
    """The key of a template or parser function called by a plain-text name."""
    if is_parser_function(name, site):
        return ("parser function", name.strip(_TRIM))
    return ("template", site.template_key(name))


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


def _split_at_placeholders(text: str) -> list[str]:
    """The stretches of text between node placeholders (a string search, about three times
    faster than a regular expression with a class of non-ASCII characters on a page's text)."""
    if _HEADING in text:
        text = text.replace(_HEADING, _NODE)
    if _LIST in text:
        text = text.replace(_LIST, _NODE)
    return text.split(_NODE)


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

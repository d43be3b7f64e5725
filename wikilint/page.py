"""The page model: one parse per page, shared by every rule.

A :class:`Page` holds the original text, the mwparserfromhell tree parsed once from
it, the site configuration and the page title. mwparserfromhell nodes do not know
where they are in the text, so the page computes that once, on first use, for every
node (:meth:`Page.nodes`), together with each node's ancestors, which is what rules
need to decide context ("inside a ``<ref>``", "inside a template parameter").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple, TypeVar

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from wikilint.parsing import parse

if TYPE_CHECKING:
    from wikilint.site import Site
    from wikilint.suppression import Suppressions
    from wikilint.wikiindex import WikiIndex

T = TypeVar("T")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

#: Tags whose content MediaWiki shows literally (or not as wikitext at all): links,
#: refs and templates inside them are not what they look like.
LITERAL_TAGS = frozenset(
    {"nowiki", "pre", "math", "chem", "ce", "syntaxhighlight", "source", "code", "score",
     "timeline", "graph", "templatedata", "mapframe", "maplink", "hiero"}
)


def brackets_pair_up(markup: str) -> bool:
    """Whether the link and template brackets of ``markup`` pair up (``[[``/``]]``,
    ``{{``/``}}``): text a fix moves or writes out elsewhere keeps its meaning only then (a
    stray ``}}`` or ``[[`` would close or open something at its new place)."""
    return markup.count("[[") == markup.count("]]") and markup.count("{{") == markup.count("}}")


# mwparserfromhell's node attributes are Python properties over plain instance attributes
# (``Wikicode.nodes`` returns ``_nodes``, ``Text.value`` returns ``_value``). The helpers
# below and the layout walk run for every node of every page, so they read the underlying
# attributes (stable since mwparserfromhell 0.3; tests/test_page_and_site.py checks the
# layout of real pages against ``str()``): a property call costs as much as the rest.


def plain_text(code: Wikicode) -> str | None:
    """The text of ``code`` when it is one plain text node (or nothing), else ``None``:
    the usual case for a link's title or a template's name, read without ``str()``."""
    nodes = code._nodes
    if len(nodes) == 1:
        (only,) = nodes  # (unpacking runs in C; indexing a SmartList runs Python code)
        if type(only) is Text:
            return only._value
    elif not nodes:
        return ""
    return None


def wikicode_text(code: Wikicode) -> str:
    """``str(code)``, without its recursion in the usual case of one plain text node."""
    text = plain_text(code)
    return text if text is not None else str(code)


def tag_name(tag: Tag) -> str:
    """A tag's name as MediaWiki compares it: trimmed and lower-case (``<Ref >`` is ``ref``)."""
    return wikicode_text(tag._tag).strip().lower()


class TagSpans(NamedTuple):
    """Where the parts of a tag node are in the page text (see :func:`tag_spans`)."""

    #: The end of the opening tag's name and attributes (before its padding and ``>``):
    #: where a new attribute goes.
    attributes_end: int
    #: The contents' offsets, or ``None`` for a self-closing tag.
    contents_start: int | None
    contents_end: int | None


def tag_spans(located: Located) -> TagSpans:
    """The offsets of a located tag's attributes end and contents, from the lengths of its
    small parts only (its contents are not stringified). Works for HTML and extension tags
    (``<ref name=a>…</ref>``) and for wiki-markup tags (``{| class=x`` … ``|}``)."""
    tag = located.node
    if tag._wiki_markup:
        attributes_end = located.start + len(tag._wiki_markup)
    else:
        attributes_end = located.start + (2 if tag._invalid else 1) + len(wikicode_text(tag._tag))  # "<" or "</"
    pieces: list[str | Wikicode] = []
    _add_attribute_pieces(tag, pieces)
    for piece in pieces:  # (str() of each attribute would stringify its parts again)
        attributes_end += len(piece) if type(piece) is str else len(wikicode_text(piece))
    if tag._self_closing:
        return TagSpans(attributes_end, None, None)
    if tag._wiki_markup:
        contents_start = attributes_end + len(tag._padding or "") + len(tag._wiki_style_separator or "")
        return TagSpans(attributes_end, contents_start, located.end - len(tag._closing_wiki_markup or ""))
    contents_end = located.end - len(wikicode_text(tag._closing_tag)) - 3  # "</" name ">"
    return TagSpans(attributes_end, attributes_end + len(tag._padding) + 1, contents_end)


@dataclass(slots=True)
class Located:
    """A node with its place in the page text: ``text[start:end] == str(node)``.

    (Not frozen: a frozen dataclass is several times slower to create, and pages have
    hundreds of thousands of nodes. Treat it as read-only.)
    """

    node: Node
    start: int
    end: int
    #: The nodes that contain this one, outermost first.
    ancestors: tuple[Node, ...]

    def inside_tag(self, *names: str) -> bool:
        """True when an enclosing HTML/extension tag has one of ``names``."""
        wanted = {name.lower() for name in names}
        return any(isinstance(parent, Tag) and tag_name(parent) in wanted for parent in self.ancestors)

    @property
    def in_template(self) -> bool:
        """True when the node sits inside a template call (name or parameter)."""
        return any(isinstance(parent, Template) for parent in self.ancestors)

    @property
    def in_literal(self) -> bool:
        """True inside a comment or a tag whose content is not rendered as wikitext."""
        if not self.ancestors:  # most nodes stand at the top level: no generator for them
            return False
        return any(
            isinstance(parent, Comment)
            or (isinstance(parent, Tag) and tag_name(parent) in LITERAL_TAGS)
            for parent in self.ancestors
        )


class Page:
    """One page of wikitext, parsed once.

    ``text`` is the text every offset refers to (line endings already normalised to
    ``\\n`` and any byte-order mark removed by the file reader); ``tree`` is its parse.
    """

    def __init__(self, text: str, *, site: Site, title: str | None = None,
                 path: str | None = None, tree: Wikicode | None = None, index: WikiIndex | None = None,
                 checked_layout: bool = False) -> None:
        if "\x00" in text:
            # mwparserfromhell's tokenizer stops at a NUL: the tree would lose the rest.
            raise ValueError("the text contains NUL characters, which wikitext cannot hold")
        self.text = text
        self.site = site
        self.title = title
        self.path = path
        self.tree = tree if tree is not None else parse(text)
        #: The wiki index (facts about every page of the wiki a dump holds), or ``None``:
        #: only rules that declare ``needs = ("index",)`` read it, and run only with one.
        self.index = index
        #: Set by the engine before the rules run: the page's suppression directives.
        self.suppressions: Suppressions | None = None
        #: Whether the layout walk also compares the tree with the text, for
        #: :meth:`prints_back` to answer from (the engine's pages of fixed text).
        self.checked_layout = checked_layout

    # -- positions ---------------------------------------------------------------

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a code-point ``offset``."""
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def line_col_utf16(self, offset: int) -> tuple[int, int]:
        """1-based line and column counted in UTF-16 code units (what LSP clients use)."""
        line, column = self.line_col(offset)
        return line, self.utf16_column(line, column)

    def utf16_column(self, line: int, column: int) -> int:
        """A code-point column of a line, counted in UTF-16 code units instead."""
        if not self._has_astral:
            return column
        line_start = self._line_starts[line - 1]
        # Each character beyond the Basic Multilingual Plane takes two UTF-16 units.
        return column + len(_ASTRAL.findall(self.text, line_start, line_start + column - 1))

    @cached_property
    def _has_astral(self) -> bool:
        return _ASTRAL.search(self.text) is not None

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of a 1-based line and column."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start, end = self.line_span(line)
        return self.text[start:end]

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's first character and of its end (the newline)."""
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return start, end

    # -- the located tree --------------------------------------------------------

    @cached_property
    def _layout(self) -> _Layout:
        layout = _locate(self.tree, self.text if self.checked_layout else None)
        if layout.end != len(self.text):
            raise ValueError("the parse tree does not cover the page text")
        return layout

    def prints_back(self) -> bool:
        """Whether the tree prints the page's text back (``str(page.tree) == page.text``),
        without building that string.

        The layout walk (:meth:`nodes`) visits every piece of the tree's text in order, so
        it can compare them with the text on the way. A page made with
        ``checked_layout=True`` (the engine's pages of fixed text, which the engine checks
        after the rules have read them) has its layout walk do so, and answers from it: for
        the tree as it was laid out, before the rules read it (they must only read it).
        Any other page compares them now: in its layout walk when it has no layout yet (the
        layout is kept), else in a walk of its own (a tree changed since it was laid out
        is seen).
        """
        if self.checked_layout and "_layout" in self.__dict__:
            return self._layout.prints_back
        layout = _locate(self.tree, self.text)
        if layout.end == len(self.text) and "_layout" not in self.__dict__:
            self.__dict__["_layout"] = layout
        return layout.prints_back

    @cached_property
    def _located_with_text(self) -> list[Located]:
        # Text nodes are three in four of a page's nodes and few rules want them: they
        # are located in a second walk, only when a rule asks for them.
        return _locate_with_text(self.tree, self._layout.located)

    def nodes(self, *types: type[Node]) -> list[Located]:
        """Every node of the page (of the given types, if any) in text order, located.

        The lists are shared by every rule (computed once per page and per ``types``):
        do not modify them. Asking for every node or for ``Text`` nodes costs a second
        walk of the tree; ask for the types you need.
        """
        if not types:
            return self._located_with_text
        by_types = self._nodes_by_types
        if types not in by_types:
            if issubclass(Text, types):
                by_types[types] = [item for item in self._located_with_text if isinstance(item.node, types)]
            else:
                by_exact_type = self._layout.by_exact_type
                matching = [kind for kind in by_exact_type if issubclass(kind, types)]
                if len(matching) == 1:
                    by_types[types] = by_exact_type[matching[0]]
                elif not matching:
                    by_types[types] = []
                else:  # several node classes: one pass keeps text order
                    by_types[types] = [item for item in self._layout.located if isinstance(item.node, types)]
        return by_types[types]

    def tags(self, *names: str) -> list[Located]:
        """The HTML and extension tags (``<ref>``, ``<gallery>``; not wiki markup such as
        table cells) with any of ``names`` (lower-case, as :func:`tag_name` gives them),
        in text order, located. Shared by every rule: do not modify the list."""
        if len(names) == 1:
            return self._tags_by_name.get(names[0], [])
        found = [item for name in names for item in self._tags_by_name.get(name, [])]
        found.sort(key=_start_of)
        return found

    @cached_property
    def _tags_by_name(self) -> dict[str, list[Located]]:
        by_name: dict[str, list[Located]] = {}
        for item in self.nodes(Tag):
            if not item.node._wiki_markup:
                by_name.setdefault(tag_name(item.node), []).append(item)
        return by_name

    def derived(self, key: str, compute: Callable[[Page], T]) -> T:
        """A value computed from the page once and shared by every rule that asks.

        Rules of one family use it for the index they all need (``key`` should start
        with the plugin's name): ``page.derived("wikilint_references.index", build_index)``.
        """
        cache = self._derived
        if key not in cache:
            cache[key] = compute(self)
        return cache[key]

    @cached_property
    def _derived(self) -> dict[str, Any]:
        return {}

    def release(self) -> None:
        """Forget what rules derived from the page (their shared indexes and caches).

        The engine calls this when it is done with a page. A derived value that refers back
        to the page (a family's context object that keeps ``page``) forms a reference cycle
        that would keep the page and its whole tree alive until the cyclic garbage collector
        runs; without the derived values the page is freed as soon as it is dropped.
        """
        self.__dict__.pop("_derived", None)

    @cached_property
    def _nodes_by_types(self) -> dict[tuple[type[Node], ...], list[Located]]:
        return {}


def _pieces(node: Node) -> list[str | Wikicode]:
    """The node's text in order: literal markup strings and child Wikicode objects.

    Mirrors each node class's ``__str__`` so that offsets follow from lengths alone,
    without stringifying every subtree again at every level. (A list, not a generator:
    this runs for every composite node of every page.)
    """
    kind = type(node)
    if kind is Template:
        pieces: list[str | Wikicode] = ["{{", node._name]
        for param in node._params:
            if param._showkey:
                pieces += ("|", param._name, "=", param._value)
            else:
                pieces += ("|", param._value)
        pieces.append("}}")
        return pieces
    if kind is Tag:
        if node._wiki_markup:
            pieces = [node._wiki_markup]
            if node._attrs:
                _add_attribute_pieces(node, pieces)
            pieces.append((node._padding or "") + (node._wiki_style_separator or ""))
            if not node._self_closing:
                pieces += (node._contents, node._closing_wiki_markup or "")
            return pieces
        pieces = ["</" if node._invalid else "<", node._tag]
        if node._attrs:
            _add_attribute_pieces(node, pieces)
        if node._self_closing:
            pieces.append(node._padding + (">" if node._implicit else "/>"))
        else:
            pieces += (node._padding + ">", node._contents, "</", node._closing_tag, ">")
        return pieces
    if kind is Wikilink:
        if node._text is None:
            return ["[[", node._title, "]]"]
        return ["[[", node._title, "|", node._text, "]]"]
    if kind is Heading:
        return ["=" * node.level, node.title, "=" * node.level]
    if kind is ExternalLink:
        if not node.brackets:
            return [node.url]
        if node.title is None:
            return ["[", node.url, "]"]
        return ["[", node.url, "" if node.suppress_space is True else " ", node.title, "]"]
    if kind is Argument:
        if node.default is None:
            return ["{{{", node.name, "}}}"]
        return ["{{{", node.name, "|", node.default, "}}}"]
    return [str(node)]  # Text, Comment, HTMLEntity and anything unknown: an opaque string


def prints_back(tree: Wikicode, text: str) -> bool:
    """Whether ``str(tree) == text``, without building the string: the tree's pieces, in
    the order each node's ``__str__`` writes them (:func:`_pieces`), joined and compared
    with the text by the layout walk (:func:`_locate`). (``str()`` builds a string per node
    and copies it into its parent's at every level; this reads each leaf once.)"""
    return _locate(tree, text).prints_back


def _add_attribute_pieces(tag: Tag, pieces: list[str | Wikicode]) -> None:
    for attribute in tag._attrs:
        pieces += (attribute._pad_first, attribute._name, attribute._pad_before_eq)
        if attribute._value is not None:
            quotes = attribute._quotes or ""
            pieces += ("=" + attribute._pad_after_eq + quotes, attribute._value, quotes)


@dataclass(slots=True)
class _Layout:
    #: Every node but ``Text`` nodes, located, in text order.
    located: list[Located]
    by_exact_type: dict[type, list[Located]]
    #: Where the tree's text ends: the page's length when the tree covers it.
    end: int
    #: Whether the tree printed the text back (``str(tree) == text``) when the walk
    #: compared them, or ``None`` when it was not asked to.
    prints_back: bool | None = None


_new = object.__new__


def _start_of(item: Located) -> int:
    return item.start


def _locate(tree: Wikicode, text: str | None = None) -> _Layout:
    """Every node of ``tree`` but its ``Text`` nodes, with offsets and ancestors, in
    pre-order (text order), also grouped by exact node type; given ``text``, also whether
    the tree prints it back (``str(tree) == text``): the walk visits every piece of the
    tree's text in order anyway, so it keeps them and compares their concatenation with
    ``text`` at the end, instead of a second walk of the tree.

    Iterative, so that templates nested hundreds deep cannot hit the recursion limit.
    A record is made when its node is met (so that pre-order and the per-type lists come
    for free) and gets its end when the walk leaves the node. This runs over every node
    of every page: it avoids what costs (frames for plain-text children, a ``next()`` call
    per item, ``Located.__init__``: a record is made with ``object.__new__`` and its slots
    set) at some cost in shape.
    """
    located: list[Located] = []
    by_exact_type: dict[type, list[Located]] = {}
    type_of, new, text_node, wikicode, add = type, _new, Text, Wikicode, located.append
    #: The pieces of the tree's text, in order, when it is to be compared with ``text``.
    printed: list[str] = []
    keep = None if text is None else printed.append
    position = 0
    # What the walk is in: an iterator over a Wikicode's nodes or over a node's pieces,
    # the node's record (None for a Wikicode) and the ancestors of what it yields.
    iterator: Iterator = iter(tree._nodes)
    record: Located | None = None
    ancestors: tuple[Node, ...] = ()
    stack: list[tuple[Iterator, Located | None, tuple[Node, ...]]] = []
    while True:
        for item in iterator:  # left with ``break`` to descend, resumed after it
            kind = type_of(item)
            if kind is str:  # literal markup of a node
                position += len(item)
                if keep is not None:
                    keep(item)
            elif kind is text_node:
                value = item._value
                position += len(value)
                if keep is not None:
                    keep(value)
            elif kind is wikicode:  # a child of a node
                nodes = item._nodes
                if len(nodes) == 1:  # (plain_text inlined: this runs for every child)
                    (only,) = nodes
                    if type(only) is text_node:  # most children are one text node: no descent
                        value = only._value
                        position += len(value)
                        if keep is not None:
                            keep(value)
                        continue
                stack.append((iterator, record, ancestors))
                iterator, record = iter(nodes), None
                break
            else:
                end = -1  # (unknown until the walk leaves the node)
                if kind is Wikilink:  # most links' title and label are plain text: no descent
                    nodes = item._title._nodes
                    if len(nodes) == 1:
                        (only,) = nodes
                        if type(only) is text_node:
                            label = item._text
                            if label is None:
                                end = position + 4 + len(only._value)  # [[ title ]]
                                if keep is not None:
                                    printed += ("[[", only._value, "]]")
                            else:
                                nodes = label._nodes
                                if not nodes:
                                    end = position + 5 + len(only._value)  # [[ title | ]]
                                    if keep is not None:
                                        printed += ("[[", only._value, "|]]")
                                elif len(nodes) == 1:
                                    (second,) = nodes
                                    if type(second) is text_node:  # [[ title | label ]]
                                        end = position + 5 + len(only._value) + len(second._value)
                                        if keep is not None:
                                            printed += ("[[", only._value, "|", second._value, "]]")
                elif kind is Tag:  # list markers; bold and italics around plain text: no descent
                    markup = item._wiki_markup
                    if markup and not item._attrs:
                        separator = (item._padding or "") + (item._wiki_style_separator or "")
                        if item._self_closing:
                            end = position + len(markup) + len(separator)
                            if keep is not None:
                                printed += (markup, separator)
                        else:
                            nodes = item._contents._nodes
                            if len(nodes) == 1:
                                (only,) = nodes
                                if type(only) is text_node:
                                    closing = item._closing_wiki_markup or ""
                                    end = position + len(markup) + len(separator) + len(only._value) + len(closing)
                                    if keep is not None:
                                        printed += (markup, separator, only._value, closing)
                elif kind is Comment:
                    end = position + 7 + len(item._contents)  # <!-- contents -->
                    if keep is not None:
                        printed += ("<!--", item._contents, "-->")
                elif kind is HTMLEntity:
                    entity = str(item)
                    end = position + len(entity)
                    if keep is not None:
                        keep(entity)
                found = new(Located)
                found.node = item
                found.start = position
                found.end = end
                found.ancestors = ancestors
                add(found)
                same_type = by_exact_type.get(kind)
                if same_type is None:
                    by_exact_type[kind] = [found]
                else:
                    same_type.append(found)
                if end >= 0:
                    position = end
                else:  # descend; the end is set on the way out
                    stack.append((iterator, record, ancestors))
                    iterator, record, ancestors = iter(_pieces(item)), found, ancestors + (item,)
                    break
        else:  # the iterator is exhausted
            if record is not None:
                record.end = position
            if not stack:
                return _Layout(located, by_exact_type, position,
                               None if keep is None else "".join(printed) == text)
            iterator, record, ancestors = stack.pop()


def _locate_with_text(tree: Wikicode, others: list[Located]) -> list[Located]:
    """Every node of ``tree``: the records of ``others`` (from :func:`_locate`, in the
    same pre-order) merged with new records for the ``Text`` nodes (made as there)."""
    located: list[Located] = []
    add = located.append
    type_of, new, text_node, wikicode = type, _new, Text, Wikicode
    records = iter(others)
    position = 0
    iterator: Iterator = iter(tree._nodes)
    ancestors: tuple[Node, ...] = ()
    stack: list[tuple[Iterator, tuple[Node, ...]]] = []
    while True:
        for item in iterator:
            kind = type_of(item)
            if kind is str:  # literal markup of a node
                position += len(item)
                continue
            if kind is wikicode:
                nodes = item._nodes
                if len(nodes) == 1:  # most children are one text node: no descent
                    (only,) = nodes
                    if type(only) is text_node:
                        item, kind = only, text_node
                if kind is wikicode:
                    stack.append((iterator, ancestors))
                    iterator = iter(nodes)
                    break
            if kind is text_node:
                found = new(Located)
                found.node = item
                found.start = position
                position += len(item._value)
                found.end = position
                found.ancestors = ancestors
                add(found)
            else:
                found = next(records)
                add(found)
                if kind is Comment or kind is HTMLEntity:
                    position = found.end
                else:
                    stack.append((iterator, ancestors))
                    iterator, ancestors = iter(_pieces(item)), ancestors + (item,)
                    break
        else:
            if not stack:
                return located
            iterator, ancestors = stack.pop()

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
from typing import TYPE_CHECKING, Any, Callable, TypeVar

import mwparserfromhell
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

if TYPE_CHECKING:
    from wikilint.site import Site
    from wikilint.suppression import Suppressions

T = TypeVar("T")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

#: Tags whose content MediaWiki shows literally (or not as wikitext at all): links,
#: refs and templates inside them are not what they look like.
LITERAL_TAGS = frozenset(
    {"nowiki", "pre", "math", "chem", "ce", "syntaxhighlight", "source", "code", "score",
     "timeline", "graph", "templatedata", "mapframe", "maplink", "hiero"}
)


def tag_name(tag: Tag) -> str:
    """A tag's name as MediaWiki compares it: trimmed and lower-case (``<Ref >`` is ``ref``)."""
    return str(tag.tag).strip().lower()


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
                 path: str | None = None, tree: Wikicode | None = None) -> None:
        if "\x00" in text:
            # mwparserfromhell's tokenizer stops at a NUL: the tree would lose the rest.
            raise ValueError("the text contains NUL characters, which wikitext cannot hold")
        self.text = text
        self.site = site
        self.title = title
        self.path = path
        self.tree = tree if tree is not None else mwparserfromhell.parse(text, skip_style_tags=True)
        #: Set by the engine before the rules run: the page's suppression directives.
        self.suppressions: Suppressions | None = None

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
    def _located(self) -> list[Located]:
        located = locate_nodes(self.tree)
        if located and max(item.end for item in located) != len(self.text):
            raise ValueError("the parse tree does not cover the page text")
        return located

    def nodes(self, *types: type[Node]) -> list[Located]:
        """Every node of the page (of the given types, if any) in text order, located.

        The lists are shared by every rule (computed once per page and per ``types``):
        do not modify them.
        """
        if not types:
            return self._located
        by_types = self._nodes_by_types
        if types not in by_types:
            matching = [kind for kind in self._nodes_by_exact_type if issubclass(kind, types)]
            if len(matching) == 1:
                by_types[types] = self._nodes_by_exact_type[matching[0]]
            elif not matching:
                by_types[types] = []
            else:  # several node classes: one pass keeps text order
                by_types[types] = [item for item in self._located if isinstance(item.node, types)]
        return by_types[types]

    @cached_property
    def _nodes_by_exact_type(self) -> dict[type, list[Located]]:
        by_type: dict[type, list[Located]] = {}
        for item in self._located:
            kind = type(item.node)
            if kind in by_type:
                by_type[kind].append(item)
            else:
                by_type[kind] = [item]
        return by_type

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
    if kind is Wikilink:
        if node.text is None:
            return ["[[", node.title, "]]"]
        return ["[[", node.title, "|", node.text, "]]"]
    if kind is Template:
        pieces: list[str | Wikicode] = ["{{", node.name]
        for param in node.params:
            if param.showkey:
                pieces += ("|", param.name, "=", param.value)
            else:
                pieces += ("|", param.value)
        pieces.append("}}")
        return pieces
    if kind is Tag:
        pieces = []
        if node.wiki_markup:
            pieces.append(node.wiki_markup)
            _add_attribute_pieces(node, pieces)
            pieces.append((node.padding or "") + (node.wiki_style_separator or ""))
            if not node.self_closing:
                pieces += (node.contents, node.closing_wiki_markup or "")
            return pieces
        pieces += ("</" if node.invalid else "<", node.tag)
        _add_attribute_pieces(node, pieces)
        if node.self_closing:
            pieces.append(node.padding + (">" if node.implicit else "/>"))
        else:
            pieces += (node.padding + ">", node.contents, "</", node.closing_tag, ">")
        return pieces
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


def _add_attribute_pieces(tag: Tag, pieces: list[str | Wikicode]) -> None:
    for attribute in tag.attributes:
        pieces += (attribute.pad_first, attribute.name, attribute.pad_before_eq)
        if attribute.value is not None:
            quotes = attribute.quotes or ""
            pieces += ("=" + attribute.pad_after_eq + quotes, attribute.value, quotes)


_DONE = object()


def locate_nodes(tree: Wikicode) -> list[Located]:
    """Every node of ``tree`` with its offsets and ancestors, in pre-order (text order).

    Iterative, so that templates nested hundreds deep cannot hit the recursion limit.
    """
    located: list[Located | None] = []
    position = 0
    # A frame is [iterator, index in ``located`` (node frames) or -1 (Wikicode frames),
    #             the node or None, ancestors for what the iterator yields, start offset].
    stack: list[list] = [[iter(tree.nodes), -1, None, (), 0]]
    while stack:
        frame = stack[-1]
        item = next(frame[0], _DONE)
        if item is _DONE:
            stack.pop()
            node = frame[2]
            if node is not None:
                located[frame[1]] = Located(node, frame[4], position, frame[3][:-1])
            continue
        if frame[2] is None:  # a Wikicode frame: ``item`` is a node
            kind = type(item)
            if kind is Text:
                end = position + len(item.value)
                located.append(Located(item, position, end, frame[3]))
                position = end
            elif kind is Comment or kind is HTMLEntity:
                end = position + len(str(item))
                located.append(Located(item, position, end, frame[3]))
                position = end
            else:
                located.append(None)
                stack.append([iter(_pieces(item)), len(located) - 1, item, frame[3] + (item,), position])
        elif type(item) is str:  # a node frame: literal markup
            position += len(item)
        else:  # a node frame: a child Wikicode
            stack.append([iter(item.nodes), -1, None, frame[3], position])
    return located  # type: ignore[return-value]

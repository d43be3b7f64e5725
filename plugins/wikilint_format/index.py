"""What every formatting rule shares: where a page may be reformatted at all.

A formatting rule changes how a page is written, never what it shows, so it must keep
its hands off everything MediaWiki treats as content. :func:`format_index` answers, for
each page, whether an edit touches one of two sets of ranges (those of template calls,
tags and links worked out only near the places rules ask about, once each):

- **frozen** ranges, where no formatting rule edits anything: ``<!-- wikilint: format off
  -->`` … ``<!-- wikilint: format on -->`` regions (directives included), comments, tags
  whose contents are not wikitext (``<pre>``, ``<nowiki>``, ``<math>``, ``<poem>``,
  ``<gallery>``, ``<syntaxhighlight>``, ``<source>``, unknown tags…, also where the parser
  missed them), parser functions (``{{#if:…}}``, ``{{lc:…}}``: they get their arguments
  verbatim), template parameters (``{{{1}}}``) and templates that show their argument as
  code (the site's ``link-literal-templates``: ``{{tl}}``, ``{{code}}``…);
- **verbatim white space** ranges, where white space is content though markup inside
  may still be tidied (a link's target, a tag's quotes): positional template parameters
  (MediaWiki passes ``{{foo| a }}`` its spaces), the inside of HTML tags, the options and
  caption of an image, and category sort keys.

:class:`FormatRule`, the base of every rule of the family, drops any fix that would edit
a frozen range, so no rule can forget the format-off regions. Rules that change white
space ask :meth:`FormatIndex.editable_space` as well. Preformatted lines (a line that
starts with a space, and white-space-only lines that continue one) are found with
:meth:`FormatIndex.is_preformatted`.
"""

from __future__ import annotations

import bisect
import re
from operator import attrgetter
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple

from mwparserfromhell.nodes import Argument, Comment, Tag, Template, Text, Wikilink

from wikilint import (
    VOID_TAGS,
    WIKITEXT_TAGS,
    Finding,
    Rule,
    format_off_regions,
    is_language_link,
    is_parser_function,
    plain_text,
    tag_name,
    tag_spans,
)

if TYPE_CHECKING:
    from mwparserfromhell.nodes import Node
    from mwparserfromhell.nodes.extras import Parameter
    from mwparserfromhell.wikicode import Wikicode

    from wikilint import Edit, Located, Page

INDEX_KEY = "wikilint_format.index"
#: Site key (contributed by the links plugin): templates that show their argument as code.
LITERAL_TEMPLATES_KEY = "link-literal-templates"
#: Spaces and tabs: the white space formatting removes. A no-break space, an ideographic
#: space and the like are visible characters, never touched.
BLANK = " \t"


class _Ranges:
    """Sorted, merged ``[start, end)`` ranges, asked whether an edit touches one."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(ranges):
            if starts and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self.starts, self.ends = starts, ends

    def touched(self, start: int, end: int) -> bool:
        """Whether an edit of ``[start, end)`` changes text inside a range (an insertion
        at a range's edge does not)."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index >= 0:
            range_start, range_end = self.starts[index], self.ends[index]
            if start < range_end and (end > start or start > range_start):
                return True
        following = index + 1
        return following < len(self.starts) and self.starts[following] < end


    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges that reach ``[start, end]``, edges included."""
        starts, ends = self.starts, self.ends
        index = bisect.bisect_right(starts, end) - 1
        found = []
        while index >= 0 and ends[index] >= start:
            found.append((starts[index], ends[index]))
            index -= 1
        return found


#: What one node contributes to a set of ranges, asked of the page's index.
_RangesOf = Callable[["FormatIndex", "Located"], list[tuple[int, int]]]


class _NodeRanges:
    """The ranges that nodes of one kind contribute (each range within its node), worked
    out only near the places a rule asks about.

    The nodes fall into clusters (nodes whose extents overlap or touch); a question about
    ``[start, end]`` works out the ranges of the clusters that reach it, once each. A page
    has hundreds of template calls and a rule asks about a few places: most calls are
    never measured.
    """

    def __init__(self, items: list[Located], frozen_of: _RangesOf, space_of: _RangesOf) -> None:
        self._items = items
        self._frozen_of = frozen_of
        self._space_of = space_of
        starts: list[int] = []
        ends: list[int] = []
        firsts: list[int] = []  # each cluster's first node (the nodes are in text order)
        for number, item in enumerate(items):
            if starts and item.start <= ends[-1]:
                if item.end > ends[-1]:
                    ends[-1] = item.end
            else:
                starts.append(item.start)
                ends.append(item.end)
                firsts.append(number)
        firsts.append(len(items))
        self._starts, self._ends, self._firsts = starts, ends, firsts
        self._frozen: dict[int, list[tuple[int, int]]] = {}  # each cluster's, once asked for
        self._clusters: dict[tuple[int, bool], _Ranges] = {}

    def near(self, owner: FormatIndex, start: int, end: int, space: bool) -> list[tuple[int, int]]:
        """The frozen ranges (``space``: and the verbatim white space ranges) that reach
        ``[start, end]``, edges included. (``owner``, the page's index, is passed in, not
        kept: a reference back to it would be a cycle that outlives the page.)"""
        found = []
        index = bisect.bisect_right(self._starts, end) - 1
        while index >= 0 and self._ends[index] >= start:
            cluster = self._clusters.get((index, space))
            if cluster is None:
                cluster = self._clusters[index, space] = self._cluster(owner, index, space)
            found += cluster.near(start, end)
            index -= 1
        return found

    def _cluster(self, owner: FormatIndex, index: int, space: bool) -> _Ranges:
        items = self._items[self._firsts[index]:self._firsts[index + 1]]
        frozen = self._frozen.get(index)
        if frozen is None:
            frozen = self._frozen[index] = [span for item in items for span in self._frozen_of(owner, item)]
        if not space:
            return _Ranges(frozen)
        return _Ranges(frozen + [span for item in items for span in self._space_of(owner, item)])

class ParameterSpans(NamedTuple):
    """Where one parameter of a template call is: its name (for a named parameter) and
    value as ``(start, end)`` offsets."""

    param: Parameter
    name: tuple[int, int] | None
    value: tuple[int, int]


@dataclass(frozen=True, slots=True)
class TemplateSpans:
    """Where the parts of a template call are: its name, then its parameters."""

    name: tuple[int, int]
    params: tuple[ParameterSpans, ...]
    parser_function: bool


class LinkInfo(NamedTuple):
    """What a ``[[…]]`` is, read once per link: its ``title`` as written, whether it starts
    with a ``colon`` (after spaces), its ``target`` (the title without those), and its kind:
    ``category``, ``language`` (interlanguage), ``file``, ``media``, ``interwiki``, ``page``
    or ``computed`` (a title with templates or comments, left alone)."""

    kind: str
    title: str = ""
    colon: bool = False
    target: str = ""


_COMPUTED = LinkInfo("computed")
#: ``item.start`` of a :class:`~wikilint.Located`, for bisection.
_start_of = attrgetter("start")


class FormatIndex:
    """Where a page may be formatted; built once per page by :func:`format_index`.

    Each part is computed when a rule first asks for it: on a page that is already
    formatted (the second pass of ``wikilint format``) most rules find nothing to change
    and never ask whether a span is editable. The ranges that template calls, tags and
    links contribute are worked out only near the places a rule asks about (see
    :class:`_NodeRanges`).
    """

    def __init__(self, page: Page) -> None:
        self.text = page.text
        self.site = page.site
        self._page = page
        self._links: dict[str | None, LinkInfo] = {None: _COMPUTED}
        self._templates: dict[int, TemplateSpans] = {}
        #: Whether calls of a name are frozen (a computed name: ``None``, always).
        self._frozen_names: dict[str | None, bool] = {None: True}
        self._preformatted: dict[int, bool] = {}
        self._space_editable: set[tuple[int, int]] = set()

    @cached_property
    def format_off(self) -> list[tuple[int, int]]:
        """The page's :func:`~wikilint.format_off_regions`, found once for every rule."""
        return format_off_regions(self._page)

    @cached_property
    def _fixed_ranges(self) -> _Ranges:
        """The frozen ranges that need no node's name: format-off regions, comments, raw
        regions and template parameters."""
        page = self._page
        comments = [(item.start, item.end) for item in page.nodes(Comment)]
        frozen = self.format_off + comments
        frozen += _raw_regions(self.text, _Ranges(comments))
        frozen += [(item.start, item.end) for item in page.nodes(Argument)]
        return _Ranges(frozen)

    @cached_property
    def _template_ranges(self) -> _NodeRanges:
        return _NodeRanges(self._page.nodes(Template), FormatIndex._frozen_template, FormatIndex._template_space)

    @cached_property
    def _tag_ranges(self) -> _NodeRanges:
        return _NodeRanges([item for item in self._page.nodes(Tag) if not item.node._wiki_markup],
                           FormatIndex._frozen_tag, FormatIndex._tag_space)

    @cached_property
    def _link_ranges(self) -> _NodeRanges:
        return _NodeRanges([item for item in self._page.nodes(Wikilink) if item.node._text is not None],
                           _nothing, FormatIndex._link_space)

    @cached_property
    def _literal_templates(self) -> set[str]:
        site = self.site
        return {site.template_key(name) for name in site.get(LITERAL_TEMPLATES_KEY, ())}

    def _frozen_template(self, item: Located) -> list[tuple[int, int]]:
        """A parser function, or a template that shows its argument as code: all of it."""
        name = plain_text(item.node._name)
        frozen = self._frozen_names.get(name)
        if frozen is None:  # (once per name: a page calls a few templates many times)
            site = self.site
            frozen = self._frozen_names[name] = \
                is_parser_function(name, site) or site.template_key(name) in self._literal_templates
        return [(item.start, item.end)] if frozen else []

    def _template_space(self, item: Located) -> list[tuple[int, int]]:
        """The values of a template call's positional parameters (MediaWiki passes on their
        white space)."""
        if not any(not param._showkey for param in item.node._params) or self._frozen_template(item):
            return []
        # One more character on each side: text inserted at either end of the value (an
        # edge of a range otherwise allows it) joins the value.
        return [(param.value[0] - 1, param.value[1] + 1) for param in self.template_spans(item).params
                if param.name is None]

    def _frozen_tag(self, item: Located) -> list[tuple[int, int]]:
        """A tag whose contents are not wikitext (``<pre>``, ``<math>``, unknown tags)."""
        name = tag_name(item.node)
        return [(item.start, item.end)] if name not in WIKITEXT_TAGS and name not in VOID_TAGS else []

    def _tag_space(self, item: Located) -> list[tuple[int, int]]:
        """The inside of an HTML tag (its name and attributes)."""
        tag = item.node
        name = tag_name(tag)
        if name not in WIKITEXT_TAGS and name not in VOID_TAGS:
            return []  # frozen
        if tag._self_closing:  # (``<br />``, ``<ref name="a" />``: all of it)
            return [(item.start, item.end)]
        return [(item.start, tag_spans(item).contents_start)]

    def _link_space(self, item: Located) -> list[tuple[int, int]]:
        """A category's sort key, an image's options and caption."""
        link = item.node
        title = plain_text(link._title)
        if title is None or ":" not in title:
            return []  # a computed title, or a page in the main namespace (most links)
        info = self.link_info(link)
        if info.kind in ("category", "language", "file"):
            label_start = item.start + 3 + len(info.title)
            return [(label_start - 1, item.end - 1)]
        return []

    def _touched(self, start: int, end: int, space: bool) -> bool:
        """Whether an edit of ``[start, end)`` touches a frozen range (``space``: or a
        verbatim white space range), as :meth:`_Ranges.touched` over all of them would say.

        That answer depends only on the ranges that reach ``[start, end]``, edges
        included: those are gathered from each kind of range and asked together."""
        near = self._near(start, end, space)
        if not near:
            return False
        if len(near) == 1:  # (the usual answer, without sorting and merging)
            ((range_start, range_end),) = near
            if range_start <= start:
                return start < range_end and (end > start or start > range_start)
            return range_start < end
        return _Ranges(near).touched(start, end)

    def _near(self, start: int, end: int, space: bool) -> list[tuple[int, int]]:
        """The frozen ranges (``space``: and the verbatim white space ranges) that reach
        ``[start, end]``, edges included."""
        near = self._fixed_ranges.near(start, end)
        near += self._template_ranges.near(self, start, end, space)
        near += self._tag_ranges.near(self, start, end, space)
        if space:
            near += self._link_ranges.near(self, start, end, space)
        return near

    def editable(self, start: int, end: int) -> bool:
        """Whether any formatting rule may replace ``text[start:end]``."""
        # (What a rule found editable_space needs no second look: a verbatim white space
        # range is not frozen, and every frozen range is one.)
        return (start, end) in self._space_editable or not self._touched(start, end, False)

    def editable_space(self, start: int, end: int) -> bool:
        """Whether a rule may change the white space of ``text[start:end]`` (nothing there
        is frozen, and white space there is not content)."""
        if self._touched(start, end, True):
            return False
        self._space_editable.add((start, end))
        return True

    def editable_spaces(self, edits: Iterable[Edit], start: int, end: int) -> bool:
        """Whether :meth:`editable_space` holds for every edit, all within ``[start, end]``
        (a template call's): the ranges near that span are gathered once for all of them.
        (Those include every range near each edit, and ranges that reach no edit change
        nothing of the answer for it.)"""
        near = _Ranges(self._near(start, end, True))
        for edit in edits:
            if near.touched(edit.start, edit.end):
                return False
            self._space_editable.add((edit.start, edit.end))
        return True

    def template_spans(self, item: Located) -> TemplateSpans:
        """The offsets of a located template call's name and parameters."""
        spans = self._templates.get(item.start)
        if spans is not None:
            return spans
        template = item.node
        length = self._length
        position = item.start + 2
        name = template._name
        name_span = (position, position + length(name, position))
        position = name_span[1]
        params = []
        for param in template._params:
            position += 1  # "|"
            name_part = None
            if param._showkey:
                name_part = (position, position + length(param._name, position))
                position = name_part[1] + 1  # "="
            value_end = position + length(param._value, position)
            params.append(ParameterSpans(param, name_part, (position, value_end)))
            position = value_end
        plain = plain_text(name)
        spans = TemplateSpans(name_span, tuple(params), plain is None or is_parser_function(plain, self.site))
        self._templates[item.start] = spans
        return spans

    def _length(self, code: Wikicode, start: int) -> int:
        """``len(str(code))`` for ``code`` that starts at ``start``, from the lengths of its
        nodes (located for the page), without stringifying nested templates at every level."""
        nodes = code._nodes
        if len(nodes) == 1:
            (only,) = nodes
            if type(only) is Text:  # (most parts of a call are one text node)
                return len(only._value)
        total = 0
        for node in nodes:
            total += len(node._value) if type(node) is Text else self._extent(node, start + total)
        return total

    def _extent(self, node: Node, start: int) -> int:
        """The length of a node (not a text node) that starts at ``start``: its record is
        found by its offset among the page's nodes of its type (a few nodes of a type may
        start at one offset: a table's first row and cell)."""
        located = self._page.nodes(type(node))
        number = bisect.bisect_left(located, start, key=_start_of)
        while located[number].node is not node:
            number += 1
        found = located[number]
        return found.end - found.start

    def link_info(self, link: Wikilink) -> LinkInfo:
        """What a ``[[…]]`` is (computed once per title)."""
        title = plain_text(link._title)
        info = self._links.get(title)
        if info is None:
            if ":" not in title:  # (most links) no namespace, no interwiki prefix
                info = LinkInfo("page", title, False, title.lstrip(" "))
            else:
                origin = title.lstrip(" ")
                colon = origin.startswith(":")
                target = origin[1:] if colon else origin
                namespace = self.site.split_namespace(target.strip())[0]
                if namespace == "interwiki":
                    kind = "language" if not colon and is_language_link(target, self.site) else "interwiki"
                elif namespace in ("category", "file") and colon:
                    kind = "page"  # [[:Category:X]] links to the category page
                else:
                    kind = namespace if namespace in ("category", "file", "media") else "page"
                info = LinkInfo(kind, title, colon, target)
            self._links[title] = info
        return info

    def is_preformatted(self, line_start: int) -> bool:
        """Whether the line starting at ``line_start`` is preformatted (MediaWiki shows it in
        a ``<pre>`` box, white space and all): it starts with a space and holds more than
        white space, or it is white space only, starts with a space and follows such a line."""
        text = self.text
        known = self._preformatted
        blank_lines = []  # white-space-only lines: preformatted if the line above them is
        start = line_start
        while True:
            if text[start:start + 1] != " ":
                result = False
                break
            if start in known:
                result = known[start]
                break
            end = text.find("\n", start)
            if text[start:end if end != -1 else len(text)].strip(BLANK):
                result = True
                break
            blank_lines.append(start)
            if start == 0:
                result = False
                break
            start = text.rfind("\n", 0, start - 1) + 1
        for start in blank_lines:
            known[start] = result
        known[line_start] = result
        return result


#: Extension tags whose contents MediaWiki takes out before it reads anything else.
#: (Case-insensitive after the ``<`` only: a search that starts with a literal character
#: skips from one ``<`` to the next instead of trying every position.)
_RAW_TAG = re.compile(
    r"<(?i:(nowiki|pre|poem|math|chem|ce|syntaxhighlight|source|score|timeline|graph|templatedata|mapframe|maplink"
    r"|hiero|gallery|imagemap|inputbox|categorytree|charinsert)(?=[\s/>])[^>]*>)")


def _raw_regions(text: str, comments: _Ranges) -> list[tuple[int, int]]:
    """``<pre>`` … ``</pre>`` and the like, found in the text as MediaWiki finds them.

    The parse tree has them too, but the parser can miss one that MediaWiki sees (a
    ``<poem>`` holding ``</br>`` is left as text): then whatever looks like markup inside
    must not be touched either. An unclosed one runs to the end of the page."""
    regions = []
    position = 0
    while True:
        opening = _RAW_TAG.search(text, position)
        if opening is None:
            return regions
        if opening[0].endswith("/>") or comments.touched(opening.start(), opening.start() + 1):
            position = opening.end()
            continue
        closing = re.compile(rf"</{opening[1]}\s*>", re.IGNORECASE).search(text, opening.end())
        end = len(text) if closing is None else closing.end()
        regions.append((opening.start(), end))
        position = end


def _nothing(index: FormatIndex, item: Located) -> list[tuple[int, int]]:
    return []


#: The white space around the parts of a template call.
WHITE = " \t\n"


def leading_space(text: str, start: int, end: int) -> tuple[int, int]:
    """The white space at the start of ``text[start:end]``, as offsets."""
    stop = start
    while stop < end and text[stop] in WHITE:
        stop += 1
    return start, stop


def trailing_space(text: str, start: int, end: int) -> tuple[int, int]:
    """The white space at the end of ``text[start:end]``, as offsets."""
    begin = end
    while begin > start and text[begin - 1] in WHITE:
        begin -= 1
    return begin, end


def separators_of(text: str, spans: TemplateSpans) -> list[tuple[int, int]]:
    """The white space before each ``|`` of a template call and before its ``}}``: it ends
    the name or the value before it."""
    return [trailing_space(text, *spans.name)] + [trailing_space(text, *param.value) for param in spans.params]


def is_multiline_call(text: str, spans: TemplateSpans, separators: list[tuple[int, int]] | None = None) -> bool:
    """Whether a template call is laid out over several lines: a ``|`` or its ``}}`` starts
    a line (a newline inside a value does not count). ``separators``: the call's
    :func:`separators_of`, when the caller has them already."""
    if separators is None:
        separators = separators_of(text, spans)
    if any("\n" in text[start:stop] for start, stop in separators):
        return True
    return any("\n" in text[slice(*leading_space(text, *param.name))] for param in spans.params
               if param.name is not None)


def format_index(page: Page) -> FormatIndex:
    """The page's :class:`FormatIndex`, shared by every formatting rule."""
    return page.derived(INDEX_KEY, FormatIndex)


@dataclass(frozen=True, slots=True)
class BlankLines:
    """The blank lines right above a line: how many, where the first starts, and the line
    above them (``content_start`` is -1 when only blank lines stand above)."""

    count: int
    start: int
    content_start: int
    #: Whether a blank line holds spaces or tabs.
    has_blanks: bool


def blank_lines_above(text: str, line_start: int) -> BlankLines:
    """The white-space-only lines right above the line that starts at ``line_start``."""
    count = 0
    position = line_start
    has_blanks = False
    while position > 0:
        previous_start = text.rfind("\n", 0, position - 1) + 1
        line = text[previous_start:position - 1]
        if line.strip(BLANK):
            return BlankLines(count, position, previous_start, has_blanks)
        count += 1
        has_blanks = has_blanks or bool(line)
        position = previous_start
    return BlankLines(count, 0, -1, has_blanks)


def line_start_of(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


class FormatRule(Rule):
    """Base of the formatting rules: safe fixes only, and never inside a frozen range.

    Subclasses write :meth:`format` instead of ``check``; findings whose fix would touch a
    frozen range (a format-off region, a comment, ``<pre>``…) are dropped here.
    """

    kind = "format"
    severity = "info"
    fix_applicability = "safe"

    def check(self, page: Page) -> Iterator[Finding]:
        index = format_index(page)
        for finding in self.format(page, index):
            fix = finding.fix
            if fix is not None and all(index.editable(edit.start, edit.end) for edit in fix.edits):
                yield finding

    def format(self, page: Page, index: FormatIndex) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

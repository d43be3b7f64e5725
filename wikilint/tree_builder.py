"""wikilint's own builder of mwparserfromhell trees from the C tokenizer's tokens.

mwparserfromhell parses in two steps: its C tokenizer turns the text into a flat list of
tokens (dicts such as ``TemplateOpen()``, ``Text(text="a")``), and its pure-Python
``Builder`` turns the tokens into nodes. The builder is some 80 % of a parse: a generic
dispatch per token, a ``Token.__getattr__`` per field read, ``Wikicode(SmartList(...))``
and a property setter (``parse_anything``, validation) per attribute of every node.

:func:`build` makes the same tree from the same tokens, cheaper: the tokens are read
once, front to back, through one shared iterator; text tokens (most of them) are turned
into ``Text`` nodes inline; each node is made without its constructor, with the same
attributes, in the same order, that the constructor gives it (``vars(node)`` is equal);
``SmartList`` and ``Wikicode`` are made without their Python-level ``__new__``/``__init__``.
The nodes are mwparserfromhell's own classes, so every property, setter and method
(``template.add``, ``node.value = ...``, ``wikicode.replace``) works on them as usual.

The checks the constructors make are kept where the tokens could fail them (quote
characters, paddings, heading levels, an unquoted attribute value with spaces): the
builder never decides a case differently, it gives up. On any token stream it does not
expect (:class:`Unexpected`, or any error) the caller parses again with the stock parser,
which then builds or raises exactly as it always does.

The grammar below is the one of mwparserfromhell 0.7.2's tokenizer and builder;
:mod:`wikilint.parsing` uses this module only with a version it was verified against.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.parser import tokens as t
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

__all__ = ["Unexpected", "build"]


class Unexpected(Exception):
    """The tokens are not what this builder knows: parse with the stock parser instead."""


_new = object.__new__
_new_list = list.__new__
_append = list.append  # SmartList's own append is Python code that keeps its slices in step
_has_space = re.compile(r"\s").search  # \s is str.isspace, character by character


def _smart_list() -> SmartList:
    """``SmartList()`` without its Python-level ``__new__`` (a new list has no slices)."""
    nodes = _new_list(SmartList)
    nodes._children = {}
    return nodes


def _wikicode(nodes: SmartList) -> Wikicode:
    """``Wikicode(nodes)`` without its Python-level constructor."""
    code = _new(Wikicode)
    code._nodes = nodes
    return code


def _smart_list_of(node: Any) -> SmartList:
    nodes = _smart_list()
    _append(nodes, node)
    return nodes


def _text(value: str) -> Text:
    node = _new(Text)
    node._value = value
    return node


def _collect(tokens: Iterator[t.Token], nodes: SmartList) -> t.Token | None:
    """Append the nodes of the tokens that follow to ``nodes`` up to the first token that
    no node starts with (a separator, a close); return that token (None at the end)."""
    text_token, text_node, new, append = t.Text, Text, _new, _append
    for token in tokens:
        kind = type(token)
        if kind is text_token:
            node = new(text_node)
            node._value = token["text"]
            append(nodes, node)
        else:
            make = _MAKERS.get(kind)
            if make is None:
                return token
            append(nodes, make(tokens, token))
    return None


def build(tokens: list[t.Token]) -> Wikicode:
    """The tree of a token list from the C tokenizer (raises :class:`Unexpected`, or
    another error, when the tokens are not as expected)."""
    stream = iter(tokens)
    nodes = _smart_list()
    if _collect(stream, nodes) is not None:
        raise Unexpected("a stray closing token at the top level")
    return _wikicode(nodes)


def _template(tokens: Iterator[t.Token], opener: t.Token) -> Template:
    # {{name|a|k=v}}: the name runs to the first separator or the close; each parameter
    # runs from a separator to the next separator or the close.
    current = _smart_list()
    stop = _collect(tokens, current)
    name = None
    params: list[Parameter] = []
    position = 1  # the name of the next parameter without one
    while True:
        kind = type(stop)
        if kind is t.TemplateParamSeparator:
            if not params:
                name = _wikicode(current)
            param, stop = _parameter(tokens, position)
            params.append(param)
            if not param._showkey:
                position += 1
        elif kind is t.TemplateClose:
            if not params:
                name = _wikicode(current)
            node = _new(Template)
            node._name = name
            node._params = params
            return node
        else:
            raise Unexpected(kind.__name__)


def _parameter(tokens: Iterator[t.Token], position: int) -> tuple[Parameter, t.Token]:
    key, value, _, stop = _split(tokens, t.TemplateParamEquals, (t.TemplateParamSeparator, t.TemplateClose))
    param = _new(Parameter)
    # A positional key is a number, which Parameter's showkey check always allows.
    param._name = key if key is not None else _wikicode(_smart_list_of(_text(str(position))))
    param._value = value
    param._showkey = key is not None
    return param, stop


def _split(tokens: Iterator[t.Token], separator: type, closes: tuple[type, ...]
           ) -> tuple[Wikicode | None, Wikicode, t.Token | None, t.Token]:
    """A node's parts on either side of its separator token (``[[title|text]]``, ``k=v``),
    up to one of its closing tokens: the part before the last separator (None without
    one), the part after it, that separator token, and the closing token."""
    before = last_separator = None
    current = _smart_list()
    while True:
        stop = _collect(tokens, current)
        kind = type(stop)
        if kind is separator:
            before, last_separator, current = _wikicode(current), stop, _smart_list()
        elif kind in closes:
            return before, _wikicode(current), last_separator, stop
        else:
            raise Unexpected(kind.__name__)


def _argument(tokens: Iterator[t.Token], opener: t.Token) -> Argument:
    name, default, _, _ = _split(tokens, t.ArgumentSeparator, (t.ArgumentClose,))
    node = _new(Argument)
    node._name, node._default = (default, None) if name is None else (name, default)
    return node


def _wikilink(tokens: Iterator[t.Token], opener: t.Token) -> Wikilink:
    title, text, _, _ = _split(tokens, t.WikilinkSeparator, (t.WikilinkClose,))
    node = _new(Wikilink)
    node._title, node._text = (text, None) if title is None else (title, text)
    return node


def _external_link(tokens: Iterator[t.Token], opener: t.Token) -> ExternalLink:
    url, title, separator, _ = _split(tokens, t.ExternalLinkSeparator, (t.ExternalLinkClose,))
    node = _new(ExternalLink)
    node._url, node._title = (title, None) if url is None else (url, title)
    node._brackets = bool(opener.get("brackets"))
    # A plain attribute, not a property; the last separator says whether a space was left out.
    node.suppress_space = separator is not None and separator.get("suppress_space") is True
    return node


def _entity(tokens: Iterator[t.Token], opener: t.Token) -> HTMLEntity:
    # &name; is Start Text End; &#65; is Start Numeric Text End; &#x41; is
    # Start Numeric(char) Hex Text End.
    token = next(tokens)
    named, hexadecimal, hex_char = True, False, "x"
    if type(token) is t.HTMLEntityNumeric:
        named = False
        token = next(tokens)
        if type(token) is t.HTMLEntityHex:
            hexadecimal, hex_char = True, token.get("char")
            token = next(tokens)
    end = next(tokens)
    if type(token) is not t.Text or type(end) is not t.HTMLEntityEnd:
        raise Unexpected("an entity that is not text and an end")
    node = _new(HTMLEntity)
    node._value = str(token["text"])
    node._named = named
    node._hexadecimal = hexadecimal
    node._hex_char = hex_char
    return node


def _heading(tokens: Iterator[t.Token], opener: t.Token) -> Heading:
    current = _smart_list()
    stop = _collect(tokens, current)
    level = int(opener.get("level"))
    if type(stop) is not t.HeadingEnd or not 1 <= level <= 6:
        raise Unexpected("a heading without its end, or of a level Heading refuses")
    node = _new(Heading)
    node._title = _wikicode(current)
    node._level = level
    return node


def _comment(tokens: Iterator[t.Token], opener: t.Token) -> Comment:
    current = _smart_list()
    if type(_collect(tokens, current)) is not t.CommentEnd:
        raise Unexpected("a comment without its end")
    node = _new(Comment)
    node._contents = "".join([str(child) for child in current])  # Comment keeps a str
    return node


def _padding(value: Any) -> str:
    """A padding as the setters of Tag and Attribute store it (they refuse non-space)."""
    if not value:
        return ""
    value = str(value)
    if not value.isspace():
        raise Unexpected("a padding that is not whitespace")
    return value


def _attribute(tokens: Iterator[t.Token], start: t.Token) -> tuple[Attribute, t.Token]:
    # name="value": TagAttrStart(paddings) name TagAttrEquals TagAttrQuote value, ending
    # at the next attribute's start or the tag's '>' or '/>'.
    name = None
    quotes = None
    current = _smart_list()
    while True:
        stop = _collect(tokens, current)
        kind = type(stop)
        if kind is t.TagAttrEquals:
            name = _wikicode(current)
            current = _smart_list()
        elif kind is t.TagAttrQuote:
            quotes = stop.get("char")
        elif kind is t.TagAttrStart or kind is t.TagCloseOpen or kind is t.TagCloseSelfclose:
            break
        else:
            raise Unexpected(kind.__name__)
    if name:  # an empty name (as in '<p ="x">') leaves the whole as a name without value
        value = _wikicode(current)
    else:
        name, value = _wikicode(current), None
    quotes = str(quotes) if quotes else None
    if quotes not in (None, '"', "'"):
        raise Unexpected("a quote character Attribute refuses")
    if quotes is None and value is not None and any(
            isinstance(node, Text) and _has_space(node._value) for node in value._nodes):
        raise Unexpected("an unquoted value with spaces, which Attribute refuses")
    attribute = _new(Attribute)
    attribute._name = name
    attribute._quotes = quotes
    attribute._value = value
    attribute._pad_first = _padding(start.get("pad_first"))
    attribute._pad_before_eq = _padding(start.get("pad_before_eq"))
    attribute._pad_after_eq = _padding(start.get("pad_after_eq"))
    return attribute, stop


def _tag(tokens: Iterator[t.Token], opener: t.Token) -> Tag:
    # <name attrs>contents</closing>: TagOpenOpen name [attributes] TagCloseOpen contents
    # TagOpenClose closing TagCloseClose; <name attrs/> ends at TagCloseSelfclose instead.
    wiki_markup = opener.get("wiki_markup")
    closing_wiki_markup = wiki_markup
    wiki_style_separator = None
    padding = None
    implicit = False
    attributes: list[Attribute] = []
    tag = contents = closing = None
    current = _smart_list()
    stop = _collect(tokens, current)
    while True:
        kind = type(stop)
        if kind is t.TagAttrStart:
            attribute, stop = _attribute(tokens, stop)
            attributes.append(attribute)
            continue
        if kind is t.TagCloseOpen:
            wiki_style_separator = stop.get("wiki_markup")
            padding = stop.get("padding") or ""
            tag, current = current, _smart_list()
        elif kind is t.TagOpenClose:
            closing_wiki_markup = stop.get("wiki_markup")
            contents, current = current, _smart_list()
        elif kind is t.TagCloseSelfclose:
            closing_wiki_markup = stop.get("wiki_markup")
            tag = current
            self_closing = True
            padding = stop.get("padding") or ""
            implicit = stop.get("implicit") or False
            break
        elif kind is t.TagCloseClose:
            self_closing = False
            closing = current
            break
        else:
            raise Unexpected(kind.__name__)
        stop = _collect(tokens, current)
    if tag is None or padding is None:
        raise Unexpected("a tag without a name or its '>'")
    node = _new(Tag)
    node._tag = name = _wikicode(tag)
    node._closing_tag = name if closing is None else _wikicode(closing)
    node._contents = _wikicode(contents if contents is not None else _smart_list())
    node._attrs = attributes
    markup = str(wiki_markup) if wiki_markup else None
    if closing_wiki_markup is None:
        node._closing_wiki_markup = markup
    else:
        node._closing_wiki_markup = str(closing_wiki_markup) if closing_wiki_markup else None
    node._wiki_markup = markup
    node._self_closing = self_closing
    node._invalid = bool(opener.get("invalid"))
    node._implicit = bool(implicit)
    node._padding = _padding(padding)
    node._wiki_style_separator = str(wiki_style_separator) if wiki_style_separator else None
    return node


#: What each opening token starts: a function of (the shared token iterator, the token).
_MAKERS = {
    t.TemplateOpen: _template,
    t.ArgumentOpen: _argument,
    t.WikilinkOpen: _wikilink,
    t.ExternalLinkOpen: _external_link,
    t.HTMLEntityStart: _entity,
    t.HeadingStart: _heading,
    t.CommentStart: _comment,
    t.TagOpenOpen: _tag,
}

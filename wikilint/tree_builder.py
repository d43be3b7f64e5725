"""wikilint's own builder of mwparserfromhell trees from the C tokenizer's tokens.

mwparserfromhell parses in two steps: its C tokenizer turns the text into a flat list of
tokens (dicts such as ``TemplateOpen()``, ``Text(text="a")``), and its pure-Python
``Builder`` turns the tokens into nodes. The builder is some 80 % of a parse: a generic
dispatch per token, a ``Token.__getattr__`` per field read, ``Wikicode(SmartList(...))``
and a property setter (``parse_anything``, validation) per attribute of every node.

:func:`build` makes the same tree from the same tokens, cheaper: one loop reads the
tokens front to back, with no function call per node or per part of a node (text
tokens, about half of them, become ``Text`` nodes in three lines); each node is made
without its constructor, with the same attributes, in the same order, that the
constructor gives it (``vars(node)`` is equal); ``SmartList`` and ``Wikicode`` are made
without their Python-level ``__new__``/``__init__``; a token's fields are read with
``dict.get`` (``Token.__getattr__`` would make a bound method per read), and only from
tokens that have fields. The tokens are freed as they are read (:func:`_chunks`), which
keeps the parse's memory small and warm. The nodes are
mwparserfromhell's own classes, so every property, setter and method (``template.add``,
``node.value = ...``, ``wikicode.replace``) works on them as usual.

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
# A token's field: Token.get would go through Token.__getattr__ and make a bound method.
_get = dict.get
#: Tokens per chunk that :func:`_chunks` takes out of the token list at a time.
_CHUNK = 512
#: The tokens of an entity that more of its tokens follow.
_ENTITY_OPENING = (t.HTMLEntityStart, t.HTMLEntityNumeric, t.HTMLEntityHex)
_has_space = re.compile(r"\s").search  # \s is str.isspace, character by character


def build(tokens: list[t.Token]) -> Wikicode:
    """The tree of a token list from the C tokenizer (raises :class:`Unexpected`, or
    another error, when the tokens are not as expected). The list is emptied: its tokens
    are freed as they are read (the caller re-tokenizes the text when it must fall back).

    One loop over the tokens, front to back: the nodes of the part being read (a name, a
    parameter's value, a tag's contents) go to ``nodes``; ``frame`` is the construct the
    part belongs to, a list: the class of the token that opened it, the frame and the
    ``nodes`` of the construct around it (so a closed construct's node goes back to its
    parent's list without a stack), then what is known of the construct so far (see each
    opening token below). An opening token starts a frame and a list; a separator ends one
    part of the construct and starts the next; a closing token makes the node, returns to
    the frame around and appends the node to its list. A token the construct does not
    expect there raises :class:`Unexpected`, as the stock builder raises.
    """
    # (Names as locals: this loop runs for every token of every page.)
    type_of, text_token, text_node, new, new_list, append = type, t.Text, Text, _new, _new_list, _append
    smart_list, wikicode, get = SmartList, Wikicode, _get
    param_separator, param_equals, template_open, template_close = (
        t.TemplateParamSeparator, t.TemplateParamEquals, t.TemplateOpen, t.TemplateClose)
    wikilink_open, wikilink_separator, wikilink_close = t.WikilinkOpen, t.WikilinkSeparator, t.WikilinkClose
    tag_open_open, tag_close_open, tag_open_close, tag_close_close, tag_close_selfclose = (
        t.TagOpenOpen, t.TagCloseOpen, t.TagOpenClose, t.TagCloseClose, t.TagCloseSelfclose)
    attr_start = t.TagAttrStart
    nodes = new_list(smart_list)
    nodes._children = {}
    frame: list[Any] = [None, None, None]  # the top level
    for chunk in _chunks(tokens):
        stream = iter(chunk)
        for token in stream:
            kind = type_of(token)
            if kind is text_token:  # about half of the tokens
                node = new(text_node)
                node._value = token["text"]
                append(nodes, node)
                continue
            # The most frequent tokens first. A branch that completes a node sets ``node``
            # and falls through to the end; the others continue with the next token.
            if kind is param_separator or kind is template_close:
                # {{name|a|k=v}}: the name runs to the first separator; each parameter from a
                # separator to the next separator or the close.
                if frame[0] is not template_open:
                    raise Unexpected(kind.__name__)
                part = new(wikicode)
                part._nodes = nodes
                template = frame[3]
                if template is None:  # the name
                    template = new(Template)
                    template._name = part
                    template._params = []
                    frame[3] = template
                else:
                    key = frame[4]
                    param = new(Parameter)
                    if key is None:
                        # A positional key is a number, which Parameter's showkey check allows.
                        position = frame[5]
                        frame[5] = position + 1
                        number = new(text_node)
                        number._value = str(position)
                        key_nodes = new_list(smart_list)
                        key_nodes._children = {}
                        append(key_nodes, number)
                        key = new(wikicode)
                        key._nodes = key_nodes
                        param._name = key
                        param._value = part
                        param._showkey = False
                    else:
                        frame[4] = None
                        param._name = key
                        param._value = part
                        param._showkey = True
                    template._params.append(param)
                if kind is param_separator:
                    nodes = new_list(smart_list)
                    nodes._children = {}
                    continue
                node = template
            elif kind is param_equals:
                if frame[0] is not template_open or frame[3] is None:  # not in a parameter
                    raise Unexpected(kind.__name__)
                key = new(wikicode)
                key._nodes = nodes
                frame[4] = key  # (after an earlier '=', this one's part is the key: as stock)
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is wikilink_open:
                frame = [wikilink_open, frame, nodes, None]  # the part before the last separator
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is wikilink_close:
                if frame[0] is not wikilink_open:
                    raise Unexpected(kind.__name__)
                part = new(wikicode)
                part._nodes = nodes
                node = new(Wikilink)
                title = frame[3]
                node._title, node._text = (part, None) if title is None else (title, part)
            elif kind is tag_open_open:
                # the opener's wiki markup and invalid flag (most openers have no fields), the
                # attributes, the name's nodes, the padding, the separator of wiki markup, the
                # closing wiki markup, the contents' nodes
                if token:
                    markup, invalid = get(token, "wiki_markup"), get(token, "invalid")
                else:
                    markup = invalid = None
                frame = [tag_open_open, frame, nodes, markup, invalid, [], None, None, None, None, None]
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is tag_close_open or kind is tag_close_selfclose:  # the '>' or '/>' of an opening tag
                if frame[0] is attr_start:
                    frame, nodes = _end_attribute(frame, nodes)
                if frame[0] is not tag_open_open:
                    raise Unexpected(kind.__name__)
                frame[6] = nodes
                if token:  # (most '/>' have no fields)
                    frame[7] = get(token, "padding") or ""
                    markup = get(token, "wiki_markup")
                else:
                    frame[7] = ""
                    markup = None
                if kind is tag_close_selfclose:  # <name attrs/>
                    frame[9] = markup
                    node = _tag(frame, None, True, bool(token) and bool(get(token, "implicit")))
                    frame, nodes = frame[1], frame[2]
                    append(nodes, node)
                    continue
                frame[8] = markup
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is tag_open_close:  # </ of <name>contents</name>
                if frame[0] is not tag_open_open:
                    raise Unexpected(kind.__name__)
                frame[9] = get(token, "wiki_markup") if token else None
                frame[10] = nodes
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is tag_close_close:  # the closing tag's >
                if frame[0] is not tag_open_open:
                    raise Unexpected(kind.__name__)
                node = _tag(frame, nodes, False, False)
            elif kind is wikilink_separator:
                if frame[0] is not wikilink_open:
                    raise Unexpected(kind.__name__)
                part = new(wikicode)
                part._nodes = nodes
                frame[3] = part  # (after an earlier separator, the part between is lost: as stock)
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is template_open:
                frame = [template_open, frame, nodes, None, None, 1]  # the template, the key, the next position
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is attr_start:  # an attribute's start, after the tag's name or another attribute
                if frame[0] is attr_start:
                    frame, nodes = _end_attribute(frame, nodes)
                if frame[0] is not tag_open_open:
                    raise Unexpected(kind.__name__)
                frame = [attr_start, frame, nodes, token, None, None]  # the start, the name, the quotes
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is t.TagAttrEquals:  # name=value
                if frame[0] is not attr_start:
                    raise Unexpected(kind.__name__)
                name = new(wikicode)
                name._nodes = nodes
                frame[4] = name
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is t.TagAttrQuote:
                if frame[0] is not attr_start:
                    raise Unexpected(kind.__name__)
                frame[5] = get(token, "char")
                continue
            elif kind is t.ExternalLinkOpen or kind is t.HeadingStart or kind is t.CommentStart \
                    or kind is t.ArgumentOpen:
                frame = [kind, frame, nodes, token, None, None]  # the opener, the part before the last separator, it
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is t.ExternalLinkSeparator or kind is t.ArgumentSeparator:  # [url title], {{{name|default}}}
                if frame[0] is not (t.ExternalLinkOpen if kind is t.ExternalLinkSeparator else t.ArgumentOpen):
                    raise Unexpected(kind.__name__)
                part = new(wikicode)
                part._nodes = nodes
                frame[4] = part  # (after an earlier separator, the part between is lost: as stock)
                frame[5] = token
                nodes = new_list(smart_list)
                nodes._children = {}
                continue
            elif kind is t.ExternalLinkClose:
                if frame[0] is not t.ExternalLinkOpen:
                    raise Unexpected(kind.__name__)
                node = _external_link(frame, nodes)
            elif kind is t.HTMLEntityStart:  # read at once
                append(nodes, _entity(stream))
                continue
            elif kind is t.HeadingEnd:
                if frame[0] is not t.HeadingStart:
                    raise Unexpected(kind.__name__)
                level = int(get(frame[3], "level"))
                if not 1 <= level <= 6:
                    raise Unexpected("a heading of a level Heading refuses")
                node = new(Heading)
                node._title = title = new(wikicode)
                title._nodes = nodes
                node._level = level
            elif kind is t.CommentEnd:
                if frame[0] is not t.CommentStart:
                    raise Unexpected(kind.__name__)
                node = new(Comment)
                node._contents = "".join([str(child) for child in nodes])  # Comment keeps a str
            elif kind is t.ArgumentClose:
                if frame[0] is not t.ArgumentOpen:
                    raise Unexpected(kind.__name__)
                part = new(wikicode)
                part._nodes = nodes
                node = new(Argument)
                name = frame[4]
                node._name, node._default = (part, None) if name is None else (name, part)
            else:
                raise Unexpected(kind.__name__)
            frame, nodes = frame[1], frame[2]
            append(nodes, node)
    if frame[0] is not None:
        raise Unexpected(f"{frame[0].__name__} without its close")
    code = new(wikicode)
    code._nodes = nodes
    return code


def _chunks(tokens: list[t.Token]) -> Iterator[list[t.Token]]:
    """The tokens front to back in chunks, taken out of ``tokens`` (which ends empty): a
    chunk's tokens are freed once read, while they are still in the processor's cache and
    while the tree is being made from memory they free, instead of all at once at the end
    (the token list is often larger than the tree). An entity's tokens stay in one chunk
    (:func:`_entity` reads them at once)."""
    tokens.reverse()  # the next chunk is at the end: taking it moves nothing
    while tokens:
        cut = max(len(tokens) - _CHUNK, 0)
        # tokens[cut] is the chunk's last token: not one that an entity's tokens follow
        while cut and (type(tokens[cut]) in _ENTITY_OPENING
                       or cut + 1 < len(tokens) and type(tokens[cut + 1]) in _ENTITY_OPENING):
            cut -= 1
        chunk = tokens[cut:]
        del tokens[cut:]
        chunk.reverse()
        yield chunk


def _entity(tokens: Iterator[t.Token]) -> HTMLEntity:
    # &name; is Start Text End; &#65; is Start Numeric Text End; &#x41; is
    # Start Numeric(char) Hex Text End.
    token = next(tokens)
    named, hexadecimal, hex_char = True, False, "x"
    if type(token) is t.HTMLEntityNumeric:
        named = False
        token = next(tokens)
        if type(token) is t.HTMLEntityHex:
            hexadecimal, hex_char = True, _get(token, "char")
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


def _wikicode(nodes: SmartList) -> Wikicode:
    """``Wikicode(nodes)`` without its Python-level constructor."""
    code = _new(Wikicode)
    code._nodes = nodes
    return code


def _external_link(frame: list[Any], nodes: SmartList) -> ExternalLink:
    _, _, _, opener, url, separator = frame
    node = _new(ExternalLink)
    if url is None:
        node._url, node._title = _wikicode(nodes), None
    else:
        node._url, node._title = url, _wikicode(nodes)
    node._brackets = bool(_get(opener, "brackets"))
    # A plain attribute, not a property; the last separator says whether a space was left out.
    node.suppress_space = separator is not None and _get(separator, "suppress_space") is True
    return node


def _padding(value: Any) -> str:
    """A padding as the setters of Tag and Attribute store it (they refuse non-space)."""
    if not value:
        return ""
    value = str(value)
    if not value.isspace():
        raise Unexpected("a padding that is not whitespace")
    return value


def _end_attribute(frame: list[Any], nodes: SmartList) -> tuple[list[Any], SmartList]:
    """Add the attribute of an attribute frame to its tag's frame; the tag's frame and the
    list of the tag's name, where the reading goes on."""
    tag_frame = frame[1]
    tag_frame[5].append(_attribute(frame, nodes))
    return tag_frame, frame[2]


def _attribute(frame: list[Any], nodes: SmartList) -> Attribute:
    """The attribute of an attribute frame (``name="value"``: TagAttrStart(paddings) name
    TagAttrEquals TagAttrQuote value), ended by the next attribute's start or the tag's
    ``>`` or ``/>``; ``nodes`` are the last part's."""
    _, _, _, start, name, quotes = frame
    if name:  # an empty name (as in '<p ="x">') leaves the whole as a name without value
        value = _wikicode(nodes)
    else:
        name, value = _wikicode(nodes), None
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
    attribute._pad_first = _padding(_get(start, "pad_first"))
    attribute._pad_before_eq = _padding(_get(start, "pad_before_eq"))
    attribute._pad_after_eq = _padding(_get(start, "pad_after_eq"))
    return attribute


def _tag(frame: list[Any], closing: SmartList | None, self_closing: bool, implicit: bool) -> Tag:
    """The tag of a tag frame (``<name attrs>contents</closing>``: TagOpenOpen name
    [attributes] TagCloseOpen contents TagOpenClose closing TagCloseClose; ``<name
    attrs/>`` ends at TagCloseSelfclose instead), at its end."""
    (_, _, _, wiki_markup, invalid, attributes, name_nodes, padding, wiki_style_separator,
     closing_wiki_markup, contents) = frame
    if name_nodes is None or padding is None:
        raise Unexpected("a tag without a name or its '>'")
    node = _new(Tag)
    node._tag = name = _new(Wikicode)
    name._nodes = name_nodes
    if closing is None:
        node._closing_tag = name
    else:
        node._closing_tag = closing_name = _new(Wikicode)
        closing_name._nodes = closing
    if contents is None:
        contents = _new_list(SmartList)
        contents._children = {}
    node._contents = code = _new(Wikicode)
    code._nodes = contents
    node._attrs = attributes
    markup = str(wiki_markup) if wiki_markup else None
    if closing_wiki_markup is None:
        node._closing_wiki_markup = markup
    else:
        node._closing_wiki_markup = str(closing_wiki_markup) if closing_wiki_markup else None
    node._wiki_markup = markup
    node._self_closing = self_closing
    node._invalid = bool(invalid)
    node._implicit = bool(implicit)
    node._padding = _padding(padding)
    node._wiki_style_separator = str(wiki_style_separator) if wiki_style_separator else None
    return node

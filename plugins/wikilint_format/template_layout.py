"""FMT006: one ``| name = value`` a line in multi-line template calls."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Iterator

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

from wikilint import Edit, Finding, Fix, Page, plain_text

from wikilint_format.index import (
    WHITE,
    FormatIndex,
    FormatRule,
    TemplateSpans,
    leading_space,
    separators_of,
)

if TYPE_CHECKING:
    from mwparserfromhell.nodes import Node
    from mwparserfromhell.nodes.extras import Parameter


class TemplateLayout(FormatRule):
    """Multi-line template call not laid out one ``| name = value`` a line.

    A call written over several lines (an infobox, a navbox, a long citation) reads best
    with one parameter a line, each as ``| name = value``, and ``}}`` on a line of its own;
    that is the layout the big wikis' infobox documentation gives to copy, and the most
    common one in the corpus's English pages (2,863 of 7,606 parameter lines; the rest
    spread over ``|name=value``, ``|name = value`` and ``| name=value``). MediaWiki trims
    named parameters' names and values, so only white space that MediaWiki ignores changes:

    - a call written on one line stays on one line, untouched;
    - positional parameters keep every character (MediaWiki passes ``{{foo| a }}`` its
      spaces), and a named parameter right after one keeps its line;
    - the order of parameters never changes, nor anything inside a value (a value that
      starts on the line below its ``=`` keeps doing so);
    - ``align_equals`` lines the ``=`` signs up: ``"keep"`` (the default) keeps calls that
      are aligned aligned (padded to the longest name) and others not; ``"never"``,
      ``"always"``, or ``"infoboxes"`` (calls of templates whose name starts with
      "Infobox").

    Parser functions, templates that show code, and calls with a computed name or
    parameter name are left alone.

    **Bad**

    ```wikitext
    {{Infobox settlement|name=Paris
    |country  =France
    | population= 2,102,650 }}
    ```

    **Good**

    ```wikitext
    {{Infobox settlement
    | name = Paris
    | country = France
    | population = 2,102,650
    }}
    ```
    """

    code = "FMT006"
    name = "template-layout"
    options = {"align_equals": "keep"}
    option_choices = {"align_equals": ("keep", "never", "always", "infoboxes")}

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        for item in page.nodes(Template):
            template = item.node
            if text.find("\n", item.start, item.end) == -1 or not any(param._showkey for param in template._params):
                continue  # one line, or no named parameter: nothing to lay out
            name = plain_text(template._name)
            if name is None or "\n" in name.strip():
                continue
            # The parts' white space read from the call's nodes, without the offsets of its
            # parts (nearly every call of a formatted page needs no change: that is all).
            parts = _parts_from_nodes(name, template._params)
            changes = None if parts is None else self._changes(name, *parts)
            if parts is not None and not changes:
                continue
            spans = index.template_spans(item)
            if spans.parser_function:
                continue
            edits = None if changes is None else _edits(changes, spans, text)
            if edits is None:  # the nodes could not be read, or were read wrong: read the text
                parts = _parts_from_text(text, spans)
                changes = None if parts is None else self._changes(name, *parts)
                edits = _edits(changes, spans, text) if changes else None
                if not edits:
                    continue
            if index.editable_spaces(edits, item.start, item.end):
                yield Finding(item.start, item.end, "lay the template call out one `| name = value` a line",
                              Fix(tuple(edits), "lay out the template call"))

    def _changes(self, name: str, separators: list[str], keys: list[str | None],
                 leads: list[str | None]) -> list[Change] | None:
        """What to change to lay a call out, as ``(part, number, written, wanted)``: the
        white space of one part of parameter ``number`` (``_SEPARATOR``: the one before its
        ``|``, or before ``}}`` after the last parameter). ``None``: leave the call alone.

        From the texts of the call's parts: ``separators`` (the white space that ends the
        name and each value), ``keys`` (each parameter's name as written, ``None`` for a
        positional one) and ``leads`` (the white space that starts each value, ``None`` for
        a value that is white space only)."""
        names = []
        key_leads: list[str | None] = []  # the white space before each name
        multiline = "\n" in "".join(separators)
        for key in keys:
            if key is None:
                key_leads.append(None)
                continue
            stripped = key.strip()
            if "\n" in stripped or not stripped:
                return None
            names.append(stripped)
            lead = key[:len(key) - len(key.lstrip(WHITE))]
            key_leads.append(lead)
            multiline = multiline or "\n" in lead
        if not multiline:
            return None  # a one-line call stays on one line
        width = self._alignment(name, separators, keys, names)
        changes: list[Change] = []
        previous_named = True  # the template's name is trimmed like a named value
        for number, key in enumerate(keys):
            if previous_named and separators[number] != "\n":
                changes.append((_SEPARATOR, number, separators[number], "\n"))
            if key is None:
                previous_named = False
                continue
            previous_named = True
            key_lead = key_leads[number]
            core = key[len(key_lead):].rstrip(WHITE)
            if key_lead != " ":
                changes.append((_KEY_LEAD, number, key_lead, " "))
            padding = " " * (width - len(core) + 1 if width else 1)
            written = key[len(key_lead) + len(core):]
            if written != padding:
                changes.append((_PADDING, number, written, padding))
            value_lead = leads[number]
            if value_lead is not None:  # (an empty value is only the separator after it)
                wanted = "\n" if "\n" in value_lead else " "
                if value_lead != wanted:
                    changes.append((_VALUE_LEAD, number, value_lead, wanted))
        if previous_named and separators[-1] != "\n":
            changes.append((_SEPARATOR, len(keys), separators[-1], "\n"))
        return changes

    def _alignment(self, name: str, separators: list[str], keys: list[str | None], names: list[str]) -> int:
        """The width to pad names to so that the ``=`` signs line up, or 0."""
        choice = self.options["align_equals"]
        longest = max(len(name) for name in names)
        if choice == "always":
            return longest
        if choice == "infoboxes":
            return longest if name.strip().lower().startswith("infobox") else 0
        if choice == "never":
            return 0
        # The names that start a line, with the column of their "=".
        lines = [(separators[number], key) for number, key in enumerate(keys) if key is not None
                 and "\n" in separators[number]]
        if len(lines) < 2 or not any(len(key) - len(key.rstrip(WHITE)) > 1 for _, key in lines):
            return 0  # not padded (nearly every call)
        columns = [len(before) - before.rindex("\n") + len(key) for before, key in lines]
        shared = Counter(columns).most_common(1)[0][1]
        return longest if shared * 2 >= len(columns) and shared >= 2 else 0


#: The parts of a call whose white space :meth:`TemplateLayout._changes` may change.
_SEPARATOR, _KEY_LEAD, _PADDING, _VALUE_LEAD = "separator", "key lead", "padding", "value lead"
#: A change: ``(part, parameter number, white space written, white space wanted)``.
Change = tuple[str, int, str, str]
#: What :meth:`TemplateLayout._changes` reads of a call: the white space that ends its name
#: and each value, each parameter's name as written (``None``: positional), and the white
#: space that starts each value (``None``: the value is white space only).
Parts = tuple[list[str], list["str | None"], list["str | None"]]
#: ``nodes[index]`` of a SmartList (a list) without its ``__getitem__``, written in Python.
_item = list.__getitem__
#: Nodes whose text starts with markup, never with white space.
_STARTS_WITH_MARKUP = (Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Wikilink)
#: Nodes whose text always ends with markup (``}}``, ``]]``, ``-->``, ``;``, ``=``).
_ENDS_WITH_MARKUP = (Argument, Comment, HTMLEntity, Heading, Template, Wikilink)


def _ends_with_markup(node: Node) -> bool:
    kind = type(node)
    if kind in _ENDS_WITH_MARKUP:
        return True
    if kind is Tag:  # "<…>" or "…</name>"; wiki markup: its closing markup ("''", "|}"), if any
        if not node._wiki_markup:
            return True
        closing = node._closing_wiki_markup
        return not node._self_closing and bool(closing) and closing[-1] not in WHITE
    if kind is ExternalLink:  # "[…]", or a bare URL: it ends where white space starts
        if node._brackets:
            return True
        url = node._url._nodes
        if not url:
            return False
        last = _item(url, -1)
        return last._value[-1:] not in WHITE if type(last) is Text else _ends_with_markup(last)
    return False


def _parts_from_nodes(name: str, params: list[Parameter]) -> Parts | None:
    """The texts :meth:`TemplateLayout._changes` reads, from the nodes of a call (no
    offsets needed): the edges of each value come from its first and last nodes. ``None``
    when they cannot be read there (white space that runs over two nodes, a computed
    parameter name): the caller reads them from the page text."""
    separators = [name[len(name.rstrip(WHITE)):]]
    keys: list[str | None] = []
    leads: list[str | None] = []
    for param in params:
        if param._showkey:
            key = plain_text(param._name)
            if key is None:
                return None
            keys.append(key)
        else:
            keys.append(None)
        nodes = param._value._nodes
        if len(nodes) == 1:
            (first,) = nodes  # (unpacking and list.__getitem__ skip SmartList's own, in Python)
            last = first
        elif nodes:
            first, last = _item(nodes, 0), _item(nodes, -1)
        else:
            leads.append(None)
            separators.append("")
            continue
        if type(first) is Text:
            value = first._value
            content = value.lstrip(WHITE)
            if content:
                lead = value[:len(value) - len(content)]
            elif first is last:  # white space only
                leads.append(None)
                separators.append(value)
                continue
            elif isinstance(_item(nodes, 1), _STARTS_WITH_MARKUP):
                lead = value
            else:
                return None
        elif isinstance(first, _STARTS_WITH_MARKUP):
            lead = ""
        else:
            return None
        if type(last) is Text:
            value = last._value
            content = value.rstrip(WHITE)
            if content:
                separator = value[len(content):]
            elif len(nodes) > 1 and _ends_with_markup(_item(nodes, -2)):
                separator = value
            else:
                return None
        elif _ends_with_markup(last):
            separator = ""
        else:
            return None
        leads.append(lead)
        separators.append(separator)
    return separators, keys, leads


def _parts_from_text(text: str, spans: TemplateSpans) -> Parts | None:
    """The texts :meth:`TemplateLayout._changes` reads, from the offsets of the call's
    parts. ``None`` for a call with a computed parameter name (left alone)."""
    keys: list[str | None] = []
    leads: list[str | None] = []
    for param in spans.params:
        if param.name is None:
            keys.append(None)
        elif plain_text(param.param._name) is None:
            return None
        else:
            keys.append(text[param.name[0]:param.name[1]])
        value_start, value_end = param.value
        lead_end = leading_space(text, value_start, value_end)[1]
        leads.append(text[value_start:lead_end] if lead_end < value_end else None)
    return [text[start:end] for start, end in separators_of(text, spans)], keys, leads


def _edits(changes: list[Change], spans: TemplateSpans, text: str) -> list[Edit] | None:
    """The edits that make ``changes`` to a call whose parts are at ``spans``; ``None``
    when the page text there is not the white space the change was decided on (an edit
    only ever replaces exactly what :meth:`TemplateLayout._changes` read)."""
    params = spans.params
    edits = []
    for part, number, written, wanted in changes:
        if part is _SEPARATOR:  # it ends the name or the value before the "|"
            end = spans.name[1] if number == 0 else params[number - 1].value[1]
            start = end - len(written)
        elif part is _PADDING:
            end = params[number].name[1]
            start = end - len(written)
        else:
            param = params[number]
            start = param.value[0] if part is _VALUE_LEAD else param.name[0]
            end = start + len(written)
        if text[start:end] != written:
            return None
        edits.append(Edit(start, end, wanted))
    return edits

"""FMT006: one ``| name = value`` a line in multi-line template calls."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from mwparserfromhell.nodes import Template

from wikilint import Edit, Finding, Fix, Page, plain_text

from wikilint_format.index import (
    WHITE,
    FormatIndex,
    FormatRule,
    TemplateSpans,
    is_multiline_call,
    leading_space,
    separators_of,
)


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
            spans = index.template_spans(item)
            if spans.parser_function:
                continue
            edits = self._layout(text, spans, name, item.end)
            if edits and all(index.editable_space(edit.start, edit.end) for edit in edits):
                yield Finding(item.start, item.end, "lay the template call out one `| name = value` a line",
                              Fix(tuple(edits), "lay out the template call"))

    def _layout(self, text: str, spans: TemplateSpans, name: str, end: int) -> list[Edit] | None:
        params = spans.params
        names = []
        for param in params:
            if param.name is not None:
                key = text[param.name[0]:param.name[1]]
                if plain_text(param.param._name) is None or "\n" in key.strip() or not key.strip():
                    return None
                names.append(key.strip())
        separators = separators_of(text, spans)
        if not is_multiline_call(text, spans, separators):
            return None  # a one-line call stays on one line
        width = self._alignment(text, spans, separators, names)
        edits: list[Edit] = []
        previous_named = True  # the template's name is trimmed like a named value
        for number, param in enumerate(params):
            if previous_named:
                _replace(edits, text, separators[number], "\n")
            if param.name is None:
                previous_named = False
                continue
            previous_named = True
            key_start, key_end = param.name
            lead = leading_space(text, key_start, key_end)
            key = text[lead[1]:key_end].rstrip(WHITE)
            _replace(edits, text, lead, " ")
            padding = " " * (width - len(key) + 1 if width else 1)
            _replace(edits, text, (lead[1] + len(key), key_end), padding)
            value_start, value_end = param.value
            value_lead = leading_space(text, value_start, value_end)
            if value_lead[1] < value_end:  # (an empty value is only the separator after it)
                _replace(edits, text, value_lead, "\n" if "\n" in text[value_lead[0]:value_lead[1]] else " ")
        if previous_named:
            _replace(edits, text, separators[-1], "\n")
        return edits

    def _alignment(self, text: str, spans: TemplateSpans, separators: list[tuple[int, int]],
                   names: list[str]) -> int:
        """The width to pad names to so that the ``=`` signs line up, or 0."""
        choice = self.options["align_equals"]
        longest = max(len(name) for name in names)
        if choice == "always":
            return longest
        if choice == "infoboxes":
            return longest if text[spans.name[0]:spans.name[1]].strip().lower().startswith("infobox") else 0
        if choice == "never":
            return 0
        columns = []
        padded = False
        for number, param in enumerate(spans.params):
            before = text[separators[number][0]:separators[number][1]]
            if param.name is None or "\n" not in before:
                continue
            key_start, key_end = param.name
            key = text[key_start:key_end]
            columns.append(len(before) - before.rindex("\n") + len(key))
            padded = padded or len(key) - len(key.rstrip(WHITE)) > 1
        if len(columns) < 2 or not padded:
            return 0
        shared = Counter(columns).most_common(1)[0][1]
        return longest if shared * 2 >= len(columns) and shared >= 2 else 0


def _replace(edits: list[Edit], text: str, span: tuple[int, int], wanted: str) -> None:
    if text[span[0]:span[1]] != wanted:
        edits.append(Edit(span[0], span[1], wanted))


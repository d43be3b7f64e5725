"""FMT005: no spaces around a template's name (``{{ Foo }}``)."""

from __future__ import annotations

from typing import Iterator

from mwparserfromhell.nodes import Template

from wikilint import Edit, Finding, Fix, Page, plain_text

from wikilint_format.index import FormatIndex, FormatRule, is_multiline_call


class TemplateNameSpacing(FormatRule):
    """Template name written with spaces around it (``{{ Citation needed }}``).

    MediaWiki trims everything before the first ``|`` of a ``{{…}}`` call, so
    ``{{ Citation needed }}`` is ``{{Citation needed}}``; editors write names without the
    spaces (only 9 of the corpus's 25,326 calls have one after ``{{``). The rule removes them.
    The end of the name of a call laid out over several lines (``{{Infobox person`` on a
    line of its own) is layout, which ``template-layout`` looks after. Parser functions and
    templates that show their argument as code are left alone.

    **Bad**

    ```wikitext
    Paris is large.{{ Citation needed }} It is old.{{ Citation needed|date=May 2024}}
    ```

    **Good**

    ```wikitext
    Paris is large.{{Citation needed}} It is old.{{Citation needed|date=May 2024}}
    ```
    """

    code = "FMT005"
    name = "template-name-spacing"

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        for item in page.nodes(Template):
            name = plain_text(item.node._name)
            if not name or not name[0].isspace() and not name[-1].isspace() or not name.strip():
                continue  # a computed name, no space around it (most calls), or an empty name
            core = name.strip()
            lead = len(name) - len(name.lstrip())
            trail = name[lead + len(core):]
            edits = []
            name_start = item.start + 2
            if lead:
                edits.append(Edit(name_start, name_start + lead, ""))
            if trail and "\n" not in trail and not (text.find("\n", item.start, item.end) != -1  # (one line)
                                                   and is_multiline_call(text, index.template_spans(item))):
                name_end = name_start + len(name)
                edits.append(Edit(name_end - len(trail), name_end, ""))
            if edits:
                yield Finding(item.start, name_start + len(name), f"write the template name as {{{{{core}}}}}",
                              Fix(tuple(edits), "remove the spaces around the template name"))

"""FMT007: one space before the ``/>`` of a self-closing tag (``<references />``)."""

from __future__ import annotations

from typing import Iterator

from mwparserfromhell.nodes import Tag

from wikilint import VOID_TAGS, WIKITEXT_TAGS, Finding, Fix, Page, tag_name

from wikilint_format.index import FormatIndex, FormatRule


class SelfClosingTagSpacing(FormatRule):
    """Self-closing tag written without a space before its ``/>`` (``<references/>``).

    ``<references/>`` and ``<references />``, ``<ref name="a"/>`` and ``<ref name="a" />``
    are the same tags. One space before ``/>`` is the form Parsoid writes when it saves a
    VisualEditor edit (``<references />``, ``<ref name=":0" />``), so it is what the big
    wikis' pages converge on; the corpus's older revisions still mix both (895 self-closing
    refs with the space, 2,157 without; 19 and 25 reference lists). It also keeps the ``/``
    apart from an unquoted value (``name=a/``). Line breaks (``<br/>``) follow
    ``br-style``; tags whose contents are not wikitext are left alone.

    **Bad**

    ```wikitext
    Text.<ref name="a"/>
    <references/>
    ```

    **Good**

    ```wikitext
    Text.<ref name="a" />
    <references />
    ```
    """

    code = "FMT007"
    name = "self-closing-tag-spacing"

    def format(self, page: Page, index: FormatIndex) -> Iterator[Finding]:
        text = page.text
        if "/>" not in text:
            return
        for item in page.nodes(Tag):
            if text[item.end - 2:item.end] != "/>":
                continue  # (most tags: a cheaper look than the node's)
            tag = item.node
            if tag.wiki_markup or not tag.self_closing or tag.implicit or tag.invalid:
                continue
            name = tag_name(tag)
            if name not in WIKITEXT_TAGS and name not in VOID_TAGS or (name == "br" and not tag.attributes):
                continue
            end = item.end - 2
            if text[end:item.end] != "/>":
                continue
            start = end
            while text[start - 1] in " \t\n":  # (the white space may belong to the last attribute)
                start -= 1
            if text[start:end] != " ":
                yield Finding(item.start, item.end, f"write one space before the /> of <{name}>",
                              Fix.replace(start, end, " ", "space the self-closing tag"))

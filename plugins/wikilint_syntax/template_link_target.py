"""SYN008: an internal link whose target is made by a template, ``[[{{…}}]]``."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Wikilink

from wikilint import Finding, Page, Rule

_CANDIDATE = re.compile(r"\[\[\s*\{\{(?!\{)")


class TemplateLinkTarget(Rule):
    """An internal link whose target comes from a template: ``[[{{Capital}}]]``.

    The target is known only once the template is expanded: a reader of the source,
    tools and bots cannot tell where the link goes, and a change of the template silently
    moves it (wikiparser's unknown-page). It works, so it is information only, and off
    unless selected. Magic words (``{{PAGENAME}}``) count too. No fix.

    **Bad**

    ```wikitext
    The capital is [[{{Capital of Germany}}]].
    ```

    **Good**

    ```wikitext
    The capital is [[Berlin]].
    ```
    """

    code = "SYN008"
    name = "template-link-target"
    severity = "info"
    default_enabled = False

    def check(self, page: Page):
        if not _CANDIDATE.search(page.text):
            return
        for item in page.nodes(Wikilink):
            nodes = item.node.title.nodes
            if nodes and any(type(node).__name__ == "Template" for node in nodes) and page.text.startswith(
                    "{{", item.start + 2 + len(page.text[item.start + 2:item.end]) - len(
                        page.text[item.start + 2:item.end].lstrip())):
                yield Finding(item.start, item.end, "the link target is made by a template")

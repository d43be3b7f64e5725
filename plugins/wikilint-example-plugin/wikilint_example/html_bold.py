"""EXM001: ``<b>…</b>`` where wikitext bold ``'''…'''`` says the same."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Fix, Page, Rule, tag_spans


class HtmlBold(Rule):
    """HTML bold tag where wikitext bold markup would do.

    Editors expect ``'''bold'''`` in wikitext; ``<b>`` is harder to read in the source.
    The fix rewrites a ``<b>`` without attributes whose text holds no quote mark and no
    line break (where the rewrite is exactly equivalent).

    **Bad**

    ```wikitext
    A <b>bold</b> word.
    ```

    **Good**

    ```wikitext
    A '''bold''' word.
    ```
    """

    code = "EXM001"
    name = "html-bold"
    severity = "info"
    fix_applicability = "safe"

    def check(self, page: Page) -> Iterable[Finding]:
        if "<b" not in page.text and "<B" not in page.text:
            return
        for located in page.tags("b"):
            tag = located.node
            if tag.self_closing or located.in_literal:
                continue
            _, contents_start, contents_end = tag_spans(located)
            contents = page.text[contents_start:contents_end]
            fix = None
            if not tag.attributes and contents and "'" not in contents and "\n" not in contents:
                fix = Fix.replace(located.start, located.end, f"'''{contents}'''", "use ''' bold markup")
            yield Finding(located.start, located.end, "use wikitext bold ''' instead of <b>", fix)

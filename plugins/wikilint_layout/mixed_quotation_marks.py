"""LAY010: two styles of quotation marks in one page's text (“…” and 「…」)."""

from __future__ import annotations

import bisect

from mwparserfromhell.nodes import Comment, ExternalLink, Template, Wikilink

from wikilint import Finding, Page, Rule

from wikilint_layout.layout import layout_index

#: Tags whose text is quoted as written elsewhere (references, quotations) or not text.
_QUOTED_TAGS = ("ref", "blockquote", "poem", "nowiki", "pre", "code", "math", "syntaxhighlight", "source")


def _covered_spans(page: Page) -> tuple[list[int], list[int]]:
    """Starts and ends of the merged spans whose quotation marks are not the page's own:
    templates (citations, quotations, infobox values), links (titles are names), external
    link labels (cited titles), comments and quoting tags."""
    spans = [(item.start, item.end) for kind in (Template, Wikilink, ExternalLink, Comment)
             for item in page.nodes(kind)]
    spans += [(item.start, item.end) for item in page.tags(*_QUOTED_TAGS)]
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


class MixedQuotationMarks(Rule):
    """Two styles of quotation marks in one page's text (“…” beside 「…」).

    A zh article quotes with one style throughout: the corner brackets 「」『』 or the
    curly quotes “”‘’ (zhwiki 格式手冊/標點符號). Which styles the site knows, and which it
    prefers, is site data (`layout-quotation-marks`, each an opening and closing pair,
    the preferred first; zhwiki: `「」`, `“”`); other sites do not run the rule. The
    article's own text is read — not references, templates, links, external-link labels
    or quotations, which quote titles and words as published. The marks of the less used
    style are reported (of the not preferred one when both are used as often). No fix:
    nested quotations change style too. A matter of style: info.

    **Bad**

    ```wikitext
    外貿協會籌組「歐亞利基產業拓銷團」。教練稱“不可能像這樣工作的”。
    ```

    **Good**

    ```wikitext
    外貿協會籌組「歐亞利基產業拓銷團」。教練稱「不可能像這樣工作的」。
    ```
    """

    code = "LAY010"
    name = "mixed-quotation-marks"
    severity = "info"
    example_site = "zhwiki"

    def check(self, page: Page):
        marks = layout_index(page).facts.quotation_marks
        text = page.text
        used = [pair for pair in marks if pair[0] in text]
        if len(used) < 2:
            return
        starts, ends = _covered_spans(page)
        found: dict[str, list[int]] = {}
        for pair in used:
            opening = pair[0]
            position = text.find(opening)
            while position != -1:
                index = bisect.bisect_right(starts, position) - 1
                if index < 0 or position >= ends[index]:
                    found.setdefault(pair, []).append(position)
                position = text.find(opening, position + 1)
        if len(found) < 2:
            return
        ranked = sorted(found, key=lambda pair: (-len(found[pair]), marks.index(pair)))
        usual = ranked[0]
        for pair in ranked[1:]:
            for position in found[pair]:
                line_end = text.find("\n", position)
                closing = text.find(pair[1], position + 1, len(text) if line_end == -1 else line_end)
                end = closing + 1 if closing != -1 else position + 1
                count = len(found[usual])
                yield Finding(position, end, f"quotation marks {pair[0]}…{pair[1]} in a page that quotes with "
                                             f"{usual[0]}…{usual[1]} ({count} time{'s' if count > 1 else ''})")

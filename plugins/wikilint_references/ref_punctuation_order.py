"""REF009: refs on the wrong side of punctuation, per the house style, the site's or the page's own."""

from __future__ import annotations

from wikilint import Edit, Finding, Fix, Page, Rule

from wikilint_references.refindex import ref_index

AFTER = "after-punctuation"
BEFORE = "before-punctuation"
AUTO = "auto"
#: Site key: the wiki's convention, ``after-punctuation`` or ``before-punctuation``.
SITE_KEY = "ref-punctuation-order"


class RefPunctuationOrder(Rule):
    """Refs placed on the wrong side of punctuation (`text<ref/>.` versus `text.<ref/>`).

    Option `style`: `after-punctuation` (en's WP:REFPUNC: `text.<ref/>`),
    `before-punctuation`, or `auto` (the default): the site's convention where the site
    data states one (key `ref-punctuation-order`, e.g. `after-punctuation` on enwiki and
    zhwiki), so that every page of a wiki gets the same advice; on a site without one,
    report only when a page mixes both, pointing at the minority placement (a tie is left
    alone). Consecutive refs count as one placement. Option `punctuation` lists the marks that count; the default
    knows CJK full-width `，。、；：！？` as well as `.,;:!?`. The unsafe fix moves the
    punctuation across the refs; it leaves a ref with punctuation on both sides, or
    with white space before it, alone.

    **Bad**

    ```wikitext
    Paris is large.<ref>A.</ref> Lyon is old.<ref>B.</ref> Nice is sunny<ref>C.</ref>.
    <references />
    ```

    **Good**

    ```wikitext
    Paris is large.<ref>A.</ref> Lyon is old.<ref>B.</ref> Nice is sunny.<ref>C.</ref>
    <references />
    ```
    """

    code = "REF009"
    name = "ref-punctuation-order"
    severity = "warning"
    fix_applicability = "unsafe"
    options = {"style": AUTO, "punctuation": ".,;:!?，。、；：！？"}
    option_choices = {"style": (AUTO, AFTER, BEFORE)}

    def check(self, page: Page):
        style = self.options["style"]
        punctuation = self.options["punctuation"]
        text = page.text
        placements = []  # (placement, run start, run end)
        for start, end in self._runs(page):
            if start > 0 and text[start - 1] in punctuation:
                placements.append((AFTER, start, end))
            elif end < len(text) and text[end] in punctuation:
                placements.append((BEFORE, start, end))
        where = "here"
        if style == AUTO and page.site.get(SITE_KEY) in (AFTER, BEFORE):
            style, where = page.site.get(SITE_KEY), "on this wiki"
        elif style == AUTO:
            after = sum(1 for placement in placements if placement[0] == AFTER)
            before = len(placements) - after
            if not after or not before or after == before:
                return
            style, where = (AFTER if after > before else BEFORE), "on this page"
        for placement, start, end in placements:
            if placement == style:
                continue
            if placement == BEFORE:  # text<ref/>. → text.<ref/>
                marks_end = end
                while marks_end < len(text) and text[marks_end] in punctuation:
                    marks_end += 1
                marks = text[end:marks_end]
                fix = None
                if start > 0 and not text[start - 1].isspace():
                    fix = Fix((Edit(start, start, marks), Edit(end, marks_end, "")), "move the punctuation before the ref")
                yield Finding(start, marks_end, f"ref before {marks!r}: refs go after punctuation {where}", fix)
            else:  # text.<ref/> → text<ref/>.
                marks_start = start
                while marks_start > 0 and text[marks_start - 1] in punctuation:
                    marks_start -= 1
                marks = text[marks_start:start]
                fix = None
                if marks_start > 0 and not text[marks_start - 1].isspace() \
                        and not (end < len(text) and text[end] in punctuation):
                    fix = Fix((Edit(marks_start, start, ""), Edit(end, end, marks)), "move the punctuation after the ref")
                yield Finding(marks_start, end, f"ref after {marks!r}: refs go before punctuation {where}", fix)

    @staticmethod
    def _runs(page: Page):
        """Runs of directly adjacent body refs, as ``(start, end)``."""
        run_start = run_end = None
        for ref in ref_index(page).refs:
            if ref.list_defined or ref.nested:
                continue
            if run_end is not None and ref.start == run_end:
                run_end = ref.end
                continue
            if run_start is not None:
                yield run_start, run_end
            run_start, run_end = ref.start, ref.end
        if run_start is not None:
            yield run_start, run_end

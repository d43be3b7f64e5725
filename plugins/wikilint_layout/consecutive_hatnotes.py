"""LAY003: two hatnotes of the same kind in a row (``{{see also}}`` twice): merge them."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_layout.layout import TemplateCall, layout_index


def _mergeable(call: TemplateCall) -> bool:
    """Only positional parameters (page names): they can simply be appended."""
    return all(not param.showkey for param in call.node.params)


class ConsecutiveHatnotes(Rule):
    """Two hatnotes of the same kind in a row, where one call says the same.

    `{{see also|A}}` followed by `{{see also|B}}` shows two "See also" lines where one
    (`{{see also|A|B}}`) says the same; the templates take any number of pages. Which
    hatnotes take a list of pages is site data (`layout-mergeable-hatnotes`: `See also`,
    `Main`, `Further` and their zhwiki aliases); with a wiki index (`wikilint dump`,
    `check --wiki-index`), a redirect to one of them counts as it (`{{Seealso}}` then
    `{{See also}}` are the same template). Only calls separated by white space are
    reported. The fix appends the second call's pages to the first when both calls have
    only positional parameters (named ones such as labels are numbered per call). A matter
    of style: info.

    **Bad**

    ```wikitext
    == Visas ==
    {{see also|Visa policy of Taiwan|Visa requirements for Taiwanese citizens}}
    {{see also|Visa policy of Kazakhstan}}
    Text.
    ```

    **Good**

    ```wikitext
    == Visas ==
    {{see also|Visa policy of Taiwan|Visa requirements for Taiwanese citizens|Visa policy of Kazakhstan}}
    Text.
    ```
    """

    code = "LAY003"
    name = "consecutive-hatnotes"
    severity = "info"
    fix_applicability = "safe"

    def check(self, page: Page):
        index = layout_index(page)
        text = page.text
        previous: TemplateCall | None = None
        for call in index.calls_with_role("mergeable-hatnote"):
            if not call.top_level:
                continue
            # (White space only between them: no other template either.)
            if (previous is not None and index.resolved_key(previous.key) == index.resolved_key(call.key)
                    and not text[previous.end:call.start].strip()):
                fix = None
                if call.node.params and _mergeable(previous) and _mergeable(call):
                    params_start = call.start + 2 + len(str(call.node.name))
                    fix = Fix.replace(previous.start, call.end,
                                      text[previous.start:previous.end - 2] + text[params_start:call.end],
                                      "merge the two hatnotes")
                yield Finding(call.start, call.end,
                              f"{{{{{call.name}}}}} right after another {{{{{previous.name}}}}}: merge them into one",
                              fix)
            previous = call

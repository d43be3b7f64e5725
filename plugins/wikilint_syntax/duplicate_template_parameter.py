"""SYN029: a template parameter given twice in one call."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule, plain_text

from wikilint_syntax.markup import parameter_spans, template_calls


class DuplicateTemplateParameter(Rule):
    """A template parameter given twice in the same call: the first value is lost.

    MediaWiki keeps the last value of a parameter and drops the others without a word
    (the page goes into the tracking category "Pages using duplicate arguments in template
    calls"). ``|1=`` and the first unnamed parameter are the same parameter. The earlier
    one is reported; when it is empty or says the same as the later one, the safe fix
    removes it. Parser functions (``{{#switch:}}``, whose cases are not parameters) are
    left alone.

    **Bad**

    ```wikitext
    {{Infobox city |name=Berlin |population=3,850,809 |name=Berlin}}
    ```

    **Good**

    ```wikitext
    {{Infobox city |population=3,850,809 |name=Berlin}}
    ```
    """

    code = "SYN029"
    name = "duplicate-template-parameter"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        for item in template_calls(page).repeated_parameters:
            yield from self._duplicates(item)

    @staticmethod
    def _duplicates(item):
        params = item.node.params
        spans = None
        last: dict[str, int] = {}
        for index, param in enumerate(params):
            key = plain_text(param.name)
            if key is not None:
                last[key.strip()] = index
        for index, param in enumerate(params):
            key = plain_text(param.name)
            if key is None or last[key.strip()] == index:
                continue
            key = key.strip()
            if spans is None:
                spans = parameter_spans(item)
            start, end = spans[index]
            value = str(param.value).strip()
            later = str(params[last[key]].value).strip()
            fix = None
            if not value or value == later:
                fix = Fix.replace(start, end, "", "remove the earlier, lost value")
            shown = key if param.showkey else f"{key} (unnamed)"
            yield Finding(start + 1, end, f"parameter {shown} is given again later in the call: this value is lost",
                          fix)

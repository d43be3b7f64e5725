"""The shape of ``{{noteTA}}``: which parameters exist and how the rules are numbered."""

from __future__ import annotations

from typing import Iterator

from wikilint import Edit, Finding, Fix
from wikilint_zh.context import ZhPage, ZhRule
from wikilint_zh.notea import MAX_RULES, NoteTA, Param


def remove_param(notea: NoteTA, param: Param) -> list[Edit]:
    """Delete a parameter and, for a rule, its ``dN`` description."""
    edits = [Edit(param.start, param.end, "")]
    if param.kind == "rule" and param.number is not None:
        description = notea.description_of(param.number)
        if description is not None:
            edits.append(Edit(description.start, description.end, ""))
    return edits


class NoteTAParameters(ZhRule):
    """A noteTA parameter that Module:NoteTA ignores or that is written twice.

    The module reads only ``1``–``30`` (rules), ``d1``–``d30`` (their descriptions),
    ``G1``–``G30`` (public conversion groups), ``T`` and ``dt``; anything else — ``F1``,
    ``t=``, ``31=`` — does nothing. A ``dN`` without rule ``N`` describes nothing; an empty
    value is a leftover; a parameter written twice keeps only its last value. The fix
    removes empty named parameters (nothing else is changed automatically).

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    |2=
    }}
    軟體
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    軟體
    ```
    """

    code = "ZH001"
    name = "notea-parameters"
    severity = "warning"
    fix_applicability = "safe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for notea in zh.noteas:
            rule_numbers = {param.number for param in notea.of_kind("rule")}
            for index, param in enumerate(notea.params):
                where = (param.name_start, param.name_end) if param.showkey else (param.start, param.end)
                if param.kind == "unknown":
                    yield Finding(*where, f"noteTA has no parameter '{param.key}': it is ignored")
                elif param.number is not None and param.number > MAX_RULES:
                    yield Finding(*where, f"noteTA reads numbers up to {MAX_RULES} only: '{param.key}' is ignored")
                elif param.kind == "description" and param.number not in rule_numbers:
                    yield Finding(*where, f"'{param.key}' describes rule {param.number}, which this noteTA does not have")
                if any(other.key == param.key for other in notea.params[index + 1:]):
                    yield Finding(*where, f"parameter '{param.key}' is given again later: this value is ignored")
                if not param.value and param.kind != "unknown":
                    fix = Fix(tuple(remove_param(notea, param)), "remove the empty parameter") if param.showkey else None
                    yield Finding(*where, f"parameter '{param.key}' is empty", fix)


class NoteTANumbering(ZhRule):
    """noteTA rules numbered with gaps or out of order.

    MediaWiki does not mind, but gaps and disorder make the next editor reuse a number
    (silently replacing a rule) or miss the limit of 30. The fix renumbers the rules
    1, 2, 3… in the order they are written and renames each ``dN`` with its rule. It is
    not offered when a number is duplicated or a ``dN`` has no rule (see notea-parameters).

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    |3=zh-hans:打印机; zh-hant:印表機;
    |d3=printer
    }}
    軟體與印表機。
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    |2=zh-hans:打印机; zh-hant:印表機;
    |d2=printer
    }}
    軟體與印表機。
    ```
    """

    code = "ZH002"
    name = "notea-numbering"
    severity = "info"
    fix_applicability = "safe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for notea in zh.noteas:
            rules = notea.of_kind("rule")
            numbers = [param.number for param in rules]
            if numbers == list(range(1, len(numbers) + 1)):
                continue
            yield Finding(notea.start, notea.start + 2 + len(str(notea.located.node.name)),
                          f"noteTA rules are numbered {', '.join(map(str, numbers))}: not 1–{len(numbers)} in order",
                          self._renumber(notea, rules))

    @staticmethod
    def _renumber(notea: NoteTA, rules: list[Param]) -> Fix | None:
        numbers = [param.number for param in rules]
        descriptions = notea.of_kind("description")
        if len(set(numbers)) != len(numbers) or len(rules) > MAX_RULES:
            return None
        if any(param.number not in numbers for param in descriptions) or \
                len({param.number for param in descriptions}) != len(descriptions):
            return None
        explicit = any(not param.showkey for param in rules)
        edits = []
        for new, param in enumerate(rules, start=1):
            if param.showkey and param.number != new:
                edits.append(Edit(param.name_start, param.name_end, str(new)))
            elif not param.showkey and explicit:
                # One positional rule named explicitly shifts the implicit numbers of the
                # others, so every positional rule gets its name.
                edits.append(Edit(param.name_start, param.name_start, f"{new}="))
            description = notea.description_of(param.number)
            if description is not None and param.number != new:
                edits.append(Edit(description.name_start, description.name_end, f"d{new}"))
        return Fix(tuple(edits), "renumber the rules 1, 2, 3… and their descriptions")

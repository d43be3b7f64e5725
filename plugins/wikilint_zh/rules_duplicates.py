"""The same rule twice, and rules that disagree."""

from __future__ import annotations

from typing import Iterator

from wikilint import Finding, Fix
from wikilint_zh.context import ZhPage, ZhRule
from wikilint_zh.notea import Rule
from wikilint_zh.rules_template import remove_param


class DuplicateRule(ZhRule):
    """A noteTA rule that repeats an earlier one (in the same or another noteTA).

    Rules are compared by meaning (entry order and spacing aside). The safe fix deletes
    the later copy together with its ``dN`` description. Inline ``-{H|…}-`` copies are
    reported by inline-rule-duplicate.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    |2=zh-hant:軟體;zh-hans:软件;
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

    code = "ZH007"
    name = "duplicate-rule"
    severity = "warning"
    fix_applicability = "safe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        first: dict[tuple, Rule] = {}
        for rule in sorted(zh.rules, key=lambda rule: rule.start):
            identity = rule.parsed.identity()
            original = first.setdefault(identity, rule)
            if original is rule or rule.notea is None or rule.param is None:
                continue
            yield Finding(rule.start, rule.end, f"{rule.label} repeats {original.label}",
                          Fix(tuple(remove_param(rule.notea, rule.param)), "delete the later copy"))


class ConflictingRules(ZhRule):
    """Two rules that convert the same text differently in the same variant.

    MediaWiki applies the later rule (a higher number, or a later template or inline
    ``-{H|…}-``) and silently ignores the earlier mapping; one of the two is a mistake.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    |2=zh-hans:软件; zh-hant:軟件;
    }}
    软件
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    软件
    ```
    """

    code = "ZH008"
    name = "conflicting-rules"
    severity = "error"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        rules = sorted(zh.rules + zh.inline_rules, key=lambda rule: rule.start)
        tables = [rule.parsed.conversions() for rule in rules]
        for later in range(len(rules)):
            for earlier in range(later):
                conflict = self._conflict(tables[earlier], tables[later])
                if conflict is not None:
                    variant, source, before, after = conflict
                    yield Finding(rules[later].start, rules[later].end,
                                  f"{rules[later].label} converts '{source}' to '{after}' in {variant}, "
                                  f"but {rules[earlier].label} converts it to '{before}'")
                    break

    @staticmethod
    def _conflict(first: dict[str, dict[str, str]], second: dict[str, dict[str, str]]):
        for variant, pairs in second.items():
            other = first.get(variant, {})
            for source, output in pairs.items():
                if source in other and other[source] != output:
                    return variant, source, other[source], output
        return None

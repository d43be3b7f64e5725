"""noteTA rules that change nothing, judged with MediaWiki's current tables (zhconv-rs).

A rule is judged on the page: the page is converted into the six regional variants with
every rule, then without the rule (leave-one-out). Only a used rule whose removal changes
nothing is reported — as *redundant* when the built-in table alone already makes each of
its conversions, as *subsumed* when it is the other rules (with the table) that do. A rule
the table reproduces but whose removal does change the page is *protective* (it blocks a
shorter rule inside a longer word) and is not reported. zhwiki's own global conversion
table and public conversion groups are not modelled: a rule kept here may still be
redundant with them.
"""

from __future__ import annotations

from typing import Iterator

from wikilint import Finding
from wikilint_zh.context import ZhPage, ZhRule
from wikilint_zh.notea import Rule
from wikilint_zh.simulation import leave_one_out, redundant_with_table


def ineffective_rules(zh: ZhPage) -> Iterator[tuple[Rule, bool]]:
    """(rule, redundant with the table alone) for each used rule that changes nothing."""
    simulation = leave_one_out(zh)
    if simulation is None:
        return
    for rule in zh.rules:
        if rule.parsed.protects or rule.parsed.broken or not zh.rule_occurs(rule, zh.visible, zh.scope_start(rule)):
            continue  # protection is not conversion; rule-syntax and unused-rule cover the rest
        if not simulation.changes_page(rule):
            yield rule, redundant_with_table(rule)


class RedundantRule(ZhRule):
    """A noteTA rule that only repeats MediaWiki's built-in conversion table.

    Every conversion of the rule, in zh-cn, zh-sg, zh-my, zh-tw, zh-hk and zh-mo, is one
    the built-in table already makes, and removing the rule changes the converted page in
    no variant. Tables change several times a year, so this is reported, never fixed.
    Needs the optional zhconv-rs package (``pip install 'wikilint[zh]'``).

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:中国; zh-hant:中國;
    }}
    中國
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    中國軟體
    ```
    """

    code = "ZH011"
    name = "redundant-rule"
    severity = "warning"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for rule, redundant in ineffective_rules(zh):
            if redundant:
                yield Finding(rule.start, rule.end,
                              f"{rule.label} is redundant: the built-in conversion table already makes "
                              f"each of its conversions, and removing it changes the page in no variant")


class SubsumedRule(ZhRule):
    """A noteTA rule whose work the other rules (with the built-in table) already do.

    Removing the rule changes the converted page in no regional variant, although the
    built-in table alone would not make all of its conversions: a longer or shorter rule
    elsewhere already produces the same text (for example ``哈萨克斯坦共和国`` is covered by a
    ``哈萨克斯坦`` rule plus the table's ``共和國→共和国``). Needs the optional zhconv-rs package.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:哈萨克斯坦共和国; zh-hant:哈薩克斯坦共和國; zh-tw:哈薩克共和國;
    |2=zh-hans:哈萨克斯坦; zh-hant:哈薩克斯坦; zh-tw:哈薩克;
    }}
    哈薩克共和國位於中亞。哈薩克很大。
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:哈萨克斯坦; zh-hant:哈薩克斯坦; zh-tw:哈薩克;
    }}
    哈薩克共和國位於中亞。哈薩克很大。
    ```
    """

    code = "ZH012"
    name = "subsumed-rule"
    severity = "warning"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for rule, redundant in ineffective_rules(zh):
            if not redundant:
                yield Finding(rule.start, rule.end,
                              f"{rule.label} is subsumed: removing it changes the converted page in no "
                              f"variant (the other rules and the built-in table do the same)")

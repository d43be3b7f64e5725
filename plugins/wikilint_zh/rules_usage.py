"""noteTA rules whose text does not occur where they apply."""

from __future__ import annotations

from typing import Iterator

from wikilint import Finding
from wikilint_zh.context import ZhPage, ZhRule


class UnusedRule(ZhRule):
    """A noteTA rule none of whose words occurs in the page after the noteTA.

    Rules apply only to the text after the template. Comments, the noteTA templates, link
    targets and URLs do not count (a rule used only in link targets or URLs is reported
    by rule-only-in-link-targets instead). Words may still arrive through transcluded
    templates, which a linter cannot see: check before deleting. A rule that MediaWiki
    reads differently from what it looks like is left to rule-syntax: its author's words
    may well be in the page.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    |2=zh-hans:打印机; zh-hant:印表機;
    }}
    軟體<!-- 印表機 -->
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    軟體<!-- 印表機 -->
    ```
    """

    code = "ZH009"
    name = "unused-rule"
    severity = "warning"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for rule in zh.rules:
            if rule.parsed.broken:
                continue  # rule-syntax reports it
            start = zh.scope_start(rule)
            if not zh.rule_occurs(rule, zh.visible, start) and not zh.rule_occurs(rule, zh.targets, start):
                yield Finding(rule.start, rule.end, f"{rule.label}: none of its words occurs in the page after the noteTA")


class RuleOnlyInLinkTargets(ZhRule):
    """A noteTA rule whose words occur after the noteTA only in link targets or URLs.

    MediaWiki does not convert link targets or URLs (it finds the target page through
    variant fallback on its own), so the rule changes nothing a reader sees.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    [[軟體|程式]]
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    [[軟體|軟體程式]]
    ```
    """

    code = "ZH010"
    name = "rule-only-in-link-targets"
    severity = "info"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for rule in zh.rules:
            if rule.parsed.broken:
                continue  # rule-syntax reports it
            start = zh.scope_start(rule)
            if not zh.rule_occurs(rule, zh.visible, start) and zh.rule_occurs(rule, zh.targets, start):
                yield Finding(rule.start, rule.end,
                              f"{rule.label}: its words occur after the noteTA only in link targets or URLs, "
                              f"which are not converted")

"""Inline conversion markup ``-{…}-``: balance, flags, and copies of noteTA rules."""

from __future__ import annotations

from typing import Iterator

from wikilint import Finding, Fix
from wikilint_zh.context import ZhPage, ZhRule
from wikilint_zh.notea import Rule


class UnbalancedConversionMarkup(ZhRule):
    """A ``-{`` without its ``}-``, or a ``}-`` without its ``-{``.

    MediaWiki then shows the marker literally and converts (or protects) the wrong
    stretch of text.

    **Bad**

    ```wikitext
    -{zh-hans:软件; zh-hant:軟體;
    ```

    **Good**

    ```wikitext
    -{zh-hans:软件; zh-hant:軟體;}-
    ```
    """

    code = "ZH018"
    name = "unbalanced-conversion-markup"
    severity = "error"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for position in zh.lexed.unclosed:
            yield Finding(position, position + 2, "'-{' is never closed by '}-'")
        for position in zh.lexed.stray:
            yield Finding(position, position + 2, "'}-' closes no '-{'")


class ConversionFlag(ZhRule):
    """An unknown or lower-case flag in ``-{flags|…}-``.

    MediaWiki knows ``A``, ``T``, ``R``, ``D``, ``-``, ``H``, ``N`` and variant codes, and
    is case-sensitive: ``-{h|…}-`` is not a hidden rule but shown text. The safe fix
    upper-cases a known flag; an unknown flag is only reported.

    **Bad**

    ```wikitext
    -{h|zh-hans:软件; zh-hant:軟體;}-軟體
    ```

    **Good**

    ```wikitext
    -{H|zh-hans:软件; zh-hant:軟體;}-軟體
    ```
    """

    code = "ZH019"
    name = "conversion-flag"
    severity = "warning"
    fix_applicability = "safe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for markup in zh.lexed.markups:
            for flag in markup.flags:
                if flag.known:
                    continue
                if flag.intended:
                    yield Finding(flag.start, flag.end, f"conversion flag '{flag.text}' is case-sensitive: write "
                                                        f"'{flag.intended}'",
                                  Fix.replace(flag.start, flag.end, flag.intended, "upper-case the flag"))
                else:
                    yield Finding(flag.start, flag.end, f"unknown conversion flag '{flag.text}' (ignored)")


class InlineRuleDuplicate(ZhRule):
    """An inline ``-{H|…}-`` or ``-{A|…}-`` rule that repeats a rule already in force.

    A noteTA rule (or an earlier inline rule) with the same conversions already applies
    at that point. The safe fix deletes a repeated ``-{H|…}-`` (it displays nothing);
    ``-{A|…}-`` also displays its text, so it is only reported.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    軟體-{H|zh-hans:软件; zh-hant:軟體;}-
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    軟體
    ```
    """

    code = "ZH020"
    name = "inline-rule-duplicate"
    severity = "warning"
    fix_applicability = "safe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        markups = {markup.text_start: markup for markup in zh.lexed.markups}
        in_force: list[tuple[int, Rule]] = [(zh.scope_start(rule), rule) for rule in zh.rules]
        for rule in zh.inline_rules:
            original = next((earlier for start, earlier in in_force
                             if start <= rule.start and earlier.parsed.identity() == rule.parsed.identity()), None)
            in_force.append((zh.scope_start(rule), rule))
            if original is None:
                continue
            markup = markups[rule.start]
            fix = Fix.replace(markup.start, markup.end, "", "delete the repeated rule") if rule.flag == "H" else None
            yield Finding(markup.start, markup.end, f"{rule.label} repeats {original.label}", fix)

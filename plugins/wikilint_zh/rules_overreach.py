"""Rules that convert more than their author meant."""

from __future__ import annotations

import re
from typing import Iterator

from mwparserfromhell.nodes import Template

from wikilint import Finding, wikicode_text
from wikilint_zh.context import ZhPage, ZhRule
from wikilint_zh.notea import read_params
from wikilint_zh.simulation import leave_one_out

#: Citation parameters whose text must stay as published: titles, quotes, proper names.
_CITED = re.compile(r"(title|trans-title|script-title|chapter|quote|publisher|work|website|newspaper|"
                    r"journal|magazine|periodical|agency|author[0-9]*|last[0-9]*|first[0-9]*|editor[0-9]*|"
                    r"series|location)")


def _is_citation(name: str) -> bool:
    name = name.strip().replace("_", " ").casefold()
    return name.startswith("cite ") or name in {"citation", "cite"}


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class SingleCharacterRule(ZhRule):
    """A conversion rule (noteTA or ``-{H|…}-``) with a one-character word.

    A single character is converted everywhere it occurs after the rule — inside longer
    words, proper names and quoted titles (``台→臺`` also turns the newspaper 台灣醒報 into
    臺灣醒報). Convert the longer words that need it instead.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:台; zh-hant:臺;
    }}
    台北
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:台北; zh-hant:臺北;
    }}
    台北
    ```
    """

    code = "ZH013"
    name = "single-character-rule"
    severity = "warning"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for rule in zh.rules + zh.inline_rules:
            short = sorted(string for string in rule.parsed.strings() if len(string) == 1)
            if short and not rule.parsed.protects:
                yield Finding(rule.start, rule.end,
                              f"{rule.label} converts the single character{'s' if len(short) > 1 else ''} "
                              f"{'、'.join(short)} everywhere on the page")


class RuleChangesCitation(ZhRule):
    """A noteTA rule that rewrites a citation's title, quote or a proper name in it.

    A cited work's title and publisher are quoted as published; a page-wide rule converts
    them too in some variants. Where that matters, protect the text with ``-{…}-``.
    Reported once per citation parameter and rule, as information. Needs the optional
    zhconv-rs package.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:萨宾娜; zh-hant:莎賓娜;
    }}
    莎賓娜<ref>{{cite web|title=莎賓娜專訪|url=http://example.org}}</ref>
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:萨宾娜; zh-hant:莎賓娜;
    }}
    莎賓娜<ref>{{cite web|title=-{莎賓娜}-專訪|url=http://example.org}}</ref>
    ```
    """

    code = "ZH014"
    name = "rule-changes-citation"
    severity = "info"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        if not zh.rules:
            return
        simulation = leave_one_out(zh)
        if simulation is None:
            return
        first = zh.noteas[0].end
        rule_strings = {string for rule in zh.rules for string in rule.parsed.strings() if string}
        text = zh.page.text
        for item in zh.page.nodes(Template):
            if item.start < first or item.in_literal or not _is_citation(wikicode_text(item.node.name)):
                continue
            citation = text[item.start:item.end]
            if not any(string in citation for string in rule_strings):
                continue  # most citations hold no rule's words: nothing to simulate
            for param in read_params(zh.page, item):
                if not param.value or not _CITED.fullmatch(param.key):
                    continue
                fragment = zh.visible_between(param.value_start, param.value_end)
                for rule in zh.rules:
                    if rule.parsed.broken or rule.start > param.start or \
                            not any(string in fragment for string in rule.parsed.strings()):
                        continue  # (a broken rule is rule-syntax's: zhconv-rs reads it otherwise)
                    change = simulation.changes_fragment(rule, fragment)
                    if change is not None:
                        variant, converted, plain = change
                        yield Finding(param.value_start, param.value_end,
                                      f"{rule.label} changes citation parameter '{param.key}' in {variant}: "
                                      f"'{_shorten(plain)}' becomes '{_shorten(converted)}'")

"""Rule syntax as MediaWiki's ConverterRule parser reads it (see :mod:`wikilint_zh.grammar`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from wikilint import Finding, Fix
from wikilint_zh.context import ZhPage, ZhRule
from wikilint_zh.grammar import SYNTAX_PROBLEMS, ParsedRule, markup_in_rule, parse_rule
from wikilint_zh.variants import REGION_GROUPS

#: Inline markup is checked as a rule only when it looks like one (``-{于}-`` is not).
_LOOKS_LIKE_RULE = re.compile(r"zh[-_]?[A-Za-z]*[ \t]*[:：]")


@dataclass(frozen=True)
class RuleText:
    """A text the rule parser reads, where it sits in the page, and what it belongs to."""

    parsed: ParsedRule
    start: int
    label: str
    #: noteTA rules are hidden (H) rules; inline markup may display its text.
    hidden: bool


def rule_texts(zh: ZhPage) -> list[RuleText]:
    texts = []
    for notea in zh.noteas:
        for param in notea.of_kind("rule") + notea.of_kind("title"):
            if param.value:
                texts.append(RuleText(parse_rule(param.value), param.value_start,
                                      f"noteTA parameter {param.key}", param.kind == "rule"))
    for markup in zh.lexed.markups:
        if _LOOKS_LIKE_RULE.search(markup.text):
            texts.append(RuleText(parse_rule(markup.text), markup.text_start, "-{…}- markup", False))
    return texts


class RuleSyntax(ZhRule):
    """A conversion rule that MediaWiki reads differently from what it looks like.

    MediaWiki splits a rule on ``;`` only before a variant code written in lower case or
    in its exact BCP-47 spelling, followed by ``:``. A full-width ``；`` or ``：``, ``zh_tw``,
    ``zh-Tw`` or a missing ``;`` glue the next entry into the previous value, and so does
    an unknown code (``; zh-xx:``); an unknown code in the first entry makes MediaWiki
    discard the whole rule, its valid entries included (``ConverterRule::parseRules``); a
    variant given twice keeps its last value; a rule without ``:`` protects its text, so a
    trailing ``;`` becomes part of the protected word. Nothing on the rendered page shows
    any of this. The other noteTA rules do not judge a rule reported here (whether it is
    used, redundant or changes a citation): what MediaWiki makes of it is not what its
    author wrote. The unsafe fix writes the evident intent (``；zh-tw：`` → ``;zh-tw:``);
    review it.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:哈萨克斯坦；zh-tw:哈薩克；
    }}
    哈薩克
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:哈萨克斯坦;zh-tw:哈薩克;
    }}
    哈薩克
    ```
    """

    code = "ZH003"
    name = "rule-syntax"
    severity = "error"
    fix_applicability = "unsafe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for text in rule_texts(zh):
            for problem in text.parsed.problems:
                if problem.kind not in SYNTAX_PROBLEMS or problem.kind == "protected-semicolon" and not text.hidden:
                    continue
                start, end = text.start + problem.start, text.start + problem.end
                fix = None if problem.replacement is None else Fix.replace(start, end, problem.replacement,
                                                                          "write what the rule evidently means")
                yield Finding(start, end, f"{text.label}: {problem.message}", fix)


class VariantCodeCase(ZhRule):
    """A variant code in upper or mixed case (``zh-TW``, ``zh-Hans``).

    MediaWiki accepts the exact BCP-47 spellings and lower-cases them, so the rule works;
    the canonical form is lower case (and other mixtures such as ``zh-Tw`` break the
    separator, see rule-syntax). The safe fix lower-cases the code.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-Hans:软件; zh-Hant:軟體;
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

    code = "ZH004"
    name = "variant-code-case"
    severity = "info"
    fix_applicability = "safe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for text in rule_texts(zh):
            for problem in text.parsed.problems:
                if problem.kind == "case":
                    start, end = text.start + problem.start, text.start + problem.end
                    yield Finding(start, end, f"{text.label}: {problem.message}",
                                  Fix.replace(start, end, problem.replacement or "", "lower-case the code"))


class OneWayRuleSiblings(ZhRule):
    """A one-way rule (``A=>zh-cn:B``) for some regions of a script but not the others.

    One-way rules are not inherited by fallback variants: ``A=>zh-cn:B`` does nothing in
    zh-sg or zh-my, and the noteTA viewer reports an error for the missing region. Give
    every region of the script its own entry (zh-cn, zh-sg, zh-my or zh-tw, zh-hk, zh-mo).

    **Bad**

    ```wikitext
    {{noteTA
    |1=某地文化=>zh-cn:大陆文化;
    }}
    某地文化
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=某地文化=>zh-cn:大陆文化; 某地文化=>zh-sg:大陆文化; 某地文化=>zh-my:大陆文化;
    }}
    某地文化
    ```
    """

    code = "ZH005"
    name = "one-way-rule-siblings"
    severity = "warning"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for text in rule_texts(zh):
            targets: dict[str, set[str]] = {}
            for variant, pairs in text.parsed.unidirectional.items():
                for source in pairs:
                    targets.setdefault(source, set()).add(variant)
            for source, variants in targets.items():
                for group in REGION_GROUPS:
                    missing = [variant for variant in group if variant not in variants]
                    if len(missing) < len(group) and missing:
                        end = text.start + len(text.parsed.text)
                        yield Finding(text.start, end,
                                      f"{text.label}: one-way rule for '{source}' has no {', '.join(missing)} "
                                      f"entry (one-way rules are not inherited)")


class MarkupInRule(ZhRule):
    """Link, template, reference or conversion markup inside a noteTA rule.

    A rule is matched against the rendered text, where ``[[…]]`` and ``{{…}}`` no longer
    exist, so such a rule never matches; ``-{`` or ``}-`` breaks the ``-{H|…}-`` the
    module wraps the rule in, and a ``<ref>`` inside a rule is lost. Write plain text.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:[[软件]]; zh-hant:[[軟體]];
    }}
    [[軟體]]
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    [[軟體]]
    ```
    """

    code = "ZH006"
    name = "markup-in-rule"
    severity = "warning"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for text in rule_texts(zh):
            if not text.hidden:
                continue
            for start, end, markup in markup_in_rule(text.parsed.text):
                yield Finding(text.start + start, text.start + end, f"{text.label}: '{markup}' inside a conversion rule")

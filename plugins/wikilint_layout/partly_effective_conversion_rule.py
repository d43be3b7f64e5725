"""LAY014: a noteTA rule that has an effect in some regional variants only."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_zh.context import applies, zh_page
from wikilint_zh.grammar import ParsedRule, parse_rule
from wikilint_zh.simulation import builtin, converter
from wikilint_zh.variants import REGIONAL


def _output(conversions: dict[str, dict[str, str]], source: str, variant: str) -> str:
    """What ``source`` becomes in ``variant`` with the rule (the rule's own output where it
    maps the string, else the built-in table's)."""
    mapped = conversions.get(variant, {}).get(source)
    return mapped if mapped is not None else builtin(source, variant)


def effective_variants(parsed: ParsedRule) -> tuple[list[str], list[str]]:
    """(variants where the rule changes something, variants where the table already does
    all it does), over the regional variants in which the rule converts anything."""
    effective, redundant = [], []
    for variant, pairs in parsed.conversions().items():
        if any(builtin(source, variant) != output for source, output in pairs.items()):
            effective.append(variant)
        else:
            redundant.append(variant)
    return effective, redundant


def shorter_equivalent(parsed: ParsedRule) -> str | None:
    """A rule with fewer entries that converts every string of ``parsed`` alike in every
    regional variant (given the built-in table), or None. Entries are dropped one at a
    time while the result stays equivalent."""
    conversions = parsed.conversions()
    sources = {source for pairs in conversions.values() for source in pairs}
    wanted = {(source, variant): _output(conversions, source, variant) for source in sources for variant in REGIONAL}
    separator = "; " if "; " in parsed.text else ";"
    entries = list(parsed.bidirectional.items())
    shortened = False
    for entry in list(entries):
        trial = [other for other in entries if other != entry]
        if not trial:
            continue
        candidate = parse_rule(separator.join(f"{variant}:{value}" for variant, value in trial) + ";")
        candidate_conversions = candidate.conversions()
        if all(_output(candidate_conversions, source, variant) == output
               for (source, variant), output in wanted.items()):
            entries, shortened = trial, True
    if not shortened:
        return None
    return separator.join(f"{variant}:{value}" for variant, value in entries) + ";"


class PartlyEffectiveConversionRule(Rule):
    """A noteTA rule that has an effect in some regional variants only.

    A rule such as `zh-hant:杜拜; zh-cn:迪拜; zh-sg:杜拜;` is judged per regional variant
    (zh-cn, zh-sg, zh-my, zh-tw, zh-hk, zh-mo) against MediaWiki's current conversion
    table: in zh-cn and in the traditional variants the table already converts 杜拜 and
    迪拜 the same way, so the rule only matters in zh-sg and zh-my. The rule is reported
    with the variants where it still has an effect, and, when one exists, the shorter rule
    that converts every one of its strings the same way (`zh-cn:迪拜; zh-sg:杜拜;`). Rules
    with no effect at all are redundant-rule's (ZH011); unused rules, rules with syntax
    problems or one-way entries are left to the zh family. Tables change several times a
    year, so this is information, never a fix. Needs the optional zhconv-rs package
    (`pip install 'wikilint[zh]'`); runs on zh sites only.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hant:杜拜; zh-cn:迪拜; zh-sg:杜拜;
    }}
    經杜拜轉機。
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:萨宾娜; zh-hant:莎賓娜;
    }}
    莎賓娜
    ```
    """

    code = "LAY014"
    name = "partly-effective-conversion-rule"
    severity = "info"
    example_site = "zhwiki"

    def check(self, page: Page):
        if not applies(page) or converter() is None:
            return
        zh = zh_page(page)
        for rule in zh.rules:
            parsed = rule.parsed
            if (parsed.protects or parsed.discarded or parsed.unidirectional or parsed.problems
                    or not zh.rule_occurs(rule, zh.visible, zh.scope_start(rule))):
                continue
            effective, redundant = effective_variants(parsed)
            if not effective or not redundant:
                continue
            message = (f"{rule.label} has an effect only in {', '.join(effective)}: in {', '.join(redundant)} "
                       f"the built-in conversion table already converts the same")
            shorter = shorter_equivalent(parsed)
            if shorter is not None:
                message += f"; the shorter rule '{shorter}' does the same"
            yield Finding(rule.start, rule.end, message)

"""wikilint's zh rules: ``{{noteTA}}`` and ``-{ }-`` language-conversion markup.

The rules run on zh sites only (``site.language == "zh"``) and only on pages with conversion
markup. Rule text is parsed the way MediaWiki's ConverterRule parses it
(:mod:`wikilint_zh.grammar`); the table-based rules (redundant-rule, subsumed-rule,
rule-changes-citation) use the optional zhconv-rs package (``pip install 'wikilint[zh]'``).
"""

from __future__ import annotations

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    # Imported here so that start-up stays fast for runs that do not need the family.
    from wikilint_zh.rules_duplicates import ConflictingRules, DuplicateRule
    from wikilint_zh.rules_effect import RedundantRule, SubsumedRule
    from wikilint_zh.rules_inline import ConversionFlag, InlineRuleDuplicate, UnbalancedConversionMarkup
    from wikilint_zh.rules_overreach import RuleChangesCitation, SingleCharacterRule
    from wikilint_zh.rules_placement import MultipleNoteTA, NoteTAAfterText, NoteTAInTemplate
    from wikilint_zh.rules_syntax import MarkupInRule, OneWayRuleSiblings, RuleSyntax, VariantCodeCase
    from wikilint_zh.rules_template import NoteTANumbering, NoteTAParameters
    from wikilint_zh.rules_usage import RuleOnlyInLinkTargets, UnusedRule

    return [
        NoteTAParameters, NoteTANumbering, RuleSyntax, VariantCodeCase, OneWayRuleSiblings, MarkupInRule,
        DuplicateRule, ConflictingRules, UnusedRule, RuleOnlyInLinkTargets, RedundantRule, SubsumedRule,
        SingleCharacterRule, RuleChangesCitation, MultipleNoteTA, NoteTAAfterText, NoteTAInTemplate,
        UnbalancedConversionMarkup, ConversionFlag, InlineRuleDuplicate,
    ]

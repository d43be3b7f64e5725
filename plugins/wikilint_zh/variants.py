"""The zh variant codes and how MediaWiki's ZhConverter relates them.

Source: MediaWiki ``ZhConverter.php`` (``getLanguageVariants``, ``getVariantsFallbacks``,
``getAdditionalManualLevel``) and ``LanguageConverter::getVarSeparatorPattern``.
"""

from __future__ import annotations

#: Every variant MediaWiki accepts for zh (``validateVariant`` lower-cases first).
VARIANTS = ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-hk", "zh-mo", "zh-my", "zh-sg", "zh-tw")

#: The BCP-47 spellings the separator pattern also knows. The pattern is case-sensitive:
#: ``zh-TW`` splits entries, ``zh-Tw`` does not (it is glued into the previous value).
BCP47_SPELLINGS = ("zh-Hans", "zh-Hant", "zh-CN", "zh-HK", "zh-MO", "zh-MY", "zh-SG", "zh-TW")

#: Variants that fill a missing one, in order (resolved against the rule as written).
FALLBACKS: dict[str, tuple[str, ...]] = {
    "zh": ("zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my"),
    "zh-hans": ("zh-cn", "zh-sg", "zh-my"),
    "zh-hant": ("zh-tw", "zh-hk", "zh-mo"),
    "zh-cn": ("zh-hans", "zh-sg", "zh-my"),
    "zh-sg": ("zh-my", "zh-hans", "zh-cn"),
    "zh-my": ("zh-sg", "zh-hans", "zh-cn"),
    "zh-tw": ("zh-hant", "zh-hk", "zh-mo"),
    "zh-hk": ("zh-mo", "zh-hant", "zh-tw"),
    "zh-mo": ("zh-hk", "zh-hant", "zh-tw"),
}

#: Bidirectional rules apply only in these (zh is "disable", zh-hans/zh-hant are
#: "unidirectional" manual levels), so only they decide whether a rule has an effect.
REGIONAL = ("zh-cn", "zh-sg", "zh-my", "zh-tw", "zh-hk", "zh-mo")

#: The simplified-script and traditional-script regions: a one-way rule is not inherited,
#: so a one-way rule for one region of a script without the others leaves them unconverted.
REGION_GROUPS = (("zh-cn", "zh-sg", "zh-my"), ("zh-tw", "zh-hk", "zh-mo"))

#: Flags of ``-{flags|text}-`` (LanguageConverter::getFlags).
FLAGS = frozenset({"A", "T", "R", "D", "-", "H", "N"})


def validate_variant(code: str) -> str | None:
    """The variant MediaWiki accepts for ``code`` (lower-cased), or None."""
    lowered = code.lower()
    return lowered if lowered in VARIANTS else None


def intended_variant(code: str) -> str | None:
    """The variant a mistyped code evidently means (``zh_TW`` → ``zh-tw``), or None."""
    return validate_variant(code.replace("_", "-").strip())

"""wikilint's reference rules: malformed, undefined, conflicting, duplicate and misplaced ``<ref>``s."""

from __future__ import annotations

from typing import Any

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    from wikilint_references.conflicting_ref_definitions import ConflictingRefDefinitions
    from wikilint_references.duplicate_ref_content import DuplicateRefContent
    from wikilint_references.empty_ref import EmptyRef
    from wikilint_references.missing_reference_list import MissingReferenceList
    from wikilint_references.ref_content_smells import RefContentSmells
    from wikilint_references.ref_name_syntax import RefNameSyntax
    from wikilint_references.ref_punctuation_order import RefPunctuationOrder
    from wikilint_references.space_before_ref import SpaceBeforeRef
    from wikilint_references.unbalanced_ref_tags import UnbalancedRefTags
    from wikilint_references.undefined_ref import UndefinedRef

    return [UnbalancedRefTags, EmptyRef, UndefinedRef, ConflictingRefDefinitions, DuplicateRefContent,
            RefNameSyntax, MissingReferenceList, SpaceBeforeRef, RefPunctuationOrder, RefContentSmells]


@hookimpl
def wikilint_site_presets() -> dict[str, dict[str, Any]]:
    # The markup the missing-reference-list fix adds (a preset file may override it).
    return {
        "default": {"reference-list-markup": "<references />"},
        "enwiki": {"reference-list-markup": "{{Reflist}}"},
        "zhwiki": {"reference-list-markup": "{{Reflist}}"},
    }

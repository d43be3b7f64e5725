"""wikilint's references rules (placeholder: the rules arrive with their issue)."""

from __future__ import annotations

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    return []

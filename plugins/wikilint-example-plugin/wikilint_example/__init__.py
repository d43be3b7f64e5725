"""The example plugin's hooks."""

from __future__ import annotations

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    from wikilint_example.html_bold import HtmlBold

    return [HtmlBold]

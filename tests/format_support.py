"""What the formatting tests share: format a text with the FMT rules and check the result.

The rules run as ``wikilint format`` runs them (:func:`wikilint.formatter.format_page`:
the fix loop with the semantic check as an acceptance check), and the checks are made
once more here, on their own: nothing is refused, formatting the output again changes
nothing, and the output means what the input meant (:func:`wikilint.semantic.first_difference`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from wikilint import Finding, Fix, Rule, hookimpl
from wikilint.api import make_rule_set
from wikilint.config import RuleSet
from wikilint.engine import ENGINE_ERROR_CODES, lint_page
from wikilint.formatter import format_page
from wikilint.page import Page
from wikilint.plugin_host import Registry, build_registry, get_registry
from wikilint.semantic import first_difference

#: Every formatting rule, the default-off ones included.
ALL_FORMAT_RULES = ("FMT",)
#: What ``wikilint format`` runs when nothing is selected: the default-on formatting rules.
DEFAULT_FORMAT_RULES = tuple(info.code for info in get_registry().sorted_rules()
                             if info.rule.kind == "format" and info.rule.default_enabled)


@lru_cache(maxsize=None)
def _rule_set(select: tuple[str, ...], site: str, options: tuple[tuple[str, tuple], ...]) -> RuleSet:
    return make_rule_set(select, site=site, rule_options={rule: dict(values) for rule, values in options},
                         kind="format")


def format_text(text: str, select: tuple[str, ...] = ALL_FORMAT_RULES, site: str = "default",
                rule_options: Mapping[str, Mapping[str, Any]] | None = None, label: str = "<page>") -> str:
    """``text`` formatted, after checking that the result is sound (see the module docstring)."""
    options = tuple(sorted((rule, tuple(sorted(values.items()))) for rule, values in (rule_options or {}).items()))
    rule_set = _rule_set(tuple(select), site, options)
    original = Page(text, site=rule_set.site, title=label)
    result = format_page(original, rule_set)
    problems = [d.message for d in result.diagnostics if d.code in ENGINE_ERROR_CODES]
    assert not problems, f"{label}: {problems[0]}"
    if result.text == text:
        return text
    formatted = Page(result.text, site=rule_set.site, title=label)
    left = [d for d in lint_page(formatted, rule_set).diagnostics if d.fix_enabled]
    assert not left, f"{label}: formatting again would change the text: {left[0].code} {left[0].message}"
    difference = first_difference(original, formatted)
    assert difference is None, f"{label}: the formatted page means something else: {difference}"
    return result.text


class MeaningChanger(Rule):
    """Writes "bar" for "foo": changes what the page says (a formatter bug, for the tests).

    **Bad**

    ```wikitext
    foo
    ```

    **Good**

    ```wikitext
    bar
    ```
    """

    code = "TST901"
    name = "meaning-changer"
    kind = "format"
    fix_applicability = "safe"

    def check(self, page):
        start = page.text.find("foo")
        while start != -1:
            yield Finding(start, start + 3, "foo", Fix.replace(start, start + 3, "bar", "bar"))
            start = page.text.find("foo", start + 3)


def registry_with(*rules: type[Rule]) -> Registry:
    """The installed plugins plus one that adds ``rules`` (a misbehaving formatter, say)."""
    import types

    plugin = types.ModuleType("extra_format_rules")
    plugin.wikilint_get_rules = hookimpl(lambda: list(rules))
    return build_registry(extra_plugins=[("extra_format_rules", plugin)])

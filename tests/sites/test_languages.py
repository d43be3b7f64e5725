"""Rules that apply to sites of some languages only say so (``Rule.languages``)."""

from __future__ import annotations

from wikilint import Rule
from wikilint.docs import rule_markdown
from wikilint.plugin_host import get_registry
from wikilint.rule import RuleInfo, validate_rule_class


def test_the_zh_rules_apply_to_zh_sites_only():
    registry = get_registry()
    zh_rules = [info for info in registry.sorted_rules() if info.code.startswith("ZH")]
    assert len(zh_rules) == 20
    assert all(info.rule.languages == ("zh",) for info in zh_rules)
    assert all(info.rule.languages == () for info in registry.sorted_rules() if not info.code.startswith("ZH"))


def test_the_rule_page_shows_the_languages():
    info = get_registry().rules["ZH001"]
    assert "- Sites: `zh` only (`site.language`); nothing on other sites" in rule_markdown(info)
    assert "- Sites:" not in rule_markdown(get_registry().rules["LNK001"])


class _Tagged(Rule):
    """Summary.

    **Bad**

    ```wikitext
    a
    ```

    **Good**

    ```wikitext
    b
    ```
    """

    code = "XX001"
    name = "tagged"
    languages = "zh"  # a string, not a tuple


def test_languages_must_be_a_tuple_of_codes():
    assert any("languages" in problem for problem in validate_rule_class(_Tagged))
    _Tagged.languages = ("zh", "wuu")
    assert validate_rule_class(_Tagged) == []
    assert "`zh`, `wuu` only" in rule_markdown(RuleInfo(_Tagged, plugin="test"))

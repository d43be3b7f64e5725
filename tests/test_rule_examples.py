"""Every rule wikilint ships against its own docstring examples, through the same helper
a plugin author uses (:mod:`wikilint.testing`).

The bad example triggers the rule, the good one does not, and where the rule can fix,
fixing the bad example yields the good one. Rules of other installed plugins are not
wikilint's to test: they are left out (their own test suites call the helper).
"""

from __future__ import annotations

import pytest

from wikilint.plugin_host import get_registry
from wikilint.testing import example_problems, rules_of

RULES = rules_of("wikilint")
SHIPPED_PLUGINS = {info.plugin for info in RULES}


def test_registry_loaded_without_errors():
    # Only the shipped plugins' errors: a broken third-party plugin is its own problem.
    assert [error for error in get_registry().errors
            if any(error.startswith(f"plugin {name!r}") for name in SHIPPED_PLUGINS)] == []
    assert {"core", "links", "references", "images", "zh"} <= SHIPPED_PLUGINS


@pytest.mark.parametrize("info", RULES, ids=[info.code for info in RULES])
def test_bad_example_triggers_rule(info):
    assert example_problems(info, ("bad",)) == []


@pytest.mark.parametrize("info", RULES, ids=[info.code for info in RULES])
def test_good_example_is_clean(info):
    assert example_problems(info, ("good",)) == []


FIXABLE = [info for info in RULES if info.rule.fix_applicability != "none"]


@pytest.mark.parametrize("info", FIXABLE, ids=[info.code for info in FIXABLE])
def test_fixing_bad_example_yields_good(info):
    assert example_problems(info, ("fix",)) == []


def test_the_helper_reports_a_broken_example():
    from wikilint.core_rules import UnusedSuppression

    class Broken(UnusedSuppression):
        """A rule whose good example is not good.

        **Bad**

        ```wikitext
        Text.<!-- wikilint: disable-line -->
        ```

        **Good**

        ```wikitext
        Text.<!-- wikilint: disable-line -->
        ```
        """

    # Installed under WL100 is the real class, so the copy is refused by name …
    with pytest.raises(AssertionError, match="registered by another class"):
        example_problems(Broken)
    # … and the checks themselves do fail on a bad example (via the code, on the real
    # rule's pipeline, with the broken rule's docstring examples swapped in).
    problems = []
    original = UnusedSuppression.__doc__
    try:
        UnusedSuppression.__doc__ = Broken.__doc__
        problems = example_problems("WL100")
    finally:
        UnusedSuppression.__doc__ = original
    assert any("triggered on its good example" in problem for problem in problems)
    assert any("not the good example" in problem for problem in problems)

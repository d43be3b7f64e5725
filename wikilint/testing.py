"""Test helpers for plugin authors: the docstring-example check wikilint runs on its own rules.

In a plugin's test suite (with the plugin installed)::

    import pytest
    from wikilint.testing import check_examples, rules_of

    @pytest.mark.parametrize("rule", rules_of("my-wikilint-plugin"), ids=lambda info: info.code)
    def test_examples(rule):
        check_examples(rule)

A rule's **Bad** example must give a finding of that rule and of no other; its **Good**
example none; and when the rule has a fix, fixing the bad example must give the good one
(unsafe fixes included when the rule's fixes are unsafe). Examples are checked with the
rule alone selected, on the rule's ``example_site``, as the page "Example". A rule that
needs the wiki index is checked with an index of its ``example_wiki`` (the other pages of
the examples' wiki).
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from wikilint.api import fix_text_result, lint_text
from wikilint.plugin_host import get_registry
from wikilint.rule import Rule, RuleInfo

EXAMPLE_TITLE = "Example"


def rules_of(distribution: str) -> list[RuleInfo]:
    """The installed rules of one distribution (the name in its ``pyproject.toml``), by code."""
    wanted = distribution.lower().replace("_", "-")
    return [info for info in get_registry().sorted_rules()
            if info.distribution.split(" ")[0].lower().replace("_", "-") == wanted]


def example_problems(rule: type[Rule] | RuleInfo | str, aspects: tuple[str, ...] = ("bad", "good", "fix")) -> list[str]:
    """Everything wrong with a rule's examples (empty when all holds). ``rule`` is the rule
    class, its registry entry, or its code; the rule must be installed."""
    rule_class = _installed(rule)
    code = rule_class.code
    examples = rule_class.examples()
    if examples is None:
        return [f"{code}: the docstring has no **Bad** and **Good** ```wikitext examples"]
    site = rule_class.example_site
    with _example_index(rule_class) as index:
        return _example_problems(rule_class, examples, site, aspects, index)


@contextmanager
def _example_index(rule_class: type[Rule]):
    """For a rule that needs the wiki index: an index of its ``example_wiki`` pages."""
    if "index" not in rule_class.needs:
        yield None
        return
    from wikilint.site import preset_data
    from wikilint.wikiindex import WikiIndex
    from wikilint.wikiindex.build import write_index

    with tempfile.TemporaryDirectory(prefix="wikilint-example-") as directory:
        data = preset_data(rule_class.example_site, get_registry().site_presets)
        index = WikiIndex(write_index(rule_class.example_wiki, data, Path(directory) / "index.sqlite"))
        try:
            yield index
        finally:
            index.close()


def _example_problems(rule_class, examples, site: str, aspects: tuple[str, ...], index) -> list[str]:
    code = rule_class.code
    problems = []
    if "bad" in aspects:
        found = lint_text(examples.bad, [code], site=site, title=EXAMPLE_TITLE, kind=rule_class.kind, index=index)
        if not any(d.code == code for d in found):
            problems.append(f"{code} did not trigger on its bad example")
        others = sorted({f"{d.code} ({d.message})" for d in found if d.code != code})
        if others:
            problems.append(f"{code}'s bad example also gave: {', '.join(others)}")
    if "good" in aspects:
        found = lint_text(examples.good, [code], site=site, title=EXAMPLE_TITLE, kind=rule_class.kind, index=index)
        if found:
            problems.append(f"{code} triggered on its good example: "
                            + "; ".join(f"{d.line}:{d.column} {d.code} {d.message}" for d in found))
    if "fix" in aspects and rule_class.fix_applicability != "none":
        result = fix_text_result(examples.bad, [code], site=site, title=EXAMPLE_TITLE,
                                 unsafe_fixes=rule_class.fix_applicability == "unsafe", kind=rule_class.kind,
                                 index=index)
        if result.failed:
            problems.append(f"fixing {code}'s bad example failed: "
                            + "; ".join(d.message for d in result.diagnostics if d.code.startswith("WL0")))
        elif result.text != examples.good:
            problems.append(f"fixing {code}'s bad example gave {result.text!r}, not the good example "
                            f"{examples.good!r}")
    return problems


def check_examples(rule: type[Rule] | RuleInfo | str) -> None:
    """Raise ``AssertionError`` naming every problem :func:`example_problems` finds."""
    problems = example_problems(rule)
    if problems:
        raise AssertionError("\n".join(problems))


def _installed(rule: type[Rule] | RuleInfo | str) -> type[Rule]:
    registry = get_registry()
    if isinstance(rule, RuleInfo):
        rule = rule.rule
    code = rule if isinstance(rule, str) else rule.code
    info = registry.rules.get(code)
    if info is None:
        raise AssertionError(f"{code} is not installed: install the plugin (pip install -e .) before testing it")
    if not isinstance(rule, str) and info.rule is not rule:
        raise AssertionError(f"{code} is registered by another class ({info.rule.__module__}.{info.rule.__name__})")
    return info.rule

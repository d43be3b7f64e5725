"""A rule's ``kind``: lint rules by default, format rules only with safe fixes."""

from __future__ import annotations

from wikilint import Rule
from wikilint.rule import validate_rule_class

DOC = """A rule for the tests.

**Bad**

```wikitext
x
```

**Good**

```wikitext
y
```
"""


def _rule(**attributes) -> type[Rule]:
    return type("Probe", (Rule,), {"__doc__": DOC, "code": "PRB001", "name": "probe", **attributes})


def test_rules_are_lint_rules_unless_they_say_otherwise():
    assert Rule.kind == "lint"
    assert validate_rule_class(_rule()) == []


def test_a_format_rule_with_safe_fixes_is_valid():
    assert validate_rule_class(_rule(kind="format", fix_applicability="safe")) == []


def test_an_unknown_kind_is_refused():
    assert validate_rule_class(_rule(kind="style")) == ["kind 'style' must be one of lint, format"]


def test_a_format_rule_must_fix_safely():
    for applicability in ("none", "unsafe"):
        problems = validate_rule_class(_rule(kind="format", fix_applicability=applicability))
        assert problems == ['a format rule\'s fixes must be safe (fix_applicability = "safe")']

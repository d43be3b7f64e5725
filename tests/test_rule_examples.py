"""Every installed rule against its own docstring examples.

The bad example triggers the rule, the good one does not, and where the rule can fix,
fixing the bad example yields the good one. Examples are checked with the rule alone
selected, on the rule's ``example_site``, as page "Example".
"""

from __future__ import annotations

import pytest

from wikilint.api import fix_text_result, lint_text
from wikilint.plugin_host import get_registry

RULES = get_registry().sorted_rules()
EXAMPLE_TITLE = "Example"


def test_registry_loaded_without_errors():
    assert get_registry().errors == []


@pytest.mark.parametrize("info", RULES, ids=[info.code for info in RULES])
def test_bad_example_triggers_rule(info):
    examples = info.rule.examples()
    found = lint_text(examples.bad, [info.code], site=info.rule.example_site, title=EXAMPLE_TITLE)
    assert [d.code for d in found if d.code == info.code], f"{info.code} did not trigger on its bad example"
    assert all(d.code == info.code for d in found), found


@pytest.mark.parametrize("info", RULES, ids=[info.code for info in RULES])
def test_good_example_is_clean(info):
    examples = info.rule.examples()
    found = lint_text(examples.good, [info.code], site=info.rule.example_site, title=EXAMPLE_TITLE)
    assert found == [], f"{info.code} triggered on its good example: {found}"


FIXABLE = [info for info in RULES if info.rule.fix_applicability != "none"]


@pytest.mark.parametrize("info", FIXABLE, ids=[info.code for info in FIXABLE])
def test_fixing_bad_example_yields_good(info):
    examples = info.rule.examples()
    result = fix_text_result(examples.bad, [info.code], site=info.rule.example_site, title=EXAMPLE_TITLE,
                             unsafe_fixes=info.rule.fix_applicability == "unsafe")
    assert not result.failed, result.diagnostics
    assert result.text == examples.good

"""The example plugin's own test (run with the plugin installed)."""

import pytest

from wikilint.api import fix_text, lint_text
from wikilint.testing import check_examples, rules_of


@pytest.mark.parametrize("rule", rules_of("wikilint-example-plugin"), ids=lambda info: info.code)
def test_docstring_examples(rule):
    check_examples(rule)  # the same check wikilint runs on its own rules


def test_html_bold_reported_and_fixed():
    assert [d.code for d in lint_text("A <b>bold</b> word.\n", ["EXM001"])] == ["EXM001"]
    assert fix_text("A <b>bold</b> word.\n", ["EXM001"]) == "A '''bold''' word.\n"


def test_bold_with_attributes_is_reported_but_not_fixed():
    text = 'A <b class="x">bold</b> word.\n'
    assert fix_text(text, ["EXM001"]) == text
    assert [d.fix for d in lint_text(text, ["EXM001"])] == [None]

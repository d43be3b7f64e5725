"""``wikilint.api.format_text``: the formatter for Python callers, as ``wikilint format``."""

from __future__ import annotations

import pytest

import wikilint.api
from format_support import MeaningChanger, registry_with
from wikilint.api import FormattingRefused, format_text


def test_format_text_formats_with_the_default_rules():
    assert format_text("==History==\n*item  \n{{ Foo }}\n") == "== History ==\n* item\n{{Foo}}\n"
    assert format_text("== History ==\n* item\n") == "== History ==\n* item\n"


def test_options_selection_and_lines():
    assert format_text("== A ==\n*x\n", rule_options={"heading-spacing": {"style": "compact"}}) == "==A==\n* x\n"
    assert format_text("==A==\n*x\n", select=["FMT003"]) == "==A==\n* x\n"
    assert format_text("==A==\n*x\n*y\n", lines=(3, 3)) == "==A==\n*x\n* y\n"


def test_format_text_is_exported():
    assert {"format_text", "FormattingRefused"} <= set(wikilint.api.__all__)


def test_a_change_of_meaning_is_refused_unless_unverified(monkeypatch):
    registry = registry_with(MeaningChanger)
    monkeypatch.setattr("wikilint.api.get_registry", lambda: registry)
    with pytest.raises(FormattingRefused, match="would mean something else: line 1: text"):
        format_text("Some foo text.\n", select=["TST901"])
    assert format_text("Some foo text.\n", select=["TST901"], verify=False) == "Some bar text.\n"

"""The reference page of the project: three captions cut out of their file links.

Reads ``../shared/corpus/zh/000_b92423fca3869b69.txt`` (a zh Wikipedia article, CC BY-SA)
from the repository's parent folder; skips when the corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import mwparserfromhell
import pytest

from wikilint.api import fix_text_result, lint_text

REFERENCE_PAGE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "zh" / "000_b92423fca3869b69.txt"
SPILLED_LINES = (19, 20, 21)


@pytest.fixture(scope="module")
def reference_text() -> str:
    if not REFERENCE_PAGE.is_file():
        pytest.skip(f"reference page not found: {REFERENCE_PAGE}")
    return REFERENCE_PAGE.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")


def test_spilled_captions_reported_on_lines_19_to_21_and_nothing_else(reference_text):
    found = lint_text(reference_text, ["IMG"], site="zhwiki")
    assert [(d.code, d.line) for d in found] == [("IMG001", line) for line in SPILLED_LINES]


def test_unsafe_fix_puts_each_spill_into_its_caption(reference_text):
    result = fix_text_result(reference_text, ["IMG"], site="zhwiki", unsafe_fixes=True)
    assert not result.failed
    assert [code for code, _ in result.applied] == ["IMG001"] * 3
    assert result.diagnostics == []
    before = reference_text.split("\n")
    after = result.text.split("\n")
    assert len(before) == len(after)
    # Every other line is byte for byte the same.
    assert [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b] == list(SPILLED_LINES)
    for line in SPILLED_LINES:
        old, new = before[line - 1], after[line - 1]
        link_end = old.index("]]") + 2            # the file link closed right after "thumb"
        spilled = old[link_end:-2]
        assert old.endswith("]]") and spilled
        # One well-formed file link whose caption is the spilled text, no stray "]]".
        assert new == old[:link_end - 2] + "|" + spilled + "]]"
        nodes = mwparserfromhell.parse(new, skip_style_tags=True).nodes
        assert len(nodes) == 1 and isinstance(nodes[0], mwparserfromhell.nodes.Wikilink)
        assert str(nodes[0].text) == "thumb|" + spilled


def test_fixed_reference_page_is_stable(reference_text):
    first = fix_text_result(reference_text, ["IMG"], site="zhwiki", unsafe_fixes=True).text
    again = fix_text_result(first, ["IMG"], site="zhwiki", unsafe_fixes=True)
    assert again.text == first and again.applied == []

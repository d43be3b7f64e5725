"""The issue's checks on the project's zh reference page (ROC–Kazakhstan relations).

The page is read from the shared corpus (``../shared/corpus`` next to the repository);
the tests skip when it is absent. Article text: zh Wikipedia, CC BY-SA.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wikilint.api import fix_text_result, lint_text

REFERENCE_PAGE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "zh" / "000_b92423fca3869b69.txt"
TITLE = "中華民國與哈薩克關係"


@pytest.fixture(scope="module")
def text() -> str:
    if not REFERENCE_PAGE.is_file():
        pytest.skip(f"reference page not available: {REFERENCE_PAGE}")
    return REFERENCE_PAGE.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")


@pytest.fixture(scope="module")
def diagnostics(text):
    return lint_text(text, ["LNK"], site="zhwiki", title=TITLE)


def test_56_redundant_labels(text, diagnostics):
    redundant = [text[d.start:d.end] for d in diagnostics if d.code == "LNK001"]
    assert len(redundant) == 56
    assert "[[Mail_Online|Mail Online]]" in redundant
    assert "[[The_Straits_Times|The Straits Times]]" in redundant
    # Every one of them really is [[X|X]] up to underscores.
    for link in redundant:
        target, label = link[2:-2].split("|")
        assert target.replace("_", " ") == label


def test_fix_removes_exactly_the_56_labels(text, diagnostics):
    result = fix_text_result(text, ["LNK"], site="zhwiki", title=TITLE)
    assert not result.failed
    assert [code for code, _ in result.applied] == ["LNK001"] * 56
    # Rebuild the expected page by hand: each reported link becomes [[label]], every
    # other byte stays as it was.
    expected, position = [], 0
    for d in (d for d in diagnostics if d.code == "LNK001"):
        expected.append(text[position:d.start])
        expected.append("[[" + text[d.start:d.end][2:-2].split("|")[1] + "]]")
        position = d.end
    expected.append(text[position:])
    assert result.text == "".join(expected)
    assert len(text) - len(result.text) == sum((d.end - d.start) - (len(text[d.start:d.end][2:-2].split("|")[1]) + 4)
                                               for d in diagnostics if d.code == "LNK001")
    assert "[[Mail Online]]" in result.text and "[[The Straits Times]]" in result.text
    again = fix_text_result(result.text, ["LNK"], site="zhwiki", title=TITLE)
    assert again.text == result.text


def test_repeated_links_reported(text, diagnostics):
    repeated = [re.search(r"'(.+?)' is already linked", d.message).group(1)
                for d in diagnostics if d.code == "LNK003"]
    assert repeated.count("簽證") == 3           # linked four times: once, then three repeats
    assert {"中華民國國民", "哈薩克", "莫斯科", "中華民國護照"} <= set(repeated)


def test_nothing_in_note_ta_or_category_line(text, diagnostics):
    note_ta_end = text.index("}}", text.index("{{noteTA")) + 2
    category_line = text.index("[[Category:")
    assert note_ta_end < 1000  # the block opens the page
    for d in diagnostics:
        assert d.start >= note_ta_end
        assert d.start < category_line
    categories = text[category_line:]
    assert "[[Category:中華民國與哈薩克關係|]]" in categories


def test_unsafe_fixes_settle(text):
    result = fix_text_result(text, ["LNK"], site="zhwiki", title=TITLE, unsafe_fixes=True)
    assert not result.failed
    assert fix_text_result(result.text, ["LNK"], site="zhwiki", title=TITLE, unsafe_fixes=True).text == result.text
    assert result.text.count("[[簽證") == 1

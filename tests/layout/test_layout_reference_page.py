"""The layout family on the project's reference page: every §5 item of
``../shared/reference/notea.md`` that a program can decide, on its lines, and nothing else.

Reads ``../shared/corpus/zh/000_b92423fca3869b69.txt`` (zh Wikipedia, 中華民國與哈薩克關係,
CC BY-SA); skips when the corpus is absent.
"""

from __future__ import annotations

from collections import Counter

import mwparserfromhell
import pytest

from support import REFERENCE_PAGE
from wikilint.api import fix_text_result, lint_text

TITLE = "中華民國與哈薩克關係"

#: §5 item → the (code, line) findings that report it. LAY013 is off by default and REF010
#: (the references family's) is opt-in: both are selected explicitly below.
EXPECTED = {
    "N9 hatnote after noteTA": [("LAY001", 12)],
    "D5 two {{see also}} in a row": [("LAY003", 28)],
    "D7 {{link-en|AsiaOne|AsiaOne}}": [("LAY004", 56)],
    "D8 {{Link-en}} beside fourteen {{link-en}}": [("LAY005", 24)],
    "D19 {{REFLIST}}": [("LAY005", 87)],
    "D9 seven hand-formatted refs": [("LAY008", 56)] * 7,
    "D12 home-page URLs as sources": [("LAY012", 40), ("LAY012", 48)],
    "D13 {{cite web}} without access-date": [("REF010", line) for line in (24, 29, 29, 31, 31, 33, 38, 40, 40, 48,
                                                                           56, 58, 65, 69)],
    "D14 English dates among 年月日 dates": [("LAY009", 56)] * 4,
    "D16 “…” beside 「…」": [("LAY010", 56)],
    "D17 comment: sourced from Wikipedia": [("LAY011", 75)],
    "D18 參見 after 參考資料": [("LAY002", 89)],
    "D20 [[Category:…|]]": [("LAY006", 107)],
    "D23 simplified anchors in a traditional article": [("LAY013", line) for line in (20, 29, 31, 58)],
}
#: Need MediaWiki's conversion table (the optional zhconv-rs package).
EXPECTED_WITH_TABLES = {
    "N5 rule 5 effective only in zh-sg/zh-my": [("LAY014", 6)],
    "N6 rule 6 effective in some variants only": [("LAY014", 7)],
    # N3 is a reported item too (ZH013's single character); its zh-cn/sg/my half repeats the table.
    "N3 rule 3 effective only in the traditional variants": [("LAY014", 4)],
}
#: The "negative" rows: N0 (the noteTA itself, lines 1–10: nothing wrong with its form),
#: N4 (a protective rule, line 5), N7 and N8 (effective rules, lines 8 and 9).
NEGATIVE_LINES = {1, 2, 3, 5, 8, 9, 10}
SELECT = ["LAY", "REF010"]


@pytest.fixture(scope="module")
def text() -> str:
    if not REFERENCE_PAGE.is_file():
        pytest.skip("the zh reference page is not present in ../shared/corpus")
    return REFERENCE_PAGE.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")


@pytest.fixture(scope="module")
def found(text):
    return [(d.code, d.line) for d in lint_text(text, SELECT, site="zhwiki", title=TITLE)]


def _has_tables() -> bool:
    try:
        import zhconv_rs  # noqa: F401
    except ImportError:
        return False
    return True


def test_every_decidable_item_is_reported_on_its_lines_and_nothing_else(found):
    expected = [pair for pairs in EXPECTED.values() for pair in pairs]
    if _has_tables():
        expected += [pair for pairs in EXPECTED_WITH_TABLES.values() for pair in pairs]
    else:  # LAY013 and LAY014 need the tables
        expected = [pair for pair in expected if pair[0] != "LAY013"]
    assert Counter(found) == Counter(expected)


def test_nothing_on_the_negative_rows(found):
    assert [pair for pair in found if pair[1] in NEGATIVE_LINES] == []


def test_partly_effective_rule_offers_the_shorter_rule(text):
    pytest.importorskip("zhconv_rs")
    messages = {d.line: d.message for d in lint_text(text, ["LAY014"], site="zhwiki")}
    assert "only in zh-sg, zh-my" in messages[6]
    assert "'zh-cn:迪拜; zh-sg:杜拜;'" in messages[6]
    assert "zh-sg" in messages[7] and "zh-cn, zh-tw the built-in conversion table" in messages[7]


def test_safe_fixes(text):
    result = fix_text_result(text, ["LAY"], site="zhwiki")
    assert not result.failed
    assert sorted(code for code, _ in result.applied) == ["LAY003", "LAY004", "LAY005", "LAY006"]
    fixed = result.text
    # D5: the two hatnotes are one.
    assert ("{{see also|中華民國簽證政策|中華民國公民簽證要求|{{link-en|哈薩克簽證政策|Visa policy of Kazakhstan}}"
            "|哈萨克斯坦公民签证要求}}\n兩國公民") in fixed
    # D7, D8: the redundant title goes, the stray capital follows the page.
    assert "{{link-en|AsiaOne}}" in fixed and "{{link-en|多重委派|Dual accreditation|共同管轄}}" in fixed
    assert "{{Link-en" not in fixed
    # D20 (without a title the category is not known to be eponymous): the pipe goes.
    assert "[[Category:中華民國與哈薩克關係]]" in fixed
    # Nothing else changed: the page is one line shorter and every other line is as it was.
    lines = text.split("\n")
    assert len(fixed.split("\n")) == len(lines) - 1
    assert set(lines) - set(fixed.split("\n")) == {lines[number - 1] for number in (24, 27, 28, 56, 107)}
    assert str(mwparserfromhell.parse(fixed)) == fixed
    assert fix_text_result(fixed, ["LAY"], site="zhwiki").applied == []


def test_unsafe_fixes_move_the_see_also_section_and_name_reflist(text):
    result = fix_text_result(text, ["LAY"], site="zhwiki", title=TITLE, unsafe_fixes=True)
    assert not result.failed
    fixed = result.text
    assert "{{Reflist|2}}" in fixed and "REFLIST" not in fixed
    see_also, references, external = fixed.index("==參見=="), fixed.index("==參考資料=="), fixed.index("==外部連結==")
    assert see_also < references < external
    # The section moved whole: its body follows its heading, and the reference list its own.
    assert fixed[see_also:references].startswith("==參見==\n{{Portal box|")
    assert fixed[references:external] == "==參考資料==\n{{Reflist|2}}\n\n"
    # D20 on the eponymous category: the sort key becomes a space.
    assert "[[Category:中華民國與哈薩克關係| ]]" in fixed
    again = fix_text_result(fixed, ["LAY"], site="zhwiki", title=TITLE, unsafe_fixes=True)
    assert again.applied == [] and again.text == fixed

"""The reference rules on real pages: the zh seed article and Cite's own parser tests.

Corpus files live in ``../shared/corpus`` (relative to the repository root); a test is
skipped when they are absent. Excerpts copied below name their source.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from wikilint.api import fix_text_result, lint_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "zh" / "000_b92423fca3869b69.txt"
CITE_TESTS = sorted((CORPUS / "parsertests" / "cite").glob("*.txt"))
REF_RULES = [f"REF{n:03d}" for n in range(1, 11)]


def _seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"corpus page {SEED} is absent")
    return SEED.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")


def test_seed_mixed_placement_reports_line_56():
    text = _seed_text()
    found = lint_text(text, ["REF009"], site="zhwiki")
    # Lines 24–51 put refs after punctuation; line 56 puts four before "，"/"。".
    assert [d.line for d in found] == [56, 56, 56, 56]
    assert all("after punctuation" in d.message for d in found)


def test_seed_refs_are_defined_and_consistent():
    text = _seed_text()
    assert lint_text(text, ["REF003", "REF004", "REF001", "REF002", "REF006"], site="zhwiki") == []
    reuses = re.findall(r'<ref name="([^"]+)"\s*/>', text)
    assert sorted(set(reuses)) == sorted({"與我國經貿關係", "歐亞團拓銷中亞明星哈薩克放異彩", "90年外交年鑑"})
    assert len(reuses) == 5


def test_seed_mixed_excerpt():
    # Excerpt shape from ../shared/corpus/zh/000_b92423fca3869b69.txt lines 42 and 56 (CC BY-SA 4.0).
    text = ("出口金額首次達到1億美元。<ref name=\"歐\">來源</ref>\n"
            "年增46%。<ref name=\"歐\"/>\n"
            "身高達到185公分<ref>[http://example.org 報導]</ref>，擁有姣好外型。\n"
            "==參考資料==\n{{Reflist}}\n")
    found = lint_text(text, REF_RULES[:9], site="zhwiki")
    assert [(d.code, d.line) for d in found] == [("REF009", 3)]
    result = fix_text_result(text, REF_RULES[:9], site="zhwiki", unsafe_fixes=True)
    assert "185公分，<ref>" in result.text


def _parser_test_inputs(path: Path) -> list[str]:
    """The wikitext of each test in a MediaWiki parser-test file (inputs only)."""
    inputs, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("!!"):
            if current is not None:
                inputs.append("".join(current))
                current = None
            if line.strip() == "!! wikitext":
                current = []
        elif current is not None:
            current.append(line)
    return inputs


@pytest.mark.skipif(not CITE_TESTS, reason="Cite parser tests are absent from the corpus")
@pytest.mark.parametrize("path", CITE_TESTS, ids=[path.name for path in CITE_TESTS])
def test_cite_parser_tests_do_not_crash(path):
    inputs = _parser_test_inputs(path)
    assert inputs, f"no '!! wikitext' sections found in {path}"
    for wikitext in inputs:
        found = lint_text(wikitext, REF_RULES)
        assert not [d for d in found if d.code == "WL001"], (wikitext, found)
        result = fix_text_result(wikitext, REF_RULES, unsafe_fixes=True)
        assert not [d for d in result.diagnostics if d.code == "WL001"], wikitext
        again = fix_text_result(result.text, REF_RULES, unsafe_fixes=True)
        assert again.text == result.text, wikitext


def test_cite_parser_test_inputs_find_errors():
    """The extraction works and the rules see Cite's own error cases."""
    path = CORPUS / "parsertests" / "cite" / "citeParserTests.txt"
    if not path.exists():
        pytest.skip("Cite parser tests are absent")
    found = {d.code for wikitext in _parser_test_inputs(path) for d in lint_text(wikitext, REF_RULES)}
    assert {"REF001", "REF002", "REF003", "REF004", "REF006"} <= found


@pytest.mark.skipif(not CITE_TESTS, reason="Cite parser tests are absent from the corpus")
def test_wikilint_check_on_cite_parser_test_files():
    wikilint = Path(sys.executable).with_name("wikilint")
    command = [str(wikilint)] if wikilint.exists() else [sys.executable, "-m", "wikilint"]
    completed = subprocess.run(command + ["check", "--select", "REF", "--exit-zero", "-q", *map(str, CITE_TESTS)],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert "WL001" not in completed.stdout and "Traceback" not in completed.stderr

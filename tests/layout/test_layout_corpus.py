"""The layout family alone over every real page of ../shared/corpus and every parser-test
snippet (the pattern of tests/test_corpus.py, with only the LAY rules selected, the
off-by-default one included, so that their fixes are checked without the other families'):
no rule raises, fixing (unsafe fixes included) succeeds, the fixed text re-parses to
itself, and fixing again changes nothing. Snippets run on zhwiki, whose layout data
extends the default site's and where the zh-only rules run. Skips cleanly when the corpus
is absent.
"""

from __future__ import annotations

import mwparserfromhell
import pytest

from support import CORPUS, corpus_page_files, parser_test_snippets, site_for_corpus_page
from wikilint.api import fix_text_result

PAGES = corpus_page_files(CORPUS) if CORPUS.is_dir() else []
PARSER_TEST_FILES = sorted((CORPUS / "parsertests").rglob("*.txt")) if CORPUS.is_dir() else []
SELECT = ["LAY"]


def _assert_fix_is_sound(text: str, site: str, label: str) -> None:
    result = fix_text_result(text, SELECT, site=site, title=label, unsafe_fixes=True)
    engine_problems = [d for d in result.diagnostics if d.code in ("WL001", "WL002")]
    assert not engine_problems, f"{label}: {engine_problems[0].message}"
    assert str(mwparserfromhell.parse(result.text)) == result.text
    again = fix_text_result(result.text, SELECT, site=site, title=label, unsafe_fixes=True)
    assert again.text == result.text and again.applied == [], f"{label}: a second fix changed the text"


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_corpus_page_fixes_soundly(path):
    _assert_fix_is_sound(path.read_text(encoding="utf-8"), site_for_corpus_page(path), path.stem.split("__")[-1])


@pytest.mark.skipif(not PARSER_TEST_FILES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PARSER_TEST_FILES, ids=[f"{p.parent.name}/{p.name}" for p in PARSER_TEST_FILES])
def test_parser_test_snippets_fix_soundly(path):
    for name, wikitext in parser_test_snippets(path):
        if "\x00" in wikitext:
            continue  # refused by Page (tests/test_corpus.py checks the message)
        _assert_fix_is_sound(wikitext, "zhwiki", f"{path.name}: {name}")

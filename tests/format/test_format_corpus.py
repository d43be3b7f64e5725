"""The formatting rules over every page of ../shared/corpus and every parser-test snippet:
no crash, formatting twice changes nothing more, and the formatted page means what the
original meant (the semantic check). A failure here is a formatter bug, never a page to skip.
"""

from __future__ import annotations

import pytest

from format_support import ALL_FORMAT_RULES, DEFAULT_FORMAT_RULES, format_text
from support import CORPUS, corpus_page_files, parser_test_snippets, site_for_corpus_page

PAGES = corpus_page_files(CORPUS) if CORPUS.is_dir() else []
PARSER_TEST_FILES = sorted((CORPUS / "parsertests").rglob("*.txt")) if CORPUS.is_dir() else []
#: Every option value that is not a default, in one profile (every page is formatted with
#: the default rules and options; every third page also with every rule in these styles).
OTHER_STYLES = {
    "heading-spacing": {"style": "compact"},
    "list-marker-spacing": {"style": "compact"},
    "template-layout": {"align_equals": "always"},
    "br-style": {"style": "<br>"},
    "ref-attribute-quotes": {"quotes": "single"},
}


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_corpus_page_formats_soundly(path):
    format_text(path.read_text(encoding="utf-8"), DEFAULT_FORMAT_RULES, site_for_corpus_page(path), label=path.name)


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PAGES[::3], ids=[p.name for p in PAGES[::3]])
def test_corpus_page_formats_soundly_with_every_rule_in_other_styles(path):
    format_text(path.read_text(encoding="utf-8"), ALL_FORMAT_RULES, site_for_corpus_page(path), OTHER_STYLES,
                label=path.name)


@pytest.mark.skipif(not PARSER_TEST_FILES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PARSER_TEST_FILES, ids=[f"{p.parent.name}/{p.name}" for p in PARSER_TEST_FILES])
def test_parser_test_snippets_format_soundly(path):
    for number, (name, wikitext) in enumerate(parser_test_snippets(path), 1):
        if "\x00" in wikitext:
            continue  # refused before any rule runs (see test_corpus.py)
        label = f"{path.name} case {number} {name}".strip()
        format_text(wikitext, DEFAULT_FORMAT_RULES, label=label)
        format_text(wikitext, ALL_FORMAT_RULES, rule_options=OTHER_STYLES, label=label)


def test_the_formatter_changes_most_corpus_pages():
    """The corpus test above is not vacuous: the rules do change real pages."""
    if not PAGES:
        pytest.skip("../shared/corpus is not present")
    sample = PAGES[::20]
    changed = [path for path in sample
               if format_text(text := path.read_text(encoding="utf-8"), ALL_FORMAT_RULES,
                              site_for_corpus_page(path), label=path.name) != text]
    assert len(changed) * 2 > len(sample)

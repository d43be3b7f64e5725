"""Every rule over every real page of ../shared/corpus and every parser-test snippet.

For each page: no rule raises, fixing (unsafe fixes included) succeeds, the fixed text
re-parses to itself, and fixing it again changes nothing. Skips cleanly when the corpus
is absent.
"""

from __future__ import annotations

import mwparserfromhell
import pytest

from support import CORPUS, corpus_page_files, parser_test_snippets, site_for_corpus_page
from wikilint.api import fix_text_result

PAGES = corpus_page_files(CORPUS) if CORPUS.is_dir() else []
PARSER_TEST_FILES = sorted((CORPUS / "parsertests").rglob("*.txt")) if CORPUS.is_dir() else []


def _assert_fix_is_sound(text: str, site: str, label: str) -> None:
    result = fix_text_result(text, ["ALL"], site=site, title=label, unsafe_fixes=True)
    engine_problems = [d for d in result.diagnostics if d.code in ("WL001", "WL002")]
    assert not engine_problems, f"{label}: {engine_problems[0].message}"
    assert str(mwparserfromhell.parse(result.text)) == result.text
    again = fix_text_result(result.text, ["ALL"], site=site, title=label, unsafe_fixes=True)
    assert again.text == result.text and again.applied == [], f"{label}: a second fix changed the text"


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_corpus_page_fixes_soundly(path):
    _assert_fix_is_sound(path.read_text(encoding="utf-8"), site_for_corpus_page(path), path.stem)


@pytest.mark.skipif(not PARSER_TEST_FILES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PARSER_TEST_FILES, ids=[f"{p.parent.name}/{p.name}" for p in PARSER_TEST_FILES])
def test_parser_test_snippets_fix_soundly(path):
    snippets = parser_test_snippets(path)
    assert snippets or path.stat().st_size < 200, f"no test cases found in {path}"
    for name, wikitext in snippets:
        if "\x00" in wikitext:  # refused with a clear message rather than parsed wrongly
            with pytest.raises(ValueError, match="NUL characters"):
                fix_text_result(wikitext, ["ALL"])
            continue
        _assert_fix_is_sound(wikitext, "default", f"{path.name}: {name}")


def test_corpus_is_complete_when_present():
    if not PAGES:
        pytest.skip("../shared/corpus is not present")
    assert len(PAGES) == 353  # the corpus README's count; a glob mistake would shrink it


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
def test_node_layout_matches_the_text_on_every_page():
    """``Page.nodes()`` offsets are computed from lengths alone; check them against str(),
    on every corpus page and parser-test snippet."""
    from mwparserfromhell.nodes import Tag, Text

    from wikilint.page import Page, tag_spans
    from wikilint.site import load_site

    site = load_site("default")
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in PAGES]
    texts += [(f"{path.name}: {label}", snippet) for path in PARSER_TEST_FILES
              for label, snippet in parser_test_snippets(path)]
    for name, text in texts:
        if "\x00" in text:
            continue  # refused by Page
        page = Page(text, site=site)
        every_node = page.nodes()
        for item in every_node:
            assert text[item.start:item.end] == str(item.node), f"{name}: {type(item.node).__name__} at {item.start}"
        # The per-type lists hold the very records of the full list, in the same order.
        assert [id(item) for item in page.nodes(Tag)] == [id(item) for item in every_node if type(item.node) is Tag]
        assert [id(item) for item in page.nodes(Text)] == [id(item) for item in every_node if type(item.node) is Text]
        for item in page.nodes(Tag):
            tag = item.node
            spans = tag_spans(item)
            opening = text[item.start:spans.attributes_end]
            assert opening.endswith("".join(str(attribute) for attribute in tag.attributes)), f"{name}: {opening!r}"
            if spans.contents_start is None:
                assert tag.self_closing, f"{name}: {str(tag)!r}"
            else:
                assert text[spans.contents_start:spans.contents_end] == str(tag.contents), f"{name}: {str(tag)!r}"

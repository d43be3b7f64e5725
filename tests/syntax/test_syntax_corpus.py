"""The markup-syntax family on the real pages of ``../shared/corpus``.

``tests/test_corpus.py`` fixes every page with every rule; here the family runs alone, so
that a failure names it: every fix it offers on a corpus page (unsafe ones included)
applies, re-parses and settles, and on the zh reference page, whose three broken file
captions leave stray ``]]`` that the image family reports and can fix (IMG001), the family
says nothing twice. Skips when the corpus is absent.
"""

from __future__ import annotations

import mwparserfromhell
import pytest

from support import CORPUS, corpus_page_files, site_for_corpus_page
from wikilint.api import fix_text_result, lint_text, make_rule_set
from wikilint.engine import lint_page
from wikilint.page import Page

PAGES = corpus_page_files(CORPUS) if CORPUS.is_dir() else []


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
def test_family_fixes_on_corpus_pages_are_sound():
    rule_sets = {}
    fixed_pages = 0
    for path in PAGES:
        site = site_for_corpus_page(path)
        rule_set = rule_sets.get(site) or rule_sets.setdefault(site, make_rule_set(["SYN"], site=site))
        text = path.read_text(encoding="utf-8")
        page = Page(text, site=rule_set.site, title=path.stem)
        diagnostics = lint_page(page, rule_set).diagnostics
        assert not [d for d in diagnostics if d.code.startswith("WL")], path.name
        if not any(d.fix is not None for d in diagnostics):
            continue
        fixed_pages += 1
        result = fix_text_result(text, ["SYN"], site=site, title=path.stem, unsafe_fixes=True)
        assert not result.failed, (path.name, result.diagnostics)
        assert result.applied, path.name
        assert str(mwparserfromhell.parse(result.text, skip_style_tags=True)) == result.text
        again = fix_text_result(result.text, ["SYN"], site=site, title=path.stem, unsafe_fixes=True)
        assert again.text == result.text and again.applied == [], path.name
    assert fixed_pages >= 5  # the corpus has pages the family fixes: the loop did run


def test_reference_page_leaves_spilled_captions_to_the_image_family(reference_page):
    text = reference_page.read_text(encoding="utf-8")
    assert [d.code for d in lint_text(text, ["SYN"], site="zhwiki")] == []
    assert [d.code for d in lint_text(text, ["IMG001"], site="zhwiki")] == ["IMG001"] * 3

"""The formatter over a sample of ../shared/corpus and its parser-test snippets: no crash,
formatting twice changes nothing more, and the formatted page means what the original
meant. A failure here is a formatter bug, never a page to skip.

One test on every tenth page file and parser-test file (about 35 pages and 400 snippets,
each also in the other styles), to stay well under a minute in CI; the whole corpus is
checked by ``benchmarks/format_corpus_check.py`` (run by hand: see docs/formatting.md).
"""

from __future__ import annotations

import sys

import pytest

from support import CORPUS, REPO_ROOT, corpus_page_files

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from format_corpus_check import check_case, check_corpus  # noqa: E402 - the script is not a package

SAMPLE_EVERY = 10


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_a_sample_of_the_corpus_formats_soundly():
    count, problems = check_corpus(CORPUS, every=SAMPLE_EVERY, jobs=2)
    assert count > 500  # pages and snippets, default and other styles: not vacuous
    assert problems == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_the_formatter_changes_most_sampled_pages_and_the_check_catches_a_broken_page():
    """The check above is not vacuous: the rules change real pages, and a page whose
    formatting would be refused is reported."""
    from wikilint.api import format_text

    sample = corpus_page_files(CORPUS)[::20]
    changed = [path for path in sample if format_text(text := path.read_text(encoding="utf-8")) != text]
    assert len(changed) * 2 > len(sample)
    assert check_case(("unclosed", "==A==\nx<!-- wikilint: format on -->\n", "default", False)) is None
    problem = check_case(("crash", None, "default", False))  # not a text: the check reports a crash
    assert problem is not None and problem.startswith("crash: crashed: ")

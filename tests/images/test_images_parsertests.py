"""Robustness: every image rule over MediaWiki's parser-test snippets.

Reads the ``!! wikitext`` inputs of ``../shared/corpus/parsertests/**`` (GPL-2.0+/GPL-3.0
parser tests; used as inputs only, nothing copied); skips when the corpus is absent. For
each snippet: no rule raises, the fixed text (unsafe fixes on) re-parses to itself, and a
second fix changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import mwparserfromhell
import pytest

from wikilint.api import make_rule_set
from wikilint.engine import fix_page
from wikilint.page import Page

PARSER_TESTS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "parsertests"


def wikitext_snippets(path: Path) -> list[str]:
    """The text between each ``!! wikitext`` line and the next ``!!`` line."""
    snippets, current = [], None
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        if line.startswith("!!"):
            if current is not None:
                snippets.append("\n".join(current) + "\n")
            current = [] if line.strip().lower() == "!! wikitext" else None
        elif current is not None:
            current.append(line)
    return snippets


FILES = sorted(PARSER_TESTS.glob("**/*.txt")) if PARSER_TESTS.is_dir() else []


@pytest.mark.skipif(not FILES, reason=f"parser tests not found under {PARSER_TESTS}")
@pytest.mark.parametrize("site", ["default", "zhwiki"])
def test_image_rules_survive_every_parser_test_snippet(site):
    rule_set = make_rule_set(["IMG"], site=site, unsafe_fixes=True)
    snippets = [snippet for path in FILES for snippet in wikitext_snippets(path)]
    assert len(snippets) > 1000
    failures = []
    for snippet in snippets:
        if "\x00" in snippet:
            continue  # the core refuses NUL characters before any rule runs
        first = fix_page(Page(snippet, site=rule_set.site), rule_set)
        if first.internal_error or first.failed:
            failures.append((snippet[:200], [d.message for d in first.diagnostics if d.code.startswith("WL")]))
            continue
        if str(mwparserfromhell.parse(first.text, skip_style_tags=True)) != first.text:
            failures.append((snippet[:200], "fixed text does not re-parse"))
        second = fix_page(Page(first.text, site=rule_set.site), rule_set)
        if second.text != first.text:
            failures.append((snippet[:200], "a second fix changed the text"))
    assert failures == []

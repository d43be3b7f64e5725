"""The markup-syntax family against MediaWiki's parser tests (``../shared/corpus/parsertests``).

The parser tests are inputs with MediaWiki's expected output (GPL-2.0+/GPL-3.0 files, read
in place; nothing is copied). Here they are an oracle for precision: a rule that says
"MediaWiki shows this markup as text" is quiet on every test whose expected HTML (the
legacy parser's, ``!! html/php`` or ``!! html``) shows no such markup. Fuzz tests (random
input) and tests whose output depends on options (pre-save transform, sections,
messages…) are left out. (That every rule survives every snippet, with fixes that
re-parse and settle, is ``tests/test_corpus.py``'s check, for all families at once.)

Skips when the corpus is absent.
"""

from __future__ import annotations

import re

import pytest

from support import CORPUS, parser_test_cases
from wikilint.api import make_rule_set
from wikilint.engine import lint_page
from wikilint.page import Page

FILES = sorted((CORPUS / "parsertests").rglob("*.txt")) if CORPUS.is_dir() else []
_OPTIONS_THAT_CHANGE_THE_OUTPUT = re.compile(r"\b(pst|msg|section|replace|comment|subpage|preload|title=)")
CASES = [dict(case, file=path.name, name=f"{path.name}: {case['name']}")
         for path in FILES for case in parser_test_cases(path) if "\x00" not in case["wikitext"]]


def _shows_no_brackets(html: str) -> bool:
    return "[[" not in html and "]]" not in html


def _shows_no_braces(html: str) -> bool:
    return "{{" not in html and "}}" not in html


def _shows_no_tag_as_text(html: str) -> bool:
    return "&lt;" not in html


#: Rule → the findings that claim text is shown, and what the expected HTML must then hold.
_ORACLES = {
    "SYN001": _shows_no_brackets,
    "SYN002": _shows_no_brackets,
    "SYN003": _shows_no_braces,
    "SYN004": _shows_no_braces,
    "SYN014": _shows_no_tag_as_text,
    "SYN011": _shows_no_tag_as_text,   # (its findings on extension tags: "shows the tag as text")
}


@pytest.mark.skipif(not CASES, reason="../shared/corpus/parsertests is not present")
def test_quiet_where_mediawiki_shows_no_markup_as_text():
    rule_set = make_rule_set(list(_ORACLES))
    checked, conflicts = 0, []
    for case in CASES:
        expected = case.get("html/php", case.get("html"))
        if (expected is None or "fuzz" in case["file"].lower()
                or _OPTIONS_THAT_CHANGE_THE_OUTPUT.search(case.get("options", ""))):
            continue
        checked += 1
        for diagnostic in lint_page(Page(case["wikitext"], site=rule_set.site), rule_set).diagnostics:
            if diagnostic.code == "SYN011" and not diagnostic.message.endswith("as text"):
                continue  # an unclosed HTML tag runs on; it is not shown
            if diagnostic.code == "SYN002" and diagnostic.message.startswith("`]` after"):
                if "]" not in expected:
                    conflicts.append((case["name"], diagnostic.message))
                continue
            if _ORACLES[diagnostic.code](expected):
                conflicts.append((case["name"], diagnostic.message))
    assert checked > 3000
    assert conflicts == []


@pytest.mark.skipif(not CASES, reason="../shared/corpus/parsertests is not present")
def test_the_family_finds_what_mediawiki_shows_as_text():
    """The other way round, as a floor: the parser tests about broken brackets do make
    the family speak (a scan that found nothing would pass the oracle above)."""
    rule_set = make_rule_set(["SYN001", "SYN002", "SYN003"])
    flagged = {case["name"] for case in CASES
               if lint_page(Page(case["wikitext"], site=rule_set.site), rule_set).diagnostics}
    assert any("Link with 3 brackets" in name for name in flagged)
    assert any("Link with 4 brackets" in name for name in flagged)
    assert len(flagged) > 40

"""The markup-syntax family over MediaWiki's parser tests (``../shared/corpus/parsertests``).

The parser tests are inputs with MediaWiki's expected output (GPL-2.0+/GPL-3.0 files, read
in place; nothing is copied). Two things are checked:

* robustness: on every snippet, no rule raises, the fixed text (unsafe fixes on)
  re-parses to itself, and fixing it again changes nothing;
* precision: a rule that says "MediaWiki shows this markup as text" is quiet on every
  test whose expected HTML (the legacy parser's, ``!! html/php`` or ``!! html``) shows no
  such markup. Fuzz tests (random input) and tests whose output depends on options
  (pre-save transform, sections, messages…) are left out of this oracle.

Skips when the corpus is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import mwparserfromhell
import pytest

from support import CORPUS
from wikilint.api import make_rule_set
from wikilint.engine import fix_page, lint_page
from wikilint.page import Page

FILES = sorted((CORPUS / "parsertests").rglob("*.txt")) if CORPUS.is_dir() else []
_OPTIONS_THAT_CHANGE_THE_OUTPUT = re.compile(r"\b(pst|msg|section|replace|comment|subpage|preload|title=)")


def parser_test_cases(path: Path) -> list[dict[str, str]]:
    """Each ``!! test`` … ``!! end`` block of a parser-test file, as section name → text."""
    cases, current, section = [], None, None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True):
        if line.startswith("!!"):
            keyword = line[2:].strip().split(" ", 1)[0].lower()
            if keyword == "test":  # the name follows on the same line or the next ones
                current, section = {"file": path.name, "test": line[2:].strip()[4:].strip()}, "test"
            elif keyword == "end":
                if current is not None and "wikitext" in current:
                    current["name"] = f"{path.name}: {' '.join(current['test'].split())}"
                    cases.append(current)
                current, section = None, None
            elif current is not None:
                section = keyword
                current[section] = ""
            continue
        if current is not None and section is not None:
            current[section] += line
    return cases


CASES = [case for path in FILES for case in parser_test_cases(path) if "\x00" not in case["wikitext"]]


@pytest.mark.skipif(not CASES, reason="../shared/corpus/parsertests is not present")
@pytest.mark.parametrize("site", ["default", "zhwiki"])
def test_family_survives_every_parser_test(site):
    rule_set = make_rule_set(["SYN"], site=site, unsafe_fixes=True)
    assert len(CASES) > 5000
    failures = []
    for case in CASES:
        first = fix_page(Page(case["wikitext"], site=rule_set.site), rule_set)
        if first.internal_error or first.failed:
            failures.append((case["name"], [d.message for d in first.diagnostics if d.code.startswith("WL")]))
            continue
        if str(mwparserfromhell.parse(first.text, skip_style_tags=True)) != first.text:
            failures.append((case["name"], "the fixed text does not re-parse"))
        second = fix_page(Page(first.text, site=rule_set.site), rule_set)
        if second.text != first.text:
            failures.append((case["name"], "a second fix changed the text"))
    assert failures == []


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

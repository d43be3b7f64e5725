"""Suppression comments: ranges, lines, next line, whole page, and unused ones."""

from __future__ import annotations

import re

from wikilint import Finding, Rule, hookimpl
from wikilint.api import make_rule_set
from wikilint.engine import lint_page
from wikilint.page import Page
from wikilint.plugin_host import build_registry

DOC = "Flags X.\n\n**Bad**\n\n```wikitext\nX\n```\n\n**Good**\n\n```wikitext\nY\n```\n"


class FlagX(Rule):
    __doc__ = DOC
    code = "SUP001"
    name = "flag-x"

    def check(self, page):
        for match in re.finditer("X", page.text):
            yield Finding(match.start(), match.end(), "X")


class _Plugin:
    @hookimpl
    def wikilint_get_rules(self):
        return [FlagX]


REGISTRY = build_registry(extra_plugins=[("sup", _Plugin())])


def _lint(text: str) -> list[tuple[str, int]]:
    rule_set = make_rule_set(["SUP001", "WL100"], registry=REGISTRY)
    return [(d.code, d.line) for d in lint_page(Page(text, site=rule_set.site), rule_set).diagnostics]


def test_disable_enable_range():
    text = "X\n<!-- wikilint: disable SUP001 -->\nX\nX\n<!-- wikilint: enable SUP001 -->\nX\n"
    assert _lint(text) == [("SUP001", 1), ("SUP001", 6)]


def test_range_without_enable_runs_to_the_end():
    assert _lint("X\n<!-- wikilint: disable -->\nX\n") == [("SUP001", 1)]


def test_disable_line_and_next_line():
    text = "X <!-- wikilint: disable-line SUP001 -->\n<!-- wikilint: disable-next-line flag-x -->\nX\nX\n"
    assert _lint(text) == [("SUP001", 4)]


def test_disable_page_with_prefix_selector_and_equals_sign():
    assert _lint("X\nX\n<!-- wikilint: disable-page=SUP -->\n") == []


def test_unused_directives_are_reported():
    text = "X\n<!-- wikilint: disable-next-line SUP001 -->\nY\n<!-- wikilint: disable-line -->\n"
    assert _lint(text) == [("SUP001", 1), ("WL100", 2), ("WL100", 4)]


def test_partly_used_directive_reports_the_idle_code_without_fix():
    rule_set = make_rule_set(["SUP001", "WL100"], registry=REGISTRY)
    page = Page("X <!-- wikilint: disable-line SUP001, WL999 -->\n", site=rule_set.site)
    (diagnostic,) = lint_page(page, rule_set).diagnostics
    assert diagnostic.code == "WL100" and "WL999" in diagnostic.message and diagnostic.fix is None


def test_directive_inside_nowiki_is_not_a_directive():
    assert _lint("<nowiki><!-- wikilint: disable-page --></nowiki>X\n") == [("SUP001", 1)]


def test_bare_disable_is_not_ended_by_an_enable_naming_one_code():
    text = "<!-- wikilint: disable -->\nX\n<!-- wikilint: enable SUP002 -->\nX\n"
    assert _lint(text) == []  # line 4 is still inside the bare disable


def test_enable_ends_only_the_codes_it_names():
    text = "<!-- wikilint: disable SUP001, WL -->\nX\n<!-- wikilint: enable SUP001 -->\nX\n"
    # SUP001 is back on at line 4; the directive's WL part suppressed nothing.
    assert _lint(text) == [("WL100", 1), ("SUP001", 4)]


def test_unused_directive_fix_keeps_paragraphs():
    from wikilint.api import fix_text

    # A comment alone on its line vanishes with its line break in MediaWiki: the fix
    # must not leave an empty line, which would split the paragraph.
    assert fix_text("Para one.\n<!-- wikilint: disable-next-line -->\nSame para.\n", ["WL100"]) == \
        "Para one.\nSame para.\n"
    assert fix_text("Text. <!-- wikilint: disable-line -->\nMore.\n", ["WL100"]) == "Text.\nMore.\n"
    assert fix_text("A <!-- wikilint: disable-line --> B\n", ["WL100"]) == "A  B\n"

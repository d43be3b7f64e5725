"""The fix loop's guarantees, with small rules written for each case."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Text

from wikilint import Finding, Fix, Rule
from wikilint.api import fix_text_result, make_rule_set
from wikilint.engine import apply_edits, fix_page
from wikilint.page import Page
from wikilint.plugin_host import build_registry
from wikilint.rule import Edit

DOC = '''{summary}

    **Bad**

    ```wikitext
    a
    ```

    **Good**

    ```wikitext
    b
    ```
    '''


def _rule(code: str, name: str, pattern: str, replacement: str, applicability: str = "safe") -> type[Rule]:
    """A rule replacing every match of ``pattern`` with ``replacement``."""
    compiled = re.compile(pattern)

    def check(self, page):
        for match in compiled.finditer(page.text):
            yield Finding(match.start(), match.end(), f"{match[0]!r}",
                          Fix.replace(match.start(), match.end(), match.expand(replacement), name))

    return type(name.title().replace("-", ""), (Rule,), {
        "__doc__": DOC.format(summary=f"Test rule {name}."), "code": code, "name": name,
        "fix_applicability": applicability, "check": check,
    })


class _Plugin:
    def __init__(self, *rules):
        self.rules = list(rules)

    from wikilint import hookimpl

    @hookimpl
    def wikilint_get_rules(self):
        return self.rules


def _fix(text: str, *rules: type[Rule], unsafe: bool = False, limit: int | None = None):
    registry = build_registry(extra_plugins=[("test", _Plugin(*rules))])
    rule_set = make_rule_set([r.code for r in rules], unsafe_fixes=unsafe, registry=registry)
    if limit is not None:
        from dataclasses import replace
        rule_set = replace(rule_set, settings=replace(rule_set.settings, fix_limit=limit))
    return fix_page(Page(text, site=rule_set.site, title="T"), rule_set)


def test_apply_edits_in_any_order():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A"), Edit(2, 2, "+")]) == "Ab+cdEf"


def test_overlapping_fixes_apply_over_several_passes():
    # In "abc" the two fixes overlap on "b": one pass applies only the first; the
    # second is found again on the new text and applied in the next pass.
    first = _rule("TST1", "first", "ab", "AB")
    second = _rule("TST2", "second", "[bB]c", "BC")
    result = _fix("abc", first, second)
    assert not result.failed
    assert result.text == "ABC"
    assert result.applied == [("TST1", "first"), ("TST2", "second")]


def test_fix_that_changes_nothing_is_ignored():
    same = _rule("TST1", "same", "a", "a")
    result = _fix("a", same)
    assert not result.failed and result.text == "a" and result.applied == []
    assert result.diagnostics[0].fix is None


def test_unsafe_fix_needs_opt_in():
    rule = _rule("TST1", "first", "x", "y", applicability="unsafe")
    assert _fix("x", rule).text == "x"
    assert _fix("x", rule, unsafe=True).text == "y"


def test_oscillating_fixes_keep_the_original_and_report():
    there = _rule("TST1", "there", "x", "y")
    back = _rule("TST2", "back", "y", "x")
    result = _fix("x", there, back)
    assert result.failed and result.text == "x"
    assert result.diagnostics[0].code == "WL002"
    assert "undo each other" in result.diagnostics[0].message


def test_fix_limit_keeps_the_original_and_reports():
    grows = _rule("TST1", "grows", r"z+$", r"\g<0>z")
    result = _fix("z", grows, limit=3)
    assert result.failed and result.text == "z"
    assert "did not settle within 3 passes" in result.diagnostics[0].message


def test_fix_that_breaks_markup_is_refused():
    unbalances = _rule("TST1", "unbalances", r"\]\]$", "")
    result = _fix("[[Link]]", unbalances)
    assert result.failed and result.text == "[[Link]]"
    assert "would break markup" in result.diagnostics[0].message


def test_successful_fix_is_idempotent_by_construction():
    rule = _rule("TST1", "first", "a", "b")
    result = _fix("a a a", rule)
    assert result.text == "b b b" and not result.failed
    again = _fix(result.text, rule)
    assert again.text == result.text and again.applied == []


def test_core_rule_fix_through_public_api():
    result = fix_text_result("Text.<!-- wikilint: disable-line -->\n", ["WL100"])
    assert result.text == "Text.\n"
    assert result.applied == [("WL100", "remove the unused directive")]


def test_text_nodes_type_is_mwparserfromhell_text():
    # The markup guard relies on broken markup staying in Text nodes.
    assert isinstance(Page("[[a", site=make_rule_set([]).site).nodes()[0].node, Text)


def test_a_page_is_freed_without_the_cyclic_collector_once_released():
    """The zh family keeps a context object that refers back to its page (a reference cycle
    through ``page.derived``); the engine releases each page it is done with, so the page and
    its tree go as soon as they are dropped, not at the collector's next full pass."""
    import gc
    import weakref

    from wikilint.api import make_rule_set
    from wikilint.engine import fix_page, lint_page
    from wikilint.page import Page

    rule_set = make_rule_set(["ALL"], site="zhwiki")
    text = "{{NoteTA|G1=IT|1=zh-cn:软件; zh-tw:軟體;}}\n软件是-{zh-cn:计算机;zh-tw:電腦}-的[[程序|程序]]。\n"
    gc.disable()
    try:
        for release in (False, True):
            page = Page(text, site=rule_set.site)
            assert lint_page(page, rule_set).diagnostics
            assert page._derived  # the families kept their indexes
            if release:
                page.release()
            alive = weakref.ref(page)
            del page
            assert (alive() is None) is release  # without release() the cycle keeps it
        page = Page(text, site=rule_set.site)
        fix_page(page, rule_set)
        assert "_derived" not in page.__dict__  # fix_page released the original (and its versions)
    finally:
        gc.enable()

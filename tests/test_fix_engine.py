"""The fix loop's guarantees, with small rules written for each case."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Text

from wikilint import Finding, Fix, Rule
from wikilint.api import fix_text_result, make_rule_set
from wikilint.engine import apply_edits, fix_page, prints_back, reparses_to_itself
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
    # Both rules take part in the cycle: dropping only one would make every rerun of
    # --fix flip the page, so both are dropped and the page stays as it was.
    there = _rule("TST1", "there", "x", "y")
    back = _rule("TST2", "back", "y", "x")
    result = _fix("x", there, back)
    assert result.failed and result.text == "x"
    assert sorted(result.dropped) == ["TST1", "TST2"]
    refusals = [d for d in result.diagnostics if d.code == "WL002"]
    assert len(refusals) == 2
    assert all("undo another rule's fixes" in d.message for d in refusals)


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


def test_a_refused_rule_loses_only_its_own_fixes():
    """sqlfluff's way: the rule whose fix breaks markup is dropped, the others' fixes stay."""
    unbalances = _rule("TST1", "unbalances", r"\]\]$", "")
    upper = _rule("TST2", "upper", "tail", "TAIL")
    result = _fix("tail [[Link]]", unbalances, upper)
    assert result.text == "TAIL [[Link]]"
    assert result.applied == [("TST2", "upper")]
    assert result.failed and list(result.dropped) == ["TST1"]
    (refusal,) = [d for d in result.diagnostics if d.code == "WL002"]
    assert "fixes of TST1 (unbalances) not applied" in refusal.message and "break markup" in refusal.message
    assert refusal.start == len("tail [[Link")  # placed on the rule's remaining finding
    # Fixing the result again changes nothing (the dropped rule is dropped again).
    again = _fix(result.text, unbalances, upper)
    assert again.text == result.text and again.applied == []


def test_a_rule_that_never_settles_is_dropped_alone():
    grows = _rule("TST1", "grows", r"z+$", r"\g<0>z")
    upper = _rule("TST2", "upper", "a", "A")
    result = _fix("a z", grows, upper, limit=3)
    assert result.text == "A z" and list(result.dropped) == ["TST1"]


def _raising_rule(code: str, exception: BaseException) -> type[Rule]:
    def check(self, page):
        raise exception
        yield  # pragma: no cover - makes check a generator

    return type("Raises", (Rule,), {"__doc__": DOC.format(summary="Test rule that raises."), "code": code,
                                    "name": "raises", "check": check})


def test_system_exit_and_native_panics_in_a_rule_become_wl001():
    """pyo3's PanicException derives from BaseException, like SystemExit: neither may end
    the run; the rule is blamed and the other rules still report."""
    class PanicException(BaseException):  # what pyo3 raises for a Rust panic
        pass

    other = _rule("TST2", "upper", "a", "A")
    for exception in (SystemExit(3), PanicException("called `Option::unwrap()` on a `None` value")):
        registry = build_registry(extra_plugins=[("test", _Plugin(_raising_rule("TST1", exception), other))])
        rule_set = make_rule_set(["TST1", "TST2"], registry=registry)
        from wikilint.engine import lint_page

        result = lint_page(Page("a", site=rule_set.site, title="T"), rule_set)
        assert result.internal_error
        assert sorted(d.code for d in result.diagnostics) == ["TST2", "WL001"]
        (failure,) = [d.message for d in result.diagnostics if d.code == "WL001"]
        assert f"rule TST1 (raises) failed on page T: {type(exception).__name__}" in failure


def _returning_rule(code: str, make) -> type[Rule]:
    def check(self, page):
        yield make(page)

    return type("Returns", (Rule,), {"__doc__": DOC.format(summary="Test rule returning odd things."),
                                     "code": code, "name": "returns", "check": check,
                                     "fix_applicability": "safe"})


def test_malformed_findings_are_blamed_on_their_rule():
    from wikilint.engine import lint_page

    cases = {
        "not a Finding": lambda page: 42,
        "outside the page": lambda page: Finding(0, 99, "too far"),
        "severity 'catastrophic'": lambda page: Finding(0, 1, "odd", severity="catastrophic"),
        "is not an Edit(start, end, str)": lambda page: Finding(0, 1, "odd", Fix.replace(0, 1, 5)),
        "edits of one fix overlap": lambda page: Finding(0, 1, "odd", Fix((Edit(0, 1, "x"), Edit(0, 1, "y")))),
    }
    for expected, make in cases.items():
        registry = build_registry(extra_plugins=[("test", _Plugin(_returning_rule("TST1", make)))])
        rule_set = make_rule_set(["TST1"], registry=registry)
        (diagnostic,) = lint_page(Page("abc", site=rule_set.site, title="T"), rule_set).diagnostics
        assert diagnostic.code == "WL001" and "rule TST1 (returns)" in diagnostic.message, expected
        assert expected in diagnostic.message


def test_choosing_edits_matches_the_pairwise_definition():
    """The sorted sweep picks exactly what first-come-first-served pairwise checks pick."""
    import random

    from wikilint.engine import _choose_edits, _Found

    def overlaps(a, b):
        return (a[0] == a[1] == b[0] == b[1]) or (a[0] < b[1] and b[0] < a[1])

    def pairwise(founds):
        taken, chosen = [], []
        for found in founds:
            spans = [(e.start, e.end) for e in found.edits]
            if any(overlaps(s, t) for s in spans for t in taken):
                continue
            taken.extend(spans)
            chosen.append(found)
        return chosen

    rule = _rule("TST1", "first", "a", "b")()
    generator = random.Random(7)
    for _round in range(300):
        founds = []
        for _ in range(generator.randrange(1, 25)):
            edits = []
            for _ in range(generator.randrange(1, 3)):
                start = generator.randrange(0, 40)
                edits.append(Edit(start, start + generator.choice([0, 0, 1, 2, 5]), "x"))
            edits.sort(key=lambda e: (e.start, e.end))
            if any(overlaps((a.start, a.end), (b.start, b.end)) for a, b in zip(edits, edits[1:])):
                continue
            founds.append(_Found(rule, Finding(0, 0, "m"), tuple(edits), "safe", True, 1))
        assert _choose_edits(founds)[1] == pairwise(founds)


#: Every kind of node and field ``str()`` writes (quoted and bare attributes, wiki-markup
#: tags, self-closing and invalid tags, entities of each form, arguments with defaults…).
PRINTED = [
    "",
    "Plain text.\n",
    "{{Foo|a|b = 1|{{Bar|x=[[Y|z]]}}}}\n== Heading ==\n=== {{a}} ===\n",
    "<ref name=\"a\" group = b>x<br/>y</ref><references /></br><span\tclass='c'>s</span>",
    "* a\n#: b\n; c : d\n{| class=\"wikitable\"\n|-\n! h !! i\n| 1 || 2\n|}\n''i'' '''b'''\n----\n",
    "[http://a.org A] [http://b.org] http://c.org/d &amp; &#123; &#x1F600; &nbsp;\n",
    "{{{1|{{{2|default}}}}}} <!-- a comment --> [[File:X.png|thumb|a [[b]] c]] [[:Category:Y]]s",
    "<nowiki>[[x]]</nowiki><pre>\n a\n</pre> <div\n style=\"a\">\n\nx</div>",
]


def test_prints_back_is_str_of_the_tree_equal_to_the_text():
    from wikilint.parsing import parse

    for text in PRINTED:
        tree = parse(text)
        for candidate in (text, text + "x", text[:-1], "x" + text, text.replace("a", "b", 1), text.upper()):
            assert prints_back(tree, candidate) == (str(tree) == candidate), (text, candidate)
        assert prints_back(tree, text)


MUTATED = "{{Foo|a=[[B|c]]}} <ref name=\"x\">y</ref>\n== H ==\n"
#: Changes to the tree of MUTATED after parsing, after which it no longer prints the text.
MUTATIONS = [
    lambda tree: setattr(tree.nodes[0].params[0].value.nodes[0].text.nodes[0], "value", "d"),
    lambda tree: setattr(tree.nodes[2].attributes[0], "quotes", "'"),
    lambda tree: setattr(tree.nodes[4], "level", 3),
    lambda tree: tree.nodes.pop(),  # the last newline gone: a tree shorter than the text
    lambda tree: tree.nodes.append(Text("x")),  # a tree longer than the text
]


def test_a_tree_that_does_not_print_back_is_refused():
    text = MUTATED
    site = make_rule_set([]).site
    for mutate in MUTATIONS:
        page = Page(text, site=site)
        assert reparses_to_itself(page, page) is None
        mutate(page.tree)
        assert str(page.tree) != text
        assert not prints_back(page.tree, text)
        assert reparses_to_itself(page, page) == "the fixed text does not re-parse to itself"


def test_a_page_of_fixed_text_compares_its_tree_in_its_layout_walk():
    """The engine's pages of fixed text (``checked_layout``) answer the re-parse check from
    their layout walk: the same records as any page's, and the answer of ``str(tree) == text``,
    for a tree changed before it is laid out too."""
    from wikilint.engine import _parse_version

    site = make_rule_set([]).site
    assert _parse_version(Page("a", site=site), "b").checked_layout
    for text in PRINTED:
        page, checked = Page(text, site=site), Page(text, site=site, checked_layout=True)
        assert ([(item.start, item.end, str(item.node), len(item.ancestors)) for item in checked.nodes()]
                == [(item.start, item.end, str(item.node), len(item.ancestors)) for item in page.nodes()])
        assert checked.prints_back() and reparses_to_itself(page, checked) is None
    for mutate in MUTATIONS:
        page = Page(MUTATED, site=site, checked_layout=True)
        mutate(page.tree)
        if len(str(page.tree)) == len(MUTATED):  # laid out (the walk compares); the check answers from it
            page.nodes(Text)
            assert "_layout" in page.__dict__
        assert not page.prints_back()
        assert reparses_to_itself(page, page) == "the fixed text does not re-parse to itself"

"""A bounded fuzz campaign in every test run: mutated corpus pages and generated pages must
lint and fix without an exception, an internal error or a refused fix, and the fixes must
round-trip and be idempotent (``tests/fuzzing.py`` runs the long campaign)."""

from __future__ import annotations

from fuzzing import campaign, check_page, rule_sets_by_site


def test_bounded_fuzz_campaign(corpus):
    outcome = campaign(mutated=100, generated=40, seed=20261201, corpus=corpus)
    assert outcome.pages == 140
    assert outcome.problems == []


def test_the_fuzz_check_catches_a_broken_promise():
    """The checker itself must be able to fail: a rule set whose fix never settles is caught."""
    from dataclasses import replace

    from fuzzing import Outcome

    rule_sets = rule_sets_by_site()
    # fix-limit 1 cannot apply [[A|A]] and [[A|A]]'s repeated-link fix in one pass.
    strict = replace(rule_sets["default"], settings=replace(rule_sets["default"].settings, fix_limit=1))
    outcome = Outcome()
    check_page("[[Foo|Foo]] and [[Foo|Foo]] again.\n", "default", "probe", outcome, {"default": strict})
    assert outcome.counts == {"refused or failed fix": 1}

#!/usr/bin/env python3
"""What each rule family costs over the corpus, in CPU time (a plain script).

    .venv/bin/python benchmarks/family_cost.py [--corpus ../shared/corpus] [--rounds 3] [--profile SYN]

Every corpus page file is linted as ``wikilint check`` does it (all default rules, each
page on the site of its folder, as benchmarks/bench.py stages them), in one process; the
time of each rule's ``check`` is summed per family, beside the time of
``mwparserfromhell.parse`` alone. CPU time of this process (``time.process_time``) is
measured, not wall time, so that a loaded machine skews the figures less; each figure is
the best of the rounds. A family's per-page shared scans are paid by whichever of its rules
asks first, so only the family totals are exact. ``--profile SYN`` then runs the named
family's rules under cProfile, after the other families on each page (so that the
indexes all families share are built), and prints the most expensive functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

from mwparserfromhell.nodes import Tag

from bench import ROOT, SITE_BY_FOLDER, corpus_pages  # (this folder is on the path when run as a script)
from wikilint.api import make_rule_set
from wikilint.commands.check import tune_garbage_collector
from wikilint.page import Page
from wikilint.parsing import parse  # the parse wikilint does (the baseline a family adds to)


def family(code: str) -> str:
    return code.rstrip("0123456789")


def load(corpus: Path) -> list[tuple[str, str]]:
    """``(site, text)`` of every corpus page file."""
    return [(SITE_BY_FOLDER.get(path.parent.name, "default"), path.read_text(encoding="utf-8"))
            for path in corpus_pages(corpus)]


def parse_only(pages: list[tuple[str, str]]) -> float:
    start = time.process_time()
    for _, text in pages:
        parse(text)
    return time.process_time() - start


def lint_by_family(pages: list[tuple[str, str]], rule_sets: dict, rules_by_site: dict) -> tuple[float, dict[str, float]]:
    """The time of building each page (parse and layout) and of each family's rules."""
    building = 0.0
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for site, text in pages:
        rule_set = rule_sets[site]
        start = clock()
        page = Page(text, site=rule_set.site)
        page.nodes(Tag)  # the layout walk (text nodes are located only when a rule asks)
        building += clock() - start
        for rule in rules_by_site[site]:
            start = clock()
            list(rule.check(page))
            spent[family(rule.code)] += clock() - start
        page.release()
    return building, spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", metavar="FAMILY", help="profile this family's rules (e.g. SYN)")
    arguments = parser.parse_args()
    tune_garbage_collector()  # as `wikilint check` runs
    pages = load(arguments.corpus)
    rule_sets = {site: make_rule_set(None, site=site) for site in {site for site, _ in pages}}
    # As the engine runs a page without a wiki index: the rules that need one stay silent.
    rules_by_site = {site: [rule for rule in rule_set.rules if not rule.needs] for site, rule_set in rule_sets.items()}
    parse = min(parse_only(pages) for _ in range(arguments.rounds))
    rounds = [lint_by_family(pages, rule_sets, rules_by_site) for _ in range(arguments.rounds)]
    building = min(round_[0] for round_ in rounds)
    families = sorted({name for round_ in rounds for name in round_[1]})
    spent = {name: min(round_[1].get(name, 0.0) for round_ in rounds) for name in families}
    megabytes = sum(len(text.encode("utf-8")) for _, text in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB; CPU seconds, best of {arguments.rounds} rounds\n")
    print("| part | CPU s | % of parse |")
    print("|---|---:|---:|")
    print(f"| mwparserfromhell.parse only | {parse:.2f} | 100 |")
    print(f"| Page: parse and node layout | {building:.2f} | {building / parse * 100:.0f} |")
    for name in sorted(spent, key=spent.get, reverse=True):
        print(f"| {name} rules | {spent[name]:.2f} | {spent[name] / parse * 100:.0f} |")
    total = building + sum(spent.values())
    print(f"| all (page and every default rule) | {total:.2f} | {total / parse * 100:.0f} |")
    if arguments.profile:
        # The family's marginal cost: the other families run first, unprofiled, so that the
        # indexes every family shares (tags by name, the located nodes) are already built.
        profiler = cProfile.Profile()
        for site, text in pages:
            page = Page(text, site=rule_sets[site].site)
            rules = rules_by_site[site]
            for rule in rules:
                if family(rule.code) != arguments.profile:
                    list(rule.check(page))
            profiler.enable()
            for rule in rules:
                if family(rule.code) == arguments.profile:
                    list(rule.check(page))
            profiler.disable()
            page.release()
        print()
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())

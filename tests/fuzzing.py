#!/usr/bin/env python3
"""A seeded fuzzer: mutated corpus pages and generated pages through lint and fix.

For each page it asserts what wikilint promises on any text: no exception and no
internal error (WL001), no refused fix (WL002: a rule must not offer a fix that breaks
markup, never settles or fights another), fixed text that re-parses to itself, and
fixes that are idempotent (fixing the fixed text changes nothing). The test suite runs
a small bounded campaign (``tests/test_fuzz.py``); a long one runs from here:

    .venv/bin/python tests/fuzzing.py --mutated 4000 --generated 1500 --seed 1
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import mwparserfromhell

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import CORPUS, corpus_page_files, parser_test_snippets, site_for_corpus_page  # noqa: E402

#: Pieces of markup the mutator inserts: the brackets, tags and separators rules care about.
TOKENS = ["[[", "]]", "{{", "}}", "{{{", "}}}", "|", "||", "=", "==", "\n", "\n\n", "'''", "''", "<ref>", "</ref>",
          "<ref name=a/>", "<ref name=\"b\">", "<!--", "-->", "<!-- wikilint: disable -->", "-{", "}-", "-{H|",
          "{|", "|}", "|-", "!", "<nowiki>", "</nowiki>", "<references />", "[[File:X.png|thumb|", "[[Category:",
          "[http://example.org ", "]", "<br>", "</br>", "<span>", "</span>", "&amp;", "&#x20;", "%20", "_", " ",
          "{{noteTA|1=zh-cn:软件; zh-tw:軟體;}}", "{{Reflist}}", "：", "。", "，", "__TOC__", "~~~~", "<gallery>",
          "</gallery>", "\t", "\u3000", "\U00020000", "#", ":", "*", ";",
          # The markup-syntax family's: tags, attributes, headings, tables, metadata, magic links.
          "</br>", "<center>", "</small>", '<span style="a', "|+", "!!", "= H =", "'''''", "[www.example.org x]",
          "[[http://example.org y]]", "http//example.org", "ISBN 978-3-8305-0166-7", "isbn 0-306-40615-2",
          "{{DEFAULTSORT:A}}", "{{#invoke:M}}", "{{{1}}}", "[[Category:A]]", "|a=1|a=2"]


def mutate(text: str, generator: random.Random, steps: int) -> str:
    """``text`` after ``steps`` random insertions, deletions, duplications and swaps."""
    for _ in range(steps):
        length = len(text)
        operation = generator.random()
        position = generator.randrange(length + 1) if length else 0
        if operation < 0.45 or length < 4:
            text = text[:position] + generator.choice(TOKENS) + text[position:]
        elif operation < 0.7:
            end = min(length, position + generator.randrange(1, 40))
            text = text[:position] + text[end:]
        elif operation < 0.85:
            end = min(length, position + generator.randrange(1, 200))
            text = text[:end] + text[position:end] + text[end:]
        else:
            other = generator.randrange(length + 1)
            first, second = sorted((position, other))
            middle = generator.randrange(first, second + 1)
            text = text[:first] + text[middle:second] + text[first:middle] + text[second:]
    return text.replace("\x00", "")


def generate(generator: random.Random, pieces: int) -> str:
    """A page made of markup tokens and words only (the grammar-less end of the fuzzer)."""
    words = ["Text", "軟體", "link", "Foo", "Bar (band)", "a", "1", "x.", "http://x.org", "ISBN 0-306-40615-2"]
    return "".join(generator.choice(TOKENS if generator.random() < 0.6 else words) for _ in range(pieces))


@dataclass
class Outcome:
    pages: int = 0
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


def check_page(text: str, site: str, label: str, outcome: Outcome, rule_sets: dict) -> None:
    """Lint and fix one page; every broken promise goes into ``outcome.problems``."""
    from wikilint.engine import fix_page, lint_page
    from wikilint.page import Page

    outcome.pages += 1
    rule_set = rule_sets[site]
    try:
        page = Page(text, site=rule_set.site, title="Fuzz")
        lint = lint_page(page, rule_set)
        page.release()
        if lint.internal_error:
            outcome.count("internal error while linting")
            outcome.problems.append(f"{label}: WL001 {_first(lint.diagnostics, 'WL001')}")
            return
        fixed = fix_page(Page(text, site=rule_set.site, title="Fuzz"), rule_set)
        if fixed.failed or fixed.internal_error:
            outcome.count("refused or failed fix")
            outcome.problems.append(f"{label}: {_first(fixed.diagnostics, 'WL00')}")
            return
        if str(mwparserfromhell.parse(fixed.text, skip_style_tags=True)) != fixed.text:
            outcome.count("fixed text does not round-trip")
            outcome.problems.append(f"{label}: fixed text does not round-trip")
            return
        again = fix_page(Page(fixed.text, site=rule_set.site, title="Fuzz"), rule_set)
        if again.text != fixed.text or again.applied:
            outcome.count("fix not idempotent")
            outcome.problems.append(f"{label}: fixing again changed the text ({again.applied[:3]})")
            return
        outcome.count("ok")
    except Exception as error:  # noqa: BLE001 - the fuzzer reports, never stops
        outcome.count("exception")
        outcome.problems.append(f"{label}: {type(error).__name__}: {error}")


def _first(diagnostics, prefix: str) -> str:
    return next((f"{d.code} {d.message}" for d in diagnostics if d.code.startswith(prefix)), "?")


def rule_sets_by_site() -> dict:
    from wikilint.api import make_rule_set

    return {site: make_rule_set(["ALL"], site=site, unsafe_fixes=True) for site in ("default", "enwiki", "zhwiki")}


def seeds(corpus: Path) -> list[tuple[str, str, str]]:
    """``(label, text, site)`` of every corpus page file and a share of parser-test snippets."""
    found = [(path.name, path.read_text(encoding="utf-8"), site_for_corpus_page(path))
             for path in corpus_page_files(corpus)]
    for test_file in sorted((corpus / "parsertests").glob("*.txt"))[:20]:
        found += [(f"{test_file.name}:{name}", text, "default") for name, text in parser_test_snippets(test_file)[:40]]
    return found


def campaign(mutated: int, generated: int, seed: int, corpus: Path = CORPUS) -> Outcome:
    generator = random.Random(seed)
    outcome = Outcome()
    rule_sets = rule_sets_by_site()
    pool = seeds(corpus)
    for index in range(mutated):
        label, text, site = generator.choice(pool)
        if len(text) > 40_000:  # mutate a slice of a long page: the campaign stays quick
            start = generator.randrange(len(text) - 40_000)
            text = text[start:start + 40_000]
        check_page(mutate(text, generator, generator.randrange(1, 12)), site, f"mutated#{index}({label})", outcome,
                   rule_sets)
    for index in range(generated):
        site = generator.choice(["default", "enwiki", "zhwiki"])
        check_page(generate(generator, generator.randrange(5, 80)), site, f"generated#{index}", outcome, rule_sets)
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mutated", type=int, default=4000)
    parser.add_argument("--generated", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    outcome = campaign(args.mutated, args.generated, args.seed)
    print(f"{outcome.pages} pages in {time.perf_counter() - started:.0f} s (seed {args.seed})")
    for key, count in sorted(outcome.counts.items()):
        print(f"  {key}: {count}")
    for problem in outcome.problems[:50]:
        print("  -", problem[:300])
    return 1 if outcome.problems else 0


if __name__ == "__main__":
    sys.exit(main())

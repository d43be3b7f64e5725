#!/usr/bin/env python3
"""A seeded sample of findings over the corpus, with the page text around each, to judge by hand.

    .venv/bin/python benchmarks/sample_findings.py --select SYN --size 50 --seed 12
    .venv/bin/python benchmarks/sample_findings.py --select LNK004 --size 50 --seed 12

Every page file of the corpus (``*/*.wiki`` and ``zh/*.txt``) is linted as the wiki it
comes from (zh: zhwiki, en: enwiki, other folders: the default site) with the selected
rules. The sample takes one finding of every code that fires (so that each is judged),
then fills up to ``--size`` at random from the rest. Rules that are off by default are
left out of a family selection (``SYN`` means the family as a user gets it) unless named
with ``--also``. Each sampled finding is printed with its message and a window of the
page text (the finding's span between ``⟦`` and ``⟧``), numbered for the judging table
in docs/precision.md.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from bench import ROOT, SITE_BY_FOLDER, corpus_pages  # (this folder is on the path when run as a script)
from wikilint.api import make_rule_set
from wikilint.engine import lint_page
from wikilint.page import Page


def findings(corpus: Path, select: list[str], keep: set[str] | None):
    """Every finding of the selection over the corpus, as ``(path, text, diagnostic)``;
    with ``keep``, only those of these codes."""
    rule_sets = {}
    for path in corpus_pages(corpus):
        site = SITE_BY_FOLDER.get(path.parent.name, "default")
        rule_set = rule_sets.get(site) or rule_sets.setdefault(site, make_rule_set(select, site=site))
        text = path.read_text(encoding="utf-8")
        for diagnostic in lint_page(Page(text, site=rule_set.site, title=path.stem), rule_set).diagnostics:
            if keep is None or diagnostic.code in keep:
                yield path, text, diagnostic


def sample(items: list, size: int, seed: int) -> list:
    generator = random.Random(seed)
    by_code: dict[str, list] = {}
    for item in items:
        by_code.setdefault(item[2].code, []).append(item)
    chosen = [generator.choice(by_code[code]) for code in sorted(by_code)]
    rest = [item for item in items if not any(item is other for other in chosen)]
    chosen += generator.sample(rest, max(0, min(size - len(chosen), len(rest))))
    return sorted(chosen, key=lambda item: (item[2].code, str(item[0]), item[2].start))


def window(text: str, start: int, end: int, width: int) -> str:
    low, high = max(0, start - width), min(len(text), end + width)
    return f"{text[low:start]}⟦{text[start:end]}⟧{text[end:high]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--select", default="SYN", help="comma-separated selectors (as --select)")
    parser.add_argument("--also", default="", help="off-by-default codes to keep in a family selection")
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--width", type=int, default=300, help="characters of context on each side")
    arguments = parser.parse_args()
    select = arguments.select.split(",")
    also = [code for code in arguments.also.split(",") if code]
    # A family selection keeps only the rules on by default; a rule named alone is judged as it is.
    named_alone = all(len(selector) > 3 and selector[3:].isdigit() for selector in select)
    keep = None if named_alone else {rule.code for rule in make_rule_set(None).rules} | set(also)
    items = list(findings(arguments.corpus, select, keep))
    counts = Counter(item[2].code for item in items)
    print(f"# {len(items)} findings over the corpus: " + ", ".join(f"{code} {count}" for code, count in sorted(counts.items())))
    for number, (path, text, diagnostic) in enumerate(sample(items, arguments.size, arguments.seed), 1):
        print(f"\n## {number}. {diagnostic.code} {path.parent.name}/{path.name}:{diagnostic.line}:{diagnostic.column}")
        print(f"   {diagnostic.message}")
        print(window(text, diagnostic.start, diagnostic.end, arguments.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure what the zh rule family adds to parsing the zh corpus pages (a plain script).

Run: .venv/bin/python benchmarks/zh_cost.py [corpus-zh-dir]   (benchmarks/bench.py runs it too)
Prints the time to parse every page (mwparserfromhell, as the engine does) and the time
of parse + every ZH rule, best of several rounds, and the ratio. zhconv-rs's one-time
table loading is included in the first round only, so it is reported separately.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


from wikilint.api import make_rule_set
from wikilint.commands.check import tune_garbage_collector
from wikilint.page import Page
from wikilint.parsing import parse as wikilint_parse  # the parse wikilint does (the baseline a family adds to)

ROUNDS = 5
tune_garbage_collector()  # as `wikilint check` runs (it applies to the parse-only rounds too)
corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "zh"
texts = [path.read_text(encoding="utf-8").replace("\r\n", "\n") for path in sorted(corpus.iterdir()) if path.suffix in (".wiki", ".txt")]
rule_set = make_rule_set(["ZH"], site="zhwiki")
rules = list(rule_set.rules)  # the ZH rules, instantiated with their options


def parse_only() -> float:
    start = time.perf_counter()
    for text in texts:
        wikilint_parse(text)
    return time.perf_counter() - start


def parse_and_locate() -> float:
    """Parse and the location of every node, text nodes included (which the zh family asks
    for; the other families need only the first of the two walks)."""
    start = time.perf_counter()
    for text in texts:
        Page(text, site=rule_set.site).nodes()
    return time.perf_counter() - start


def parse_and_rules() -> float:
    start = time.perf_counter()
    for text in texts:
        page = Page(text, site=rule_set.site)
        for rule in rules:
            list(rule.check(page))
    return time.perf_counter() - start


first = parse_and_rules()  # includes zhconv-rs table loading
parse = min(parse_only() for _ in range(ROUNDS))
located = min(parse_and_locate() for _ in range(ROUNDS))
total = min(parse_and_rules() for _ in range(ROUNDS))
print(f"{len(texts)} pages, {sum(map(len, texts))} characters, {len(rules)} ZH rules")
print(f"parse only:          {parse * 1000:8.1f} ms")
print(f"parse + locate nodes:{located * 1000:8.1f} ms  (+{(located / parse - 1) * 100:.0f} %, every node, text nodes too)")
print(f"parse + zh family:   {total * 1000:8.1f} ms  (+{(total / parse - 1) * 100:.0f} % over parse; "
      f"+{(total - located) / parse * 100:.0f} % of parse beyond locating the nodes)")
print(f"first round (cold):  {first * 1000:8.1f} ms  (zhconv-rs table loading included)")

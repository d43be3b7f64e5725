#!/usr/bin/env python3
"""The parse alone, four ways, side by side in one run (a plain script).

    .venv/bin/python benchmarks/parse_bench.py [--corpus ../shared/corpus] [--rounds 3]

Over the corpus page files (as benchmarks/bench.py finds them), each way parses every page
once per round, in a fresh process, the ways interleaved round by round so that machine
noise hits all alike:

  stock       ``mwparserfromhell.parse(text, skip_style_tags=True)``, nothing of wikilint loaded;
  shortcut    the same after ``wikilint.parsing.install_shortcut()`` (wikilint's parse
              before it had its own builder);
  wikilint    ``wikilint.parsing.parse`` (the C tokenizer and wikilint's builder);
  tokenizer   mwparserfromhell's C tokenizer alone: the floor of any builder.

Each figure is the processor time of the parsing loop in its process (the pages are read
before the clock starts), the best of the rounds (on a shared machine noise only adds).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from bench import ROOT, corpus_pages  # (this folder is on the path when run as a script)

#: One round of one way: parse every page named on the command line, print the seconds.
CHILD = """
import sys, time
texts = [open(path, encoding="utf-8").read() for path in sys.argv[2:]]
way = sys.argv[1]
if way == "stock":
    import mwparserfromhell
    def parse(text): return mwparserfromhell.parse(text, skip_style_tags=True)
elif way == "shortcut":
    import mwparserfromhell
    from wikilint.parsing import install_shortcut
    install_shortcut()
    def parse(text): return mwparserfromhell.parse(text, skip_style_tags=True)
elif way == "wikilint":
    from wikilint.parsing import parse
else:
    from mwparserfromhell.parser import CTokenizer
    def parse(text): return CTokenizer().tokenize(text, 0, True)
start = time.process_time()
for text in texts:
    parse(text)
print(time.process_time() - start)
"""
WAYS = ("stock", "shortcut", "wikilint", "tokenizer")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    options.add_argument("--rounds", type=int, default=3)
    arguments = options.parse_args()
    pages = [str(page) for page in corpus_pages(arguments.corpus)]
    if not pages:
        print(f"no page files under {arguments.corpus}", file=sys.stderr)
        return 2
    size = sum(Path(page).stat().st_size for page in pages) / 1e6
    times: dict[str, list[float]] = {way: [] for way in WAYS}
    for _ in range(arguments.rounds):
        for way in WAYS:
            run = subprocess.run([sys.executable, "-c", CHILD, way, *pages], check=True,
                                 capture_output=True, text=True, cwd=ROOT)
            times[way].append(float(run.stdout))
    best = {way: min(seconds) for way, seconds in times.items()}
    print(f"{len(pages)} pages, {size:.1f} MB; processor seconds, best of {arguments.rounds} rounds\n")
    print("| way | s | MB/s | × stock |")
    print("|---|---:|---:|---:|")
    for way in WAYS:
        print(f"| {way} | {best[way]:.2f} | {size / best[way]:.2f} | {best['stock'] / best[way]:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Compare installs of wikilint on target (b), side by side in one run (not a target check).

    python3 benchmarks/compare.py /tmp/wl-before /tmp/wl-after [--repeat 5]

Each argument is a virtual environment with wikilint installed (``python3 -m venv DIR &&
DIR/bin/pip install .`` at each commit to compare). Over the corpus pages, staged as
``bench.py`` stages them, it runs (a) the parse-only script and, for each install,
``wikilint check -j 1``, interleaved round by round so that the machine's noise hits every
command alike, and prints each one's best time and its ratio to (a). This is how a change
that claims to make wikilint faster is checked: on a shared machine two runs of ``bench.py``
differ by more than most changes gain.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench import PARSE_ALL, ROOT, corpus_pages, staged_copy, timed


def main() -> int:
    # Every run processes every page: the result cache would turn rounds after the first
    # into warm reruns (benchmarks/cache.py measures those). Installs without a cache
    # ignore the variable.
    os.environ["WIKILINT_NO_CACHE"] = "1"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("installs", nargs="+", type=Path, help="virtual environments with wikilint installed")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (best reported)")
    args = parser.parse_args()
    pages = corpus_pages(args.corpus)
    if not pages:
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="wikilint-compare-") as staging:
        page_args = [str(page) for page in staged_copy(pages, Path(staging))]
        # (a) with the first install's interpreter: it has mwparserfromhell.
        runs = {"(a) mwparserfromhell.parse only": [str(args.installs[0] / "bin" / "python"), "-c", PARSE_ALL,
                                                    *page_args]}
        for install in args.installs:
            runs[f"(b) {install}"] = [str(install / "bin" / "python"), "-m", "wikilint", "check", "--exit-zero",
                                      "-q", "-j", "1", *page_args]
        best = {name: float("inf") for name in runs}
        for _ in range(args.repeat):
            for name, command in runs.items():
                best[name] = min(best[name], timed(command)[0])
    parse = best["(a) mwparserfromhell.parse only"]
    print(f"{len(pages)} pages; best of {args.repeat} interleaved rounds\n")
    print("| run | seconds | (a) / run |\n|---|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {parse / seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

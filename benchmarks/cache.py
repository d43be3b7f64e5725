#!/usr/bin/env python3
"""The result cache's benchmark (issue 16 target): a warm rerun over the unchanged corpus
takes at most 10 % of the cold run.

    .venv/bin/python benchmarks/cache.py [--corpus ../shared/corpus] [--repeat 3] [--jobs N]

The corpus pages are staged as ``bench.py`` stages them (a folder per language with a
``wikilint.toml`` choosing its site). Each round runs, in fresh processes outside the
repository: ``wikilint check`` with an empty cache folder (cold: every page processed and
stored), then the same command again (warm: every page served), and ``--no-cache`` for
reference. Each time is the best of its rounds; the ratio compares best times. Nothing
here is a test: ``tests/test_benchmarks.py`` only runs it once on two pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, WIKILINT, corpus_pages, staged_copy, timed  # noqa: E402

TARGET = 0.10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (best reported)")
    parser.add_argument("--jobs", type=int, default=None, help="-j for every run (default: wikilint's own)")
    args = parser.parse_args()
    os.environ.pop("WIKILINT_NO_CACHE", None)
    os.environ.pop("WIKILINT_CACHE_DIR", None)
    pages = corpus_pages(args.corpus)
    if not pages:
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="wikilint-cache-bench-") as staging:
        staged = Path(staging) / "pages"
        staged_copy(pages, staged)
        return measure(args, staged, Path(staging) / "cache", len(pages))


def measure(args: argparse.Namespace, staged: Path, cache: Path, count: int) -> int:
    check = [*WIKILINT, "check", "--exit-zero", "-q", *(["-j", str(args.jobs)] if args.jobs else [])]
    cached = [*check, "--cache-dir", str(cache), str(staged)]
    times: dict[str, list[float]] = {"cold (empty cache)": [], "warm (unchanged pages)": [], "--no-cache": []}
    for _ in range(args.repeat):
        shutil.rmtree(cache, ignore_errors=True)
        times["cold (empty cache)"].append(timed(cached)[0])
        times["warm (unchanged pages)"].append(timed(cached)[0])
        times["--no-cache"].append(timed([*check, "--no-cache", str(staged)])[0])
    best = {name: min(values) for name, values in times.items()}
    print(f"Corpus: {count} pages; Python {sys.version.split()[0]}; {os.cpu_count()} cores; "
          f"best of {args.repeat} rounds; jobs: {args.jobs or 'default'}.\n")
    print("| run | seconds |")
    print("|---|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} |")
    ratio = best["warm (unchanged pages)"] / best["cold (empty cache)"]
    print(f"\n| warm / cold | {ratio:.3f} | target ≤ {TARGET:.2f} | {'holds' if ratio <= TARGET else 'MISSED'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

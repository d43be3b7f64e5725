#!/usr/bin/env python3
"""What the wiki index costs (issue 18): its build time and size per 10,000 pages, and a
``wikilint dump`` run with the cross-page rules against one without them.

    .venv/bin/python benchmarks/wiki_index_bench.py [--pages 10000] [--jobs 2] [--repeat 1]

Over a synthetic multistream dump built from the corpus (``benchmarks/dump_read.py``'s,
cached in --work), each in a fresh process:

  (a) ``wikilint dump --ignore WIK``: no rule needs the index, none is built;
  (b) ``wikilint dump`` with the WIK rules and a fresh index (the first run over a dump);
  (c) the same again: the index is reused;

and prints seconds, the index's build time (from (b)'s own report) and size, per 10,000
pages, and the ratios (b)/(a) and (c)/(a) against the target of 1.3. Not a timed test:
run it on a quiet machine to judge the target.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from dump_bench import best_of
from dump_read import ROOT, synthetic_dump


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, help="where to build and keep the synthetic dump")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="wikilint-index-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    dump = synthetic_dump(args.corpus, args.pages, work)
    index = work / "bench-index.sqlite"
    base = [sys.executable, "-m", "wikilint", "dump", str(dump), "-j", str(args.jobs), "--output-file",
            str(work / "findings.jsonl")]
    # (No --wiki-index here: naming the file builds the index whatever the rules.)
    without = best_of(base + ["--ignore", "WIK"], args.repeat)
    index.unlink(missing_ok=True)
    fresh = best_of(base + ["--wiki-index", str(index)], 1)
    reused = best_of(base + ["--wiki-index", str(index)], args.repeat)
    built = re.search(r"wiki index of (\d+) pages built in ([\d.]+) s", fresh["stderr"])
    if built is None:
        raise SystemExit(f"no index was built: {fresh['stderr']}")
    pages, build_seconds = int(built[1]), float(built[2])
    size = index.stat().st_size
    per = 10_000 / pages
    print(f"dump: {dump.name}, {pages} pages in the index (all namespaces, redirects included), -j {args.jobs}")
    print("| run | s | × without |")
    print("|---|---:|---:|")
    for name, run in (("without the WIK rules (no index)", without), ("WIK rules, index built", fresh),
                      ("WIK rules, index reused", reused)):
        print(f"| {name} | {run['seconds']:.1f} | {run['seconds'] / without['seconds']:.2f} |")
    print(f"index: built in {build_seconds:.1f} s, {size / 1e6:.1f} MB; per 10,000 pages: "
          f"{build_seconds * per:.1f} s, {size * per / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())

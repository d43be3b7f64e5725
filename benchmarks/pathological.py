#!/usr/bin/env python3
"""Pathological inputs: does fixing grow linearly, and stay within a small multiple of checking?

    .venv/bin/python benchmarks/pathological.py [--corpus ../shared/corpus] [--largest-mb 50]

Two families of inputs, each at doubling sizes, through ``wikilint check`` and
``wikilint check --fix`` in fresh processes (time and peak memory):

  * n redundant links ``[[a|a]]`` on one line (n = 12,500 … 100,000): every link has a fix,
    so the fix loop chooses among n edits per pass;
  * huge pages made by concatenating corpus articles (5 … 50 MB), checked and fixed with
    ``max-page-size`` raised above them (by default such pages are skipped).

It prints a Markdown table with the time per unit of input: flat from row to row means
linear growth. Not a test: the figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench import PYTHON, ROOT, corpus_pages, timed

WIKILINT = [PYTHON, "-m", "wikilint", "check", "--exit-zero", "-q", "--config", "max-page-size = 1_000_000_000"]


def _measure(label: str, page: Path, size_label: str, unit: float, unit_name: str) -> None:
    check_time, check_rss, _ = timed([*WIKILINT, str(page)])
    copy = page.with_suffix(".fix.wiki")
    shutil.copyfile(page, copy)
    fix_time, fix_rss, _ = timed([*WIKILINT, "--fix", "--unsafe-fixes", str(copy)])
    print(f"| {label} | {size_label} | {check_time:.1f} | {fix_time:.1f} | {fix_time / check_time:.1f} | "
          f"{1000 * fix_time / unit:.2f} ms/{unit_name} | {check_rss // 1024} | {fix_rss // 1024} |", flush=True)
    copy.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--largest-mb", type=int, default=50, help="the largest concatenated page (MB)")
    args = parser.parse_args()
    print("| input | size | check s | fix s | fix / check | fix time per unit | check MiB | fix MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="wikilint-pathological-") as folder:
        staging = Path(folder)
        for links in (12_500, 25_000, 50_000, 100_000):
            page = staging / f"links-{links}.wiki"
            page.write_text("[[a|a]] " * links + "\n", encoding="utf-8")
            _measure("n × [[a|a]] on one line", page, f"{links:,}", links / 1000, "1k links")
        pages = [path for path in corpus_pages(args.corpus) if path.parent.name == "en"]
        if not pages:
            print(f"no corpus at {args.corpus}: the huge-page rows are left out")
            return 0
        text = "\n".join(path.read_text(encoding="utf-8") for path in pages)
        for size in [mb for mb in (5, 10, 20, 50) if mb <= args.largest_mb]:
            copies = -(-size * 1_000_000 // len(text.encode("utf-8")))
            page = staging / f"huge-{size}.wiki"
            page.write_text(((text + "\n") * copies)[: size * 1_000_000], encoding="utf-8")
            _measure("concatenated en articles", page, f"{size} MB", size, "MB")
            page.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""How fast wikilint reads dumps, and in how much memory (reading only: no rules run).

    .venv/bin/python benchmarks/dump_read.py [--corpus ../shared/corpus] [--pages 20000] [--repeat 2]

It builds (once, cached in --work, default a temporary folder) a synthetic Wikimedia
multistream dump of --pages pages cut from the corpus's page files to Wikipedia-like sizes
(wikilint.dump.realistic_pages), and takes the largest real dump of the corpus. For each,
in a fresh process per measurement, it reads every page (all namespaces, redirects
included) from:

  * the plain XML,
  * the bz2 file, one sequential reader,
  * (synthetic dump) the multistream ranges one after another, as one worker would;

and prints MB/s of uncompressed XML, pages/s and the process's peak RSS (minus that of a
process that only imports the reader). Each time is the best of --repeat rounds.
"""

from __future__ import annotations

import argparse
import bz2
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

READ = """
import json, resource, sys, time
from wikilint.dump import DumpReader, MultistreamIndex, PageFilter, ReadStats, read_range
mode, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
pages = xml = 0
if mode == "import":
    pass
elif mode == "ranges":
    index = MultistreamIndex.load(path)
    site = index.read_siteinfo()
    stats = ReadStats()
    for stream_range in index.ranges(max_bytes=4 << 20):
        for page in read_range(stream_range, page_filter=PageFilter.everything(), siteinfo=site, stats=stats):
            pages += 1
    xml = stats.xml_bytes
else:
    reader = DumpReader(path, page_filter=PageFilter.everything())
    for page in reader:
        pages += 1
    xml = reader.stats.xml_bytes
seconds = time.perf_counter() - start
try:  # VmHWM: this process image's peak; ru_maxrss would carry the parent's over fork and exec
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "pages": pages, "xml_bytes": xml, "peak": peak}))
"""


def measure(mode: str, path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", READ, mode, str(path)], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return json.loads(result.stdout)


def best_of(mode: str, path: Path, repeat: int) -> dict:
    runs = [measure(mode, path) for _ in range(repeat)]
    best = min(runs, key=lambda run: run["seconds"])
    best["peak"] = max(run["peak"] for run in runs)
    return best


def corpus_sources(corpus: Path) -> list[tuple[str, str]]:
    pages = sorted(corpus.glob("*/*.wiki")) + sorted((corpus / "zh").glob("*.txt"))
    return [(page.stem.split("__")[-1].replace("_", " "), page.read_text(encoding="utf-8")) for page in pages]


def synthetic_dump(corpus: Path, pages: int, work: Path) -> Path:
    from wikilint.dump import realistic_pages, write_dump

    dump = work / f"synthetic{pages}wiki-20240101-pages-articles-multistream.xml.bz2"
    if not dump.is_file():
        started = time.perf_counter()
        write_dump(realistic_pages(corpus_sources(corpus), pages), dump, dbname=f"synthetic{pages}wiki")
        print(f"built {dump.name} ({dump.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    return dump


def plain_copy(dump: Path, work: Path) -> Path:
    plain = work / (dump.name.removesuffix(".bz2") if dump.name.endswith(".bz2") else dump.name + ".xml")
    if not plain.is_file():
        with bz2.open(dump) as source, open(plain, "wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
    return plain


def largest_real_dump(corpus: Path) -> Path | None:
    dumps = [path for path in (corpus / "dumps").rglob("*.bz2") if path.is_file()]
    return max(dumps, key=lambda path: path.stat().st_size) if dumps else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path, help="where to build and keep the synthetic dump")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="wikilint-dump-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    baseline = measure("import", Path("-"))["peak"]
    rows = []
    inputs = []
    real = largest_real_dump(args.corpus)
    if real is not None:
        inputs.append((f"real: {real.name}", real, False))
    inputs.append((f"synthetic: {args.pages} pages, multistream", synthetic_dump(args.corpus, args.pages, work), True))
    for label, dump, multistream in inputs:
        modes = [("plain XML", "read", plain_copy(dump, work)), ("bz2, one reader", "read", dump)]
        if multistream:
            modes.append(("bz2 multistream ranges, one worker", "ranges", dump))
        for how, mode, path in modes:
            run = best_of(mode, path, args.repeat)
            rows.append((label, how, run))
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared: figures are noisy)")
    print(f"Peak RSS of a process that only imports the reader: {baseline / 1e6:.0f} MB\n")
    print("| dump | read from | pages | XML MB | s | MB/s (XML) | pages/s | peak RSS MB (over import) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for label, how, run in rows:
        megabytes = run["xml_bytes"] / 1e6
        print(f"| {label} | {how} | {run['pages']} | {megabytes:.1f} | {run['seconds']:.2f} | "
              f"{megabytes / run['seconds']:.1f} | {run['pages'] / run['seconds']:.0f} | "
              f"{run['peak'] / 1e6:.0f} ({(run['peak'] - baseline) / 1e6:+.0f}) |")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

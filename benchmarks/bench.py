#!/usr/bin/env python3
"""wikilint's performance benchmark (issue targets), measured side by side in one run.

    .venv/bin/python benchmarks/bench.py [--corpus ../shared/corpus] [--repeat 3]

Over the page files of the corpus (``*/*.wiki`` and ``zh/*.txt``, copied to a temporary
folder per language with a ``wikilint.toml`` choosing the site: zhwiki, enwiki, default) it
measures, each in a fresh process and interleaved round by round so that machine noise hits all alike:

  (a) mwparserfromhell.parse of every page (reading included), one process;
  (b) ``wikilint check`` with all default rules, one process (``-j 1``);
  (c) the same with ``-j 2``;
  and, for information, the parse alone as wikilint does it (``wikilint.parsing``: its own tree
  builder makes it about 3 × as fast as (a); see that module), so that what the rules cost over it is seen too;

and on the single reference page, ``wikilint check`` against a bare ``python -c`` that
imports mwparserfromhell and parses the page. It prints pages/s, MB/s and peak memory
(largest process, RSS) as a Markdown table, the ratios, and whether each target holds:
(b) ≥ 75 % of (a)'s throughput, (c) ≥ 1.8 × (b), single page ≤ 2 × the bare parse.
Each time is the best of its rounds (as timeit reports: on a shared machine, noise only
ever adds time), and each ratio compares best times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WIKILINT = [PYTHON, "-m", "wikilint"]

PARSE_ALL = """
import sys, mwparserfromhell
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        mwparserfromhell.parse(handle.read())
"""
#: The parse wikilint does (``wikilint.parsing``: mwparserfromhell with its ``parse_anything``
#: shortcut, style tags left as text): what (b) adds its rules to. Information, not a target.
WIKILINT_PARSE_ALL = """
import sys
from wikilint.parsing import parse
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        parse(handle.read())
"""
STARTUP_ONLY = "import wikilint.cli; from wikilint.plugin_host import get_registry; get_registry()"
PARSE_ONE = "import sys, mwparserfromhell; mwparserfromhell.parse(open(sys.argv[1], encoding='utf-8').read())"


SITE_BY_FOLDER = {"zh": "zhwiki", "en": "enwiki"}  # every other folder: the default site


def corpus_pages(corpus: Path) -> list[Path]:
    pages = sorted(corpus.glob("*/*.wiki")) + sorted((corpus / "zh").glob("*.txt"))
    return [page for page in pages if page.is_file()]


def staged_copy(pages: list[Path], into: Path) -> list[Path]:
    """The pages copied into ``into/<folder>/``, each folder with a wikilint.toml naming
    its site, so that every page is linted as the wiki it comes from (zh rules on zh)."""
    copies = []
    for page in pages:
        folder = into / page.parent.name
        if not folder.is_dir():
            folder.mkdir(parents=True)
            site = SITE_BY_FOLDER.get(page.parent.name, "default")
            (folder / "wikilint.toml").write_text(f'site = "{site}"\n', encoding="utf-8")
        copy = folder / page.name
        shutil.copyfile(page, copy)
        copies.append(copy)
    return copies


def timed(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB (the command or its largest descendant), exit status."""
    start = time.perf_counter()
    # Not the repository: ``python -m wikilint`` would import the source tree found in the
    # working directory instead of the installed package under test.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(command[:6])} …\n"
                         f"{process.stderr.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss, process.returncode


def main() -> int:
    # Every run processes every page: the result cache would turn rounds after the first
    # into warm reruns (benchmarks/cache.py measures those). Installs without a cache
    # ignore the variable.
    os.environ["WIKILINT_NO_CACHE"] = "1"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5, help="rounds for the corpus runs (best reported)")
    parser.add_argument("--single-repeat", type=int, default=15, help="rounds for the single-page runs")
    args = parser.parse_args()
    if not corpus_pages(args.corpus):
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="wikilint-bench-") as staging:
        return measure(args, staged_copy(corpus_pages(args.corpus), Path(staging)))


def measure(args: argparse.Namespace, pages: list[Path]) -> int:
    reference = args.corpus / "zh" / "000_b92423fca3869b69.txt"
    total_bytes = sum(page.stat().st_size for page in pages)
    page_args = [str(page) for page in pages]
    check = [*WIKILINT, "check", "--exit-zero", "-q"]
    runs = {
        "(a) mwparserfromhell.parse only": [PYTHON, "-c", PARSE_ALL, *page_args],
        "(b) wikilint check -j 1": [*check, "-j", "1", *page_args],
        "(c) wikilint check -j 2": [*check, "-j", "2", *page_args],
        "  wikilint's own parse only (wikilint.parsing)": [PYTHON, "-c", WIKILINT_PARSE_ALL, *page_args],
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    memory: dict[str, int] = {name: 0 for name in runs}
    for _ in range(args.repeat):
        for name, command in runs.items():
            elapsed, rss, _ = timed(command)
            times[name].append(elapsed)
            memory[name] = max(memory[name], rss)

    single = {
        "bare python -c parse": [PYTHON, "-c", PARSE_ONE, str(reference)],
        "wikilint check (reference page)": [*WIKILINT, "check", "--exit-zero", "-q", "--site", "zhwiki",
                                            str(reference)],
        # Where the time goes (not targets): start-up alone, and the page without the zh family.
        "  start-up only: import wikilint, load every plugin": [PYTHON, "-c", STARTUP_ONLY],
        "  wikilint check --ignore ZH (reference page)": [*WIKILINT, "check", "--exit-zero", "-q", "--site",
                                                          "zhwiki", "--ignore", "ZH", str(reference)],
    }
    single_times: dict[str, list[float]] = {name: [] for name in single}
    for _ in range(args.single_repeat):
        for name, command in single.items():
            single_times[name].append(timed(command)[0])

    megabytes = total_bytes / 1e6
    extra = subprocess.run([PYTHON, "-c", "import zhconv_rs"], capture_output=True).returncode == 0
    print(f"Corpus: {len(pages)} pages, {megabytes:.1f} MB; Python {sys.version.split()[0]}; "
          f"{os.cpu_count()} cores; best of {args.repeat} rounds; zh extra (zhconv-rs) "
          f"{'installed' if extra else 'not installed'}.\n")
    print("| run | seconds | pages/s | MB/s | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|")
    # Best of the rounds, as timeit reports: on a shared machine noise only ever adds time.
    best = {name: min(values) for name, values in times.items()}
    for name in runs:
        seconds = best[name]
        print(f"| {name} | {seconds:.2f} | {len(pages) / seconds:.0f} | {megabytes / seconds:.2f} | "
              f"{memory[name] / 1024:.0f} |")
    single_best = {name: min(values) for name, values in single_times.items()}
    print(f"\nSingle 15 KB reference page, best of {args.single_repeat} rounds:\n")
    print("| run | seconds |")
    print("|---|---:|")
    for name, seconds in single_best.items():
        print(f"| {name} | {seconds:.3f} |")

    zh_pages = [page for page in pages if page.parent.name == "zh"]
    if zh_pages:
        print("\nzh language-conversion family over the zh pages (in one process, best of 5 rounds):\n")
        print("```")
        zh_cost = subprocess.run([PYTHON, str(ROOT / "benchmarks" / "zh_cost.py"), str(zh_pages[0].parent)],
                                 capture_output=True, text=True, cwd=tempfile.gettempdir())
        print(zh_cost.stdout.strip() or zh_cost.stderr.strip())
        print("```")

    statistics_run = subprocess.run([*WIKILINT, "check", "--exit-zero", "-q", "--statistics", "--output-format",
                                     "json-lines", "--select", "ALL", *page_args],
                                    capture_output=True, text=True, cwd=tempfile.gettempdir())
    counts = [line.split("\t") for line in statistics_run.stdout.splitlines() if line.count("\t") == 2]
    print("\nFindings per rule over the corpus pages (every rule selected, each page on its own site):\n")
    print("| rule | findings |")
    print("|---|---:|")
    for count, code, marked_rule in sorted(counts, key=lambda row: row[1]):
        print(f"| {code} {marked_rule[4:]} | {count.strip()} |")  # drop the "[*] " fixable marker

    a, b, c, own_parse = (best[name] for name in runs)
    b_over_a, c_over_b = a / b, b / c
    print(f"\n(b) throughput / wikilint's own parse-only throughput: {own_parse / b:.2f} (what the rules, the "
          f"node layout and the pipeline cost over the parse wikilint does; information, not a target)")
    bare, lint = list(single_best.values())[:2]
    single_ratio = lint / bare
    targets = [
        ("(b) throughput / (a) throughput", b_over_a, ">= 0.75", b_over_a >= 0.75),
        ("(c) throughput / (b) throughput", c_over_b, ">= 1.80", c_over_b >= 1.8),
        ("single page: wikilint / bare parse", single_ratio, "<= 2.00", single_ratio <= 2.0),
    ]
    print("\n| target | measured | wanted | holds |")
    print("|---|---:|---:|---|")
    for name, value, wanted, holds in targets:
        print(f"| {name} | {value:.2f} | {wanted} | {'yes' if holds else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""What formatting costs next to linting (issue 13 targets), measured in one process.

    .venv/bin/python benchmarks/format_bench.py [--corpus ../shared/corpus] [--repeat 3]

Over the page files of the corpus (each page on its own wiki's site), interleaved round by
round, best of the rounds:

  lint    every page parsed and linted with the default lint rules (what ``check`` runs);
  format  every page parsed and formatted with the default formatting rules as ``wikilint
          format`` does (:func:`wikilint.formatter.format_page`: the fix loop, the formatted
          page parsed again, checked and compared with the original by the semantic check);
  parse   every page parsed only (a page that changes is parsed twice when formatted: the
          two parses alone, next to the lint run, are the floor of format / lint);

then where the rest of the format run's time goes (one pass of the formatting rules, one
semantic view, over every page), and a 1 MB page (corpus pages joined) formatted in a
fresh process: time and peak memory (RSS), next to a bare interpreter that loads wikilint.
Targets: format <= 1.5 x lint; the 1 MB page in < 1 s and < 300 MB. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_BY_FOLDER = {"zh": "zhwiki", "en": "enwiki"}  # every other folder: the default site
MEGABYTE = 1_000_000

ONE_PAGE = """
import gc, sys, time
sys.path.insert(0, {benchmarks!r})
from wikilint.api import make_rule_set
from wikilint.engine import lint_page
from wikilint.page import Page
from wikilint.runner import collector_paused
text = open(sys.argv[1], encoding="utf-8").read()
{setup}
gc.freeze(); gc.set_threshold(50_000, 20, 100)  # as the CLI runs
start = time.perf_counter()
with collector_paused():  # as the CLI processes each page
{work}
seconds = time.perf_counter() - start
# The peak resident size of this process (VmHWM: the rusage of a child started by a big
# parent counts the parent's pages at the fork).
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(seconds, peak)
"""
FORMAT_ONE = """
    from format_bench import format_checked
    assert format_checked(text, rules) in (True, None)
    assert rules.rules  # the formatting rules, not an empty set
"""
LINT_ONE = """
    lint_page(Page(text, site=rules.site), rules)
"""


def format_checked(text: str, rules) -> bool | None:
    """Format a page as ``wikilint format`` does (:func:`wikilint.formatter.format_page`:
    the fix loop, with the semantic check among its acceptance checks). Whether the
    formatting held (the output means the same), or ``None`` when nothing changed."""
    from wikilint.formatter import format_page
    from wikilint.page import Page

    result = format_page(Page(text, site=rules.site), rules)
    if result.failed:
        return False
    return None if result.text == text else True


def corpus_pages(corpus: Path) -> list[tuple[str, str]]:
    paths = sorted(corpus.glob("*/*.wiki")) + sorted((corpus / "zh").glob("*.txt"))
    return [(path.read_text(encoding="utf-8"), SITE_BY_FOLDER.get(path.parent.name, "default"))
            for path in paths if path.is_file()]


def default_codes(kind: str) -> list[str]:
    from wikilint.plugin_host import get_registry

    return [info.code for info in get_registry().sorted_rules()
            if info.rule.kind == kind and info.rule.default_enabled]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (best reported)")
    parser.add_argument("--one-page-only", action="store_true", help="measure the 1 MB page only")
    args = parser.parse_args()
    pages = corpus_pages(args.corpus)
    if not pages:
        print(f"no corpus at {args.corpus}; nothing to measure")
        return 0
    print(f"Corpus: {len(pages)} pages, {sum(len(text.encode()) for text, _ in pages) / MEGABYTE:.1f} MB; "
          f"Python {sys.version.split()[0]}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} "
          f"at the start; best of {args.repeat} rounds.")
    if not args.one_page_only:
        measure_corpus(pages, args.repeat)
    measure_one_page(pages, args.repeat)
    return 0


def measure_corpus(pages: list[tuple[str, str]], repeat: int) -> None:
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)  # as the CLI runs

    from wikilint.api import make_rule_set
    from wikilint.engine import lint_page
    from wikilint.page import Page
    from wikilint.runner import collector_paused
    from wikilint.semantic import semantic_view

    sites = sorted({site for _, site in pages})
    lint_rules = {site: make_rule_set(default_codes("lint"), site=site) for site in sites}
    format_rules = {site: make_rule_set(default_codes("format"), site=site, kind="format") for site in sites}
    assert all(rules.rules for rules in format_rules.values()), "no formatting rule selected"

    def lint_all() -> None:
        for text, site in pages:
            with collector_paused():  # as the CLI processes each page
                page = Page(text, site=lint_rules[site].site)
                lint_page(page, lint_rules[site])
                page.release()

    same: list[bool] = []

    def format_all() -> None:
        same.clear()
        for text, site in pages:
            with collector_paused():
                verdict = format_checked(text, format_rules[site])
            if verdict is not None:
                same.append(verdict)

    def parse_all() -> None:
        for text, site in pages:
            with collector_paused():
                Page(text, site=lint_rules[site].site)

    rounds: dict[str, list[tuple[float, float]]] = {"lint": [], "format": [], "parse": []}
    for _ in range(repeat):
        for name, run in (("lint", lint_all), ("format", format_all), ("parse", parse_all)):
            start, cpu = time.perf_counter(), time.process_time()
            run()
            rounds[name].append((time.perf_counter() - start, time.process_time() - cpu))
    # Best of the rounds, as timeit reports: on a shared machine noise only ever adds time.
    # The processor time of this process is shown too: on a busy machine it varies less.
    best = {name: min(wall for wall, _ in times) for name, times in rounds.items()}
    best_cpu = {name: min(cpu for _, cpu in times) for name, times in rounds.items()}
    print("\n| run | seconds | processor seconds | pages/s |")
    print("|---|---:|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {best_cpu[name]:.2f} | {len(pages) / seconds:.0f} |")
    print(f"\nformat / lint: {best['format'] / best['lint']:.2f} (processor time: "
          f"{best_cpu['format'] / best_cpu['lint']:.2f}; target <= 1.5); {len(same)} pages changed, "
          f"all meaning the same: {all(same)}")

    parsed = [(Page(text, site=format_rules[site].site), site) for text, site in pages]
    cpu = time.process_time()
    for page, site in parsed:
        lint_page(page, format_rules[site])
    rules_pass = time.process_time() - cpu
    cpu = time.process_time()
    for page, _ in parsed:
        semantic_view(page)
    view = time.process_time() - cpu
    parsed.clear()
    parse = best_cpu["parse"]
    print(f"\nWhere a format run goes, in processor seconds over every page: parse {parse:.2f}; one pass of the "
          f"formatting rules {rules_pass:.2f} (with the page's layout walk); one semantic view {view:.2f}. A page "
          f"that changes is parsed twice (the original, and the formatted text that the checks read), and gets "
          f"two passes of the rules (the last finds nothing more to fix) and two semantic views.")
    print(f"\nThe two parses alone take {2 * parse / best_cpu['lint']:.2f} x the processor time of the lint run "
          f"(the floor of format / lint while the formatted text is parsed in full; target <= 1.5).")


def measure_one_page(pages: list[tuple[str, str]], repeat: int) -> None:
    big = []
    size = 0
    for text, site in pages:
        if site == "enwiki" and size < MEGABYTE:
            big.append(text)
            size += len(text.encode("utf-8")) + 2
    with tempfile.NamedTemporaryFile("w", suffix=".wiki", encoding="utf-8", delete=False) as handle:
        handle.write("\n\n".join(big))
    try:
        print(f"\nOne page of {size / MEGABYTE:.2f} MB ({len(big)} English pages joined), in a fresh process "
              f"each time (best time of {repeat}; peak RSS):\n")
        print("| run | seconds | peak RSS (MiB) |")
        print("|---|---:|---:|")
        setups = {
            "start-up only (load wikilint, its rules and the page)":
                ("rules = make_rule_set(['FMT'], site='enwiki', kind='format')", "    pass"),
            "lint (default lint rules)":
                (f"rules = make_rule_set({default_codes('lint')!r}, site='enwiki')", LINT_ONE),
            "format (default formatting rules, semantic check)":
                (f"rules = make_rule_set({default_codes('format')!r}, site='enwiki', kind='format')", FORMAT_ONE),
        }
        for name, (setup, work) in setups.items():
            times, peak = [], 0
            for _ in range(repeat):
                code = ONE_PAGE.format(benchmarks=str(ROOT / "benchmarks"), setup=setup, work=work)
                seconds, rss = _run_fresh(code, handle.name)
                times.append(seconds)
                peak = max(peak, rss)
            print(f"| {name} | {min(times):.2f} | {peak / 1024:.0f} |")
    finally:
        os.unlink(handle.name)


def _run_fresh(code: str, path: str) -> tuple[float, int]:
    """Seconds the measured part took, and the process's peak RSS in KiB."""
    process = subprocess.run([sys.executable, "-c", code, path], capture_output=True, cwd=tempfile.gettempdir())
    if process.returncode != 0:
        raise SystemExit(f"the one-page run failed:\n{process.stderr.decode(errors='replace')}")
    seconds, peak = process.stdout.decode().split()
    return float(seconds), int(peak)


if __name__ == "__main__":
    sys.exit(main())

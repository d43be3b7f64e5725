"""The benchmark scripts still run, end to end, on a two-page corpus made of the bundled
samples. Nothing here is timed or compared: the figures come from real runs over the full
corpus, recorded in docs/performance.md."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _two_page_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "en").mkdir()
    # The zh sample is the reference page, under the name bench.py looks for.
    shutil.copyfile(ROOT / "samples" / "zh" / "中華民國與哈薩克關係.wiki", corpus / "zh" / "000_b92423fca3869b69.txt")
    shutil.copyfile(ROOT / "samples" / "en" / "Arraignment.wiki", corpus / "en" / "Arraignment.wiki")
    return corpus


def test_bench_reports_every_target(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--corpus", str(_two_page_corpus(tmp_path)),
         "--repeat", "1", "--single-repeat", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    output = result.stdout
    assert "Corpus: 2 pages" in output
    for row in ("| (a) mwparserfromhell.parse only |", "| (b) wikilint check -j 1 |", "| (c) wikilint check -j 2 |",
                "| bare python -c parse |", "| wikilint check (reference page) |", "parse + zh family:",
                "| (b) throughput / (a) throughput |", "| (c) throughput / (b) throughput |",
                "| single page: wikilint / bare parse |"):
        assert row in output, f"{row!r} missing from:\n{output}"
    assert "| LNK001 redundant-label |" in output  # the findings per rule were counted


def test_compare_runs_an_install_beside_the_parse(tmp_path):
    result = subprocess.run(  # the test environment is itself an install of wikilint
        [sys.executable, str(ROOT / "benchmarks" / "compare.py"), sys.prefix,
         "--corpus", str(_two_page_corpus(tmp_path)), "--repeat", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "| (a) mwparserfromhell.parse only |" in result.stdout
    assert f"| (b) {sys.prefix} |" in result.stdout


def test_cache_benchmark_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "cache.py"), "--corpus", str(_two_page_corpus(tmp_path)),
         "--repeat", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for row in ("| cold (empty cache) |", "| warm (unchanged pages) |", "| --no-cache |", "| warm / cold |"):
        assert row in result.stdout, result.stdout


def test_site_cost_benchmark_runs(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "site_cost.py"), str(_two_page_corpus(tmp_path))],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for line in ("load one site: median", "build the detector over", "2 pages,", "detect / parse:"):
        assert line in result.stdout, result.stdout

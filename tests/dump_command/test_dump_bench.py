"""benchmarks/dump_bench.py runs end to end on a tiny corpus (nothing timed or compared here)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from support import REPO_ROOT


def test_dump_benchmark_reports_every_run_and_target(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "en").mkdir(parents=True)
    shutil.copyfile(REPO_ROOT / "samples" / "en" / "Arraignment.wiki", corpus / "en" / "Arraignment.wiki")
    result = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "dump_bench.py"), "--corpus", str(corpus),
                             "--pages", "120", "--memory-pages", "240", "--no-dask"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    rows = [line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| (")]
    assert [row[0] for row in rows] == [
        "| (a) mwparserfromhell.parse only", "| (a') wikilint's own parse only (wikilint.parsing), information",
        "| (a'') (a') in 2 processes at once, each all of it: the machine's ceiling, information",
        "| (b) wikilint dump -j 1", "| (b') wikilint dump -j 1 --ignore WIK (no wiki index)", "| (c) wikilint dump -j 2",
        "| (b) / (a)", "| (b') / (a), without the wiki index (not the target)",
        "| (b) / (a'): what the rules, the index and the pipeline cost over wikilint's parse (information)",
        "| (c) / (b)",
        "| (a'') / (a'): what 2 processes at once can do on this machine now, the ceiling of (c) / (b) (information)"]
    checked = [int(row[1]) for row in rows[:6]]
    # The same pages (redirects skipped) in each run; twice as many in the two processes of (a'').
    pages = checked[0]
    assert checked == [pages, pages, 2 * pages, pages, pages, pages] and 60 < pages < 120
    # Every run with the cross-page rules builds its own wiki index, and says how long it took.
    index_seconds = [row[8] for row in rows[:6]]
    assert index_seconds[:3] == ["", "", ""] and index_seconds[4] == "" and index_seconds[3] and index_seconds[5]
    cpu = [float(row[6]) for row in rows[2:6]]  # every process of the run counted: workers' too
    assert all(seconds > 0 for seconds in cpu)
    ceiling = float(rows[-1][1])
    assert ceiling > 0  # (on 120 pages, process start-up is most of it: no figure to judge)
    assert "| least CPU s (c) / (b): what -j 2 adds (information) | " in result.stdout
    assert "| peak RSS MB, -j 2: 240-page dump vs 120-page dump | " in result.stdout

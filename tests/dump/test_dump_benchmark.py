"""benchmarks/dump_read.py runs end to end on a tiny corpus (nothing timed or compared here)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from support import REPO_ROOT


def test_dump_read_benchmark_reports_every_row(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "en").mkdir(parents=True)
    shutil.copyfile(REPO_ROOT / "samples" / "en" / "Arraignment.wiki", corpus / "en" / "Arraignment.wiki")
    result = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "dump_read.py"), "--corpus", str(corpus),
                             "--pages", "150", "--repeat", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| synthetic: 150 pages")]
    assert [row.split(" | ")[1] for row in rows] == ["plain XML", "bz2, one reader",
                                                     "bz2 multistream ranges, one worker"]
    assert all(row.split(" | ")[2] == "150" for row in rows)

"""benchmarks/format_bench.py still runs, end to end, on a two-page corpus made of the
bundled samples. Nothing is timed or compared here."""

from __future__ import annotations

import shutil
import subprocess
import sys

from support import REPO_ROOT


def test_format_bench_reports_every_figure(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "en").mkdir()
    shutil.copyfile(REPO_ROOT / "samples" / "zh" / "中華民國與哈薩克關係.wiki",
                    corpus / "zh" / "000_b92423fca3869b69.txt")
    shutil.copyfile(REPO_ROOT / "samples" / "en" / "Arraignment.wiki", corpus / "en" / "Arraignment.wiki")
    result = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "format_bench.py"), "--corpus", str(corpus),
                             "--repeat", "1"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    output = result.stdout
    assert "Corpus: 2 pages" in output
    for row in ("| lint |", "| format |", "format / lint:", "all meaning the same: True", "one semantic view", "The two parses alone take",
                "| lint (default lint rules) |", "| format (default formatting rules, semantic check) |"):
        assert row in output, f"{row!r} missing from:\n{output}"

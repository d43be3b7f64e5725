"""benchmarks/server_latency.py runs end to end on the bundled samples (nothing timed:
the figures come from real runs, recorded in docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_latency_benchmark_measures_each_page():
    zh = ROOT / "samples" / "zh" / "中華民國與哈薩克關係.wiki"
    en = ROOT / "samples" / "en" / "Arraignment.wiki"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "server_latency.py"), "--rounds", "2",
                             "--page", f"{zh}:zhwiki", "--page", f"{en}:enwiki"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and " KB | " in line]
    assert [row.split(" | ")[0] for row in rows] == [f"| {zh.name} (zhwiki)", f"| {en.name} (enwiki)"]
    findings = [int(row.split(" | ")[2]) for row in rows]
    assert findings[0] > 50  # the reference page's findings arrived through the server

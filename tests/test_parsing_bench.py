"""benchmarks/parse_bench.py still runs, end to end, on a two-page corpus made of the
bundled samples. Nothing here is timed: the figures are in docs/performance.md."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_parse_bench_prints_every_way(tmp_path):
    for folder, sample in (("zh", "zh/中華民國與哈薩克關係.wiki"), ("en", "en/Arraignment.wiki")):
        (tmp_path / folder).mkdir()
        shutil.copyfile(ROOT / "samples" / sample, tmp_path / folder / Path(sample).name)
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "parse_bench.py"), "--corpus", str(tmp_path),
                             "--rounds", "1"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 pages")
    for way in ("stock", "shortcut", "wikilint", "tokenizer"):
        assert f"| {way} |" in result.stdout, result.stdout

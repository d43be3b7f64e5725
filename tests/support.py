"""Helpers the tests share: running the real CLI, locating the corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
REFERENCE_PAGE = CORPUS / "zh" / "000_b92423fca3869b69.txt"


def run_wikilint(*args: str, input: bytes | None = None, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real ``wikilint`` command in a subprocess (bytes in, text out)."""
    full_env = {**os.environ, **(env or {})}
    process = subprocess.run([sys.executable, "-m", "wikilint", *args], input=input, capture_output=True,
                             cwd=cwd, env=full_env)
    process.stdout_text = process.stdout.decode("utf-8", errors="replace")
    process.stderr_text = process.stderr.decode("utf-8", errors="replace")
    return process

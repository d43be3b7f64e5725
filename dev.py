#!/usr/bin/env python3
"""Set up and run wikilint from a fresh checkout, with nothing but Python 3 and pip.

    python3 dev.py sample   # make .venv, install wikilint (with the zh extra), lint samples/
    python3 dev.py test     # make .venv, install wikilint with test tools, run the whole suite

Each command does its own set-up (a virtual environment in .venv, reused when present)
and exits with the status of what it ran.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _run(*command: str | Path) -> int:
    print("+", " ".join(str(part) for part in command), flush=True)
    return subprocess.call([str(part) for part in command], cwd=ROOT)


def _setup(extras: str) -> None:
    if not (BIN / "python").exists():
        print(f"+ creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    status = _run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                  "--editable", f".[{extras}]")
    if status != 0:
        sys.exit(f"dev.py: installing wikilint failed (pip exit status {status})")


def sample() -> int:
    _setup("zh")
    status = _run(BIN / "wikilint", "check", "--statistics", "samples")
    # Findings (exit status 1) are what the sample run is meant to show; 2 is a real error.
    return 0 if status in (0, 1) else status


def test() -> int:
    _setup("zh,test")
    arguments = sys.argv[2:]
    # The whole suite runs on every core (pytest-xdist); say -n 0 (or -p no:xdist) for one.
    chosen = any(argument.startswith(("-n", "--numprocesses")) or argument == "no:xdist" for argument in arguments)
    if not chosen:
        arguments = ["-n", "auto", *arguments]
    return _run(BIN / "python", "-m", "pytest", *arguments)


COMMANDS = {"sample": sample, "test": test}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 dev.py {{{'|'.join(COMMANDS)}}} [pytest arguments]")
    sys.exit(COMMANDS[sys.argv[1]]())

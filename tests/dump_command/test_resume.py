"""``--resume``: a run killed mid-way (SIGKILL, or Ctrl-C) continues from its journal, and the
outputs are byte for byte those of a run never interrupted."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dump_command.pages import fixable_pages
from wikilint.commands.dump import Journal
from wikilint.dump import write_dump


def command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "wikilint", "dump", str(source), "-j", "1", "--namespace", "0,1",
            "--fix", "--output", str(out / "fixed.xml.bz2"), "--edits", str(out / "edits.jsonl"),
            "--output-file", str(out / "findings.jsonl"), "--output-format", "concise", "-q"]


def outputs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


@pytest.mark.parametrize("multistream, how", [(True, signal.SIGKILL), (False, signal.SIGINT)])
def test_an_interrupted_run_resumes_to_the_same_outputs(tmp_path, multistream, how):
    name = "testwiki-20240101-pages-articles-multistream.xml.bz2" if multistream else "testwiki.xml.bz2"
    source, index = write_dump(fixable_pages(1200), tmp_path / name, multistream=multistream)
    assert (index is not None) == multistream
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    whole.mkdir()
    parts.mkdir()
    reference = subprocess.run(command(source, whole), capture_output=True)
    assert reference.returncode in (0, 1), reference.stderr

    journal = Journal(parts / ".findings.jsonl.wikilint-journal")
    process = subprocess.Popen(command(source, parts), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        checkpoint = journal.load() if journal.path.exists() else None
        done = checkpoint.units if checkpoint is not None else 0
        if done >= 2:
            process.send_signal(how)
            break
        time.sleep(0.02)
    _, stderr = process.communicate(timeout=120)
    assert done >= 2, "the run ended before it could be interrupted"
    assert process.returncode != 0
    if how == signal.SIGINT:
        assert b"interrupted: run the same command with --resume to continue" in stderr
    assert not (parts / "fixed.xml.bz2").exists()  # no partial dump at the output's name
    interrupted_at = journal.load().units
    assert interrupted_at >= 2

    resumed = subprocess.run(command(source, parts) + ["--resume"], capture_output=True)
    assert resumed.returncode == reference.returncode, resumed.stderr
    assert not journal.path.exists()
    assert outputs(parts) == outputs(whole)  # findings, edits, the fixed dump (and its index)
    names = set(outputs(whole))
    assert {"findings.jsonl", "edits.jsonl", "fixed.xml.bz2"} <= names
    assert ("fixed-index.txt.bz2" in names) == multistream


def test_resume_refuses_another_command_line(tmp_path):
    source, _ = write_dump(fixable_pages(50), tmp_path / "testwiki.xml")
    out = tmp_path / "out"
    out.mkdir()
    journal = Journal(out / ".findings.jsonl.wikilint-journal")
    from wikilint.commands.dump import Checkpoint

    journal.save(Checkpoint("another fingerprint", units=1))
    result = subprocess.run(command(source, out) + ["--resume"], capture_output=True, text=True)
    assert result.returncode == 2 and "the journal is of another command line" in result.stderr
    no_files = subprocess.run([sys.executable, "-m", "wikilint", "dump", str(source), "--resume"],
                              capture_output=True, text=True)
    assert no_files.returncode == 2 and "--resume needs the outputs in files" in no_files.stderr

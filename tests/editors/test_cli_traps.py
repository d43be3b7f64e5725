"""The traps editor integrations hit on the command line (issue 14), run as editors run
the real command: stdin with a name, fixers that read stdout, and readers that go away."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support import run_wikilint

FORMATS = ("concise", "full", "json", "json-lines", "github", "sarif")


def test_stdin_filename_alone_reads_stdin_and_not_the_working_directory(tmp_path: Path):
    (tmp_path / "other.wiki").write_text("[[Other|Other]]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    process = run_wikilint("check", "--stdin-filename", "sub/page.wiki", input=b"[[Foo|Foo]]\n", cwd=tmp_path)
    assert process.returncode == 1, process.stderr_text
    assert process.stdout_text.splitlines()[0] == "sub/page.wiki:1:1: LNK001 [*] label repeats the link target: " \
                                                  "write [[Foo]]"
    assert "other.wiki" not in process.stdout_text


def test_stdin_filename_uses_the_configuration_of_its_path(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "wikilint.toml").write_text('ignore = ["LNK001"]\n', encoding="utf-8")
    process = run_wikilint("check", "--stdin-filename", "sub/page.wiki", input=b"[[Foo|Foo]]\n", cwd=tmp_path)
    assert (process.returncode, process.stdout_text) == (0, "All checks passed!\n")


def test_stdin_filename_with_paths_is_a_usage_error(tmp_path: Path):
    (tmp_path / "a.wiki").write_text("x\n", encoding="utf-8")
    process = run_wikilint("check", "--stdin-filename", "page.wiki", "a.wiki", input=b"x\n", cwd=tmp_path)
    assert process.returncode == 2
    assert process.stderr_text == ("wikilint: error: --stdin-filename reads the page from stdin; it cannot be "
                                   "combined with paths\n")


# A fixable finding (LNK001) and two that --fix leaves (REF003: a ref reused but never
# defined; REF007: no reference list, whose fix is unsafe).
PAGE = "[[Foo|Foo]] text<ref name=\"x\" />\n"
FIXED = "[[Foo]] text<ref name=\"x\" />\n"


def test_fix_on_stdin_with_exit_zero_prints_the_fixed_page_and_exits_0(tmp_path: Path):
    """conform.nvim, none-ls and ALE drop a fixer's output when it exits 1: with
    ``--exit-zero`` the findings that remain after fixing do not make it exit 1."""
    fixer = ("check", "--fix", "--stdin-filename", "page.wiki", "-")
    without = run_wikilint(*fixer, input=PAGE.encode(), cwd=tmp_path)
    assert (without.returncode, without.stdout_text) == (1, FIXED)
    process = run_wikilint(*fixer, "--exit-zero", input=PAGE.encode(), cwd=tmp_path)
    assert (process.returncode, process.stdout_text) == (0, FIXED)
    # The report goes to stderr, never into the buffer.
    assert "REF003" in process.stderr_text and "Found 3 findings (1 fixed, 2 remaining)." in process.stderr_text
    # Nothing to fix: the page comes back byte for byte (CRLF, no final newline).
    clean = "text\r\nmore".encode()
    unchanged = run_wikilint(*fixer, "--exit-zero", input=clean, cwd=tmp_path)
    assert (unchanged.returncode, unchanged.stdout) == (0, clean)


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    """A page whose findings, patch and documents are far bigger than a pipe's buffer."""
    page = tmp_path_factory.mktemp("big") / "big.wiki"
    page.write_text("".join(f"[[Page {n}|Page {n}]]\n" for n in range(3000)), encoding="utf-8")
    return page


@pytest.mark.parametrize("arguments", [("--output-format", name) for name in FORMATS] + [("--diff",)],
                         ids=[*FORMATS, "diff"])
def test_a_reader_that_goes_away_ends_the_run_quietly(big_page: Path, arguments: tuple[str, ...]):
    """``wikilint … | head -n 1``: no BrokenPipeError traceback, no message at all."""
    command = " ".join([sys.executable, "-m", "wikilint", "check", *arguments, big_page.name])
    process = subprocess.run(["bash", "-o", "pipefail", "-c", f"{command} | head -n 1"], cwd=big_page.parent,
                             capture_output=True, text=True)
    assert process.stderr == ""
    assert len(process.stdout.splitlines()) == 1
    # 2 (an output error) when a write failed on the closed pipe; 1 (findings) when the
    # reader left during wikilint's last write, which CPython then reports as a short
    # write, not an error. Never a signal's 141, never 0.
    assert process.returncode in (1, 2)

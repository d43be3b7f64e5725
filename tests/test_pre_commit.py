"""The hooks of .pre-commit-hooks.yaml, run by the real ``pre-commit try-repo``.

try-repo builds the hook's environment from this working tree (uncommitted changes
included), exactly as a user's pre-commit would from a release.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import git, snapshot_repository

DEFECTIVE = "Text.<!-- wikilint: disable-line -->\nMore text.\n"
FIXED = "Text.\nMore text.\n"
CLEAN = "Clean text.\n"


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A copy of this working tree as a git repository (try-repo needs one)."""
    if shutil.which("git") is None:
        pytest.fail("git is required for the pre-commit tests")
    copy = tmp_path_factory.mktemp("hook-repo") / "wikilint"
    snapshot_repository(copy)
    return copy


@pytest.fixture
def project(tmp_path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "Defective.WIKI").write_text(DEFECTIVE, encoding="utf-8")
    (tmp_path / "clean.wiki").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(DEFECTIVE, encoding="utf-8")  # not wikitext: left alone
    git(tmp_path, "add", "-A")
    return tmp_path


def _try_repo(hook_repo: Path, project: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--files", *files],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(hook_repo.parent / "pre-commit-home"), "NO_COLOR": "1"},
    )


def test_check_hook_fails_on_defective_file(hook_repo, project):
    result = _try_repo(hook_repo, project, "wikilint", "Defective.WIKI", "notes.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"wikilint \(check\)\.+Failed", result.stdout)
    assert "Defective.WIKI:1:6: WL100" in result.stdout
    assert "notes.txt" not in result.stdout.split("wikilint (check)")[1]


def test_check_hook_passes_on_clean_file(hook_repo, project):
    result = _try_repo(hook_repo, project, "wikilint", "clean.wiki")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"wikilint \(check\)\.+Passed", result.stdout)


def test_fix_hook_rewrites_defective_file(hook_repo, project):
    result = _try_repo(hook_repo, project, "wikilint-fix", "Defective.WIKI", "clean.wiki", "notes.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (project / "Defective.WIKI").read_text(encoding="utf-8") == FIXED
    assert (project / "clean.wiki").read_text(encoding="utf-8") == CLEAN
    assert (project / "notes.txt").read_text(encoding="utf-8") == DEFECTIVE


UNFORMATTED = "==History==\n*item  \n"
FORMATTED = "== History ==\n* item\n"


def test_format_hook_rewrites_unformatted_files_only(hook_repo, project):
    (project / "Unformatted.wiki").write_text(UNFORMATTED, encoding="utf-8")
    (project / "Formatted.mw").write_text(FORMATTED, encoding="utf-8")
    git(project, "add", "-A")
    result = _try_repo(hook_repo, project, "wikilint-format", "Unformatted.wiki", "Formatted.mw", "notes.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"wikilint \(format\)\.+Failed", result.stdout)
    assert "files were modified by this hook" in result.stdout
    assert (project / "Unformatted.wiki").read_text(encoding="utf-8") == FORMATTED
    assert (project / "Formatted.mw").read_text(encoding="utf-8") == FORMATTED
    assert (project / "notes.txt").read_text(encoding="utf-8") == DEFECTIVE
    again = _try_repo(hook_repo, project, "wikilint-format", "Unformatted.wiki", "Formatted.mw")
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"wikilint \(format\)\.+Passed", again.stdout)

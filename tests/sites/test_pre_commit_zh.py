"""The zh conversion tables in the pre-commit hook, by the real pre-commit.

zhconv-rs stays an optional dependency (GPL-2.0-or-later tables in an MIT tool), so the
hook's environment lacks it unless the user's config says ``additional_dependencies:
["zhconv-rs"]``. With the line, the table-based zh rules run in the hook; without it,
the notice names that line, not a ``pip install`` the user cannot run there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import git, snapshot_repository

# ZH011's own bad example: the rule repeats the built-in table.
REDUNDANT = "{{noteTA\n|1=zh-hans:中国; zh-hant:中國;\n}}\n中國\n"


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This working tree as a git repository, and its commit (pre-commit pins a rev)."""
    if shutil.which("git") is None:
        pytest.fail("git is required for the pre-commit tests")
    copy = tmp_path_factory.mktemp("zh-hook-repo") / "wikilint"
    return copy, snapshot_repository(copy)


def _project(tmp_path: Path, hook_repo: tuple[Path, str], extra: str) -> Path:
    repo, rev = hook_repo
    tmp_path.mkdir()
    git(tmp_path, "init", "-q")
    (tmp_path / "wikilint.toml").write_text('site = "zhwiki"\n', encoding="utf-8")
    (tmp_path / "page.wiki").write_text(REDUNDANT, encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: wikilint\n{extra}", encoding="utf-8")
    git(tmp_path, "add", "-A")
    return tmp_path


def _run(project: Path, home: Path) -> subprocess.CompletedProcess:
    # --verbose: pre-commit shows a hook's output even when the hook passes.
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"], cwd=project,
                          capture_output=True, text=True,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"})


def test_the_documented_line_brings_the_tables_into_the_hook(hook_repo, tmp_path):
    project = _project(tmp_path / "project", hook_repo, '        additional_dependencies: ["zhconv-rs"]\n')
    result = _run(project, tmp_path / "home")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "ZH011" in output and "redundant" in output
    assert "zhconv-rs package" not in output


def test_without_it_the_notice_names_the_line(hook_repo, tmp_path):
    project = _project(tmp_path / "project", hook_repo, "")
    result = _run(project, tmp_path / "home")
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "ZH011" not in output
    assert 'add additional_dependencies: ["zhconv-rs"] to the wikilint hook' in output
    assert "pip install" not in output

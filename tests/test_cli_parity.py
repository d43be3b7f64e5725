"""The ruff-parity options of ``wikilint check``: selection that adds up, the fix-mode
flags, where output goes, what is printed, which files and settings apply, progress."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from support import corpus_page_files, run_wikilint, staged_corpus_copy

STALE = "Text.<!-- wikilint: disable-line -->\n"
LINKS = "[[Foo|Foo]] and [[Bar|Bar]].\n"


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.wiki"
    path.write_text(STALE + LINKS, encoding="utf-8")
    return path


def _codes(process) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in process.stdout_text.splitlines() if ": " in line
            and line.split(": ")[1][:1].isupper() and ":" in line.split(": ")[0]]


def test_repeated_select_and_ignore_add_up(page):
    both = run_wikilint("check", "-q", "--select", "WL100", "--select", "LNK001", str(page))
    assert _codes(both) == ["WL100", "LNK001", "LNK001"]
    assert _codes(run_wikilint("check", "-q", "--select", "WL100,LNK001", str(page))) == _codes(both)
    ignored = run_wikilint("check", "-q", "--ignore", "WL100", "--ignore", "LNK", str(page))
    assert ignored.returncode == 0 and _codes(ignored) == []
    extended = run_wikilint("check", "-q", "--ignore", "WL100", "--extend-ignore", "LNK001", str(page))
    assert _codes(extended) == []


def test_extend_fixable_adds_to_the_configured_fixable(page, tmp_path):
    (tmp_path / "wikilint.toml").write_text('fixable = ["WL100"]\n', encoding="utf-8")
    only = run_wikilint("check", "--fix", str(page))
    assert only.returncode == 1 and page.read_text(encoding="utf-8") == "Text.\n" + LINKS
    page.write_text(STALE + LINKS, encoding="utf-8")
    both = run_wikilint("check", "--fix", "--extend-fixable", "LNK001", str(page))
    assert both.returncode == 0 and page.read_text(encoding="utf-8") == "Text.\n[[Foo]] and [[Bar]].\n"


def test_fix_only_and_exit_non_zero_on_fix(page):
    fixed = run_wikilint("check", "--fix-only", "--select", "WL100", str(page))
    assert fixed.returncode == 0
    assert fixed.stdout_text == "Fixed 1 finding.\n"  # nothing about what remains
    assert page.read_text(encoding="utf-8") == "Text.\n" + LINKS
    again = run_wikilint("check", "--fix", "--exit-non-zero-on-fix", "--select", "LNK001", str(page))
    assert again.returncode == 1 and page.read_text(encoding="utf-8") == "Text.\n[[Foo]] and [[Bar]].\n"
    assert run_wikilint("check", "--fix", "--exit-non-zero-on-fix", str(page)).returncode == 0


def test_output_file(page, tmp_path):
    target = tmp_path / "reports" / "out.txt"
    result = run_wikilint("check", "--output-file", str(target), str(page))
    assert result.returncode == 1 and result.stdout_text == ""
    written = target.read_text(encoding="utf-8")
    assert "WL100" in written and "Found 3 findings." in written and "\x1b[" not in written
    assert run_wikilint("check", "-o", str(tmp_path), str(page)).returncode == 2  # a folder: one-line error


def test_silent_prints_nothing_but_keeps_the_status(page, tmp_path):
    silent = run_wikilint("check", "--silent", "--statistics", str(page), str(tmp_path / "missing.wiki"))
    assert silent.stdout_text == "" and silent.returncode == 2
    assert "missing.wiki: error: no such file or directory" in silent.stderr_text  # errors still say why
    assert run_wikilint("check", "-s", str(page)).returncode == 1


def test_statistics_prints_only_the_table(page):
    lines = run_wikilint("check", "--statistics", str(page)).stdout_text.splitlines()
    assert lines == ["2\tLNK001\t[*] redundant-label", "1\tWL100\t[*] unused-suppression"]


def test_show_files_respects_excludes_and_gitignore(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("generated/\n*.tmp.wiki\n!keep.tmp.wiki\n", encoding="utf-8")
    for name in ("a.wiki", "b.tmp.wiki", "keep.tmp.wiki", "generated/c.wiki", "sub/d.wiki", "node_modules/e.wiki"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(STALE, encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("d.wiki\n", encoding="utf-8")
    shown = run_wikilint("check", "--show-files", cwd=tmp_path)
    assert shown.returncode == 0
    assert shown.stdout_text.splitlines() == ["a.wiki", "keep.tmp.wiki"]
    everything = run_wikilint("check", "--show-files", "--no-respect-gitignore", cwd=tmp_path).stdout_text
    assert everything.splitlines() == ["a.wiki", "b.tmp.wiki", "keep.tmp.wiki", "generated/c.wiki", "sub/d.wiki"]
    (tmp_path / "wikilint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert run_wikilint("check", "--show-files", cwd=tmp_path).stdout_text == everything
    # A file named on the command line is checked even if git ignores it (as in ruff).
    assert run_wikilint("check", "-q", "b.tmp.wiki", "--respect-gitignore", cwd=tmp_path).returncode == 1
    # Outside a repository nothing is ignored on git's account.
    shutil.rmtree(tmp_path / ".git")
    (tmp_path / "wikilint.toml").unlink()
    assert run_wikilint("check", "--show-files", cwd=tmp_path).stdout_text == everything


def test_show_settings_says_where_each_value_comes_from(tmp_path):
    (tmp_path / "base.toml").write_text('site = "zhwiki"\nignore = ["REF"]\n', encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "wikilint.toml").write_text('extend = "../base.toml"\nextend-select = ["LNK003"]\n', encoding="utf-8")
    (project / "p.wiki").write_text(STALE, encoding="utf-8")
    shown = run_wikilint("check", "--show-settings", "--ignore", "ZH001", "p.wiki", cwd=project)
    assert shown.returncode == 0, shown.stderr_text
    out = shown.stdout_text
    assert "Settings for: p.wiki" in out
    assert f"Configuration file: {project / 'wikilint.toml'} (the nearest to the file)" in out
    assert f"  extends: {tmp_path / 'base.toml'}" in out
    assert f"Site: zhwiki ('site' in {tmp_path / 'base.toml'})" in out
    assert f'  extend-select = ["LNK003"]    # {project / "wikilint.toml"}' in out
    assert f'  {tmp_path / "base.toml"}: ignore = ["REF"]' in out  # the base's selection layer
    assert "  fix-limit = 10    # default" in out
    assert 'ignore: ["ZH001"]' in out
    enabled = next(line for line in out.splitlines() if line.startswith("Enabled rules"))
    assert "LNK003" in enabled and "REF001" not in enabled and "ZH001" not in enabled
    isolated = run_wikilint("check", "--show-settings", "--isolated", "p.wiki", cwd=project).stdout_text
    assert "Configuration file: (none: --isolated)" in isolated
    assert 'Site: default (site = "auto" (the default)' in isolated


def test_isolated_ignores_configuration_files(page, tmp_path):
    (tmp_path / "wikilint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    assert run_wikilint("check", str(page)).returncode == 0
    assert run_wikilint("check", "--isolated", str(page)).returncode == 1
    (tmp_path / "wikilint.toml").write_text("not toml [", encoding="utf-8")
    assert run_wikilint("check", "--isolated", str(page)).returncode == 1  # not even read
    clash = run_wikilint("check", "--isolated", "--config", str(tmp_path / "wikilint.toml"), str(page))
    assert clash.returncode == 2 and clash.stderr_text.count("\n") == 1


def test_progress_bar_on_a_terminal_only(corpus, tmp_path):
    """A real pseudo-terminal as stderr gets a bar on a run that takes more than a
    moment; a pipe, -q and a quick run get none."""
    pty = pytest.importorskip("pty")
    pages = corpus_page_files(corpus)[:40]
    staged_corpus_copy(pages, tmp_path)
    command = [sys.executable, "-m", "wikilint", "check", "-j", "1", "--no-cache"]
    environment = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}

    def stderr_on_terminal(*arguments: str) -> tuple[str, bytes]:
        leader, follower = pty.openpty()
        process = subprocess.Popen(command + list(arguments), stdout=subprocess.PIPE, stderr=follower,
                                   env=environment)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        stdout = process.communicate()[0]
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace"), stdout

    shown, stdout = stderr_on_terminal(str(tmp_path))
    assert f"/{len(pages)} pages" in shown and "[#" in shown
    assert shown.endswith("\r\x1b[K")  # the bar is taken off its line at the end
    assert b"\x1b" not in stdout and b" pages " not in stdout
    assert "pages" not in stderr_on_terminal("-q", str(tmp_path))[0]
    small = tmp_path / "small.wiki"
    small.write_text(STALE, encoding="utf-8")
    # Over in a moment (in this process: a worker's start-up on a busy machine can take longer).
    assert "pages" not in stderr_on_terminal("--page-timeout", "0", str(small), str(small))[0]
    piped = subprocess.run(command + [str(tmp_path)], capture_output=True, env=environment)
    assert b"pages" not in piped.stderr


def test_progress_waits_then_redraws_and_clears():
    import io

    from wikilint.progress import Progress

    now = [0.0]
    stream = io.StringIO()
    bar = Progress(stream, 4, delay=0.5, interval=0.1, clock=lambda: now[0])
    bar.advance()
    assert stream.getvalue() == ""  # a quick run shows nothing
    now[0] = 0.6
    bar.advance()
    assert stream.getvalue().endswith("2/4 pages 0:00\x1b[K")
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
    now[0] = 0.65
    bar.advance()  # after a clear the bar comes back at once
    assert stream.getvalue().endswith("3/4 pages 0:00\x1b[K")

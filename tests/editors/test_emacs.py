"""Real Emacs, in batch mode, with the configurations of docs/editors.md: eglot running
``wikilint server``, and the flymake backend running ``wikilint check``; each puts every
finding of the page on the character where the CLI puts it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editors.doc_blocks import doc_block
from support import run_wikilint

EMACS = shutil.which("emacs")
pytestmark = pytest.mark.skipif(EMACS is None, reason="emacs is not installed (apt-get install emacs-nox)")

CJK_PAGE = "中文 [[Foo|Foo]]\ne\u0301 [[Bar|Bar]]\n\U00020000 [[Baz|Baz]] 😀 [[Qux|Qux]]\n"

#: Waits for flymake's diagnostics, then writes line, column (characters) and text of each.
DUMP = """
(let ((tries 0))
  (while (and (< tries 900) (null (with-current-buffer "{page}" (flymake-diagnostics))))
    (setq tries (1+ tries))
    (accept-process-output nil 0.1)))
(let (rows)
  (with-current-buffer "{page}"
    (dolist (d (flymake-diagnostics))
      (let ((beg (flymake-diagnostic-beg d)))
        (push (format "%d\\t%d\\t%s" (line-number-at-pos beg)
                      (- beg (save-excursion (goto-char beg) (line-beginning-position)))
                      (buffer-substring-no-properties beg (save-excursion (goto-char beg) (line-end-position))))
              rows))))
  (with-temp-file "out.txt" (insert (mapconcat #'identity rows "\\n") "\\n")))
(kill-emacs 0)
"""


def _emacs(directory: Path, script: str) -> list[tuple[int, int, str]]:
    (directory / "test.el").write_text(script, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "HOME": str(directory)}
    process = subprocess.run([EMACS, "--batch", "-q", "-l", "test.el"], cwd=directory, env=env,
                             capture_output=True, timeout=180, check=False)
    out = directory / "out.txt"
    assert out.exists(), process.stderr.decode("utf-8", "replace")[-2000:]
    rows = [line.split("\t", 2) for line in out.read_text(encoding="utf-8").splitlines() if line]
    return sorted((int(line), int(column), text) for line, column, text in rows)


def _expected(directory: Path, name: str) -> list[tuple[int, int, str]]:
    process = run_wikilint("check", "--output-format", "json", name, cwd=directory)
    lines = (directory / name).read_text(encoding="utf-8").split("\n")
    return sorted((d["line"], d["column"] - 1, lines[d["line"] - 1][d["column"] - 1:])
                  for d in json.loads(process.stdout_text)["diagnostics"])


@pytest.fixture(params=["cjk", "reference"])
def page(request, tmp_path: Path) -> str:
    if request.param == "cjk":
        (tmp_path / "cjk.wiki").write_text(CJK_PAGE, encoding="utf-8")
        return "cjk.wiki"
    shutil.copyfile(request.getfixturevalue("reference_page"), tmp_path / "reference.wiki")
    (tmp_path / "wikilint.toml").write_text('site = "zhwiki"\n', encoding="utf-8")
    return "reference.wiki"


def _has_eglot() -> bool:
    return EMACS is not None and subprocess.run(
        [EMACS, "--batch", "-q", "--eval", "(kill-emacs (if (require 'eglot nil t) 0 1))"],
        capture_output=True, timeout=60).returncode == 0


@pytest.mark.skipif(not _has_eglot(), reason="eglot is not installed (apt-get install elpa-eglot)")
def test_eglot_shows_the_server_s_findings_where_the_cli_puts_them(tmp_path: Path, page: str):
    mode = doc_block("elisp", ";; ~/.emacs.d/init.el")
    eglot = doc_block("elisp", "(with-eval-after-load 'eglot")
    found = _emacs(tmp_path, f"""{mode}
(require 'eglot)
{eglot}
(find-file "{page}")
(run-hooks 'post-command-hook)  ; eglot-ensure connects after the next command
{DUMP.format(page=page)}""")
    assert found == _expected(tmp_path, page)


def test_flymake_backend_puts_the_cli_s_findings_where_they_are(tmp_path: Path, page: str):
    mode = doc_block("elisp", ";; ~/.emacs.d/init.el")
    (tmp_path / "wikilint-flymake.el").write_text(doc_block("elisp", ";; -*- lexical-binding: t -*-"),
                                                 encoding="utf-8")
    found = _emacs(tmp_path, f"""{mode}
(load (expand-file-name "wikilint-flymake.el"))
(find-file "{page}")
(flymake-start)
{DUMP.format(page=page)}""")
    assert found == _expected(tmp_path, page)

"""Real Vim lands on the right character of CJK, combining-accent and astral lines, with
the ``:make`` and the ALE configurations of docs/editors.md (Vim counts bytes; wikilint
counts characters)."""

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

VIM = shutil.which("vim")
ALE = Path("/usr/share/vim-ale")  # Debian's vim-ale package
pytestmark = pytest.mark.skipif(VIM is None, reason="vim is not installed (apt-get install vim-nox)")

# A CJK line (three bytes a character), a combining accent (a character of its own for
# wikilint, part of the letter for Vim's byteidx) and a CJK Extension B character (four bytes).
CJK_PAGE = "中文 [[Foo|Foo]]\ne\u0301 [[Bar|Bar]]\n\U00020000 [[Baz|Baz]]\n"


def _expected(directory: Path, name: str) -> list[tuple[int, str]]:
    """Each finding's line and the text from its column on, as the CLI reports them."""
    process = run_wikilint("check", "--output-format", "json", name, cwd=directory)
    lines = (directory / name).read_text(encoding="utf-8").split("\n")
    return [(d["line"], lines[d["line"] - 1][d["column"] - 1:])
            for d in json.loads(process.stdout_text)["diagnostics"]]


def _vim(directory: Path, script: str) -> list[tuple[int, str]]:
    (directory / "test.vim").write_text(script, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "LANG": "C.UTF-8"}
    subprocess.run([VIM, "-Nu", "NONE", "-i", "NONE", "-es", "-S", "test.vim"], cwd=directory, env=env,
                   capture_output=True, timeout=120, check=False)
    out = directory / "out.txt"
    assert out.exists(), "vim wrote no result"
    rows = [line.split("\t", 1) for line in out.read_text(encoding="utf-8").splitlines()]
    return [(int(lnum), text) for lnum, text in rows]


def _pages(tmp_path: Path, page: str, reference: Path | None) -> str:
    if page == "cjk":
        (tmp_path / "cjk.wiki").write_text(CJK_PAGE, encoding="utf-8")
        return "cjk.wiki"
    assert reference is not None
    shutil.copyfile(reference, tmp_path / "reference.wiki")
    (tmp_path / "wikilint.toml").write_text('site = "zhwiki"\n', encoding="utf-8")
    return "reference.wiki"


@pytest.fixture(params=["cjk", "reference"])
def page(request, tmp_path: Path) -> str:
    reference = None
    if request.param == "reference":
        reference = request.getfixturevalue("reference_page")
    return _pages(tmp_path, request.param, reference)


def _agrees(found: list[tuple[int, str]], expected: list[tuple[int, str]]) -> None:
    assert len(found) == len(expected) > 0
    for (lnum, text), (line, wanted) in zip(found, expected):
        assert lnum == line
        assert text.startswith(wanted[:24]), (line, text[:30], wanted[:30])


def test_make_and_quickfix_land_on_the_finding(tmp_path: Path, page: str):
    (tmp_path / "snippet.vim").write_text(doc_block("vim", '" :make runs wikilint'), encoding="utf-8")
    found = _vim(tmp_path, f"""set nocompatible encoding=utf-8
edit {page}
source snippet.vim
silent make
let out = []
for i in range(len(getqflist()))
  execute 'silent cc' (i + 1)
  call add(out, line('.') . "\\t" . strpart(getline('.'), col('.') - 1))
endfor
call writefile(out, 'out.txt')
qall!
""")
    _agrees(found, _expected(tmp_path, page))


def test_without_the_conversion_vim_lands_inside_the_wrong_character(tmp_path: Path):
    """Why the conversion is there: the plain errorformat misses on a CJK line."""
    page = _pages(tmp_path, "cjk", None)
    found = _vim(tmp_path, f"""set nocompatible encoding=utf-8
edit {page}
setlocal makeprg=wikilint\\ check\\ --quiet\\ %
setlocal errorformat=%f:%l:%c:\\ %m
silent make
silent cfirst
call writefile([line('.') . "\\t" . strpart(getline('.'), col('.') - 1)], 'out.txt')
qall!
""")
    assert found == [(1, "文 [[Foo|Foo]]")]


@pytest.mark.skipif(not (ALE / "plugin" / "ale.vim").is_file(), reason="ALE is not installed (apt-get install vim-ale)")
def test_ale_location_list_lands_on_the_finding(tmp_path: Path, page: str):
    (tmp_path / "ale_wikilint.vim").write_text(doc_block("vim", '" ALE: wikilint'), encoding="utf-8")
    found = _vim(tmp_path, f"""set nocompatible encoding=utf-8
set runtimepath^={ALE}
runtime! plugin/ale.vim
let g:ale_linters = {{'mediawiki': ['wikilint']}}
source ale_wikilint.vim
edit {page}
set filetype=mediawiki
ALELint
for i in range(600)
  if !ale#engine#IsCheckingBuffer(bufnr('')) && !empty(getloclist(0))
    break
  endif
  sleep 100m
endfor
let out = []
for item in getloclist(0)
  call add(out, item.lnum . "\\t" . strpart(getline(item.lnum), item.col - 1))
endfor
call writefile(out, 'out.txt')
qall!
""")
    _agrees(found, _expected(tmp_path, page))

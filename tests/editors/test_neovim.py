"""Real Neovim, headless, with the configuration of docs/editors.md for its version,
attaches ``wikilint server`` to a copy of the zh reference page and shows its findings
where the CLI puts them (Neovim keeps byte columns; the server sends UTF-16 or UTF-8)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editors.doc_blocks import doc_block
from support import run_wikilint

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not installed (apt-get install neovim)")

#: Waits for the diagnostics, then writes them where the test reads them.
DUMP = """
local ok = vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                      source = d.source, code = code })
end
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, diagnostics = out }) }, "nvim_out.json")
"""


def _version() -> tuple[int, int]:
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, check=True).stdout.splitlines()[0]
    major, minor = re.match(r"NVIM v(\d+)\.(\d+)", first).groups()
    return int(major), int(minor)


def _configuration() -> str:
    version = _version()
    if version >= (0, 11):
        return doc_block("lua", "-- Neovim 0.11 and later")
    if version >= (0, 8):
        return doc_block("lua", "-- Neovim 0.8 to 0.10")
    if version >= (0, 7):
        return doc_block("lua", "-- Neovim 0.7")
    pytest.skip(f"Neovim {version} is older than any configuration in docs/editors.md")


def test_neovim_shows_the_server_s_diagnostics_on_the_reference_page(tmp_path: Path, reference_page: Path):
    shutil.copyfile(reference_page, tmp_path / "page.wiki")
    (tmp_path / "wikilint.toml").write_text('site = "zhwiki"\n', encoding="utf-8")
    (tmp_path / "init.lua").write_text(_configuration(), encoding="utf-8")
    (tmp_path / "dump.lua").write_text(DUMP, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    subprocess.run([NVIM, "--headless", "-u", "init.lua", "page.wiki", "-c", "luafile dump.lua", "-c", "qa!"],
                   cwd=tmp_path, env=env, capture_output=True, timeout=180, check=False)
    shown = json.loads((tmp_path / "nvim_out.json").read_text(encoding="utf-8"))
    assert shown["ok"], "Neovim showed no diagnostics"

    expected = json.loads(run_wikilint("check", "--output-format", "json", "page.wiki", cwd=tmp_path).stdout_text)
    expected = expected["diagnostics"]
    diagnostics = sorted(shown["diagnostics"], key=lambda d: (d["lnum"], d["col"], d["code"]))
    assert [d["code"] for d in diagnostics] == [e["code"] for e in expected]
    assert {d["source"] for d in diagnostics} == {"wikilint"}
    # Neovim columns are bytes of the UTF-8 line: the text there is the CLI's finding.
    lines = (tmp_path / "page.wiki").read_bytes().split(b"\n")
    text_lines = (tmp_path / "page.wiki").read_text(encoding="utf-8").split("\n")
    for d, e in zip(diagnostics, expected):
        assert (d["lnum"], d["end_lnum"]) == (e["line"] - 1, e["end_line"] - 1)
        shown_text = lines[d["lnum"]][d["col"]:].decode("utf-8")
        assert shown_text == text_lines[e["line"] - 1][e["column"] - 1:], e
        if d["lnum"] == d["end_lnum"]:
            finding = text_lines[e["line"] - 1][e["column"] - 1:e["end_column"] - 1]
            assert lines[d["lnum"]][d["col"]:d["end_col"]].decode("utf-8") == finding
    assert sum(1 for d in diagnostics if d["code"] == "LNK001") == 56

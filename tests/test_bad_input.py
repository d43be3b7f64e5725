"""Bad input: each case gets a clear one-line message, the run goes on, nothing is lost."""

from __future__ import annotations

import socket
import stat

import pytest

from support import run_wikilint

STALE = "Text.<!-- wikilint: disable-line -->\n"  # one WL100 finding with a safe fix


@pytest.fixture
def good_page(tmp_path):
    page = tmp_path / "good.wiki"
    page.write_text(STALE, encoding="utf-8")
    return page


def _check_goes_on(result, good_page, message: str, bad_name: str):
    """The bad file has one clear error line; the good file was still checked."""
    lines = [line for line in result.stderr_text.splitlines() if bad_name in line]
    assert len(lines) == 1, result.stderr_text
    assert message in lines[0], lines[0]
    assert "Traceback" not in result.stderr_text
    assert f"{good_page}:1:6: WL100" in result.stdout_text
    assert result.returncode == 2


def test_not_utf8(tmp_path, good_page):
    bad = tmp_path / "latin1.wiki"
    bad.write_bytes("Café [[x]]\n".encode("latin-1"))
    result = run_wikilint("check", "--fix", "--show-fixes", str(bad), str(good_page))
    lines = [line for line in result.stderr_text.splitlines() if "latin1.wiki" in line]
    assert lines == [f"{bad}: error: not valid UTF-8 (byte 0xe9 at offset 3); skipped"]
    assert result.returncode == 2
    assert bad.read_bytes() == "Café [[x]]\n".encode("latin-1")  # never written
    assert good_page.read_text(encoding="utf-8") == "Text.\n"  # the run went on and fixed the other


def test_nul_bytes(tmp_path, good_page):
    bad = tmp_path / "nul.wiki"
    bad.write_bytes(b"Text\x00more\n")
    _check_goes_on(run_wikilint("check", str(bad), str(good_page)), good_page, "contains NUL bytes", "nul.wiki")


def test_binary_file(tmp_path, good_page):
    bad = tmp_path / "image.wiki"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    _check_goes_on(run_wikilint("check", str(bad), str(good_page)), good_page, "binary file", "image.wiki")


def test_unreadable_file(tmp_path, good_page):
    # Root can read any regular file whatever its mode, so use a socket: open() fails for everyone.
    bad = tmp_path / "socket.wiki"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(bad))
    try:
        _check_goes_on(run_wikilint("check", str(bad), str(good_page)), good_page, "cannot read", "socket.wiki")
    finally:
        server.close()


def test_missing_path(tmp_path, good_page):
    missing = tmp_path / "nowhere.wiki"
    _check_goes_on(run_wikilint("check", str(missing), str(good_page)), good_page, "no such file or directory",
                   "nowhere.wiki")


def test_directory_where_a_file_is_expected(tmp_path, good_page):
    result = run_wikilint("check", "--config", str(tmp_path), str(good_page))
    assert result.returncode == 2
    assert "is a directory, expected a TOML file" in result.stderr_text
    assert "Traceback" not in result.stderr_text
    result = run_wikilint("check", "--stdin-filename", str(tmp_path), "-", input=b"x\n")
    assert result.returncode == 0, result.stderr_text  # a directory name for stdin is only a label


def test_broken_config_file(tmp_path, good_page):
    broken_dir = tmp_path / "broken"
    broken_dir.mkdir()
    (broken_dir / "wikilint.toml").write_text("select = [\n", encoding="utf-8")
    page = broken_dir / "page.wiki"
    page.write_text("x\n", encoding="utf-8")
    result = run_wikilint("check", str(page), str(good_page))
    _check_goes_on(result, good_page, "invalid TOML", "broken")


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.wiki"
    empty.write_bytes(b"")
    result = run_wikilint("check", "--fix", str(empty))
    assert result.returncode == 0, result.stderr_text
    assert empty.read_bytes() == b""


def test_bom_crlf_and_missing_final_newline_survive_a_fix(tmp_path):
    page = tmp_path / "bom.wiki"
    page.write_bytes(b"\xef\xbb\xbfLine one.\r\nText.<!-- wikilint: disable-line -->\r\nLast line")
    result = run_wikilint("check", "--fix", str(page))
    assert result.returncode == 0, result.stdout_text + result.stderr_text
    assert page.read_bytes() == b"\xef\xbb\xbfLine one.\r\nText.\r\nLast line"


def test_positions_ignore_the_bom(tmp_path):
    page = tmp_path / "bom.wiki"
    page.write_bytes(b"\xef\xbb\xbfText.<!-- wikilint: disable-line -->\r\n")
    assert f"{page}:1:6: WL100" in run_wikilint("check", str(page)).stdout_text


def test_mixed_line_endings_are_left_as_they_are(tmp_path):
    page = tmp_path / "mixed.wiki"
    page.write_bytes(b"a\r\nText.<!-- wikilint: disable-line -->\nb\r\n")
    run_wikilint("check", "--fix", str(page))
    assert page.read_bytes() == b"a\r\nText.\nb\r\n"


def test_fix_keeps_permissions_and_writes_atomically(tmp_path):
    page = tmp_path / "page.wiki"
    page.write_text(STALE, encoding="utf-8")
    page.chmod(0o640)
    inode_before = page.stat().st_ino
    assert run_wikilint("check", "--fix", str(page)).returncode == 0
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert page.stat().st_ino != inode_before  # replaced by rename, not rewritten in place
    assert [p.name for p in tmp_path.iterdir()] == ["page.wiki"]  # no temporary file left


def test_five_megabyte_page(tmp_path):
    """Over the default limit (4 MiB, twice MediaWiki's) a page is reported and skipped,
    never half-processed; with the limit raised it is checked."""
    page = tmp_path / "big.wiki"
    paragraph = "Some text with a [[link]] and {{template|x}}.<ref>Source.</ref>\n"
    page.write_text(paragraph * (5_000_000 // len(paragraph)) + STALE, encoding="utf-8")
    skipped = run_wikilint("check", "--fix", "--select", "WL100", str(page))
    assert skipped.returncode == 2
    assert skipped.stderr_text == (f"{page}: error: the page is 4.8 MiB, over the 4 MiB limit (max-page-size); "
                                   "skipped\n")
    assert page.read_text(encoding="utf-8").endswith(STALE)
    piped = run_wikilint("check", "-", input=page.read_bytes())
    assert piped.returncode == 2 and "over the 4 MiB limit" in piped.stderr_text
    result = run_wikilint("check", "--select", "WL100", "--config", "max-page-size = 8_000_000", str(page))
    assert result.returncode == 1, result.stderr_text
    assert "WL100" in result.stdout_text


def test_templates_nested_500_deep(tmp_path):
    page = tmp_path / "deep.wiki"
    page.write_text("{{a|" * 500 + "x" + "}}" * 500 + "\n" + STALE, encoding="utf-8")
    result = run_wikilint("check", "--fix", str(page))
    assert "Traceback" not in result.stderr_text
    assert result.returncode == 0, result.stdout_text + result.stderr_text
    assert page.read_text(encoding="utf-8").endswith("\nText.\n")


def test_broken_config_in_one_folder_does_not_stop_the_others(tmp_path, good_page):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "wikilint.toml").write_text("select = [\n", encoding="utf-8")
    (tmp_path / "bad" / "b.wiki").write_text(STALE, encoding="utf-8")
    for args in (["check", str(tmp_path)], ["check", "--force-exclude", str(tmp_path / "bad" / "b.wiki"),
                                             str(good_page)]):
        result = run_wikilint(*args)
        assert result.returncode == 2
        assert [line for line in result.stderr_text.splitlines() if "invalid TOML" in line], result.stderr_text
        assert f"{good_page}:1:6: WL100" in result.stdout_text  # the run went on


def test_fixing_through_a_symlink_fixes_the_target(tmp_path):
    target = tmp_path / "target.txt"
    target.write_text(STALE, encoding="utf-8")
    link = tmp_path / "link.wiki"
    link.symlink_to(target)
    assert run_wikilint("check", "--fix", str(link)).returncode == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "Text.\n"


def test_many_findings_on_one_long_line(tmp_path):
    page = tmp_path / "long.wiki"
    page.write_text("Text.<!-- wikilint: disable-line -->" * 3000 + "\n", encoding="utf-8")
    result = run_wikilint("check", "--output-format", "full", str(page))
    assert result.stdout_text.count("WL100") == 3000
    shown = [line for line in result.stdout_text.splitlines() if line.startswith(" 1 | ")]
    assert all(len(line) < 260 for line in shown)  # a window of the line, not all 108,000 characters
    assert shown[-1].startswith(" 1 | …")

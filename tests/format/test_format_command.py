"""``wikilint format``: the real command on files and stdin, its options and exit codes,
and what it refuses to write."""

from __future__ import annotations

import io

import pytest

from format_support import MeaningChanger, registry_with
from support import run_wikilint

UNFORMATTED = "==History==\n*item  \n{{ Foo }}\nline<br>break\n"
FORMATTED = "== History ==\n* item\n{{Foo}}\nline<br />break\n"


def write(path, text: str | bytes):
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_format_rewrites_files_and_leaves_formatted_ones(tmp_path):
    write(tmp_path / "a.wiki", UNFORMATTED)
    write(tmp_path / "b.wiki", FORMATTED)
    result = run_wikilint("format", ".", "--isolated", cwd=tmp_path)
    assert result.returncode == 0, result.stderr_text
    assert result.stdout_text == "1 file reformatted, 1 file left unchanged\n"
    assert (tmp_path / "a.wiki").read_text(encoding="utf-8") == FORMATTED
    again = run_wikilint("format", ".", "--isolated", cwd=tmp_path)
    assert again.stdout_text == "2 files left unchanged\n"


def test_check_lists_files_that_would_change_and_writes_nothing(tmp_path):
    write(tmp_path / "a.wiki", UNFORMATTED)
    write(tmp_path / "b.wiki", FORMATTED)
    result = run_wikilint("format", "--check", ".", "--isolated", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout_text == "Would reformat: a.wiki\n1 file would be reformatted, 1 file already formatted\n"
    assert (tmp_path / "a.wiki").read_text(encoding="utf-8") == UNFORMATTED
    clean = run_wikilint("format", "--check", "b.wiki", "--isolated", cwd=tmp_path)
    assert (clean.returncode, clean.stdout_text) == (0, "1 file already formatted\n")


def test_diff_prints_a_patch_and_writes_nothing(tmp_path):
    write(tmp_path / "a.wiki", UNFORMATTED)
    result = run_wikilint("format", "--diff", "a.wiki", "--isolated", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout_text.startswith("--- a/a.wiki\n+++ b/a.wiki\n")
    assert "-==History==\n" in result.stdout_text and "+== History ==\n" in result.stdout_text
    assert result.stderr_text == "1 file would be reformatted\n"
    assert (tmp_path / "a.wiki").read_text(encoding="utf-8") == UNFORMATTED


def test_stdin_to_stdout_with_the_configuration_of_stdin_filename(tmp_path):
    (tmp_path / "wiki").mkdir()
    write(tmp_path / "wiki" / "wikilint.toml", '[rules.heading-spacing]\nstyle = "compact"\n')
    result = run_wikilint("format", "--stdin-filename", "wiki/Page.wiki", input=b"== A ==\n*x\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr_text
    assert result.stdout_text == "==A==\n* x\n"
    assert result.stderr_text == ""
    plain = run_wikilint("format", "-", "--isolated", input=b"== A ==\n*x\n", cwd=tmp_path)
    assert plain.stdout_text == "== A ==\n* x\n"


def test_bom_crlf_and_encoding_survive(tmp_path):
    page = write(tmp_path / "a.wiki", b"\xef\xbb\xbf==A==\r\n*x\r\n")
    assert run_wikilint("format", "a.wiki", "--isolated", cwd=tmp_path).returncode == 0
    assert page.read_bytes() == b"\xef\xbb\xbf== A ==\r\n* x\r\n"
    utf16 = write(tmp_path / "b.wiki", "==B==\n".encode("utf-16"))
    assert run_wikilint("format", "b.wiki", "--isolated", cwd=tmp_path).returncode == 0
    assert utf16.read_bytes() == "== B ==\n".encode("utf-16")


def test_the_final_newline_is_the_formatters(tmp_path):
    page = write(tmp_path / "a.wiki", "== A ==\ntext")
    result = run_wikilint("format", "--check", "a.wiki", "--isolated", cwd=tmp_path)
    assert result.returncode == 1
    run_wikilint("format", "a.wiki", "--isolated", cwd=tmp_path)
    assert page.read_text(encoding="utf-8") == "== A ==\ntext\n"
    kept = run_wikilint("format", "--check", "a.wiki", "--isolated", "--ignore", "final-newline",
                        cwd=tmp_path)
    assert kept.returncode == 0


def test_range_formats_only_the_chosen_lines(tmp_path):
    text = "==A==\n*one\n*two\n==B==\n"
    page = write(tmp_path / "a.wiki", text)
    result = run_wikilint("format", "--range", "2:2", "a.wiki", "--isolated", cwd=tmp_path)
    assert result.returncode == 0, result.stderr_text
    assert page.read_text(encoding="utf-8") == "==A==\n* one\n*two\n==B==\n"
    stdin = run_wikilint("format", "--range", "3:", "-", "--isolated", input=text.encode(), cwd=tmp_path)
    assert stdin.stdout_text == "==A==\n*one\n* two\n\n== B ==\n"


def test_range_that_grows_the_text_follows_it(tmp_path):
    # The template's layout adds lines inside the range; the heading after it stays.
    text = "{{Infobox|a=1\n|b=2}}\n==After==\n"
    stdin = run_wikilint("format", "--range", "1:2", "-", "--isolated", input=text.encode(), cwd=tmp_path)
    assert stdin.stdout_text == "{{Infobox\n| a = 1\n| b = 2\n}}\n==After==\n"


@pytest.mark.parametrize("arguments, message", [
    (["--range", "3:1", "a.wiki"], "1 <= START <= END"),
    (["--range", "x", "a.wiki"], "START:END"),
    (["--range", "1:2", "a.wiki", "b.wiki"], "--range formats a part of one page"),
    (["--check", "--diff", "a.wiki"], "--check and --diff cannot be combined"),
    (["--stdin-filename", "x.wiki", "a.wiki"], "cannot be combined with paths"),
    (["--select", "NOPE"], "unknown rule code or selector 'NOPE'"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path, arguments, message):
    write(tmp_path / "a.wiki", UNFORMATTED)
    write(tmp_path / "b.wiki", UNFORMATTED)
    result = run_wikilint("format", *arguments, "--isolated", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr_text and result.stderr_text.count("\n") == 1, result.stderr_text
    assert (tmp_path / "a.wiki").read_text(encoding="utf-8") == UNFORMATTED


def test_an_unreadable_file_is_an_error_and_the_others_are_formatted(tmp_path):
    write(tmp_path / "a.wiki", UNFORMATTED)
    write(tmp_path / "bad.wiki", b"==Broken== \x80\x81 text\n")
    result = run_wikilint("format", "a.wiki", "bad.wiki", "missing.wiki", "--isolated", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.wiki: error:" in result.stderr_text and "missing.wiki" in result.stderr_text
    assert "Traceback" not in result.stderr_text
    assert (tmp_path / "a.wiki").read_text(encoding="utf-8") == FORMATTED


def test_format_off_regions_stay_byte_for_byte(tmp_path):
    region = "<!-- wikilint: format off -->\n==Kept==  \n*as  written\n{{ Foo |a=1\n|b=2}}\n<!-- wikilint: format on -->\n"
    page = write(tmp_path / "a.wiki", "==Before==\n" + region + "==After==\n<!--wikilint:format off-->\n*to the end  ")
    result = run_wikilint("format", "a.wiki", "--isolated", cwd=tmp_path)
    assert result.returncode == 0, result.stderr_text
    assert page.read_text(encoding="utf-8") == (
        "== Before ==\n" + region + "== After ==\n<!--wikilint:format off-->\n*to the end  ")


# -- refusals: a formatting rule that would change what the page means --------------------


def _main_with(monkeypatch, tmp_path, *arguments, stdin: bytes = b""):
    """``wikilint`` in this process with the meaning-changing rule installed as a plugin."""
    registry = registry_with(MeaningChanger)
    monkeypatch.setattr("wikilint.cli.get_registry", lambda: registry)
    monkeypatch.chdir(tmp_path)
    from wikilint.cli import main

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    status = main(["format", *arguments, "--isolated"], stdin=io.TextIOWrapper(io.BytesIO(stdin)), stdout=out,
                  stderr=err)
    out.flush()
    return status, out.buffer.getvalue().decode("utf-8"), err.getvalue()


def test_a_page_whose_meaning_would_change_is_not_written(monkeypatch, tmp_path):
    original = "==A==\nSome foo text.\n"
    page = write(tmp_path / "a.wiki", original)
    status, out, err = _main_with(monkeypatch, tmp_path, "a.wiki")
    assert status == 2
    assert page.read_text(encoding="utf-8") == original  # nothing written, not even the headings
    assert err.startswith("a.wiki: error: not formatted: fixes of TST901 (meaning-changer) not applied on page a: "
                          "the formatted page would mean something else: line 2: text ")
    assert "Some foo text.' became '" in err and err.count("\n") == 1
    assert out == "1 file not formatted (errors above)\n"


def test_stdin_gets_the_original_back_when_formatting_is_refused(monkeypatch, tmp_path):
    status, out, err = _main_with(monkeypatch, tmp_path, "-", stdin=b"==A==\nfoo\n")
    assert (status, out) == (2, "==A==\nfoo\n")
    assert "would mean something else" in err


def test_no_verify_skips_the_semantic_check(monkeypatch, tmp_path):
    page = write(tmp_path / "a.wiki", "==A==\nSome foo text.\n")
    status, _out, err = _main_with(monkeypatch, tmp_path, "--no-verify", "a.wiki")
    assert (status, err) == (0, "")
    assert page.read_text(encoding="utf-8") == "== A ==\nSome bar text.\n"


def test_format_off_regions_are_enforced_even_without_verification(monkeypatch, tmp_path):
    original = "==A==\n<!-- wikilint: format off -->\nfoo\n<!-- wikilint: format on -->\n"
    page = write(tmp_path / "a.wiki", original)
    status, _out, err = _main_with(monkeypatch, tmp_path, "--no-verify", "a.wiki")
    assert status == 2
    assert "line 2: format-off region 1 would change" in err
    assert page.read_text(encoding="utf-8") == original


def test_the_command_is_listed_in_the_help():
    result = run_wikilint("--help")
    assert "format wikitext files (rewrite them in one consistent style)" in result.stdout_text + result.stderr_text

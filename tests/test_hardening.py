"""Regression tests for the failure classes an adversarial campaign found (issue 15).

Each test runs the real command line on the small input the campaign reported and checks
the promise: one line for the bad thing, the run goes on, nothing half-written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support import run_wikilint

STALE = "Text.<!-- wikilint: disable-line -->\n"


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr_text, result.stderr_text
    assert "panicked" not in result.stderr_text, result.stderr_text


# 1. A panic in a native library ------------------------------------------------------------


def test_zhconv_panic_becomes_no_crash_and_the_run_goes_on(tmp_path):
    pytest.importorskip("zhconv_rs", reason="the zh extra (zhconv-rs) is not installed")
    (tmp_path / "wikilint.toml").write_text('site = "zhwiki"\n', encoding="utf-8")
    (tmp_path / "panic.wiki").write_text("{{NoteTA|3=-=>zh-sg:}}-{{noteTA|3==>}}\n", encoding="utf-8")
    (tmp_path / "other.wiki").write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", str(tmp_path))
    _no_traceback(result)
    assert "WL001" not in result.stdout_text  # the input that made zhconv-rs panic is no longer sent to it
    assert f"{tmp_path / 'other.wiki'}:1:6: WL100" in result.stdout_text
    assert result.returncode == 1


def test_system_exit_in_a_plugin_at_import_is_one_line(tmp_path):
    plugin = tmp_path / "exiting_plugin"
    plugin.mkdir()
    (plugin / "__init__.py").write_text("raise SystemExit(7)\n", encoding="utf-8")
    dist = tmp_path / "exiting_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: exiting-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[wikilint]\nexiting = exiting_plugin\n", encoding="utf-8")
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", str(page), env={"PYTHONPATH": str(tmp_path)})
    _no_traceback(result)
    assert result.returncode == 2  # a broken plugin is an error, not exit status 7
    assert ("wikilint: error: plugin 'exiting' from exiting-plugin 1.0 failed to load: SystemExit: 7"
            in result.stderr_text)
    assert f"{page}:1:6: WL100" in result.stdout_text


# 2. Symbolic link loops ----------------------------------------------------------------------


def test_symlink_loops_are_one_line_each(tmp_path):
    (tmp_path / "a.wiki").symlink_to(tmp_path / "b.wiki")
    (tmp_path / "b.wiki").symlink_to(tmp_path / "a.wiki")
    (tmp_path / "good.wiki").write_text(STALE, encoding="utf-8")
    for args in (["check", str(tmp_path)], ["check", str(tmp_path / "a.wiki"), str(tmp_path / "good.wiki")]):
        result = run_wikilint(*args)
        _no_traceback(result)
        assert f"{tmp_path / 'a.wiki'}: error: symbolic link loop; skipped" in result.stderr_text
        assert f"{tmp_path / 'good.wiki'}:1:6: WL100" in result.stdout_text
        assert result.returncode == 2


def test_looping_config_file_is_reported(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "wikilint.toml").symlink_to(folder / "wikilint.toml")
    (folder / "p.wiki").write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", str(folder))
    _no_traceback(result)
    assert "wikilint.toml: symbolic link that leads nowhere" in result.stderr_text
    assert result.returncode == 2


# 3. FIFOs and devices ------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_and_devices_are_skipped_not_read(tmp_path):
    os.mkfifo(tmp_path / "f.wiki")
    (tmp_path / "good.wiki").write_text(STALE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wikilint", "check", str(tmp_path), "/dev/zero"],
                            capture_output=True, text=True, timeout=60)  # a hang fails here
    assert f"{tmp_path / 'f.wiki'}: error: not a regular file (a FIFO); skipped" in result.stderr
    assert "/dev/zero: error: not a regular file (a character device); skipped" in result.stderr
    assert f"{tmp_path / 'good.wiki'}:1:6: WL100" in result.stdout
    assert result.returncode == 2
    piped = run_wikilint("check", "-", input=STALE.encode())  # stdin still works
    assert piped.stdout_text.startswith("-:1:6: WL100")


# 4. Output streams ---------------------------------------------------------------------------


@pytest.mark.parametrize("options", [[], ["--output-format", "full"], ["--output-format", "json"],
                                     ["--output-format", "json-lines"], ["--output-format", "github"],
                                     ["--output-format", "sarif"], ["--diff"]])
def test_closed_pipe_exits_quietly(tmp_path, options):
    for index in range(40):
        (tmp_path / f"p{index}.wiki").write_text(STALE * 200, encoding="utf-8")
    command = [sys.executable, "-m", "wikilint", "check", "-j", "1", *options, str(tmp_path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert stderr == ""


def test_closed_stdout_and_stdin_are_one_line_errors(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    closed_out = subprocess.run(f'"{sys.executable}" -m wikilint check "{page}" >&-', shell=True,
                                capture_output=False, stderr=subprocess.PIPE, text=True)
    assert closed_out.stderr == "wikilint: error: standard output is closed\n"
    assert closed_out.returncode == 2
    closed_in = subprocess.run(f'"{sys.executable}" -m wikilint check - <&-', shell=True, capture_output=True,
                               text=True)
    assert closed_in.stderr == "wikilint: error: standard input is closed\n"
    assert closed_in.returncode == 2


def test_narrow_output_encoding_escapes(tmp_path):
    page = tmp_path / "中文.wiki"
    page.write_text("中文" + STALE, encoding="utf-8")
    result = run_wikilint("check", "--output-format", "full", str(page), env={"PYTHONIOENCODING": "ascii"})
    _no_traceback(result)
    assert result.returncode == 1
    assert "\\u4e2d\\u6587" in result.stdout_text  # escaped, not a UnicodeEncodeError


# 5. Configuration edge cases -----------------------------------------------------------------


@pytest.mark.parametrize("content, expected", [
    ('exclude = ["[z-a]"]\n', "'exclude' has an invalid glob pattern '[z-a]'"),
    ('exclude = ["{a,"]\n', "'exclude' has an invalid glob pattern '{a,'"),
    ('extend-exclude = ["["]\n', "'extend-exclude' has an invalid glob pattern '['"),
    ("select = " + "[" * 5000 + "]" * 5000 + "\n", "invalid TOML: nested too deeply"),
])
def test_bad_config_values_are_one_line_errors(tmp_path, content, expected):
    (tmp_path / "wikilint.toml").write_text(content, encoding="utf-8")
    (tmp_path / "p.wiki").write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", str(tmp_path))
    _no_traceback(result)
    assert result.returncode == 2
    (line,) = [line for line in result.stderr_text.splitlines() if "error" in line]
    assert str(tmp_path / "wikilint.toml") in line and expected in line


def test_pyproject_tool_that_is_not_a_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    (tmp_path / "p.wiki").write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", str(tmp_path))
    assert result.returncode == 2 and "pyproject.toml: [tool] must be a table" in result.stderr_text


def test_config_file_that_is_a_directory(tmp_path):
    (tmp_path / "wikilint.toml").mkdir()
    (tmp_path / "p.wiki").write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", str(tmp_path))
    assert result.returncode == 2 and "wikilint.toml: is a directory, expected a TOML file" in result.stderr_text


# 6. Plugins that return the wrong thing ------------------------------------------------------


@pytest.mark.parametrize("hook, answer, expected", [
    ("wikilint_get_rules", "42", "wikilint_get_rules() returned int 42, not a list of rule classes"),
    ("wikilint_default_config", "5", "wikilint_default_config() returned 5, not a table"),
    ("wikilint_site_presets", "{'zhwiki': 7}", "wikilint_site_presets() returned {'zhwiki': 7}, not a table"),
    ("wikilint_site_presets", "['zhwiki']", "wikilint_site_presets() returned ['zhwiki'], not a table"),
])
def test_plugin_hooks_returning_the_wrong_thing(tmp_path, hook, answer, expected):
    plugin = tmp_path / "odd_plugin.py"
    plugin.write_text(f"from wikilint import hookimpl\n\n@hookimpl\ndef {hook}():\n    return {answer}\n",
                      encoding="utf-8")
    dist = tmp_path / "odd_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: odd-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[wikilint]\nodd = odd_plugin\n", encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path)}
    version = run_wikilint("--version", env=env)
    _no_traceback(version)
    assert version.stdout_text.startswith("wikilint ")
    assert f"wikilint: error: plugin 'odd' from odd-plugin 1.0: {expected}" in version.stderr_text
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    checked = run_wikilint("check", str(page), env=env)
    _no_traceback(checked)
    assert f"{page}:1:6: WL100" in checked.stdout_text and checked.returncode == 2


def test_rule_that_changes_the_tree_is_blamed_not_the_others():
    from mwparserfromhell.nodes import Wikilink

    from wikilint import Finding, Rule
    from wikilint.api import make_rule_set
    from wikilint.engine import lint_page
    from wikilint.page import Page
    from wikilint.plugin_host import build_registry

    doc = "Test rule.\n\n**Bad**\n\n```wikitext\na\n```\n\n**Good**\n\n```wikitext\nb\n```\n"

    class Mutates(Rule):
        __doc__ = doc
        code, name = "TST1", "mutates"

        def check(self, page):
            page.tree.insert(0, "XXXXXXXXXX")  # changes the text every later rule's offsets refer to
            return []

    class Reads(Rule):
        __doc__ = doc
        code, name = "TST2", "reads"

        def check(self, page):
            for located in page.nodes(Wikilink):
                if page.text[located.start:located.end] != str(located.node):
                    raise AssertionError("offsets do not match the text")
                yield Finding(located.start, located.end, "a link")

    class Plugin:
        from wikilint import hookimpl

        @hookimpl
        def wikilint_get_rules(self):
            return [Mutates, Reads]

    registry = build_registry(extra_plugins=[("test", Plugin())])
    rule_set = make_rule_set(["TST1", "TST2"], registry=registry)
    result = lint_page(Page("[[a]]", site=rule_set.site, title="T"), rule_set)
    failures = [d.message for d in result.diagnostics if d.code == "WL001"]
    assert failures == ["rule TST1 (mutates) changed the parse tree of page T (rules must only read page.tree)"]
    assert [d.code for d in result.diagnostics if d.code != "WL001"] == ["TST2"]


# 7. One bad fix no longer loses every fix on the page ---------------------------------------


@pytest.mark.parametrize("text, options, expected", [
    ("[[t||||||||||||o]]\n", ["--select", "LNK006"], "[[t|o]]\n"),
    ("x }<!--wikilint:disable-->} y\n", ["--select", "WL100"], None),
    ("]<!--wikilint:disable REF-->] [[A|A]]\n", ["--select", "WL100,LNK001"],
     "]<!--wikilint:disable REF-->] [[A]]\n"),
    ('a<ref group={{"></ref>\n', ["--select", "REF007", "--unsafe-fixes"], None),
    ("[[%20|\n]]\n", ["--select", "LNK001"], None),
])
def test_rules_offer_no_fix_that_breaks_markup(tmp_path, text, options, expected):
    page = tmp_path / "p.wiki"
    page.write_bytes(text.encode())
    result = run_wikilint("check", "--fix", "--config", 'site = "default"', *options, str(page))
    _no_traceback(result)
    assert "WL002" not in result.stdout_text + result.stderr_text
    assert page.read_text(encoding="utf-8") == (expected if expected is not None else text)


def test_twelve_noteta_merge_in_one_pass(tmp_path):
    (tmp_path / "wikilint.toml").write_text('site = "zhwiki"\n', encoding="utf-8")
    page = tmp_path / "p.wiki"
    page.write_text("".join(f"{{{{noteTA|1=zh-cn:软件{i}; zh-tw:軟體{i};}}}}\n" for i in range(12)) + "软件0\n",
                    encoding="utf-8")
    result = run_wikilint("check", "--fix", "--unsafe-fixes", "--select", "ZH015", str(page))
    assert result.returncode == 0, result.stdout_text + result.stderr_text
    fixed = page.read_text(encoding="utf-8")
    assert fixed.count("{{noteTA") == 1 and "|12=zh-cn:软件11" in fixed


# 9. Huge pages: a size limit (see test_bad_input.test_five_megabyte_page) -----------------------
# 10. --fix and file metadata -----------------------------------------------------------------


def test_read_only_file_is_not_rewritten(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    page.chmod(0o444)
    result = run_wikilint("check", "--fix", str(page))
    assert result.returncode == 2
    assert f"{page}: error: cannot write: the file is read-only; not rewritten" in result.stderr_text
    assert page.read_text(encoding="utf-8") == STALE
    assert "fixed" not in result.stdout_text  # the summary does not claim a fix that was not written


def test_hard_linked_file_is_not_split(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    os.link(page, tmp_path / "other-name.wiki")
    result = run_wikilint("check", "--fix", str(page))
    assert result.returncode == 2 and "has 2 hard links; not rewritten" in result.stderr_text
    assert (tmp_path / "other-name.wiki").read_text(encoding="utf-8") == STALE


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_owner_and_group_are_kept(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    os.chown(page, 12345, 23456)
    tmp_path.chmod(0o1777)
    assert run_wikilint("check", "--fix", str(page)).returncode == 0
    info = page.stat()
    assert (info.st_uid, info.st_gid) == (12345, 23456)
    assert page.read_text(encoding="utf-8") == "Text.\n"


# 11. Leftovers and summaries ----------------------------------------------------------------


def test_temporary_files_of_a_killed_run_are_removed(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f".p.wiki.{dead.pid}.abc123.wikilint-tmp"
    leftover.write_text("half a page", encoding="utf-8")
    alive = tmp_path / f".p.wiki.{os.getpid()}.def456.wikilint-tmp"  # a run still writing: left alone
    alive.write_text("being written", encoding="utf-8")
    assert run_wikilint("check", "--fix", str(page)).returncode == 0
    assert not leftover.exists() and alive.exists()


# 12. Messages --------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", True), ("utf-16-be", True), ("utf-16-le", False)])
def test_utf16_pages_are_read_and_written_back_as_utf16(tmp_path, encoding, bom):
    page = tmp_path / "p.wiki"
    original = ("\ufeff" if bom else "") + "Text.<!-- wikilint: disable-line -->\r\nMore.\r\n"
    page.write_bytes(original.encode(encoding))
    checked = run_wikilint("check", str(page))
    assert checked.stdout_text.startswith(f"{page}:1:6: WL100"), checked.stderr_text
    assert run_wikilint("check", "--fix", str(page)).returncode == 0
    assert page.read_bytes() == (("\ufeff" if bom else "") + "Text.\r\nMore.\r\n").encode(encoding)


def test_binary_file_message(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    result = run_wikilint("check", str(page))
    assert result.stderr_text == (f"{page}: error: binary file (NUL bytes, and neither UTF-8 nor UTF-16 text); "
                                  "skipped\n")


def test_empty_select_is_a_usage_error(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", "--select", "", str(page))
    assert result.returncode == 2
    assert "--select: expects at least one rule code, prefix or name" in result.stderr_text
    assert "All checks passed" not in result.stdout_text


def test_fix_found_only_after_another_fix_is_reported(tmp_path):
    """REF009 (ref/punctuation order, auto per page) sees a tie, two refs after punctuation
    and two before, and says nothing; REF008's fix removes the space in "C. <ref>", which
    makes a third "after", and REF009 then fixes the two others. The summary says so."""
    page = tmp_path / "p.wiki"
    page.write_text("A.<ref>1</ref> B<ref>2</ref>. C. <ref>3</ref> D<ref>4</ref>. E.<ref>5</ref>\n"
                    "<references />\n", encoding="utf-8")
    options = ["--config", 'site = "default"', "--select", "REF008,REF009"]
    before = run_wikilint("check", "--output-format", "json", *options, str(page))
    assert [d["code"] for d in json.loads(before.stdout_text)["diagnostics"]] == ["REF008"]
    result = run_wikilint("check", "--fix", "--unsafe-fixes", "--show-fixes", *options, str(page))
    assert "2 × REF009 (move the punctuation before the ref)" in result.stdout_text
    assert "Found 3 findings (3 fixed, 0 remaining; 2 of the fixed appeared only after other fixes)." \
        in result.stdout_text


@pytest.mark.parametrize("content, expected", [
    ('extends = "default"\nfoo = 1\n', "unknown site key 'foo'"),
    ('extends = "default"\nfirst-letter-case-insensitive = "yes"\n',
     "site key 'first-letter-case-insensitive' must be true or false, not 'yes'"),
    ('extends = "default"\nreference-list-templates = "Reflist"\n',
     "site key 'reference-list-templates' must be a list of strings, not 'Reflist'"),
    ('extends = "default"\nreferencelisttemplates = ["Reflist"]\n',
     "unknown site key 'referencelisttemplates' (did you mean 'reference-list-templates'?)"),
])
def test_bad_site_files_are_one_line_errors(tmp_path, content, expected):
    (tmp_path / "mysite.toml").write_text(content, encoding="utf-8")
    (tmp_path / "wikilint.toml").write_text('site = "mysite.toml"\n', encoding="utf-8")
    (tmp_path / "p.wiki").write_text(STALE, encoding="utf-8")
    result = run_wikilint("check", str(tmp_path))
    _no_traceback(result)
    assert result.returncode == 2
    (line,) = [line for line in result.stderr_text.splitlines() if "error" in line]
    assert f"{tmp_path / 'mysite.toml'}: {expected}" in line


def test_every_preset_passes_the_site_key_check():
    from wikilint.plugin_host import get_registry
    from wikilint.site import check_site_data, preset_data, preset_names

    contributions = get_registry().site_presets
    for name in preset_names():
        check_site_data(preset_data(name, contributions), name, contributions)

"""What start-up leaves out stays out, and what it leaves out still works when asked for.

A single-page ``check`` imports only its own command module (``main`` sets up the command
the command line names) and none of what other commands, other options or optional
extras need; importing the command line imports nothing of wikilint's code (the public
API is imported on first use), so that a page command's start-up runs with the garbage
collector off; and the pieces made cheaper for start-up (the XML character class, the
distribution labels) still give what they gave.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import wikilint

from support import modules_after_check, run_wikilint
from wikilint import __version__
from wikilint.cli import COMMANDS, build_parser, named_command
from wikilint.output import _xml_text
from wikilint.plugin_host import get_registry

def test_check_imports_no_other_command(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text("[[Link|link]]\n", encoding="utf-8")
    status, loaded = modules_after_check("--no-cache", "-q", str(page))
    assert status == 1  # the page's redundant label was found: the rules ran
    assert sorted(name for name in loaded if name.startswith("wikilint.commands.")) == [
        "wikilint.commands.check", "wikilint.commands.common"]


#: What a plain ``check`` of one page never needs: the dump pipeline, the language server,
#: the wiki index (``--wiki-index``), the formatter (``format``), the helpers of options it
#: was not given, and the optional extras (Dask, pygls, 7z) with what they would pull in.
NOT_FOR_A_PLAIN_CHECK = (
    "wikilint.dump", "wikilint.dump_source", "wikilint.dump_report", "wikilint.dump_progress", "wikilint.siteinfo",
    "wikilint.server", "wikilint.wikiindex", "wikilint.formatter", "wikilint.settings_report",
    "wikilint.add_suppressions", "wikilint.docs", "wikilint.testing", "dask", "distributed", "pygls", "lsprotocol",
    "py7zr", "sqlite3", "multiprocessing", "concurrent.futures", "asyncio", "subprocess",
)


def test_a_plain_check_imports_nothing_it_does_not_need(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text("[[Link|link]]\n", encoding="utf-8")
    status, loaded = modules_after_check("--no-cache", "-q", "--site", "enwiki", str(page))
    assert status == 1
    assert "wikilint_links" in loaded  # the plugins were loaded, the rules ran
    assert sorted(loaded.intersection(NOT_FOR_A_PLAIN_CHECK)) == []
    # With a site named, the page's site is not detected (the detection index is not read).
    assert "wikilint.detect" not in loaded


def test_importing_the_command_line_imports_no_wikilint_code():
    probe = "import sys, wikilint.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                check=True).stdout.split())
    assert sorted(name for name in loaded if name.startswith("wikilint")) == ["wikilint", "wikilint.cli"]
    assert not loaded & {"mwparserfromhell", "pluggy"}


def test_the_public_api_is_imported_on_first_use():
    from wikilint.page import Page
    from wikilint.rule import Rule

    assert wikilint.Page is Page and wikilint.Rule is Rule
    for name in wikilint.__all__:  # every name the package exports is there
        assert getattr(wikilint, name) is not None, name
    assert set(wikilint.__all__) <= set(dir(wikilint))
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        wikilint.no_such_name  # noqa: B018


def test_a_page_command_starts_up_with_the_collector_off(tmp_path):
    # The collector passes that happen from the start of ``main`` until the command runs
    # (when start-up's objects are frozen and the collector is on again), and its state then.
    page = tmp_path / "p.wiki"
    page.write_text("[[Link|link]]\n", encoding="utf-8")
    probe = (
        "import gc, sys\n"
        "passes = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'stop' and passes.append(info['generation']))\n"
        "from wikilint.cli import main\n"
        "import wikilint.runner as runner\n"
        "tune, seen = runner.tune_garbage_collector, []\n"
        "def spy():\n"
        "    seen.append((len(passes) - before, gc.isenabled()))\n"
        "    tune()\n"
        "runner.tune_garbage_collector = spy\n"
        "before = len(passes)\n"
        f"status = main(['check', '--no-cache', '-q', {str(page)!r}])\n"
        "print(status, seen[0][0], seen[0][1], gc.isenabled(), gc.get_threshold()[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    status, passes, enabled_then, enabled_after, threshold = result.stdout.split()[-5:]
    assert status == "1"  # the rules ran
    assert (passes, enabled_then) == ("0", "False")  # no pass during start-up
    assert (enabled_after, threshold) == ("True", "50000")  # on again, tuned for pages


@pytest.mark.parametrize(("argv", "command"), [
    (["check", "page.wiki"], "check"),
    (["--version", "rules"], "rules"),
    (["rule", "LNK001"], "rule"),
    (["check"], "check"),
    (["--help"], None),
    (["chekc", "page.wiki"], None),  # a typo: every command is set up for the list of choices
    (["version"], None),
    ([], None),
])
def test_named_command(argv, command):
    assert named_command(argv) == command


def test_top_level_help_and_a_typo_still_name_every_command():
    listed = run_wikilint("--help").stdout_text
    for command in COMMANDS:
        assert command in listed
    typo = run_wikilint("chekc", "page.wiki")
    assert typo.returncode == 2
    assert "invalid choice: 'chekc'" in typo.stderr_text and "'dump'" in typo.stderr_text


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_set_up_on_its_own(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser(command).parse_args([command, "--help"])
    assert exit_.value.code == 0
    assert f"usage: wikilint {command}" in capsys.readouterr().out


def test_xml_text_escapes_exactly_what_xml_cannot_hold():
    # XML 1.0's Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    allowed = [0x9, 0xA, 0xD, 0x20, 0x7F, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF]
    refused = [0x0, 0x8, 0xB, 0xC, 0xE, 0x1F, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF]
    for code in allowed:
        assert _xml_text(chr(code)) == chr(code), hex(code)
    for code in refused:
        assert _xml_text(chr(code)) == f"\\x{code:02x}", hex(code)


def test_each_shipped_plugin_names_its_distribution():
    # Labels are read once per distribution: every shipped plugin still gets wikilint's.
    plugins = get_registry().plugins
    shipped = {name: label for name, label in plugins.items() if label.startswith("wikilint ")}
    assert {"core", "links", "references", "syntax", "zh"} <= set(shipped)
    assert set(shipped.values()) == {f"wikilint {__version__}"}

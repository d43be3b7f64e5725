"""What start-up leaves out stays out, and what it leaves out still works when asked for.

A single-page ``check`` imports only its own command module (``main`` sets up the command
the command line names), and the pieces made cheaper for start-up (the XML character
class, the distribution labels) still give what they gave.
"""

from __future__ import annotations


import pytest

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

"""The ``[format]`` table: which formatting rules run and with which options, validated
like the rest of the configuration; the top-level selection keys choose lint rules only."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import run_wikilint
from wikilint.config import ConfigError, Overrides, build_rule_set, parse_settings, read_config_file
from wikilint.plugin_host import get_registry

DEFAULT_FORMAT_CODES = [info.code for info in get_registry().sorted_rules()
                        if info.rule.kind == "format" and info.rule.default_enabled]


def format_codes(table: dict, kind: str = "format") -> list[str]:
    settings = parse_settings(table, Path.cwd(), None)
    rule_set = build_rule_set(settings, Overrides(site="default"), get_registry(), kind=kind)
    return [rule.code for rule in rule_set.rules]


def test_defaults_are_every_default_on_formatting_rule():
    assert format_codes({}) == DEFAULT_FORMAT_CODES
    assert "FMT013" not in DEFAULT_FORMAT_CODES  # gathering categories is off by default


def test_the_format_table_selects_formatting_rules():
    assert format_codes({"format": {"select": ["FMT001", "list-marker-spacing"]}}) == ["FMT001", "FMT003"]
    assert format_codes({"format": {"extend-select": ["FMT013"]}}) == DEFAULT_FORMAT_CODES + ["FMT013"]
    assert format_codes({"format": {"ignore": ["FMT006", "br-style"]}}) == [
        code for code in DEFAULT_FORMAT_CODES if code not in ("FMT006", "FMT008")]


def test_top_level_selection_chooses_lint_rules_only():
    table = {"select": ["LNK001"], "ignore": ["FMT001"]}
    assert format_codes(table) == DEFAULT_FORMAT_CODES
    assert format_codes(table, kind="lint") == ["LNK001"]


def test_format_rule_options_in_the_format_table_win():
    settings = parse_settings({"rules": {"heading-spacing": {"style": "compact"}},
                               "format": {"rules": {"br-style": {"style": "<br>"}}}}, Path.cwd(), None)
    rule_set = build_rule_set(settings, Overrides(site="default"), get_registry(), kind="format")
    options = {rule.code: rule.options for rule in rule_set.rules}
    assert options["FMT001"]["style"] == "compact"  # [rules.*] still configures them
    assert options["FMT008"]["style"] == "<br>"


@pytest.mark.parametrize("table, message", [
    ({"format": {"sort": True}}, "unknown key 'format.sort'"),
    ({"format": {"select": "FMT001"}}, "'format.select' must be a list of formatting rule selectors"),
    ({"format": {"select": ["LNK001"]}}, "'format.select' has unknown formatting rule code or selector 'LNK001'"),
    ({"format": {"rules": {"repeated-link": {}}}}, "[format.rules.repeated-link]: not a formatting rule"),
    ({"format": {"rules": {"br-style": {"style": "<BR>"}}}}, "[format.rules.br-style]: 'style' must be one of"),
    ({"format": {"rules": {"br-style": {"colour": 1}}}}, "[format.rules.br-style]: unknown option 'colour'"),
    ({"format": ["FMT001"]}, "'format' must be a table"),
])
def test_mistakes_are_one_line_config_errors(table, message):
    with pytest.raises(ConfigError) as error:
        format_codes(table)
    assert message in str(error.value)


def test_an_extending_file_merges_the_format_table(tmp_path):
    (tmp_path / "base.toml").write_text('[format]\nignore = ["FMT006"]\n[format.rules.br-style]\nstyle = "<br>"\n'
                                        '[format.rules.heading-spacing]\nstyle = "compact"\n', encoding="utf-8")
    (tmp_path / "wikilint.toml").write_text('extend = "base.toml"\n[format.rules.br-style]\nstyle = "<br/>"\n',
                                            encoding="utf-8")
    settings = read_config_file(tmp_path / "wikilint.toml")
    assert settings.format["ignore"] == ("FMT006",)
    assert settings.format["rules"] == {"br-style": {"style": "<br/>"}, "heading-spacing": {"style": "compact"}}


def test_the_command_follows_the_format_table(tmp_path):
    (tmp_path / "wikilint.toml").write_text('[format]\nignore = ["list-marker-spacing"]\n'
                                            '[format.rules.heading-spacing]\nstyle = "compact"\n', encoding="utf-8")
    result = run_wikilint("format", "-", "--stdin-filename", "Page.wiki", input=b"== A ==\n*x\n", cwd=tmp_path)
    assert (result.returncode, result.stdout_text) == (0, "==A==\n*x\n")
    (tmp_path / "wikilint.toml").write_text('[format]\nselect = ["nope"]\n', encoding="utf-8")
    (tmp_path / "Page.wiki").write_text("== A ==\n", encoding="utf-8")
    broken = run_wikilint("format", "Page.wiki", cwd=tmp_path)
    assert broken.returncode == 2
    assert broken.stderr_text.count("\n") == 1 and "'format.select'" in broken.stderr_text

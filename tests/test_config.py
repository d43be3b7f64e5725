"""Configuration files: discovery, keys, selection, per-file ignores, rule options, sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from wikilint import Finding, Rule, hookimpl
from wikilint.config import ConfigError, Overrides, Settings, build_rule_set, glob_matches, parse_settings
from wikilint.plugin_host import build_registry
from support import run_wikilint

STALE = "Text.<!-- wikilint: disable-line -->\n"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return tmp_path


def test_nearest_config_upward_wins(tmp_path):
    _tree(tmp_path, {
        "wikilint.toml": 'ignore = ["WL100"]\n',
        "sub/deeper/page.wiki": STALE,
        "other/pyproject.toml": '[tool.wikilint]\nselect = ["WL"]\n',
        "other/page.wiki": STALE,
        "plain/pyproject.toml": '[project]\nname = "x"\n',  # no [tool.wikilint]: look further up
        "plain/page.wiki": STALE,
    })
    out = run_wikilint("check", "-q", str(tmp_path)).stdout_text
    assert "other/page.wiki:1:6: WL100" in out
    assert "sub/deeper" not in out and "plain/" not in out


def test_dot_wikilint_toml_beats_pyproject_in_one_directory(tmp_path):
    _tree(tmp_path, {".wikilint.toml": 'ignore = ["WL100"]\n', "pyproject.toml": "[tool.wikilint]\n",
                     "p.wiki": STALE})
    assert run_wikilint("check", str(tmp_path / "p.wiki")).returncode == 0


def test_cli_overrides_the_file(tmp_path):
    _tree(tmp_path, {"wikilint.toml": 'ignore = ["WL100"]\n', "p.wiki": STALE})
    assert run_wikilint("check", "--select", "WL100", str(tmp_path / "p.wiki")).returncode == 1
    assert run_wikilint("check", "--config", "ignore = []", str(tmp_path / "p.wiki")).returncode == 1


def test_explicit_config_file_applies_to_every_path(tmp_path):
    _tree(tmp_path, {"conf/settings.toml": 'ignore = ["WL"]\n', "a/p.wiki": STALE})
    assert run_wikilint("check", "--config", str(tmp_path / "conf/settings.toml"), str(tmp_path / "a")).returncode == 0


@pytest.mark.parametrize("content, message", [
    ('selcet = ["WL"]\n', "unknown key 'selcet'"),
    ('extend_select = ["WL"]\n', "unknown key 'extend_select' (did you mean 'extend-select'?)"),
    ('select = "WL100"\n', "'select' must be a list of rule selectors, not 'WL100'"),
    ('unsafe-fixes = "yes"\n', "'unsafe-fixes' must be true or false"),
    ('ignore = ["NOPE1"]\n', "'ignore' has unknown rule code or selector 'NOPE1'"),
    ('[per-file-ignores]\n"*.wiki" = ["NOPE1"]\n', "unknown rule code or selector 'NOPE1'"),
    ('[rules.no-such-rule]\nx = 1\n', "[rules.no-such-rule]: unknown rule"),
    ('[rules.unused-suppression]\nx = 1\n', "unknown option 'x'"),
    ('site = "xxwiki"\n', "unknown site 'xxwiki'"),
])
def test_config_errors_name_key_and_file(tmp_path, content, message):
    _tree(tmp_path, {"wikilint.toml": content, "p.wiki": STALE})
    result = run_wikilint("check", str(tmp_path / "p.wiki"))
    assert result.returncode == 2
    assert str(tmp_path / "wikilint.toml") in result.stderr_text
    assert message in result.stderr_text, result.stderr_text
    assert "Traceback" not in result.stderr_text


def test_per_file_ignores(tmp_path):
    _tree(tmp_path, {"wikilint.toml": '[per-file-ignores]\n"drafts/**" = ["WL100"]\n',
                     "drafts/x/p.wiki": STALE, "p.wiki": STALE})
    out = run_wikilint("check", "-q", str(tmp_path)).stdout_text
    assert "drafts" not in out and "p.wiki:1:6: WL100" in out


def test_exclude_and_force_exclude(tmp_path):
    _tree(tmp_path, {"wikilint.toml": 'extend-exclude = ["vendor"]\n', "vendor/p.wiki": STALE})
    assert run_wikilint("check", str(tmp_path)).returncode == 0
    named = str(tmp_path / "vendor/p.wiki")
    assert run_wikilint("check", named).returncode == 1  # named files are checked…
    assert run_wikilint("check", "--force-exclude", named).returncode == 0  # …unless forced


def test_extend_include(tmp_path):
    _tree(tmp_path, {"wikilint.toml": 'extend-include = ["*.txt"]\n', "p.txt": STALE})
    assert run_wikilint("check", str(tmp_path)).returncode == 1


@pytest.mark.parametrize("pattern, path, expected", [
    ("*.wiki", "a/b/c.wiki", True), ("drafts/**", "drafts/x/y.wiki", True), ("drafts/*", "drafts/x/y.wiki", False),
    ("**/{tests,docs}/*.wiki", "a/docs/p.wiki", True), ("vendor", "vendor/p.wiki", True),
    ("p?.wiki", "p1.wiki", True), ("[!a]*.wiki", "a.wiki", False),
])
def test_glob_matching(pattern, path, expected):
    assert glob_matches(pattern, path) is expected


# -- selection and rule options, with rules written for the test -------------------------

DOC = "Test rule.\n\n**Bad**\n\n```wikitext\na\n```\n\n**Good**\n\n```wikitext\nb\n```\n"


def _rule(code, name, default_enabled=True, options=None, choices=None):
    return type(name.replace("-", "_"), (Rule,), {
        "__doc__": DOC, "code": code, "name": name, "default_enabled": default_enabled,
        "options": options or {}, "option_choices": choices or {},
        "check": lambda self, page: [Finding(0, 0, repr(self.options))],
    })


class _Plugin:
    @hookimpl
    def wikilint_get_rules(self):
        return [_rule("AB101", "first"), _rule("AB102", "second"), _rule("AB201", "opt-in", default_enabled=False),
                _rule("AB301", "tunable", options={"scope": "page", "limit": 3, "strict": False},
                      choices={"scope": ("page", "section")})]

    @hookimpl
    def wikilint_default_config(self):
        return {"rules": {"tunable": {"limit": 5}}}


REGISTRY = build_registry(extra_plugins=[("ab", _Plugin())])


def _codes(settings_data=None, **overrides) -> list[str]:
    settings = parse_settings(settings_data or {}, Path.cwd(), None)
    rule_set = build_rule_set(settings, Overrides(**overrides), REGISTRY)
    return [rule.code for rule in rule_set.rules if rule.code.startswith("AB")]


def test_selection_layers_like_ruff():
    assert _codes() == ["AB101", "AB102", "AB301"]  # defaults: opt-in rules stay off
    assert _codes({"select": ["AB1"]}) == ["AB101", "AB102"]
    assert _codes({"select": ["AB1"], "extend-select": ["AB201"]}) == ["AB101", "AB102", "AB201"]
    assert _codes({"ignore": ["AB1"]}) == ["AB301"]
    assert _codes({"select": ["AB101"], "ignore": ["AB"]}) == ["AB101"]  # more specific wins
    assert _codes({"select": ["AB"], "ignore": ["AB"]}) == []  # a tie: ignore wins
    assert _codes({"select": ["ALL"]}) == ["AB101", "AB102", "AB201", "AB301"]
    assert _codes({"select": ["second"]}) == ["AB102"]  # rule names are selectors too
    assert _codes({"ignore": ["AB1"]}, select=("AB102",)) == ["AB102"]  # the CLI layer comes last
    assert _codes({"select": ["AB1"]}, ignore=("AB101",)) == ["AB102"]


def test_rule_options_layers_and_types():
    def options(data):
        settings = parse_settings(data, Path.cwd(), Path("wikilint.toml"))
        rule_set = build_rule_set(settings, Overrides(select=("AB301",)), REGISTRY)
        return rule_set.rules[0].options

    assert options({}) == {"scope": "page", "limit": 5, "strict": False}  # plugin default applied
    assert options({"rules": {"tunable": {"scope": "section"}}})["scope"] == "section"
    assert options({"rules": {"AB301": {"strict": True}}})["strict"] is True  # by code too
    with pytest.raises(ConfigError, match="'limit' must be of type int, not 'x'"):
        options({"rules": {"tunable": {"limit": "x"}}})
    with pytest.raises(ConfigError, match="'limit' must be of type int, not True"):
        options({"rules": {"tunable": {"limit": True}}})
    with pytest.raises(ConfigError, match="'scope' must be one of 'page', 'section', not 'site'"):
        options({"rules": {"tunable": {"scope": "site"}}})


def test_settings_defaults():
    settings = Settings(root=Path.cwd())
    assert settings.fix_limit == 10 and settings.site == "default" and settings.unsafe_fixes is False


def test_force_exclude_matches_folder_patterns(tmp_path):
    _tree(tmp_path, {"wikilint.toml": 'extend-exclude = ["sub/drafts"]\n', "sub/drafts/x.wiki": STALE})
    named = str(tmp_path / "sub/drafts/x.wiki")
    assert run_wikilint("check", str(tmp_path)).returncode == 0
    assert run_wikilint("check", "--force-exclude", named).returncode == 0


def test_inline_config_applies_to_file_discovery(tmp_path):
    _tree(tmp_path, {"top.wiki": STALE, "drafts/x.wiki": STALE})
    assert run_wikilint("check", "--config", 'extend-exclude = ["top.wiki", "drafts"]', str(tmp_path)).returncode == 0
    result = run_wikilint("check", "--config", 'select = ["NOPE9"]', str(tmp_path))
    assert result.returncode == 2
    assert result.stderr_text.count("unknown rule code or selector 'NOPE9'") == 1  # once, not per file
    assert "--config" in result.stderr_text

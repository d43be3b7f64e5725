"""``extend = "../wikilint.toml"``: a configuration file that inherits another, merged as
ruff merges (selection by layers, ``extend-*`` lists adding up, rule options per option)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import run_wikilint
from wikilint.config import ConfigError, read_config_file
from wikilint.plugin_host import get_registry
from wikilint.session import Session

STALE = "Text.<!-- wikilint: disable-line -->\n"
LINKS = "[[Foo|Foo]] and [[Foo|Foo]].\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_values_merge_as_in_ruff(tmp_path):
    _write(tmp_path / "wikilint.toml", """
site = "zhwiki"
fix-limit = 3
extend-exclude = ["drafts"]
unfixable = ["WL100"]
[rules.repeated-link]
scope = "section"
""")
    child = _write(tmp_path / "sub" / "wikilint.toml", """
extend = "../wikilint.toml"
fix-limit = 5
extend-exclude = ["old"]
[rules.repeated-link]
scope = "page"
""")
    settings = read_config_file(child)
    assert settings.site == "zhwiki" and settings.fix_limit == 5
    assert settings.extend_exclude == ("drafts", "old") and settings.unfixable == ("WL100",)
    assert settings.rules == {"repeated-link": {"scope": "page"}}
    assert settings.root == child.parent.resolve()
    assert settings.extended == ((tmp_path / "wikilint.toml").resolve(),)
    assert settings.origins["site"] == (tmp_path / "wikilint.toml").resolve()
    assert settings.origins["fix-limit"] == child.resolve()


def test_selection_goes_by_layers(tmp_path):
    _write(tmp_path / "base.toml", 'select = ["LNK001", "LNK002", "LNK004"]\nignore = ["LNK001"]\n')
    page = _write(tmp_path / "project" / "p.wiki", STALE + LINKS)
    config = tmp_path / "project" / "wikilint.toml"
    session = lambda: Session(registry=get_registry())  # noqa: E731

    def enabled() -> set[str]:
        s = session()
        return {rule.code for rule in s.rule_set(s.profile_for(page)).rules}

    _write(config, 'extend = "../base.toml"\n')
    assert enabled() == {"LNK002", "LNK004"}
    _write(config, 'extend = "../base.toml"\nignore = ["LNK002"]\n')  # ignores add up
    assert enabled() == {"LNK004"}
    _write(config, 'extend = "../base.toml"\nselect = ["WL100", "LNK001"]\n')  # a select starts afresh
    assert enabled() == {"WL100", "LNK001"}
    _write(config, 'extend = "../base.toml"\nextend-select = ["LNK003"]\n')
    assert enabled() == {"LNK002", "LNK003", "LNK004"}
    result = run_wikilint("check", "-q", "p.wiki", cwd=tmp_path / "project")
    assert result.returncode == 1 and "LNK003" in result.stdout_text and "WL100" not in result.stdout_text


def test_a_site_file_named_by_the_base_stays_relative_to_it(tmp_path):
    _write(tmp_path / "sites" / "my.toml", 'extends = "zhwiki"\nname = "mywiki"\n')
    _write(tmp_path / "wikilint.toml", 'site = "sites/my.toml"\n')
    child = _write(tmp_path / "deep" / "er" / "wikilint.toml", 'extend = "../../wikilint.toml"\n')
    page = _write(child.parent / "p.wiki", "x\n")
    session = Session(registry=get_registry())
    assert session.rule_set(session.profile_for(page)).site.data["name"] == "mywiki"


def test_chains_paths_and_errors(tmp_path, monkeypatch):
    _write(tmp_path / "a.toml", 'fix-limit = 2\n')
    _write(tmp_path / "b" / "wikilint.toml", 'extend = "../a.toml"\nsite = "enwiki"\n')
    monkeypatch.setenv("WIKILINT_TEST_ROOT", str(tmp_path))
    chained = read_config_file(_write(tmp_path / "c" / "wikilint.toml", 'extend = "$WIKILINT_TEST_ROOT/b/wikilint.toml"\n'))
    assert (chained.fix_limit, chained.site) == (2, "enwiki") and len(chained.extended) == 2
    _write(tmp_path / "loop1.toml", 'extend = "loop2.toml"\n')
    _write(tmp_path / "loop2.toml", 'extend = "loop1.toml"\n')
    with pytest.raises(ConfigError, match="'extend' loop"):
        read_config_file(tmp_path / "loop1.toml")
    with pytest.raises(ConfigError, match="'extend' names .*missing.toml: cannot read"):
        read_config_file(_write(tmp_path / "m.toml", 'extend = "missing.toml"\n'))
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match="no \\[tool.wikilint\\] table"):
        read_config_file(_write(tmp_path / "p.toml", 'extend = "pyproject.toml"\n'))
    _write(tmp_path / "bad.toml", "fix-limit = 0\n")
    with pytest.raises(ConfigError, match="bad.toml: 'fix-limit' must be"):
        read_config_file(_write(tmp_path / "e.toml", 'extend = "bad.toml"\n'))


def test_cli_errors_are_one_line(tmp_path):
    _write(tmp_path / "wikilint.toml", 'extend = "nowhere.toml"\n')
    _write(tmp_path / "p.wiki", STALE)
    result = run_wikilint("check", "p.wiki", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr_text.count("\n") == 1 and "nowhere.toml" in result.stderr_text
    inline = run_wikilint("check", "--config", 'extend = "x.toml"', "p.wiki", cwd=tmp_path)
    assert inline.returncode == 2 and "inline" in inline.stderr_text

"""Plugin discovery and isolation: broken plugins, raising rules, refused rules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from support import run_wikilint

RAISING_PLUGIN = '''
from wikilint import Finding, Rule, hookimpl


class Explodes(Rule):
    """A rule that raises on every page.

    **Bad**

    ```wikitext
    x
    ```

    **Good**

    ```wikitext
    y
    ```
    """

    code = "BOOM001"
    name = "explodes"

    def check(self, page):
        raise RuntimeError("kaboom")


class Nameless(Rule):
    """A rule with an invalid name is refused at registration."""

    code = "BOOM002"
    name = "Not Kebab"

    def check(self, page):
        return []


@hookimpl
def wikilint_get_rules():
    return [Explodes, Nameless]
'''


def _install_fake_distribution(site: Path, dist_name: str, module: str, source: str) -> None:
    """A minimal installed distribution: a module plus a dist-info with an entry point."""
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    dist_info = site / f"{dist_name.replace('-', '_')}-1.2.3.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist_name}\nVersion: 1.2.3\n")
    (dist_info / "entry_points.txt").write_text(f"[wikilint]\n{module.replace('_', '-')} = {module}\n")


@pytest.fixture
def plugin_site(tmp_path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    _install_fake_distribution(site, "broken-plugin", "broken_plugin", "raise ImportError('missing dependency xyz')\n")
    _install_fake_distribution(site, "raising-plugin", "raising_plugin", RAISING_PLUGIN)
    return {"PYTHONPATH": str(site)}


def test_broken_plugin_is_one_error_line_and_others_still_run(plugin_site, tmp_path):
    page = tmp_path / "page.wiki"
    page.write_text("Text.<!-- wikilint: disable-line -->\n", encoding="utf-8")
    result = run_wikilint("check", "--select", "WL100", str(page), env=plugin_site)
    error_lines = [line for line in result.stderr_text.splitlines() if "broken-plugin" in line]
    assert error_lines == [
        "wikilint: error: plugin 'broken-plugin' from broken-plugin 1.2.3 failed to load: "
        "ImportError: missing dependency xyz"
    ]
    assert "Traceback" not in result.stderr_text
    assert "WL100" in result.stdout_text  # the core plugin still ran
    assert result.returncode == 2


def test_invalid_rule_is_refused_with_reason(plugin_site):
    result = run_wikilint("rules", env=plugin_site)
    assert "rule Nameless refused: name 'Not Kebab' must be kebab-case" in result.stderr_text
    assert "BOOM001" in result.stdout_text and "BOOM002" not in result.stdout_text


def test_raising_rule_becomes_internal_error_and_other_rules_run(plugin_site, tmp_path):
    page = tmp_path / "Some_page.wiki"
    page.write_text("Text.<!-- wikilint: disable-line -->\n", encoding="utf-8")
    result = run_wikilint("check", "--select", "BOOM001,WL100", "--output-format", "concise", str(page),
                          env=plugin_site)
    assert result.returncode == 2
    lines = result.stdout_text.splitlines()
    assert any("WL001" in line and "rule BOOM001 (explodes) failed on page Some page: RuntimeError: kaboom"
               in line for line in lines), lines
    assert any("WL100" in line for line in lines)
    assert "Traceback" not in result.stderr_text


def test_fix_with_raising_rule_leaves_file_untouched(plugin_site, tmp_path):
    page = tmp_path / "page.wiki"
    original = "Text.<!-- wikilint: disable-line -->\n"
    page.write_text(original, encoding="utf-8")
    result = run_wikilint("check", "--select", "BOOM001,WL100", "--fix", str(page), env=plugin_site)
    assert result.returncode == 2
    assert "WL002" in result.stdout_text
    assert page.read_text(encoding="utf-8") == original

"""The separately installable example plugin, installed for real into a test environment.

It is installed with pip into a temporary target directory that the subprocesses put
on ``PYTHONPATH``: the same discovery path (entry points of an installed distribution)
a user's plugin takes, without changing the project's own environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from support import REPO_ROOT, run_wikilint

EXAMPLE = REPO_ROOT / "plugins" / "wikilint-example-plugin"


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory):
    target = tmp_path_factory.mktemp("example-plugin-site")
    # Build from a copy: setuptools leaves build/ and *.egg-info beside the sources.
    source = tmp_path_factory.mktemp("example-plugin-source") / "plugin"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(source)],
        check=True, capture_output=True,
    )
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(target), os.environ.get("PYTHONPATH")]))}


def test_rule_is_listed(plugin_env):
    listing = run_wikilint("rules", "--output-format", "json", env=plugin_env)
    assert listing.returncode == 0, listing.stderr_text
    rules = {rule["code"]: rule for rule in json.loads(listing.stdout_text)}
    assert rules["EXM001"]["name"] == "html-bold"
    assert rules["EXM001"]["distribution"].startswith("wikilint-example-plugin")
    # Only where installed: without the plugin's folder on the path, the listing has it
    # exactly when this test environment itself has the plugin installed.
    from wikilint.plugin_host import get_registry

    assert ("EXM001" in run_wikilint("rules").stdout_text) == ("EXM001" in get_registry().rules)


def test_rule_selected_reported_and_fixed(plugin_env, tmp_path):
    page = tmp_path / "page.wiki"
    page.write_text("A <b>bold</b> word.\n", encoding="utf-8")
    checked = run_wikilint("check", "--select", "EXM001", str(page), env=plugin_env)
    assert checked.returncode == 1
    assert f"{page}:1:3: EXM001 [*] use wikitext bold" in checked.stdout_text
    assert run_wikilint("check", "--select", "WL100", str(page), env=plugin_env).returncode == 0
    fixed = run_wikilint("check", "--select", "EXM001", "--fix", str(page), env=plugin_env)
    assert fixed.returncode == 0, fixed.stdout_text + fixed.stderr_text
    assert page.read_text(encoding="utf-8") == "A '''bold''' word.\n"


def test_plugin_own_test_passes(plugin_env):
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        capture_output=True, text=True, env={**os.environ, **plugin_env}, cwd=EXAMPLE,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert "3 passed" in process.stdout  # its docstring examples, through wikilint.testing

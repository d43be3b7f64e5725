"""Generated rule pages are up to date; optional features stay out of start-up."""

from __future__ import annotations

import subprocess
import sys

from support import REPO_ROOT
from wikilint.docs import generate
from wikilint.plugin_host import get_registry

RULE_DOCS = REPO_ROOT / "docs" / "rules"


def test_rule_pages_are_generated_and_current():
    expected = generate(RULE_DOCS, get_registry())
    stale = [path.name for path, content in expected.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != content]
    extra = sorted({p.name for p in RULE_DOCS.glob("*.md")} - {p.name for p in expected})
    assert not stale and not extra, (
        f"docs/rules is out of date (stale: {stale}, extra: {extra}); run: python -m wikilint.docs docs/rules")


def test_every_rule_has_a_page_with_its_examples():
    for info in get_registry().sorted_rules():
        page = (RULE_DOCS / f"{info.code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {info.code} `{info.name}`")
        assert info.rule.examples().bad in page and info.rule.examples().good in page


def test_optional_features_are_not_imported_at_start_up(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text("{{noteTA|1=zh-hans:台; zh-hant:臺;}}\n台\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from wikilint.cli import main\n"
        f"main(['check', '--exit-zero', '-q', '--select', 'WL', {str(page)!r}])\n"
        "heavy = {'zhconv_rs', 'dask', 'distributed', 'pygls', 'lxml', 'concurrent.futures.process'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"

"""Generated rule pages are up to date; optional features stay out of start-up.

The pages are those of the rules wikilint ships (and its engine codes): another plugin
installed beside it has no page here and breaks nothing.
"""

from __future__ import annotations


from support import REPO_ROOT, modules_after_check
from wikilint.docs import generate, shipped_rules
from wikilint.engine_codes import ENGINE_CODES
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
    for info in shipped_rules(get_registry()):
        page = (RULE_DOCS / f"{info.code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {info.code} `{info.name}`")
        assert info.rule.examples().bad in page and info.rule.examples().good in page


def test_engine_codes_have_pages_and_explanations():
    from support import run_wikilint

    for code, item in ENGINE_CODES.items():
        page = (RULE_DOCS / f"{code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {code} `{item.name}`")
        explained = run_wikilint("rule", code)
        assert explained.returncode == 0 and explained.stdout_text == page
        assert run_wikilint("rule", item.name).stdout_text == page
    assert "[WL001](WL001.md)" in (RULE_DOCS / "README.md").read_text(encoding="utf-8")


def test_optional_features_are_not_imported_at_start_up(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text("{{noteTA|1=zh-hans:台; zh-hant:臺;}}\n台\n", encoding="utf-8")
    _status, loaded = modules_after_check("--exit-zero", "-q", "--select", "WL", str(page))
    heavy = {"zhconv_rs", "dask", "distributed", "pygls", "lxml", "concurrent.futures.process"}
    assert heavy & loaded == set()

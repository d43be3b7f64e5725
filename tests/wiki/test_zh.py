"""The wiki index on a zh site: a title written in the other script is the same page (as
MediaWiki finds it), and a section link in the other script is named with its anchor."""

from __future__ import annotations

import pytest

from wikilint.api import lint_text
from wikilint.plugin_host import get_registry
from wikilint.site import preset_data
from wikilint.wikiindex import WikiIndex
from wikilint.wikiindex.build import write_index

pytest.importorskip("zhconv_rs", reason="the zh extra (zhconv-rs) is not installed")

WIKI = {
    "易經": "《易經》是經典。\n== 歷史 ==\n文字。\n",
    "周易": "#REDIRECT [[易經]]",
    "甲": "'''甲'''可以指：\n* [[易經]]\n{{消歧义}}\n",
}


@pytest.fixture
def index(tmp_path):
    opened = WikiIndex(write_index(WIKI, preset_data("zhwiki", get_registry().site_presets), tmp_path / "zh.sqlite"))
    yield opened
    opened.close()


def findings(text: str, index: WikiIndex) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in lint_text(text, ["WIK"], site="zhwiki", title="測試", index=index)]


def test_a_title_in_the_other_script_is_the_same_page(index):
    assert index.find("易经").title == "易經" and index.follow("周易")[0].title == "易經"
    assert findings("見[[易经]]和[[周易]]。\n", index) == [("WIK002", "[[周易]] redirects to [[易經]]")]


def test_a_section_in_the_other_script_is_named(index):
    assert findings("見[[易經#历史]]。\n", index) == [
        ("WIK001", '"历史" is no section or anchor of [[易經]]: did you mean "歷史"?')]
    assert findings("見[[易经#歷史]]。\n", index) == []


def test_disambiguation_by_the_sites_template(index):
    assert index.page("甲").is_disambiguation
    assert [code for code, _ in findings("見[[甲]]。\n", index)] == ["WIK003"]

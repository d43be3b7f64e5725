"""The WIK rules' finer points on a small index (``write_index``), through the public API."""

from __future__ import annotations

import pytest

from wikilint.api import fix_text_result, lint_text
from wikilint.plugin_host import get_registry
from wikilint.site import preset_data
from wikilint.wikiindex import WikiIndex
from wikilint.wikiindex.build import write_index
from wikilint.wikiindex.extract import HATNOTE, INFOBOX, MAINTENANCE, template_flags

WIKI = {
    "United States": "A country.\n== History ==\n",
    "USA": "#REDIRECT [[United States]]",
    "U S A": "#REDIRECT [[United States#History]]",
    "Loop": "#REDIRECT [[Loop 2]]",
    "Loop 2": "#REDIRECT [[Loop]]",
    "Template:Reflist": "<references />",
    # A set index article is an article (WP:SETINDEX); a name disambiguation page is not.
    "USS Enterprise": "'''USS Enterprise''' may refer to ships of the United States Navy.\n{{Ship index}}",
    "Smith": "'''Smith''' is a surname.\n{{Surname}}",
    "John Smith": "'''John Smith''' may refer to:\n{{hndis}}",
    "Cities": "== Études ==\n<span id=\"old-name\"></span>\n{| class=\"wikitable\" id=\"table-1\"\n|}\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "wiki.sqlite"
    opened = WikiIndex(write_index(WIKI, preset_data("enwiki", get_registry().site_presets), path))
    yield opened
    opened.close()


def codes(text: str, index: WikiIndex, select=("WIK",)) -> list[str]:
    return [d.code for d in lint_text(text, list(select), site="enwiki", title="Test", index=index)]


def test_a_redirect_link_is_fixed_only_where_the_reader_sees_the_same(index):
    result = fix_text_result("[[USA]]s and [[U_S_A]] and [[USA#History|past]].\n", ["WIK002"], site="enwiki",
                             index=index)
    assert result.text == "[[United States|USA]]s and [[U_S_A]] and [[United States#History|past]].\n"
    assert [d.code for d in result.diagnostics] == ["WIK002"]  # U_S_A would show otherwise: no fix


def test_redirect_loops_and_legacy_fragments(index):
    assert codes("[[Loop]] [[Loop 2#x]]\n", index, ["WIK001", "WIK002", "WIK003"]) == []
    assert codes("[[Cities#.C3.89tudes]] [[Cities#old-name]] [[Cities#table-1]] [[Cities#Études]]\n", index) == []
    assert codes("[[Cities#Etudes]]\n", index) == ["WIK001"]


def test_without_an_index_the_rules_are_silent():
    assert lint_text("[[USA]] [[Cities#Nowhere]] {{Nope}}\n", ["WIK"], site="enwiki") == []


def test_missing_templates_but_not_transcluded_articles(index):
    assert codes("{{Nope}} {{:Nowhere}} {{PAGENAME}} {{#if:a|b}} {{{{{1}}}}}\n", index, ["WIK005"]) == ["WIK005"]
    # A page that transcludes another has anchors the index cannot see.
    assert codes("{{:Nowhere}}\n[[#Somewhere]]\n", index, ["WIK001"]) == []
    assert codes("[[#Somewhere]]\n", index, ["WIK001"]) == ["WIK001"]


def test_set_index_articles_are_articles(index):
    assert codes("[[USS Enterprise]] and [[Smith]]\n", index, ["WIK003"]) == []
    assert codes("[[John Smith]]\n", index, ["WIK003"]) == ["WIK003"]


@pytest.mark.parametrize(("text", "flags"), [
    ('<div role="note" class="hatnote navigation-not-searchable">For {{{1}}}</div>', HATNOTE),
    ("{{Hatnote|For other uses, see [[{{{1}}}]].}}", HATNOTE),
    ("{{#invoke:Labelled list hatnote|labelledList|See also}}", HATNOTE),
    ("{{#invoke:About|about}}", HATNOTE),
    ("{{#invoke:Redirect hatnote|redirect}}", HATNOTE),
    ("{{#invoke:Format|main}} {{#invoke:Formula|x}}", 0),
    ("{{Ambox|type=content|text=Needs sources.}}", MAINTENANCE),
    ("{{#invoke:Message box|ambox}}", MAINTENANCE),
    ('{| class="infobox vcard"\n|}', INFOBOX),
    ("{{Reflist}}<noinclude>{{Hatnote|docs}} {{Ambox}}</noinclude>", 0),
])
def test_what_a_template_prints(text, flags):
    assert template_flags(text) == flags

"""The page model (offsets, contexts) and site presets."""

from __future__ import annotations

from pathlib import Path

import pytest
from mwparserfromhell.nodes import Comment, Tag, Template, Wikilink

from wikilint.page import Page
from wikilint.site import SiteError, load_site

EN = load_site("enwiki")
ZH = load_site("zhwiki")


def test_every_node_is_located_exactly():
    text = ('== H ==\n{{T|a=[[L|x]]|{{U}}}}<ref name="n" group=g>[http://e.org t] &amp;</ref>\n'
            '{| class="w"\n|-\n| [[A]] || b\n|}\n<!-- c --><nowiki>[[N]]</nowiki>')
    page = Page(text, site=EN)
    assert all(text[item.start:item.end] == str(item.node) for item in page.nodes())
    assert [str(item.node) for item in page.nodes(Wikilink)] == ["[[L|x]]", "[[A]]"]


def test_contexts():
    page = Page("{{T|[[A]]}} <ref>[[B]]</ref> <code>[[C]]</code> <!-- [[D]] --> [[E]]", site=EN)
    links = {str(item.node.title): item for item in page.nodes(Wikilink)}
    assert links["A"].in_template and not links["E"].in_template
    assert links["B"].inside_tag("ref") and not links["A"].inside_tag("ref")
    assert links["C"].in_literal and not links["B"].in_literal
    assert "D" not in links  # comments are not parsed
    assert [type(item.node) for item in page.nodes(Comment)] == [Comment]


def test_line_columns_in_code_points_and_utf16():
    page = Page("ab\n𠀀c\n", site=ZH)
    assert page.line_col(0) == (1, 1)
    assert page.line_col(4) == (2, 2)  # after one astral character
    assert page.line_col_utf16(4) == (2, 3)
    assert page.offset(2, 2) == 4
    assert page.line_text(2) == "𠀀c"


def test_deep_nesting_does_not_recurse():
    text = "{{a|" * 500 + "x" + "}}" * 500
    assert Page(text, site=EN).nodes()[-1].end <= len(text)


@pytest.mark.parametrize("title, namespace", [
    ("File:X.png", "file"), ("image:X.png", "file"), ("Category:X", "category"), ("Talk:X", "talk"),
    ("en:X", "interwiki"), ("wikt:X", "interwiki"), ("Foo:X", None),
])
def test_namespaces_en(title, namespace):
    assert EN.split_namespace(title)[0] == namespace


@pytest.mark.parametrize("alias", ["File", "Image", "文件", "檔案", "档案", "图像", "圖像"])
def test_zh_file_aliases(alias):
    assert ZH.is_namespace(f"{alias}:X.png", "file")


@pytest.mark.parametrize("alias", ["Category", "分类", "分類"])
def test_zh_category_aliases(alias):
    assert ZH.is_namespace(f"{alias}:X", "category")


def test_title_normalisation():
    assert EN.normalize_title(" foo_bar  baz ") == "Foo bar baz"
    assert EN.normalize_title("image:a_b.png") == "File:A b.png"
    assert EN.normalize_title("Foo#Sec_tion") == "Foo#Sec tion"
    assert EN.normalize_title("A&amp;B") == "A&B"


def test_presets_differ_where_wikis_differ():
    assert EN.link_trail is not None and EN.link_trail.match("s")
    assert ZH.link_trail is None
    assert "NoteFoot" in ZH.get("reference-list-templates")
    assert "缩略图" in ZH.get("image-options")["thumbnail"]


def test_site_file_extends_a_preset(tmp_path):
    site_file = tmp_path / "mysite.toml"
    site_file.write_text('extends = "zhwiki"\nlink-trail = "[a-z]+"\n[namespaces]\nfile = ["File", "Datei"]\n',
                         encoding="utf-8")
    site = load_site(str(site_file))
    assert site.name == "mysite" and site.language == "zh"
    assert site.is_namespace("Datei:X", "file") and not site.is_namespace("文件:X", "file")
    assert site.is_namespace("分類:X", "category")  # inherited
    assert site.link_trail is not None


def test_plugin_contributions_merge_under_the_preset():
    site = load_site("enwiki", contributions={"enwiki": {"extra-key": [1], "language": "xx"}})
    assert site.get("extra-key") == [1]
    assert site.language == "en"  # the preset file wins


def test_site_errors(tmp_path):
    with pytest.raises(SiteError, match="unknown site 'xxwiki'"):
        load_site("xxwiki")
    loop = tmp_path / "loop.toml"
    loop.write_text('extends = "loop.toml"\n', encoding="utf-8")
    with pytest.raises(SiteError, match="loop"):
        load_site(str(loop))


def test_site_selected_on_the_command_line(tmp_path):
    from support import run_wikilint

    page = tmp_path / "p.wiki"
    page.write_text("x\n", encoding="utf-8")
    assert run_wikilint("check", "--site", "zhwiki", str(page)).returncode == 0
    result = run_wikilint("check", "--site", "xxwiki", str(page))
    assert result.returncode == 2 and "unknown site 'xxwiki'" in result.stderr_text


def test_tag_and_template_nodes_are_found():
    page = Page("{{a}}<ref>x</ref>", site=EN)
    assert [type(i.node) for i in page.nodes(Template, Tag)] == [Template, Tag]


def test_template_keys():
    assert EN.template_key(" cite_web ") == "Cite web"
    assert EN.template_key("Template:Cite  web") == "Cite web"
    assert ZH.template_key("模板:noteTA") == "NoteTA"
    assert EN.template_key("Foo:bar") == "Foo:bar"  # not the template namespace: kept


def test_tags_by_name_and_tag_spans():
    from wikilint import tag_spans

    text = '<ref name="a">x {{T}}</ref>\n{|\n| <Ref>y</Ref> <gallery>\nF.png\n</gallery>\n|}<references />'
    page = Page(text, site=EN)
    assert [text[item.start:item.end] for item in page.tags("ref")] == ['<ref name="a">x {{T}}</ref>', "<Ref>y</Ref>"]
    assert [str(item.node.tag) for item in page.tags("references", "ref")] == ["ref", "Ref", "references"]
    assert page.tags("table") == []  # wiki-markup tables are not HTML tags
    assert page.tags("nowiki") == []
    first = tag_spans(page.tags("ref")[0])
    assert text[page.tags("ref")[0].start:first.attributes_end] == '<ref name="a"'
    assert text[first.contents_start:first.contents_end] == "x {{T}}"
    assert tag_spans(page.tags("references")[0]).contents_start is None


@pytest.mark.parametrize("site", [EN, ZH, load_site("default")], ids=["enwiki", "zhwiki", "default"])
def test_plain_title_shortcut_normalises_as_the_full_path(site, monkeypatch):
    """``Site._normalize_title`` skips its work for plain titles; the result must not change.
    Checked on every link target of the bundled samples and some awkward titles."""
    import re

    import mwparserfromhell

    import wikilint.site as site_module

    samples = Path(__file__).resolve().parent.parent / "samples"
    titles = {str(link.title) for path in samples.rglob("*.wiki") for link in
              mwparserfromhell.parse(path.read_text(encoding="utf-8")).filter_wikilinks()}
    titles |= {"foo bar", "foo  bar", " foo", "foo_bar", "a&amp;b", "File:x", "x#y", "ǆemal", "ß", "i",
               "\u00a0x", "x\u3000y", "ǅ", "éa", "ﬀ"}
    assert len(titles) > 100
    shortcut = {title: site._normalize_title(title) for title in titles}
    monkeypatch.setattr(site_module, "_PLAIN_TITLE", re.compile(r"(?!)"))  # never matches
    assert {title: site._normalize_title(title) for title in titles} == shortcut


def test_text_nodes_are_located_only_when_asked_for():
    from mwparserfromhell.nodes import Text

    page = Page("a [[B]] {{C|d}} <ref>e</ref> f", site=EN)
    assert [str(item.node) for item in page.nodes(Wikilink, Template)] == ["[[B]]", "{{C|d}}"]
    assert page.tags("ref") and page.nodes(Comment) == []
    assert "_located_with_text" not in page.__dict__  # no second walk yet
    # (a tag's name is a Wikicode too: its text nodes count)
    assert [str(item.node) for item in page.nodes(Text)] == ["a ", "B", " ", "C", "d", " ", "ref", "e", "ref", " f"]
    assert "_located_with_text" in page.__dict__


def test_layout_of_real_pages_matches_their_text(corpus):
    """The layout walk reads mwparserfromhell's attributes directly (not through ``str()``):
    on real pages (every tenth corpus page file), every node's offsets must still give
    exactly its text, and ``tag_spans`` its contents."""
    from support import corpus_page_files

    from wikilint import tag_spans

    for path in corpus_page_files(corpus)[::10]:
        text = path.read_text(encoding="utf-8")
        page = Page(text, site=EN)
        for item in page.nodes():
            assert text[item.start:item.end] == str(item.node), (path.name, item.start)
        for item in page.nodes(Tag):
            spans = tag_spans(item)
            if spans.contents_start is not None:
                assert text[spans.contents_start:spans.contents_end] == str(item.node.contents), (path.name, item.start)

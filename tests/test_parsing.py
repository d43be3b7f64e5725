"""wikilint's parse (``wikilint.parsing``) gives the same trees as mwparserfromhell's own.

The stock trees come from a fresh Python process that imports only mwparserfromhell, so
that nothing of wikilint (the ``parse_anything`` shortcut, the builder) can be in them.
Two trees are the same when their pickles are: a pickle holds every object's class and
every attribute (``vars()``: names, order and values, private ones included: paddings,
wiki markup, the implicit/invalid/self-closing flags, quotes), recursively through
``Wikicode``, ``SmartList``, ``Parameter`` and ``Attribute``, and which objects are one
and the same (a tag's ``closing_tag`` *is* its ``tag`` unless the text says otherwise).
A difference is shown as the path to the first differing attribute.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mwparserfromhell
import mwparserfromhell.utils
import pytest
from mwparserfromhell.parser import CTokenizer
from mwparserfromhell.parser import tokens
from mwparserfromhell.parser.builder import Builder

from support import CORPUS, corpus_page_files, parser_test_snippets
from wikilint import parsing, tree_builder
from wikilint.parsing import parse

#: The stock side, run in a fresh process: ``digests`` (a pickle digest per text) or
#: ``describe`` (every object as its class and attributes, for showing a difference).
STOCK = """
import hashlib, json, pickle, sys
import mwparserfromhell

def describe(value):
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return [kind.__name__, value]
    if isinstance(value, list):
        return [kind.__name__, [describe(item) for item in value], describe(getattr(value, "_children", None))]
    if kind is dict:
        return ["dict", [[key, describe(item)] for key, item in value.items()]]
    return [kind.__name__, [[key, describe(item)] for key, item in vars(value).items()]]

def digest(tree):
    return hashlib.sha256(pickle.dumps(tree, protocol=5)).hexdigest()

if __name__ == "__main__":
    mode, source, target = sys.argv[1:]
    texts = json.load(open(source, encoding="utf-8"))
    write = digest if mode == "digests" else describe
    out = [write(mwparserfromhell.parse(text, skip_style_tags=True)) for text in texts]
    json.dump(out, open(target, "w", encoding="utf-8"))
"""
TREES: dict = {}
exec(STOCK, TREES)  # the same describe() and digest() on wikilint's side
describe, digest = TREES["describe"], TREES["digest"]

#: Hand-written cases around every token the builder reads (and some it must leave alone).
EDGE_CASES = [
    "", "plain text", "\r\n{{a}}\r\n", "x\n",
    # tags: unclosed, stray, self-closing, paddings, attributes with odd quoting
    "<ref>unclosed", "<div><span>", "</div>", "<br>", "<br/>", "<br />", "</br>", "<br / >",
    "<ref/>", "<ref name=a/>", '<ref name = "a b" >x</ref >', "<ref name='a\"b'>c</ref>",
    '<ref name="a\'b">c</ref>', "<div class=a b=c d>x</div>", '<div ="x">y</div>', "<div a= b>c</div>",
    "<div a =b>c</div>", '<p style="x"style="y">z</p>', "<ref name={{a}}>b</ref>", "<ref\t name=a>b</ref>",
    '<ref name="a"  group = b/>', '<div style="a" / >', "<div\nclass=x>y</div>", '<span title="a &amp; b">c</span>',
    "<ref name=a&nbsp;b>x</ref>", "<ref name=a\xa0b>x</ref>", "<ref\u3000name=a>x</ref>", "<div a=b\u3000>x</div>",
    "<br\xa0/>", "<ref name=a\x85b/>", "<ref name=\"\">x</ref>", "<ref name=>x</ref>",
    "<ref name='a' name2=\"b\" c>x</ref>",
    "<nowiki>{{a}}</nowiki>", "<pre>[[x]]</pre>", "<math>x<y</math>", "<b>x</b><i>y", "<references />",
    "<table><tr><td>x</td></tr></table>", "<source lang=python>a</source>", "<gallery>\nx.png|a\n</gallery>",
    "<ref>{{a|<ref>b</ref>}}</ref>", "<ref>a</ref name=b>", "<REF>a</ref>", "<ref>a</ ref>",
    # wiki-markup tags: lists, definition lists, rules, tables; style quotes stay text
    "; a : b\n* c\n# d\n----\n:: e\n*; f", "{|\n|a\n|}", '{| class="x"\n|+ cap\n! h !! i\n|-\n| a || b\n|}',
    "{|\n|a\n", "''a'' '''b''' '''''c'''''", "''unclosed",
    # comments
    "<!-- c", "<!-- a --><!---->", "a<!-- {{b}} [[c]] -->d",
    # templates, parameters, arguments, parser functions
    "{{a", "{{a|b", "{{a|b=c=d|e}}", "{{a|=x}}", "{{a||}}", "{{{{a}}}}", "{{{a}}}", "{{{a|b|c}}}",
    "{{{{{a}}}}}", "{{#if:a|b|c}}", "{{subst:a}}", "{{a\n|b = c\n|d}}", "{{a|[[b|c]]|d=[http://e f]}}",
    "{{a|1=x|y|2=z}}", "{{a|<!--c-->b=d}}", "{{ {{a}} |b}}",
    # links: internal, external with and without brackets
    "[[a|b|c]]", "[[a[[b]]]]", "[[a|[[b]]]]", "[[File:x.png|thumb|[[a]] {{b}}]]", "[[:Category:A]]",
    "[[Category:B|sort]]", "[[a", "[http://a]", "[http://a b c]", "http://a.b/c?d=e", "[//a b]",
    "[http://a<ref>b</ref>]", "http://a.b''c''", "[[http://x]]", "mailto:a@b.c", "[http://a{{b}}c d]",
    "http://a.b/(c)", "http://a.b.", "[http://a\tb]", "[ http://a b]",
    # entities and headings
    "&amp;&nbsp;&#123;&#x1F600;&#X41;&foo;&;&#;&#x;", "&lt;ref&gt;",
    "= a =\n== b ==\n=== c ===  \n====== d ======\n======= e =======\n=x", "==a\n", "== a <!--c--> ==\n",
    # nesting deep enough to matter
    "{{a|" * 40 + "}}" * 40, "[[" * 30 + "]]" * 30, "<div>" * 40 + "</div>" * 40,
]

#: Small dumps whose pages are cheap to parse twice (the larger ones: see docs/performance.md).
SMALL_DUMPS = ("gensim__enwiki-table-markup.xml.bz2", "gensim__bgwiki-latest-pages-articles-shortened.xml.bz2",
               "pywikibot__article-pear-0.10.xml")


def corpus_texts() -> list[str]:
    """Every page file, parser-test snippet and mwparserfromhell tokenizer test input of the
    corpus, and the pages of a few small dumps ([] without the corpus)."""
    if not CORPUS.is_dir():
        return []
    from wikilint.dump.reader import read_dump

    texts = [path.read_text(encoding="utf-8") for path in corpus_page_files(CORPUS)]
    for path in sorted((CORPUS / "parsertests").rglob("*.txt")):
        texts += [wikitext for _, wikitext in parser_test_snippets(path)]
    for path in sorted((CORPUS / "parsertests").rglob("*.mwtest")):  # input: "…" with escapes
        texts += [line[6:].strip()[1:-1].encode("raw_unicode_escape").decode("unicode_escape")
                  for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("input:")]
    for name in SMALL_DUMPS:
        texts += [page.text for page in read_dump(CORPUS / "dumps" / name) if page.text]
    return texts


def own_tree(text: str):
    """wikilint's builder on the C tokenizer's tokens (never the stock fallback)."""
    return tree_builder.build(CTokenizer().tokenize(text, 0, True))


def run_stock(mode: str, texts: list[str], folder: Path) -> subprocess.Popen:
    source, target = folder / f"{mode}-texts.json", folder / f"{mode}.json"
    source.write_text(json.dumps(texts), encoding="utf-8")
    return subprocess.Popen([sys.executable, "-c", STOCK, mode, str(source), str(target)]), target


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return EDGE_CASES + corpus_texts()


@pytest.fixture(scope="module")
def own_and_stock(texts, tmp_path_factory) -> tuple[list[str], list[str]]:
    """The digests of wikilint's trees (built by its builder, never the fallback) and of the
    stock trees; the stock process runs while this one builds its own."""
    folder = tmp_path_factory.mktemp("stock")
    process, target = run_stock("digests", texts, folder)
    own = []
    for text in texts:
        tree = own_tree(text)
        # The C tokenizer stops at a NUL character (stock trees lose the rest alike).
        assert str(tree) == text or "\x00" in text, text[:200]
        own.append(digest(tree))
    assert process.wait() == 0
    return own, json.loads(target.read_text(encoding="utf-8"))


def first_difference(mine, stock, path="tree") -> str | None:
    if mine[0] != stock[0] or len(mine) != len(stock):
        return f"{path}: {mine[0]} != {stock[0]}"
    if mine[0] in ("str", "int", "bool", "NoneType"):
        return None if mine[1] == stock[1] else f"{path}: {mine[1]!r} != {stock[1]!r}"
    if mine[0] not in ("SmartList", "list"):  # a dict or an object: its attributes in order
        mine_items, stock_items = mine[1], stock[1]
        if [key for key, _ in mine_items] != [key for key, _ in stock_items]:
            return f"{path}: attributes {[key for key, _ in mine_items]} != {[key for key, _ in stock_items]}"
        for (key, mine_value), (_, stock_value) in zip(mine_items, stock_items):
            found = first_difference(mine_value, stock_value, f"{path}.{key}")
            if found:
                return found
        return None
    if len(mine[1]) != len(stock[1]):
        return f"{path}: {len(mine[1])} items != {len(stock[1])}"
    for index, (mine_item, stock_item) in enumerate(zip(mine[1], stock[1])):
        found = first_difference(mine_item, stock_item, f"{path}[{index}]")
        if found:
            return found
    return first_difference(mine[2], stock[2], f"{path}._children")


def assert_same_trees(texts, own, stock, tmp_path):
    differing = [index for index, (mine, theirs) in enumerate(zip(own, stock)) if mine != theirs]
    if differing:
        shown = [texts[index] for index in differing[:5]]
        process, target = run_stock("describe", shown, tmp_path)
        assert process.wait() == 0
        described = json.loads(target.read_text(encoding="utf-8"))
        report = [f"{text[:80]!r}: "
                  f"{first_difference(describe(own_tree(text)), theirs) or 'only object sharing differs'}"
                  for text, theirs in zip(shown, described)]
        pytest.fail(f"{len(differing)} of {len(texts)} trees differ from stock:\n" + "\n".join(report))


def test_the_same_trees_as_mwparserfromhell_for_edge_cases(texts, own_and_stock, tmp_path):
    own, stock = own_and_stock
    count = len(EDGE_CASES)
    assert_same_trees(texts[:count], own[:count], stock[:count], tmp_path)


def test_the_same_trees_as_mwparserfromhell_over_the_corpus(texts, own_and_stock, tmp_path):
    if len(texts) == len(EDGE_CASES):
        pytest.skip("../shared/corpus is not present")
    assert len(texts) > 6800  # pages, parser tests, tokenizer tests, dump pages
    own, stock = own_and_stock
    assert_same_trees(texts, own, stock, tmp_path)


def test_the_comparison_sees_a_private_attribute():
    # The digest is what both tests compare: it must tell apart trees that differ only in
    # a field str() does not show.
    tree, other = parse("<br/>"), parse("<br/>")
    assert digest(tree) == digest(other)
    other.nodes[0]._implicit = True
    assert digest(tree) != digest(other)
    assert first_difference(describe(other), describe(tree)) == "tree._nodes[0]._implicit: True != False"


def test_parse_uses_the_builder_and_its_trees_are_mwparserfromhells(monkeypatch):
    text = "{{a|b=[[c|d]]}} <ref name=x>[http://e f] &amp;</ref>\n== g ==\n"
    monkeypatch.setattr(mwparserfromhell, "parse", None)  # the stock parse would fail now
    tree = parse(text)
    assert str(tree) == text and type(tree) is mwparserfromhell.wikicode.Wikicode
    template = tree.filter_templates()[0]
    assert type(template) is mwparserfromhell.nodes.Template
    assert [type(node).__name__ for node in tree.nodes] == ["Template", "Text", "Tag", "Text", "Heading", "Text"]


def stock_in_process(text: str):
    """mwparserfromhell's own builder on the same tokens (in this process, so the shortcut is
    in place, which the tests above show changes nothing)."""
    return Builder().build(CTokenizer().tokenize(text, 0, True))


def edit(tree) -> None:
    """The kinds of edit rules' fixes make."""
    template = tree.filter_templates()[0]
    template.add("b", "changed")
    template.add("new", "value")
    template.add(3, "third")
    template.name = "Renamed"
    template.get("1").value = "one"
    tag = tree.filter_tags(matches=lambda node: node.tag == "ref")[0]
    tag.add("group", "g")
    tag.get("name").value = "two words"
    tag.contents = "new contents"
    link = tree.filter_wikilinks()[0]
    link.text = None
    tree.replace(tree.filter_external_links()[0], "[http://other.example title]")
    heading = tree.filter_headings()[0]
    heading.level = 3
    heading.title = " Retitled "
    tree.filter_text()[0].value = "Start "
    section = tree.get_sections(levels=[3])[0]  # a slice of the node list, kept in step
    section.append("\nappended")
    tree.insert_before(tree.filter_comments()[0], "{{inserted}}")
    tree.remove(tree.filter_html_entities()[0])


def test_edits_work_on_its_trees_as_on_stock_trees():
    text = ("Lead {{cite|1|b=c|d}} [[x|y]] <ref name=a>r</ref> [http://e.example f] &amp; "
            "<!-- note -->\n== Head ==\nbody\n")
    mine, stock = parse(text), stock_in_process(text)
    edit(mine)
    edit(stock)
    assert str(mine) == str(stock) and "|b=changed" in str(mine) and "=== Retitled ===" in str(mine)
    assert digest(mine) == digest(stock)
    # Re-parsing the edited text gives the same tree again.
    assert digest(parse(str(mine))) == digest(stock_in_process(str(stock)))


def test_an_unverified_version_or_the_python_tokenizer_parses_with_the_stock_parse(monkeypatch):
    text = "{{a|b}} [[c]] <ref>d</ref>"
    expected = digest(stock_in_process(text))

    def must_not_build(tokens):
        raise AssertionError("wikilint's builder used with an unverified mwparserfromhell")

    monkeypatch.setattr(tree_builder, "build", must_not_build)
    for version in ("0.7.3", "0.8.0", "0.6.6"):
        monkeypatch.setattr(mwparserfromhell, "__version__", version)
        assert parsing._fast_tokenizer() is None
        assert digest(parse(text)) == expected
    monkeypatch.setattr(mwparserfromhell, "__version__", "0.7.2")
    monkeypatch.setattr(mwparserfromhell.parser, "use_c", False)
    assert parsing._fast_tokenizer() is None
    assert digest(parse(text)) == expected
    monkeypatch.setattr(mwparserfromhell.parser, "use_c", True)
    assert parsing._fast_tokenizer() is CTokenizer


def test_tokens_the_builder_does_not_expect_go_to_the_stock_parse(monkeypatch):
    text = "{{a|b}} <ref name=x>c</ref>"
    expected = digest(stock_in_process(text))
    calls = []

    def refuse(tokens):
        calls.append(len(tokens))
        raise tree_builder.Unexpected("test")

    monkeypatch.setattr(tree_builder, "build", refuse)
    assert digest(parse(text)) == expected and calls
    monkeypatch.undo()
    # Token lists no tokenizer emits are refused by the builder itself: a stray close...
    with pytest.raises(tree_builder.Unexpected):
        tree_builder.build([tokens.Text(text="a"), tokens.TemplateClose()])
    with pytest.raises(tree_builder.Unexpected):
        tree_builder.build([tokens.TemplateOpen(), tokens.Text(text="a")])  # ...or a template never closed


def test_the_shortcut_is_in_place_and_answers_as_the_original():
    parse("{{a|[[b]]}}")  # installs it
    shortcut = mwparserfromhell.utils.parse_anything
    original = shortcut.__wrapped__
    assert shortcut.__module__ == "wikilint.parsing" and original.__module__ == "mwparserfromhell.utils"
    # Every mwparserfromhell module that imported the function by name calls the shortcut.
    for module in ("mwparserfromhell.wikicode", "mwparserfromhell.nodes.template", "mwparserfromhell.nodes.tag",
                   "mwparserfromhell.nodes.wikilink", "mwparserfromhell.nodes.extras.parameter"):
        assert sys.modules[module].parse_anything is shortcut
    tree = parse("x")
    assert shortcut(tree) is tree
    for value in ("[[a]] ''b''", b"{{c}}", 7, None, ["d", tree.nodes[0]]):
        assert str(shortcut(value)) == str(original(value))
    # Installing again wraps nothing twice.
    from wikilint.parsing import install_shortcut

    install_shortcut()
    assert mwparserfromhell.utils.parse_anything is shortcut


def test_the_builder_reads_the_tokens_in_chunks_and_empties_the_list(monkeypatch):
    # Tokens are freed as they are read, a chunk at a time; an entity's tokens (read at once)
    # are never split between chunks, whatever the chunk size.
    text = "a&amp;b&#65;&#x41;{{c|&lt;|d=&#x263a;}}<ref name=e>&nbsp;</ref>" * 5
    expected = digest(stock_in_process(text))
    for size in (1, 2, 3, 4, 5, 7, 512):
        monkeypatch.setattr(tree_builder, "_CHUNK", size)
        tokens = CTokenizer().tokenize(text, 0, True)
        assert digest(tree_builder.build(tokens)) == expected
        assert tokens == []

"""wikilint's parse (``wikilint.parsing``) gives the same trees as mwparserfromhell's own.

The stock trees come from a fresh Python process that imports only mwparserfromhell, so
that the shortcut wikilint puts in front of ``parse_anything`` cannot be in them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mwparserfromhell.utils

from support import corpus_page_files, parser_test_snippets
from wikilint.parsing import parse

#: Every node of the tree in pre-order, as its class name and text: two trees with the
#: same signature have the same nodes, nested the same way, over the same text.
SIGNATURE = """
import json, sys
import mwparserfromhell

def signature(tree):
    return [[type(node).__name__, str(node)] for node in tree.ifilter(recursive=True)]

texts = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump([signature(mwparserfromhell.parse(text, skip_style_tags=True)) for text in texts],
          open(sys.argv[2], "w", encoding="utf-8"))
"""


def signature(tree) -> list[list[str]]:
    return [[type(node).__name__, str(node)] for node in tree.ifilter(recursive=True)]


def stock_signatures(texts: list[str], folder: Path) -> list[list[list[str]]]:
    source, target = folder / "texts.json", folder / "signatures.json"
    source.write_text(json.dumps(texts), encoding="utf-8")
    subprocess.run([sys.executable, "-c", SIGNATURE, str(source), str(target)], check=True)
    return json.loads(target.read_text(encoding="utf-8"))


def test_the_same_trees_as_mwparserfromhell_over_corpus_pages_and_parser_tests(corpus, tmp_path):
    pages = corpus_page_files(corpus)[::8]  # every language folder, a few dozen pages
    texts = [path.read_text(encoding="utf-8") for path in pages]
    for name in ("parsoid/parserTests.txt", "cite/citeParserTests.txt", "parsoid/extLinks.txt"):
        texts += [wikitext for _, wikitext in parser_test_snippets(corpus / "parsertests" / name)]
    assert len(texts) > 900
    expected = stock_signatures(texts, tmp_path)
    for text, stock in zip(texts, expected):
        tree = parse(text)
        assert str(tree) == text
        assert signature(tree) == stock, text[:200]


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

"""Rules of other families with the wiki index: REF007 knows the wiki's own
reference-list templates, LNK004 its redirects (``check --wiki-index``, real CLI)."""

from __future__ import annotations

from support import run_wikilint
from wikilint.site import preset_data
from wikilint.wikiindex.build import write_index

WIKI = {
    "Template:Fußnoten": "<div class=\"reflist\">{{#tag:references|{{{refs|}}}}}</div>",
    "Template:Fn": "#REDIRECT [[Template:Fußnoten]]",
    "Nocturnality": "Being active at night.",
    "Nocturnal": "#REDIRECT [[Nocturnality]]",
    "Nocturnal animal": "#REDIRECT [[Nocturnality]]",
}
# Line 27 and 53 of ../shared/corpus/en/gensim.enwiki__Aardwolf.wiki (CC BY-SA), shortened.
PAGE = ("It is [[nocturnal]], resting in burrows.<ref>Source.</ref>\n"
        "Aardwolves are shy and [[nocturnal animal|nocturnal]].\n== References ==\n{{Fn}}\n")


def test_reference_list_templates_and_redirects_come_from_the_index(tmp_path):
    index = write_index(WIKI, preset_data("enwiki"), tmp_path / "index.sqlite")
    page = tmp_path / "Aardwolf.wiki"
    page.write_text(PAGE, encoding="utf-8")
    alone = run_wikilint("check", str(page), "--site", "enwiki", "--select", "REF007,LNK004", "--no-cache",
                         "--output-format", "concise")
    assert sorted(line.split()[1] for line in alone.stdout_text.splitlines() if ": " in line) == ["LNK004", "REF007"]
    with_index = run_wikilint("check", str(page), "--site", "enwiki", "--select", "REF007,LNK004",
                              "--wiki-index", str(index), "--output-format", "concise")
    assert with_index.returncode == 0, with_index.stdout_text + with_index.stderr_text

"""The wiki index and the cross-page rules (WIK…) on a synthetic dump with planted
defects, through the real ``wikilint dump`` and ``wikilint check --wiki-index``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from support import CORPUS, run_wikilint
from wikilint.dump import SyntheticPage, write_dump
from wikilint.wikiindex import WikiIndex

FILLER = [SyntheticPage(f"Filler {number}", f"Filler page {number}.\n== Section ==\nText.\n") for number in range(150)]

#: The planted wiki: pages, redirects, a disambiguation page, templates.
WIKI = [
    SyntheticPage("Solar System", "The Sun.\n== Planets ==\nEight.\n== Early history ==\n{{Anchor|Formation}}\n"
                  "=== Planets ===\nAgain.\n<div id=\"moons-table\">x</div>\n"),
    SyntheticPage("Sun", "#REDIRECT [[Solar System#Planets]]", redirect="Solar System"),
    SyntheticPage("Early solar history", "#REDIRECT [[Solar System#Early history]]", redirect="Solar System"),
    SyntheticPage("Old heading", "#REDIRECT [[Solar System#Early history]]", redirect="Solar System"),
    SyntheticPage("Mercury", "'''Mercury''' may mean:\n* [[Mercury (planet)]]\n{{Disambiguation}}\n"),
    SyntheticPage("Mercury (planet)", "A planet.\n"),
    SyntheticPage("Hg", "#REDIRECT [[Mercury]]", redirect="Mercury"),
    SyntheticPage("Template Made", "A page with a {{Heading maker}}.\n== {{Heading maker}} ==\n"),
    SyntheticPage("Template:Reflist", "<references />", namespace=10),
    SyntheticPage("Template:Refs", "#REDIRECT [[Template:Reflist]]", namespace=10, redirect="Template:Reflist"),
    SyntheticPage("Template:Disambiguation", "__DISAMBIG__ A disambiguation page.", namespace=10),
    SyntheticPage("Template:Anchor", "<span id=\"{{{1}}}\"></span>", namespace=10),
    SyntheticPage("Template:Heading maker", "Heading", namespace=10),
]

#: The page under test and exactly the findings planted in it.
CHECKED = SyntheticPage("Checked", "\n".join([
    "Good: [[Solar System#Planets]], [[Solar System#Planets 2]], [[Solar System#Early_history]], "
    "[[Solar System#Formation]], [[Solar System#moons-table]], [[Sun]] is fine unless redirects are checked, "
    "[[Mercury (planet)]], [[Mercury (disambiguation)]], {{Reflist}}, {{Refs}}, {{PAGENAME}}, {{#if:x|y}}, "
    "[[Template Made#Anything]], [[User:Nobody]], [[File:Missing.png]], [[#Local]], [[Nowhere at all]].",
    "== Local ==",
    "Broken: [[Solar System#Moons]] [[Solar System#planets]] [[Solar System#Old heading]] [[#Elsewhere]]",
    "Disambiguation: [[Mercury]] [[Hg|the metal]]",
    "Red: [[Solar system]] [[Mercury (Planet)|the planet]]",
    "Missing: {{Refslist}} {{Template:Nope}}",
]))

PLANTED = [
    ("WIK001", "Solar System#Moons", None),
    ("WIK001", "Solar System#planets", "Solar System#Planets"),
    ("WIK001", "Solar System#Old heading", "Solar System#Early history"),
    ("WIK001", "#Elsewhere", None),
    ("WIK003", "Mercury", None),
    ("WIK003", "Hg|the metal", None),
    ("WIK004", "Solar system", "Solar System|Solar system"),
    ("WIK004", "Mercury (Planet)|the planet", "Mercury (planet)|the planet"),
    ("WIK005", "{{Refslist}}", None),
    ("WIK005", "{{Template:Nope}}", None),
]


@pytest.fixture(scope="module")
def wiki_dump(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("wiki")
    dump, _index = write_dump(FILLER + WIKI + [CHECKED], directory / "testwiki-20240101-pages-articles-multistream.xml.bz2")
    return dump


class _Run:
    def __init__(self, process):
        self.exit_code, self.out, self.err = process.returncode, process.stdout_text, process.stderr_text


def run_cli(arguments: list[str], **options) -> _Run:
    return _Run(run_wikilint(*arguments, **options))


def _findings(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _planted(findings: list[dict]) -> list[tuple[str, str]]:
    text = CHECKED.text
    lines = text.split("\n")
    found = []
    for finding in findings:
        line = lines[finding["line"] - 1]
        snippet = line[finding["column"] - 1:finding["end_column"] - 1]
        found.append((finding["code"], snippet.strip("[]")))
    return sorted(found)


def test_dump_finds_exactly_the_planted_defects_and_reuses_its_index(wiki_dump, tmp_path):
    index_path = tmp_path / "wiki.sqlite"
    result = run_cli(["dump", str(wiki_dump), "--wiki-index", str(index_path), "--select", "WIK", "--ignore", "WIK002", "-j", "2",
                      "--title-regex", "^Checked$"])
    assert result.exit_code == 1, result.err
    assert "building the wiki index" in result.err
    assert _planted(_findings(result.out)) == sorted((code, written) for code, written, _fix in PLANTED)
    index = WikiIndex(index_path)
    assert index.pages == len(FILLER) + len(WIKI) + 1
    assert index.page("Solar System").anchors == ("Planets", "Early history", "Planets 2", "moons-table",
                                                  "Formation")
    assert not index.page("Template Made").anchors_complete
    assert index.follow("Hg")[0].title == "Mercury" and index.page("Mercury").is_disambiguation
    assert index.reference_list_templates == ("Reflist", "Refs")
    index.close()
    again = run_cli(["dump", str(wiki_dump), "--wiki-index", str(index_path), "--select", "WIK", "--ignore", "WIK002", "-j", "1",
                     "--title-regex", "^Checked$"])
    assert "using the wiki index" in again.err and again.out == result.out


def test_fixes_and_check_with_the_index(wiki_dump, tmp_path):
    index_path = tmp_path / "wiki.sqlite"
    run_cli(["dump", str(wiki_dump), "--wiki-index", str(index_path), "--select", "WIK001", "-q",
             "--title-regex", "^Nothing$"])
    page = tmp_path / "Checked.wiki"
    page.write_text(CHECKED.text, encoding="utf-8")
    # Without an index the rules are silent; with one they find what the dump run found.
    assert run_cli(["check", str(page), "--select", "WIK", "--no-cache"]).exit_code == 0
    result = run_cli(["check", str(page), "--select", "WIK", "--wiki-index", str(index_path), "--fix",
                      "--unsafe-fixes", "--extend-select", "WIK002"])
    fixed = page.read_text(encoding="utf-8")
    for _code, written, replacement in PLANTED:
        if replacement is not None:
            assert f"[[{replacement}]]" in fixed, (written, fixed)
    assert "[[Solar System#Planets|Sun]]" in fixed  # WIK002: the redirect's section, the label as seen
    assert result.exit_code == 1  # what has no fix remains
    missing = run_cli(["check", str(page), "--wiki-index", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "no such wiki index" in missing.err


def test_a_real_dump(tmp_path):
    dump = CORPUS / "dumps" / "gensim__enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
    if not dump.is_file():
        pytest.skip("the corpus's shortened enwiki dump is not present")
    index_path = tmp_path / "enwiki.sqlite"
    result = run_cli(["dump", str(dump), "--wiki-index", str(index_path), "--select", "WIK", "--output-format",
                      "concise", "-j", "2"])
    assert result.exit_code in (0, 1), result.err
    index = WikiIndex(index_path)
    assert index.pages > 100 and index.meta["dbname"] == "enwiki"
    anarchism = index.page("Anarchism")
    assert anarchism is not None and "History" in anarchism.anchors
    index.close()


def test_the_index_pass_on_dask_gives_the_same_index_and_findings(wiki_dump, tmp_path):
    pytest.importorskip("distributed", reason="the wikilint[distributed] extra (Dask) is not installed")
    outputs = {}
    for how, arguments in (("local", ["-j", "1"]), ("dask", ["--scheduler", "local", "-j", "2"])):
        index_path = tmp_path / f"{how}.sqlite"
        result = run_cli(["dump", str(wiki_dump), "--wiki-index", str(index_path), "--select", "WIK", "-q",
                          "--title-regex", "^Checked$", *arguments])
        assert result.exit_code == 1, result.err
        with sqlite3.connect(index_path) as db:
            rows = db.execute("SELECT * FROM pages ORDER BY title").fetchall()
        outputs[how] = (result.out, rows)
    assert outputs["local"] == outputs["dask"] and len(outputs["local"][1]) == len(FILLER) + len(WIKI) + 1

"""The layout family's hatnote and maintenance templates from the wiki index: a synthetic
enwiki dump whose templates no site list names, through the real ``wikilint dump`` and
``wikilint check`` with and without ``--wiki-index``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import run_wikilint
from wikilint.dump import SyntheticPage, write_dump

#: Templates the enwiki preset's layout lists do not name: what they are shows in their text.
TEMPLATES = [
    SyntheticPage("Template:Hat pointer", "<div role=\"note\" class=\"hatnote navigation-not-searchable\">For other "
                  "uses, see [[{{{1}}}]].</div><noinclude>{{Documentation}}</noinclude>", namespace=10),
    SyntheticPage("Template:Hp", "#REDIRECT [[Template:Hat pointer]]", namespace=10, redirect="Template:Hat pointer"),
    SyntheticPage("Template:Pointer", "{{Hatnote|See [[{{{1}}}]].}}", namespace=10),
    SyntheticPage("Template:Sources wanted", "{{Ambox|type=content|text=This article needs sources.}}",
                  namespace=10),
    SyntheticPage("Template:Quokkabox", "{| class=\"infobox\"\n| {{{name}}}\n|}", namespace=10),
    SyntheticPage("Template:See also", "{{#invoke:Labelled list hatnote|labelledList|See also}}", namespace=10),
    SyntheticPage("Template:Seealso", "#REDIRECT [[Template:See also]]", namespace=10, redirect="Template:See also"),
    SyntheticPage("Template:Unlisted", "Just some text.", namespace=10),
    # A redirect to a template the lists name (whose text says nothing of what it is).
    SyntheticPage("Template:More citations needed", "This article needs more citations.", namespace=10),
    SyntheticPage("Template:Needs more citations", "#REDIRECT [[Template:More citations needed]]", namespace=10,
                  redirect="Template:More citations needed"),
]

#: The pages checked, and the findings planted in each: (code, the call reported).
PAGES = {
    "Quokka": ("{{Sources wanted}}\n{{Hp|Quokka (disambiguation)}}\n{{Quokkabox|name=Quokka}}\n"
               "'''Quokka''' is a marsupial.\n== Range ==\n{{Seealso|Rottnest Island}}\n{{See also|Bald Island}}\n"
               "Text.\n"),
    "Setonix": "{{Quokkabox|name=Setonix}}\n{{Sources wanted}}\n{{Unlisted}}\n'''Setonix''' is a genus.\n",
    "Wallaby": "{{Needs more citations}}\n{{Pointer|Wallaby (disambiguation)}}\n'''Wallabies''' hop.\n",
    # Templates the site lists name: found with an index and without.
    "Listed": "{{Unreferenced|date=May 2024}}\n{{About|the animal}}\n'''Listed''' text.\n",
}
WITH_INDEX = sorted([
    ("Quokka", "LAY001", "{{Hp|Quokka (disambiguation)}}"),
    ("Quokka", "LAY003", "{{See also|Bald Island}}"),
    ("Setonix", "LAY001", "{{Sources wanted}}"),
    ("Wallaby", "LAY001", "{{Pointer|Wallaby (disambiguation)}}"),
    ("Listed", "LAY001", "{{About|the animal}}"),
])
WITHOUT_INDEX = [("Listed", "LAY001", "{{About|the animal}}")]


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("layout-wiki")
    pages = TEMPLATES + [SyntheticPage(title, text) for title, text in PAGES.items()]
    path, _index = write_dump(pages, directory / "enwiki-20240101-pages-articles-multistream.xml.bz2",
                              dbname="enwiki")
    return path


def _reported(output: str, title_of) -> list[tuple[str, str, str]]:
    found = []
    for line in output.splitlines():
        if line.strip():
            finding = json.loads(line)
            title = title_of(finding)
            lines = PAGES[title].split("\n")
            written = lines[finding["line"] - 1][finding["column"] - 1:finding["end_column"] - 1]
            found.append((title, finding["code"], written))
    return sorted(found)


def test_the_index_names_the_templates_the_site_lists_do_not(dump, tmp_path):
    index = tmp_path / "enwiki.sqlite"
    result = run_wikilint("dump", str(dump), "--wiki-index", str(index), "--select", "LAY001,LAY003", "-q",
                          "--output-format", "json-lines")
    assert result.returncode == 1, result.stderr_text
    assert _reported(result.stdout_text, lambda finding: finding["title"]) == WITH_INDEX

    files = tmp_path / "pages"
    files.mkdir()
    for title, text in PAGES.items():
        (files / f"{title}.wiki").write_text(text, encoding="utf-8")

    def by_file(finding) -> str:
        return Path(finding["path"]).stem

    # The same pages alone: only the listed templates are known, and the rules still run.
    alone = run_wikilint("check", str(files), "--site", "enwiki", "--select", "LAY001,LAY003", "--no-cache",
                         "--output-format", "json-lines")
    assert alone.returncode == 1, alone.stderr_text
    assert _reported(alone.stdout_text, by_file) == WITHOUT_INDEX
    # With the dump's index, check finds what the dump run found.
    indexed = run_wikilint("check", str(files), "--select", "LAY001,LAY003", "--wiki-index", str(index),
                           "--no-cache", "--output-format", "json-lines")
    assert _reported(indexed.stdout_text, by_file) == WITH_INDEX

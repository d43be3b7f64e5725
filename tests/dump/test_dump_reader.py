"""Reading the real dumps of ../shared/corpus/dumps: every schema, encoding and compression."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wikilint.dump import DumpPage, DumpPageError, DumpReader, PageFilter, ReadStats, iter_batches, read_dump

EVERYTHING = PageFilter.everything()
ALL_REVISIONS = PageFilter(all_revisions=True, include_redirects=True)

# The same one-page, six-revision schema-0.3 dump (pywikibot's tests/data/xml/article-pyrus*),
# in every form the corpus has it.
PYRUS_FORMS = ["pywikibot__article-pyrus.xml", "pywikibot__article-pyrus.xml.bz2", "pywikibot__article-pyrus.xml.gz",
               "pywikibot__article-pyrus.xml.xz", "pywikibot__article-pyrus.xml.lzma",
               "pywikibot__article-pyrus.xml.7z", "pywikibot__article-pyrus-utf16.xml",
               "pywikibot__article-pyrus-utf16.xml.bz2"]


def real_dumps(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and "invalid" not in path.name)


def read_all(source, page_filter: PageFilter = EVERYTHING) -> tuple[list[DumpPage], DumpReader]:
    reader = DumpReader(source, page_filter=page_filter)
    return list(reader), reader


def test_every_real_dump_reads_and_every_page_is_accounted_for(dumps):
    files = real_dumps(dumps)
    assert len(files) > 140
    for path in files:
        pages, reader = read_all(path)
        stats = reader.stats
        assert stats.pages_seen == stats.pages_yielded + sum(stats.skipped_models.values()) + stats.problem_count, path
        assert stats.problem_count == 0, (path, stats.problems)
        for page in pages:
            assert page.title and page.model in (None, "wikitext") and isinstance(page.text, str), path


def test_pyrus_reads_the_same_in_every_compression_and_encoding(dumps):
    reference, _ = read_all(dumps / PYRUS_FORMS[0], ALL_REVISIONS)
    assert [page.revision_id for page in reference] == [104997415, 104997738, 189729426, 190346463, 238138507,
                                                        238392911]
    assert reference[2].text.startswith("\'\'\'Pyrus\'\'\' may refer to:")
    for name in PYRUS_FORMS[1:]:
        pages, reader = read_all(dumps / name, ALL_REVISIONS)
        assert [(p.title, p.revision_id, p.timestamp, p.text) for p in pages] == \
               [(p.title, p.revision_id, p.timestamp, p.text) for p in reference], name


def test_a_redirect_flag_without_target_counts_as_a_redirect(dumps):
    # Pyrus (schema 0.3 as exported then) has <redirect /> with no title attribute.
    pages, reader = read_all(dumps / "pywikibot__article-pyrus.xml", PageFilter())
    assert pages == [] and reader.stats.skipped_redirects == 1
    pages, _ = read_all(dumps / "pywikibot__article-pyrus.xml", PageFilter(include_redirects=True))
    assert [(page.redirect, page.text) for page in pages] == [("", "#REDIRECT [[Pear]]")]


def test_compression_is_recognised_by_content_not_name(dumps, tmp_path):
    misleading = tmp_path / "pyrus.txt"
    misleading.write_bytes((dumps / "pywikibot__article-pyrus.xml.xz").read_bytes())
    pages, reader = read_all(misleading)
    assert [page.title for page in pages] == ["Pyrus"]
    assert reader.stats.compressed_bytes == misleading.stat().st_size


def test_utf16_with_and_without_byte_order_mark(dumps, tmp_path):
    utf16_be = (dumps / "pywikibot__article-pyrus-utf16.xml").read_bytes()
    assert utf16_be.startswith(b"\x00<")  # big-endian, no BOM, as the corpus has it
    text = utf16_be.decode("utf-16-be")
    expected, _ = read_all(dumps / "pywikibot__article-pyrus.xml")
    for name, data in [("le-bom.xml", b"\xff\xfe" + text.encode("utf-16-le")),
                       ("le.xml", text.encode("utf-16-le")),
                       ("be-bom.xml", b"\xfe\xff" + text.encode("utf-16-be")),
                       ("utf8-bom.xml", b"\xef\xbb\xbf" + text.replace('encoding="UTF-16"', "").encode("utf-8"))]:
        (tmp_path / name).write_bytes(data)
        pages, _ = read_all(tmp_path / name)
        assert [(p.title, p.text) for p in pages] == [(p.title, p.text) for p in expected], name


def test_latest_revision_by_default_all_with_the_option(dumps):
    latest, _ = read_all(dumps / "pywikibot__article-pear.xml")
    every, _ = read_all(dumps / "pywikibot__article-pear.xml", ALL_REVISIONS)
    assert [page.revision_id for page in every] == [185185, 185241, 185408, 188924]
    assert [page.revision_index for page in every] == [0, 1, 2, 3]
    assert [(page.revision_id, page.revision_index) for page in latest] == [(188924, 3)]
    assert latest[0].text == every[-1].text


def test_latest_is_by_timestamp_when_a_dump_lists_newest_first(dumps):
    # macbre's dump.xml lists "Page title"'s revisions newest first, without ids.
    pages, _ = read_all(dumps / "macbre-mediawiki-dump__dump.xml")
    first = pages[0]
    assert (first.title, first.timestamp, first.revision_index) == ("Page title", "2001-01-15T13:15:00Z", 0)
    assert first.text == "A bunch of [[Special:MyLanguage/text|text]] here."


def test_schema_0_3_without_ns_takes_the_namespace_from_the_title(dumps):
    pages, reader = read_all(dumps / "macbre-mediawiki-dump__dump.xml")
    assert [(page.title, page.namespace) for page in pages] == [("Page title", 0), ("Talk:Page title", 1)]
    assert reader.siteinfo.dbname == "plwiki" and reader.siteinfo.namespaces == {}
    main_only, _ = read_all(dumps / "macbre-mediawiki-dump__dump.xml", PageFilter())
    assert [page.title for page in main_only] == ["Page title"]


def test_schema_0_10_fields(dumps):
    pages, reader = read_all(dumps / "pywikibot__pair-0.10.xml", PageFilter(namespaces=None, all_revisions=True))
    first = pages[1]
    assert (first.title, first.namespace, first.page_id, first.revision_id, first.parent_id) == \
           ("Çullu, Agdam", 0, 19252820, 237383099, 237382899)
    assert (first.timestamp, first.model, first.format, first.bytes) == \
           ("2008-09-09T22:41:28Z", "wikitext", "text/x-wiki", 305)
    assert first.sha1 == "senkho7ycefskq5d8mllalt33oxiy7v"
    assert "&lt;" not in first.text and "<!-- Long comment" in first.text  # entities decoded
    assert pages[0].parent_id is None
    site = reader.siteinfo
    assert (site.sitename, site.dbname, site.case, site.schema_version) == ("Wikipedia", "enwiki", "first-letter",
                                                                           "0.10")
    assert site.base == "http://en.wikipedia.org/wiki/Main_Page" and site.generator == "MediaWiki 1.25wmf12"
    assert site.namespaces[0] == "" and site.namespaces[2600] == "Topic" and site.namespace_cases[10] == "first-letter"


def test_redirects_are_skipped_unless_included(dumps):
    dump = dumps / "gensim__enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
    pages, reader = read_all(dump, PageFilter())
    assert reader.stats.pages_seen == 206
    # 100 redirects, one of them in the Wikipedia: namespace, which is skipped for its namespace
    assert reader.stats.skipped_redirects == 99 and reader.stats.skipped_namespace == 1
    assert len(pages) == 106 and not any(page.is_redirect for page in pages)
    with_redirects, _ = read_all(dump, PageFilter(include_redirects=True))
    redirects = [page for page in with_redirects if page.is_redirect]
    assert len(redirects) == 99
    assert redirects[0].title == "AccessibleComputing" and redirects[0].redirect == "Computer accessibility"


def test_namespace_filter_title_regex_and_limit(dumps):
    dump = dumps / "pywikibot__dummy-template.xml"
    talk, reader = read_all(dump, PageFilter(namespaces=frozenset({1})))
    assert [page.title for page in talk] == ["Fake page with unnecessary template prefix",
                                            "Fake page with nested template"]
    assert reader.stats.skipped_namespace == 1
    nested, reader = read_all(dump, PageFilter(namespaces=None, title_regex=re.compile("nested")))
    assert [page.title for page in nested] == ["Fake page with nested template"]
    assert reader.stats.skipped_title == 2
    limited, reader = read_all(dumps / "dbpedia-minidumps" / "enwiki.xml.bz2", PageFilter(limit=3))
    assert len(limited) == 3 and reader.stats.pages_yielded == 3
    assert reader.stats.xml_bytes < 1_550_174  # it stopped reading before the end


def test_non_wikitext_models_are_skipped_and_counted(dumps):
    pages, reader = read_all(dumps / "dbpedia-minidumps" / "wikidatawiki.xml.bz2")
    assert pages == []
    assert reader.stats.skipped_models == {"wikibase-lexeme": 29, "wikibase-item": 13, "wikibase-property": 5}


def test_a_dump_with_zero_pages_is_not_an_error(dumps):
    pages, reader = read_all(dumps / "dbpedia-minidumps" / "wikidata.orgwiki.xml.bz2")
    assert pages == [] and reader.stats.pages_seen == 0 and reader.siteinfo.dbname == "enwiki"


def test_multi_revision_dump_in_all_revisions_mode(dumps):
    every, _ = read_all(dumps / "dbpedia-samples" / "frwiki-20220101-pages-articles.xml",
                        PageFilter(all_revisions=True))
    assert len(every) == 83
    latest, _ = read_all(dumps / "dbpedia-samples" / "frwiki-20220101-pages-articles.xml")
    assert [page.title for page in latest] == ["Hôtes de passage", "Raymond Beaudet"]
    for page in latest:
        revisions = [p for p in every if p.title == page.title]
        assert page.revision_id == max(revisions, key=lambda p: p.timestamp).revision_id


def test_siteinfo_is_available_before_the_first_page(dumps):
    reader = DumpReader(dumps / "dbpedia-minidumps" / "zhwiki.xml.bz2")
    assert reader.siteinfo.dbname == "enwiki"  # the dbpedia minidumps reuse enwiki's siteinfo
    pages = list(reader)
    assert [page.title for page in pages] == ["柏林"]
    assert pages[0].offset == 0 and pages[0].xml_offset > 0


def test_several_split_files_form_one_run(dumps):
    files = [dumps / "dbpedia-minidumps" / "dewiki.xml.bz2", dumps / "dbpedia-minidumps" / "zhwiki.xml.bz2"]
    pages, reader = read_all(files)
    assert [page.title for page in pages] == ["Arthur Schopenhauer", "Berlin", "柏林"]
    assert [page.source for page in pages] == [str(files[0])] * 2 + [str(files[1])]
    assert reader.compressed_size == sum(path.stat().st_size for path in files)
    assert reader.compressed_position == reader.compressed_size


def test_reading_from_stdin_and_from_a_stream(dumps):
    data = (dumps / "pywikibot__article-pyrus.xml.bz2").read_bytes()
    pages, _ = read_all(io.BytesIO(data))
    assert [page.title for page in pages] == ["Pyrus"]
    probe = ("from wikilint.dump import DumpReader, PageFilter\n"
             "print([p.title for p in DumpReader('-', page_filter=PageFilter.everything())])\n")
    result = subprocess.run([sys.executable, "-c", probe], input=data, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "['Pyrus']"


def test_read_dump_adds_its_counts_to_given_stats(dumps):
    stats = ReadStats()
    pages = list(read_dump(dumps / "pywikibot__dummy-reflinks.xml", stats=stats))
    assert len(pages) == 1 and stats.pages_seen == 2 and stats.skipped_namespace == 1


# -- schema 0.11 and page-level problems, on small dumps written here ----------------------
HEADER = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">\n'
          "  <siteinfo><sitename>W</sitename><dbname>testwiki</dbname>"
          '<namespaces><namespace key="0" case="first-letter" /></namespaces>'
          '<namespacealiases><namespace key="4">WP</namespace></namespacealiases></siteinfo>\n')


def dump_of(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "d.xml"
    path.write_text(HEADER + body + "</mediawiki>\n", encoding="utf-8")
    return path


def test_schema_0_11_main_slot_and_content_slots_and_unknown_elements(tmp_path):
    dump = dump_of(tmp_path, """
  <page><title>A</title><ns>0</ns><id>1</id><future-element>ignored</future-element>
    <revision><id>10</id><timestamp>2024-01-01T00:00:00Z</timestamp><origin>10</origin>
      <model>wikitext</model><format>text/x-wiki</format>
      <text bytes="4" sha1="s1" xml:space="preserve">main</text>
      <content><role>mediainfo</role><origin>10</origin><model>wikibase-mediainfo</model>
        <format>application/json</format><text bytes="2" sha1="s2" xml:space="preserve">{}</text></content>
      <sha1>combined</sha1><unknown><deep>x</deep></unknown>
    </revision></page>
  <page><title>B</title><ns>0</ns><id>2</id>
    <revision><id>20</id><timestamp>2024-01-01T00:00:00Z</timestamp>
      <content><role>main</role><model>wikitext</model><format>text/x-wiki</format>
        <text bytes="7" xml:space="preserve">in slot</text></content>
      <sha1>x</sha1></revision></page>
""")
    pages, reader = read_all(dump)
    assert [(p.title, p.text, p.model, p.sha1) for p in pages] == [("A", "main", "wikitext", "combined"),
                                                                   ("B", "in slot", "wikitext", "x")]
    assert reader.siteinfo.aliases == {4: ("WP",)} and reader.siteinfo.schema_version == "0.11"


PROBLEM_BODY = """
  <page><title>No revision</title><ns>0</ns><id>1</id></page>
  <page><title>Talk:No revision</title><ns>1</ns><id>9</id></page>
  <page><title>Deleted</title><ns>0</ns><id>2</id>
    <revision><id>21</id><timestamp>2024-01-01T00:00:00Z</timestamp>
      <text bytes="9" deleted="deleted" /></revision></page>
  <page><title>Missing</title><ns>0</ns><id>3</id>
    <revision><id>31</id><timestamp>2024-01-01T00:00:00Z</timestamp></revision></page>
  <page><title>Stub</title><ns>0</ns><id>4</id>
    <revision><id>41</id><timestamp>2024-01-01T00:00:00Z</timestamp><text bytes="9" id="77" /></revision></page>
  <page><title>Good</title><ns>0</ns><id>5</id>
    <revision><id>51</id><timestamp>2024-01-01T00:00:00Z</timestamp><text>fine</text></revision></page>
"""


def test_page_problems_are_reported_and_the_read_goes_on(tmp_path):
    seen = []
    reader = DumpReader(dump_of(tmp_path, PROBLEM_BODY), on_problem=seen.append)
    assert [page.title for page in reader] == ["Good"]
    assert [(p.kind, p.title) for p in seen] == [("no-revision", "No revision"), ("text-deleted", "Deleted"),
                                                ("text-missing", "Missing"), ("text-missing", "Stub")]
    assert reader.stats.problem_count == 4 and reader.stats.problems == seen
    assert "revision 21" in seen[1].message and "deleted" in str(seen[1]) and "'Deleted'" in str(seen[1])


def test_page_problems_raise_in_strict_mode(tmp_path):
    with pytest.raises(DumpPageError, match="'No revision'.*no revision"):
        list(DumpReader(dump_of(tmp_path, PROBLEM_BODY), strict=True))


def test_deleted_old_revisions_are_skipped_when_reading_all_revisions(tmp_path):
    dump = dump_of(tmp_path, """
  <page><title>H</title><ns>0</ns><id>1</id>
    <revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp><text deleted="deleted" /></revision>
    <revision><id>2</id><timestamp>2021-01-01T00:00:00Z</timestamp><text>now</text></revision></page>
""")
    pages, reader = read_all(dump, PageFilter(all_revisions=True))
    assert [(page.revision_id, page.text) for page in pages] == [(2, "now")]
    assert reader.stats.skipped_deleted_revisions == 1 and reader.stats.problem_count == 0


def test_pages_in_batches_for_workers(dumps):
    pages = DumpReader(dumps / "gensim__enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2")
    batches = list(iter_batches(pages, max_pages=40, max_bytes=10**9))
    assert [len(batch) for batch in batches] == [40, 40, 26]
    by_size = list(iter_batches(DumpReader(dumps / "dbpedia-minidumps" / "enwiki.xml.bz2"), max_bytes=200_000))
    assert len(by_size) > 3 and all(sum(len(page.text) for page in batch[:-1]) < 200_000 for batch in by_size)


def test_a_7z_archive_cannot_come_from_a_pipe(dumps):
    probe = ("import sys\nfrom wikilint.dump import DumpReader, DumpError\n"
             "try:\n    list(DumpReader('-'))\nexcept DumpError as error:\n    print(error)\n")
    archive = (dumps / "pywikibot__article-pyrus.xml.7z").read_bytes()
    result = subprocess.run([sys.executable, "-c", probe], input=archive, capture_output=True)
    assert result.stdout.decode().strip() == ("<stdin>: a 7z archive cannot be read from a pipe (its index is at its "
                                              "end); give its path")

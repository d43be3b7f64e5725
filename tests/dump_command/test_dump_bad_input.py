"""Bad input to ``wikilint dump``: one line with a position, exit 2, and what was written stays valid."""

from __future__ import annotations

import bz2
import json

import pytest

from support import run_wikilint

HEADER = (b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n<siteinfo><dbname>testwiki'
          b'</dbname><case>first-letter</case></siteinfo>\n')


def page(title: str, revision: bytes) -> bytes:
    return b"<page><title>" + title.encode() + b"</title><ns>0</ns><id>7</id>" + revision + b"</page>\n"


GOOD = page("Good", b"<revision><id>1</id><text>[[Apple|apple]]</text></revision>")


def failing(*args: str):
    result = run_wikilint("dump", "-q", *args)
    assert result.returncode == 2, result.stderr_text
    errors = [line for line in result.stderr_text.splitlines() if line.startswith("wikilint: error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr_text, result.stderr_text
    return errors[0], result


def zhwiki_xml(dumps) -> bytes:
    return bz2.decompress((dumps / "dbpedia-minidumps" / "zhwiki.xml.bz2").read_bytes())


def test_a_truncated_compressed_file_keeps_the_findings_so_far_and_writes_no_dump(dumps, tmp_path):
    from wikilint.dump import SyntheticPage, write_dump

    pages = [SyntheticPage(f"Page {n}", f"[[Apple|apple]] {n}\n" + f"Text {n} of some length. " * 300)
             for n in range(400)]
    whole, _ = write_dump(pages, tmp_path / "whole.xml.bz2", multistream=False)
    data = whole.read_bytes()
    whole.unlink()
    cut = tmp_path / "testwiki.xml.bz2"
    cut.write_bytes(data[:len(data) * 9 // 10])
    output = tmp_path / "fixed.xml.bz2"
    output.write_bytes(b"an earlier output")
    message, _ = failing(str(cut), "--fix", "--output", str(output), "--edits", str(tmp_path / "f.jsonl"))
    assert f"{cut} (byte {len(data) * 9 // 10}): " in message and "truncated" in message
    assert output.read_bytes() == b"an earlier output"  # never replaced by a partial dump
    lines = (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()
    titles = [json.loads(line)["title"] for line in lines]  # the pages before the cut, valid JSON, in order
    assert 100 < len(titles) < 400 and titles == [f"Page {n}" for n in range(len(titles))]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.jsonl", "fixed.xml.bz2", "testwiki.xml.bz2"]


def test_xml_cut_mid_page_like_the_broken_zhwiki_dump(dumps, tmp_path):
    cut = tmp_path / "zhwiki-cut.xml.bz2"
    cut.write_bytes(bz2.compress(zhwiki_xml(dumps)[:30_000]))
    message, _ = failing(str(cut))
    assert "page '柏林'" in message and "uncompressed byte" in message and "cut short" in message


@pytest.mark.parametrize("revision, expected", [
    (b"<revision><id>2</id></revision>", "revision 2 has no <text> element"),
    (b'<revision><id>3</id><text deleted="deleted" /></revision>', 'the text of revision 3 is deleted'),
    (b"", "the page has no revision"),
])
def test_page_problems_are_errors_for_their_page_and_the_run_goes_on(tmp_path, revision, expected):
    source = tmp_path / "problem.xml"
    source.write_bytes(HEADER + page("Broken", revision) + GOOD + b"</mediawiki>\n")
    result = run_wikilint("dump", "-q", str(source), "--output-format", "concise")
    assert result.returncode == 2
    lines = result.stdout_text.splitlines()
    assert lines[0].startswith(f"Broken: error: {source} (page 'Broken', byte ") and expected in lines[0]
    assert lines[1].startswith("Good:1:1: LNK001")  # the next page is still checked, in order


def test_entities_are_refused(tmp_path):
    laughs = tmp_path / "laughs.xml"
    laughs.write_bytes(b'<?xml version="1.0"?>\n<!DOCTYPE mediawiki [\n <!ENTITY lol "lol">\n <!ENTITY lol1 '
                       b'"&lol;&lol;&lol;&lol;">\n]>\n<mediawiki><page><title>&lol1;</title></page></mediawiki>')
    message, _ = failing(str(laughs))
    assert "declares the entity 'lol'" in message and "byte " in message


@pytest.mark.parametrize("content, expected", [(b"<html><body>hi</body></html>", "not a MediaWiki XML dump"),
                                               (b"'''wikitext'''\n", "not XML")])
def test_a_file_that_is_no_dump(tmp_path, content, expected):
    (tmp_path / "page.xml").write_bytes(content)
    message, _ = failing(str(tmp_path / "page.xml"))
    assert expected in message and f"{tmp_path / 'page.xml'} (byte " in message


def test_an_invalid_7z(dumps):
    message, _ = failing(str(dumps / "pywikibot__article-pyrus.xml_invalid.7z"))
    assert "named like a 7z file but is not one" in message


def test_an_index_that_does_not_match_its_dump(tmp_path):
    from wikilint.dump import write_dump
    from wikilint.dump.synthetic import SyntheticPage

    dump, _ = write_dump([SyntheticPage(f"A {n}", "x " * n) for n in range(250)],
                         tmp_path / "a" / "testwiki-pages-articles-multistream.xml.bz2") if (tmp_path / "a").mkdir() \
        is None else (None, None)
    (tmp_path / "b").mkdir()
    _, other_index = write_dump([SyntheticPage(f"B {n}", "y " * (n + 3)) for n in range(250)],
                                tmp_path / "b" / "testwiki-pages-articles-multistream.xml.bz2")
    message, _ = failing(str(dump), "--index", str(other_index))
    assert "does not match" in message and "byte " in message


def test_a_dump_without_pages_is_no_error(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(HEADER + b"</mediawiki>\n")
    result = run_wikilint("dump", str(empty), "--statistics")
    assert result.returncode == 0, result.stderr_text
    assert "Pages: 0 checked, 0 skipped, 0 failed" in result.stdout_text

"""Bad input: each kind gives its own exception type and a one-line message with a position."""

from __future__ import annotations

import bz2
import sys

import pytest

from wikilint.dump import (DumpCompressionError, DumpEntityError, DumpError, DumpIncompleteError, DumpReader,
                           DumpTruncatedError, DumpXMLError, MissingExtraError, NotADumpError, PageFilter,
                           describe_dump, is_dump_or_compressed, sniff_compression)


def read(path):
    return list(DumpReader(path, page_filter=PageFilter.everything()))


def error_of(path) -> DumpError:
    with pytest.raises(DumpError) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path)), message
    return caught.value


def zhwiki_xml(dumps) -> bytes:
    return bz2.decompress((dumps / "dbpedia-minidumps" / "zhwiki.xml.bz2").read_bytes())


@pytest.mark.parametrize("name, cut", [("dbpedia-minidumps/zhwiki.xml.bz2", 10_000),
                                       ("pywikibot__article-pyrus.xml.gz", 600),
                                       ("pywikibot__article-pyrus.xml.xz", 600),
                                       ("pywikibot__article-pyrus.xml.lzma", 600)])
def test_a_truncated_compressed_file(dumps, tmp_path, name, cut):
    truncated = tmp_path / name.split("/")[-1]
    truncated.write_bytes((dumps / name).read_bytes()[:cut])
    error = error_of(truncated)
    assert type(error) is DumpTruncatedError
    assert error.offset == cut and "truncated" in str(error) and f"byte {cut}" in str(error)


def test_xml_cut_mid_page_names_the_page_and_where_it_starts(dumps, tmp_path):
    xml = zhwiki_xml(dumps)
    page_start = xml.index(b"<page>")
    for name, data in [("cut.xml", xml[:30_000]), ("cut.xml.bz2", bz2.compress(xml[:30_000]))]:
        (tmp_path / name).write_bytes(data)
        error = error_of(tmp_path / name)
        assert type(error) is DumpIncompleteError and error.title == "柏林"
        assert f"starts at byte {page_start}" in str(error) and "cut short after 0 complete pages" in str(error)
    assert "uncompressed byte" in str(error)  # the .bz2 one: a position in the XML, not in the file


def test_xml_cut_between_pages(dumps, tmp_path):
    xml = zhwiki_xml(dumps)
    (tmp_path / "noend.xml").write_bytes(xml[:xml.index(b"</mediawiki>")])
    error = error_of(tmp_path / "noend.xml")
    assert type(error) is DumpIncompleteError
    assert "before </mediawiki>" in str(error) and "after 1 complete pages" in str(error) and "'柏林'" in str(error)


def test_pages_read_before_the_cut_are_yielded_first(dumps, tmp_path):
    xml = bz2.decompress((dumps / "dbpedia-minidumps" / "enwiki.xml.bz2").read_bytes())
    (tmp_path / "cut.xml").write_bytes(xml[:len(xml) // 2])
    titles = []
    with pytest.raises(DumpIncompleteError):
        for page in DumpReader(tmp_path / "cut.xml", page_filter=PageFilter.everything()):
            titles.append(page.title)
    assert len(titles) > 5


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE mediawiki [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<mediawiki><page><title>&lol2;</title><revision><text>x</text></revision></page></mediawiki>"""


def test_doctype_entities_are_refused_never_expanded_or_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    cases = {
        "laughs.xml": BILLION_LAUGHS,
        "external.xml": (b'<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "' + secret.as_uri().encode()
                         + b'">]>\n<mediawiki><page><title>&x;</title></page></mediawiki>'),
        "parameter.xml": (b'<!DOCTYPE m [<!ENTITY % p SYSTEM "' + secret.as_uri().encode() + b'"> %p;]>'
                          b"<mediawiki/>"),
        "dtd.xml": b'<!DOCTYPE mediawiki SYSTEM "http://example.invalid/export.dtd">\n<mediawiki/>',
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        error = error_of(tmp_path / name)
        assert type(error) is DumpEntityError, name
        assert "SECRET" not in str(error)
    assert "declares the entity 'lol'" in str(error_of(tmp_path / "laughs.xml"))
    assert "external DTD" in str(error_of(tmp_path / "dtd.xml"))


def test_an_undeclared_entity_is_an_xml_error(tmp_path):
    (tmp_path / "nbsp.xml").write_bytes(b"<mediawiki><page><title>a&nbsp;b</title></page></mediawiki>")
    error = error_of(tmp_path / "nbsp.xml")
    assert type(error) is DumpXMLError and "undefined entity" in str(error) and error.offset == 25


@pytest.mark.parametrize("content, expected", [
    (b"<html><body>hello</body></html>", "the root element is <html>, not <mediawiki>"),
    (b"'''Bold''' wikitext, not XML\n", "not XML"),
    (b"", "empty"),
])
def test_a_file_that_is_not_a_dump(tmp_path, content, expected):
    (tmp_path / "page.xml").write_bytes(content)
    error = error_of(tmp_path / "page.xml")
    assert type(error) is NotADumpError and expected in str(error)


def test_the_corpus_invalid_7z_and_a_damaged_one(dumps, tmp_path):
    error = error_of(dumps / "pywikibot__article-pyrus.xml_invalid.7z")
    assert type(error) is DumpCompressionError and "named like a 7z file but is not one" in str(error)
    damaged = tmp_path / "damaged.7z"
    damaged.write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 40)
    assert "invalid 7z archive" in str(error_of(damaged))
    truncated = tmp_path / "truncated.7z"
    truncated.write_bytes((dumps / "macbre-mediawiki-dump__dump.xml.7z").read_bytes()[:700])
    assert isinstance(error_of(truncated), DumpCompressionError)


def test_damaged_bz2_data(dumps, tmp_path):
    data = bytearray((dumps / "pywikibot__article-pyrus.xml.bz2").read_bytes())
    data[100:104] = b"\x00" * 4
    (tmp_path / "damaged.bz2").write_bytes(bytes(data))
    error = error_of(tmp_path / "damaged.bz2")
    assert type(error) is DumpCompressionError and "damaged bz2 data" in str(error)


def test_a_missing_extra_is_one_line_naming_it(dumps, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "py7zr", None)  # as if not installed
    error = error_of(dumps / "pywikibot__article-pyrus.xml.7z")
    assert type(error) is MissingExtraError and "pip install 'wikilint[7z]'" in str(error)
    monkeypatch.setitem(sys.modules, "backports", None)
    monkeypatch.setitem(sys.modules, "compression", None)
    (tmp_path / "d.zst").write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 20)
    assert "pip install 'wikilint[zstd]'" in str(error_of(tmp_path / "d.zst"))


def test_recognising_dumps_for_check_to_refuse(dumps, corpus):
    for name in ["pywikibot__article-pyrus.xml", "pywikibot__article-pyrus-utf16.xml",
                 "macbre-mediawiki-dump__dump.xml", "dbpedia-samples/frwiki-20220101-pages-articles.xml"]:
        assert describe_dump(dumps / name) == "an XML dump", name
    for name, compression in [("pywikibot__article-pyrus.xml.bz2", "bz2"), ("pywikibot__article-pyrus.xml.gz", "gzip"),
                              ("pywikibot__article-pyrus.xml.xz", "xz"), ("pywikibot__article-pyrus.xml.lzma", "lzma"),
                              ("pywikibot__article-pyrus.xml.7z", "7z")]:
        assert describe_dump(dumps / name) == f"{compression}-compressed", name
        assert sniff_compression((dumps / name).read_bytes()[:64]) == compression
    pages = sorted(corpus.glob("*/*.wiki"))
    assert pages and not any(is_dump_or_compressed(page) for page in pages)
    assert not is_dump_or_compressed(dumps / "pywikibot__article-pyrus.xml_invalid.7z")  # plain text

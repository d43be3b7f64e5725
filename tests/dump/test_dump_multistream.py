"""Multistream dumps: index naming, ranges read independently, mismatches refused."""

from __future__ import annotations

import bz2
import pickle
from pathlib import Path

import pytest

from wikilint.dump import (DumpError, DumpMismatchError, DumpReader, MultistreamIndex, PageFilter, ReadStats,
                           find_index, index_path_for, read_range, write_dump)

EVERYTHING = PageFilter.everything()


def test_index_names_follow_wikimedia():
    assert index_path_for("/d/enwiki-20240101-pages-articles-multistream.xml.bz2") == \
           Path("/d/enwiki-20240101-pages-articles-multistream-index.txt.bz2")
    assert index_path_for("enwiki-20240101-pages-articles-multistream3.xml-p151574p311329.bz2") == \
           Path("enwiki-20240101-pages-articles-multistream-index3.txt-p151574p311329.bz2")
    assert index_path_for("fixed.xml.bz2") == Path("fixed-index.txt.bz2")


def test_the_written_dump_has_wikimedias_layout(multistream_dump):
    dump, index = multistream_dump
    assert find_index(dump) == index
    lines = bz2.decompress(index.read_bytes()).decode("utf-8").splitlines()
    assert len(lines) == 250 and lines[0].split(":", 2)[1:] == ["1", "Page 0"]
    offsets = sorted({int(line.split(":")[0]) for line in lines})
    assert len(offsets) == 3  # 100 + 100 + 50 pages
    data = dump.read_bytes()
    header = bz2.decompress(data[:offsets[0]])
    assert header.rstrip().endswith(b"</siteinfo>") and b"<page>" not in header
    second = bz2.decompress(data[offsets[1]:offsets[2]])
    assert second.lstrip().startswith(b"<page>") and second.count(b"<page>") == 100
    assert data[offsets[2]:].startswith(b"BZh")


def test_ranges_read_independently_give_what_one_sequential_reader_gives(multistream_dump):
    dump, _ = multistream_dump
    sequential = list(DumpReader(dump, page_filter=EVERYTHING))
    index = MultistreamIndex.load(dump)
    assert index.page_count == 250 and len(index.streams) == 3
    assert index.read_siteinfo().dbname == "testwiki"
    site = index.read_siteinfo()
    stats = ReadStats()
    from_ranges = []
    for stream_range in reversed(index.ranges()):  # any order: each range stands alone
        stream_range = pickle.loads(pickle.dumps(stream_range))  # as shipped to a worker
        from_ranges[:0] = list(read_range(stream_range, page_filter=EVERYTHING, siteinfo=site, stats=stats))
    assert [(p.title, p.text, p.page_id, p.redirect) for p in from_ranges] == \
           [(p.title, p.text, p.page_id, p.redirect) for p in sequential]
    assert stats.pages_seen == 250 and stats.compressed_bytes == dump.stat().st_size - index.header_end
    assert {page.offset for page in from_ranges} == {stream.start for stream in index.streams}


def test_ranges_group_streams_up_to_a_size(multistream_dump):
    dump, _ = multistream_dump
    index = MultistreamIndex.load(dump)
    whole = index.ranges(max_bytes=10**9)
    assert len(whole) == 1 and whole[0].page_count == 250 and whole[0].start == index.header_end
    assert len(list(read_range(whole[0], page_filter=EVERYTHING))) == 250
    small = index.ranges(max_bytes=1)
    assert [r.ordinal for r in small] == [0, 1, 2] and [r.page_count for r in small] == [100, 100, 50]


def test_a_filter_applies_to_ranges(multistream_dump):
    dump, _ = multistream_dump
    index = MultistreamIndex.load(dump)
    stats = ReadStats()
    pages = [page for r in index.ranges() for page in read_range(r, stats=stats)]
    assert pages and all(page.namespace == 0 and not page.is_redirect for page in pages)
    assert stats.skipped_redirects > 0 and stats.skipped_namespace > 0
    assert stats.pages_yielded + stats.skipped == 250


def test_an_index_of_another_dump_is_refused(tmp_path, multistream_dump, sample_pages):
    dump, index = multistream_dump
    other, other_index = write_dump(sample_pages(120)[20:], tmp_path / "other-multistream.xml.bz2")
    # The header streams have the same size, so the offsets agree; the pages do not.
    loaded = MultistreamIndex.load(dump, other_index)
    with pytest.raises(DumpMismatchError, match="first page is 'Page 0' with id 1"):
        list(read_range(loaded.ranges()[0]))
    shifted = tmp_path / "shifted-index.txt.bz2"
    lines = bz2.decompress(index.read_bytes()).decode().splitlines()
    shifted.write_bytes(bz2.compress("".join(f"{int(o) + 10**7}:{rest}\n" for o, _, rest in
                                             (line.partition(":") for line in lines)).encode()))
    with pytest.raises(DumpMismatchError, match="past the end"):
        MultistreamIndex.load(dump, shifted)


def test_an_index_whose_page_ids_differ_is_refused_when_the_range_is_read(tmp_path, multistream_dump):
    dump, index = multistream_dump
    lines = bz2.decompress(index.read_bytes()).decode().splitlines()
    wrong = tmp_path / "wrong-index.txt.bz2"
    wrong.write_bytes(bz2.compress("".join(line.replace(":1:", ":999:", 1) + "\n" for line in lines).encode()))
    first = MultistreamIndex.load(dump, wrong).ranges()[0]
    with pytest.raises(DumpMismatchError, match="first page is 'Page 0' with id 1"):
        list(read_range(first, page_filter=EVERYTHING))
    dropped = tmp_path / "dropped-index.txt.bz2"
    dropped.write_bytes(bz2.compress("".join(line + "\n" for line in lines[:-1]).encode()))
    last = MultistreamIndex.load(dump, dropped).ranges()[-1]
    with pytest.raises(DumpMismatchError, match="holds 50 pages, the last with id 250"):
        list(read_range(last, page_filter=EVERYTHING))


def test_a_malformed_index_line_and_a_missing_index(tmp_path, multistream_dump):
    dump, _ = multistream_dump
    bad = tmp_path / "bad-index.txt"
    bad.write_text("12:x:Title\n", encoding="utf-8")
    with pytest.raises(DumpMismatchError, match="line 1 is not 'offset:page_id:title'"):
        MultistreamIndex.load(dump, bad)
    lonely = tmp_path / "lonely.xml.bz2"
    lonely.write_bytes(dump.read_bytes())
    with pytest.raises(DumpError, match="no multistream index beside it"):
        MultistreamIndex.load(lonely)


def test_split_dumps_of_different_wikis_do_not_form_one_run(tmp_path, sample_pages):
    first, _ = write_dump(sample_pages(5), tmp_path / "a.xml", dbname="enwiki")
    second, _ = write_dump(sample_pages(5), tmp_path / "b.xml", dbname="dewiki")
    with pytest.raises(DumpMismatchError, match="of dewiki, the run's first dump of enwiki"):
        list(DumpReader([first, second]))


def test_a_zero_page_multistream_dump(tmp_path):
    dump, index = write_dump([], tmp_path / "empty-multistream.xml.bz2")
    loaded = MultistreamIndex.load(dump)
    assert loaded.streams == [] and loaded.ranges() == [] and loaded.read_siteinfo().dbname == "testwiki"
    assert list(DumpReader(dump)) == []

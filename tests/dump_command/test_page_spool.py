"""The wiki index pass leaves each multistream range's pages for the lint pass (one read of
the dump instead of two): the lint pass must see exactly what reading the range gives."""

from __future__ import annotations

import json

from dump_command.pages import fixable_pages
from support import run_wikilint
from wikilint.dump import MultistreamIndex, PageFilter, ReadStats, SyntheticPage, read_range, write_dump
from wikilint.dump.spool import PageSpool
from wikilint.wikiindex.build import IndexRangeUnit


def test_the_index_pass_spools_what_reading_each_range_gives(tmp_path):
    pages = fixable_pages(250) + [SyntheticPage("Data", "{}", model="json")]
    dump, _index = write_dump(pages, tmp_path / "testwiki-20240101-pages-articles-multistream.xml.bz2")
    index = MultistreamIndex.load(dump)
    siteinfo = index.read_siteinfo()
    page_filter = PageFilter()  # the lint pass's default: articles, no redirects
    spool = PageSpool(str(tmp_path / "spool"), page_filter)
    (tmp_path / "spool").mkdir()
    ranges = index.ranges()
    assert len(ranges) >= 3
    total = ReadStats()
    for stream_range in ranges:
        spooled_part = IndexRangeUnit(stream_range, siteinfo, {}, spool).finish([])
        assert spooled_part.rows == IndexRangeUnit(stream_range, siteinfo, {}).finish([]).rows
        expected_stats = ReadStats()
        expected = list(read_range(stream_range, page_filter=page_filter, siteinfo=siteinfo, stats=expected_stats))
        entries, stats = spool.take(stream_range)
        assert entries == expected and stats == expected_stats
        total.add(stats)
        assert spool.take(stream_range) is None  # taken once: a unit run again reads the dump
    assert total.skipped_models["json"] == 1 and total.skipped_redirects and total.skipped_namespace
    assert list((tmp_path / "spool").iterdir()) == []
    # A worker that cannot reach the run's directory (another machine) keeps nothing.
    elsewhere = PageSpool(str(tmp_path / "absent"), page_filter)
    IndexRangeUnit(ranges[0], siteinfo, {}, elsewhere).finish([])
    assert elsewhere.take(ranges[0]) is None and not (tmp_path / "absent").exists()


def test_a_run_that_builds_the_index_says_what_a_run_that_reuses_it_says(tmp_path):
    pages = fixable_pages(300) + [SyntheticPage("Talk:Pear", "[[Pear#Nowhere]]", namespace=1)]
    dump, _index = write_dump(pages, tmp_path / "testwiki-20240101-pages-articles-multistream.xml.bz2")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {"TMPDIR": str(temporary)}
    runs = []
    for name in ("built", "reused"):  # the first builds the index (and spools the pages), the second reads the dump
        output = tmp_path / f"{name}-multistream.xml.bz2"
        result = run_wikilint("dump", str(dump), "--wiki-index", str(tmp_path / "wiki.sqlite"), "-j", "2",
                              "--fix", "--output", str(output), "--edits", str(tmp_path / f"{name}-edits.jsonl"),
                              "--statistics", "--output-file", str(tmp_path / f"{name}.jsonl"),
                              "--title-regex", "^(Page|Redirect)", env=environment)
        assert result.returncode in (0, 1), result.stderr_text
        runs.append((result, output))
        assert list(temporary.iterdir()) == []  # the spool is gone with the run
    (built, built_output), (reused, reused_output) = runs
    assert "building the wiki index" in built.stderr_text and "using the wiki index" in reused.stderr_text
    findings = [(tmp_path / f"{name}.jsonl").read_text(encoding="utf-8") for name in ("built", "reused")]
    assert findings[0] == findings[1]
    assert built_output.read_bytes() == reused_output.read_bytes() != dump.read_bytes()
    edits = [json.loads(line) for line in (tmp_path / "built-edits.jsonl").read_text(encoding="utf-8").splitlines()]
    assert edits and edits == [json.loads(line) for line in
                               (tmp_path / "reused-edits.jsonl").read_text(encoding="utf-8").splitlines()]
    statistics = [result.stdout_text.split("Throughput")[0] for result, _output in runs]
    assert statistics[0] == statistics[1] and "redirects" in statistics[0]

"""The corpus's real dumps through ``wikilint dump``: every compression and encoding gives the
same findings, schema 0.3 and multi-revision pages read, and fixed dumps keep every other field."""

from __future__ import annotations

import json

import pytest

from support import run_wikilint
from wikilint.dump import DumpReader, PageFilter, mediawiki_sha1

PYRUS = ["pywikibot__article-pyrus.xml", "pywikibot__article-pyrus.xml.bz2", "pywikibot__article-pyrus.xml.gz",
         "pywikibot__article-pyrus.xml.xz", "pywikibot__article-pyrus.xml.lzma", "pywikibot__article-pyrus.xml.7z",
         "pywikibot__article-pyrus-utf16.xml", "pywikibot__article-pyrus-utf16.xml.bz2"]
EVERYTHING = ["--namespace", "all", "--include-redirects", "--all-revisions"]


def test_every_compression_and_encoding_reads_the_same_revisions(dumps, tmp_path):
    outputs = {}
    for name in PYRUS:
        result = run_wikilint("dump", str(dumps / name), *EVERYTHING, "-q", "--statistics", "--edits",
                              str(tmp_path / "edits.jsonl"), "--output-file", str(tmp_path / "findings.jsonl"))
        assert result.returncode == 0, f"{name}: {result.stderr_text}"
        statistics = [line for line in result.stdout_text.splitlines() if not line.startswith("Throughput")]
        outputs[name] = (statistics, (tmp_path / "findings.jsonl").read_bytes(), (tmp_path / "edits.jsonl").read_bytes())
    assert len({repr(output) for output in outputs.values()}) == 1, outputs
    assert "Pages: 6 checked, 0 skipped, 0 failed" in outputs[PYRUS[0]][0]  # every revision of the page


def test_schema_0_3_with_several_revisions_latest_or_all(dumps):
    source = dumps / "pywikibot__article-pear.xml"  # schema 0.3, one page, 4 revisions
    latest = run_wikilint("dump", str(source), "-q", "--statistics", "--namespace", "all", "--include-redirects")
    every = run_wikilint("dump", str(source), "-q", "--statistics", *EVERYTHING)
    assert "Pages: 1 checked" in latest.stdout_text and "Pages: 4 checked" in every.stdout_text


def test_fixing_every_revision_of_a_real_multi_revision_dump_keeps_the_other_fields(dumps, tmp_path):
    source = dumps / "dbpedia-samples" / "frwiki-20220101-pages-articles.xml"  # 2 pages, 83 revisions
    output = tmp_path / "fixed.xml"
    result = run_wikilint("dump", str(source), *EVERYTHING, "-q", "--fix", "--unsafe-fixes", "--output", str(output),
                          "--edits", str(tmp_path / "edits.jsonl"))
    assert result.returncode in (0, 1), result.stderr_text
    edits = [json.loads(line) for line in (tmp_path / "edits.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(edits) > 1
    changed = {edit["base_revision_id"] for edit in edits}
    everything = PageFilter(namespaces=None, include_redirects=True, all_revisions=True)
    before, after = list(DumpReader(source, page_filter=everything)), list(DumpReader(output, page_filter=everything))
    assert len(before) == len(after) == 83
    for old, new in zip(before, after):
        for name in ("title", "namespace", "page_id", "revision_id", "parent_id", "timestamp", "model", "format",
                     "redirect", "revision_index"):
            assert getattr(new, name) == getattr(old, name)
        if old.revision_id in changed:
            assert new.text != old.text and new.sha1 == mediawiki_sha1(new.text)
            assert new.bytes == len(new.text.encode("utf-8"))
        else:
            assert (new.text, new.sha1, new.bytes) == (old.text, old.sha1, old.bytes)


@pytest.mark.parametrize("name", ["dbpedia-minidumps/zhwiki.xml.bz2", "macbre-mediawiki-dump__dump.xml.7z"])
def test_other_real_dumps_read_through(dumps, name):
    result = run_wikilint("dump", str(dumps / name), "-q", "--statistics", "--namespace", "all")
    assert result.returncode in (0, 1), result.stderr_text
    assert "0 failed" in result.stdout_text

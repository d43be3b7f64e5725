"""How a multistream dump is cut into ranges (a worker's unit each) is the runner's business
alone: findings, edits, statistics and the fixed dump with its index are the same bytes
whether each range holds one stream, a few, or all of them."""

from __future__ import annotations

import io
from pathlib import Path

from dump_command.pages import fixable_pages
from wikilint import dump_source
from wikilint.cli import main
from wikilint.dump import MultistreamIndex, write_dump


def run_cut(dump: Path, out: Path, monkeypatch, *, range_bytes: int, min_ranges: int) -> dict[str, bytes]:
    """The outputs of ``wikilint dump --fix --output`` with ranges of at most ``range_bytes``
    (run here, without worker processes: ``--page-timeout 0 -j 1``; the ranges are cut here anyway)."""
    monkeypatch.setattr(dump_source, "RANGE_BYTES", range_bytes)
    monkeypatch.setattr(dump_source, "MIN_RANGES", min_ranges)
    out.mkdir()
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(["dump", str(dump), "-j", "1", "--page-timeout", "0", "--namespace", "0,1", "--fix",
                   "--output", str(out / "fixed-multistream.xml.bz2"), "--edits", str(out / "edits.jsonl"),
                   "--output-file", str(out / "findings.jsonl"), "--wiki-index", str(out / "wiki.sqlite"),
                   "--statistics", "-q"], stdout=stdout, stderr=stderr)
    assert status in (0, 1), stderr.getvalue()
    outputs = {path.name: path.read_bytes() for path in sorted(out.iterdir()) if path.name != "wiki.sqlite"}
    statistics = stdout.getvalue()
    outputs["statistics"] = statistics[:statistics.index("Throughput")].encode()  # the time differs
    return outputs


def test_the_outputs_do_not_depend_on_how_the_dump_is_cut_into_ranges(tmp_path, monkeypatch):
    # 6 page streams of 100 pages and a last one of 30, as Wikimedia writes them.
    dump, _index = write_dump(fixable_pages(630), tmp_path / "testwiki-20240101-pages-articles-multistream.xml.bz2")
    index = MultistreamIndex.load(dump)
    assert [stream.page_count for stream in index.streams] == [100] * 6 + [30]
    stream_size = max(stream.size for stream in index.streams)
    cuts = {"one stream each": (1, 1), "two or three streams each": (stream_size * 3, 1),
            "one range": (index.dump_size, 1)}
    outputs = {}
    for name, (range_bytes, min_ranges) in cuts.items():
        outputs[name] = run_cut(dump, tmp_path / name.replace(" ", "-"), monkeypatch, range_bytes=range_bytes,
                                min_ranges=min_ranges)
    reference = outputs.pop("one stream each")
    assert {"findings.jsonl", "edits.jsonl", "fixed-multistream.xml.bz2", "fixed-multistream-index.txt.bz2"} \
        <= set(reference)
    assert reference["edits.jsonl"].count(b"\n") == 147  # every fixable page (no finding remains)
    for name, produced in outputs.items():
        assert produced == reference, name


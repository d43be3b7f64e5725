"""Reading and rewriting stream: memory does not grow with the dump (Python allocations, traced)."""

from __future__ import annotations

import tracemalloc

from wikilint.dump import DumpReader, DumpRewriter, PageFilter, SyntheticPage, write_dump

PAGE_TEXT = ("Some ''wikitext'' with [[links]] & <ref>refs</ref>. " * 100)  # about 5 KB


def pages(count: int):
    return (SyntheticPage(f"Page {number}", PAGE_TEXT + str(number)) for number in range(count))


def peak_while(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_and_rewriting_use_the_same_memory_for_300_and_3000_pages(tmp_path):
    peaks = {}
    for count in (300, 3000):
        dump, _ = write_dump(pages(count), tmp_path / f"d{count}.xml")
        assert dump.stat().st_size > count * 5000

        def read(dump=dump):
            for _page in DumpReader(dump, page_filter=PageFilter.everything()):
                pass

        def rewrite(dump=dump, count=count):
            with DumpRewriter(dump, tmp_path / f"out{count}.xml") as rewriter:
                for number in range(0, count, 10):
                    rewriter.replace((f"Page {number}", 0), "changed")

        peaks[count] = (peak_while(read), peak_while(rewrite))
    small, large = peaks[300], peaks[3000]
    # 15 MB of XML is read in 1 MB chunks: the peak is a few chunks, and the same for both sizes.
    assert large[0] < 12_000_000 and large[1] < 12_000_000, peaks
    assert large[0] < small[0] * 1.5 + 1_000_000 and large[1] < small[1] * 1.5 + 1_000_000, peaks

"""Wikimedia multistream dumps: byte ranges that workers decompress on their own.

A ``…-pages-articles-multistream.xml.bz2`` is a concatenation of bz2 streams: the first
holds ``<mediawiki>`` and ``<siteinfo>``, each following one holds 100 ``<page>``
elements, the last holds ``</mediawiki>``. Its index (``…-multistream-index.txt.bz2``,
itself bz2) has one line per page, ``offset:page_id:title``, where ``offset`` is the byte
offset of the page's stream in the compressed file. So the index splits the dump into
byte ranges, and a worker reads the pages of its ranges with :func:`read_range` without
decompressing anything before them.

    index = MultistreamIndex.load("enwiki-…-multistream.xml.bz2")   # finds the index beside it
    site = index.read_siteinfo()
    for stream_range in index.ranges(max_bytes=8 << 20):            # picklable, in dump order
        pages = list(read_range(stream_range, siteinfo=site))        # in a worker

Without an index, :class:`~wikilint.dump.reader.DumpReader` reads the same file from
start to end (it is a valid bz2 file) and :func:`~wikilint.dump.reader.iter_batches`
groups its pages.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Iterator

from wikilint.dump.errors import DumpError, DumpMismatchError, DumpXMLError
from wikilint.dump.model import DumpPage, PageFilter, ProblemHandler, ReadStats, SiteInfo
from wikilint.dump.parser import DumpParser
from wikilint.dump.reader import CHUNK_SIZE, PageSelector
from wikilint.dump.sniff import NONE, OpenedInput, decompressing_reader, open_input, sniff_compression, sniff_encoding

# enwiki-20240101-pages-articles-multistream.xml.bz2 -> …-multistream-index.txt.bz2, and for
# the split files …-multistream3.xml-p151574p311329.bz2 -> …-multistream-index3.txt-p151574p311329.bz2
_DUMP_NAME = re.compile(r"^(?P<stem>.*multistream)(?P<part>\d*)\.xml(?P<pages>-p\d+p\d+)?(?P<suffix>\.[a-z0-9]+)$")

#: The synthetic root element fed before a range's pages, so that they parse as a document.
RANGE_PREFIX = b"<mediawiki>"
RANGE_SUFFIX = b"</mediawiki>"


def index_path_for(dump_path: str | Path) -> Path:
    """Where Wikimedia puts the index of ``dump_path`` (whether or not it exists there).

    A name outside Wikimedia's scheme gets ``<name without .xml.bz2>-index.txt.bz2``.
    """
    path = Path(dump_path)
    match = _DUMP_NAME.match(path.name)
    if match:
        name = f"{match['stem']}-index{match['part']}.txt{match['pages'] or ''}{match['suffix']}"
    else:
        stem = path.name
        for suffix in (".bz2", ".gz", ".xz", ".zst", ".xml"):
            stem = stem[:-len(suffix)] if stem.endswith(suffix) else stem
        name = f"{stem}-index.txt.bz2"
    return path.with_name(name)


def find_index(dump_path: str | Path) -> Path | None:
    """The index beside ``dump_path`` by Wikimedia's naming, when it exists."""
    candidate = index_path_for(dump_path)
    return candidate if candidate.is_file() else None


@dataclass(frozen=True)
class StreamRange:
    """A byte range ``[start, end)`` of a multistream dump: one or more whole streams.

    ``page_count``, ``first_page_id``, ``first_title`` and ``last_page_id`` are what the
    index says the range holds; :func:`read_range` checks them. ``ordinal`` orders ranges
    in the dump.
    """

    path: str
    start: int
    end: int
    page_count: int
    first_page_id: int
    first_title: str
    last_page_id: int
    ordinal: int = 0

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass
class MultistreamIndex:
    """The streams of one multistream dump, read from its index and checked against it."""

    dump_path: str
    index_path: str
    streams: list[StreamRange]
    dump_size: int

    @property
    def header_end(self) -> int:
        """Where the first page stream starts: the header stream is ``[0, header_end)``."""
        return self.streams[0].start if self.streams else self.dump_size

    @property
    def page_count(self) -> int:
        return sum(stream.page_count for stream in self.streams)

    @classmethod
    def load(cls, dump_path: str | Path, index_path: str | Path | None = None) -> MultistreamIndex:
        """Read the index of ``dump_path`` (found beside it when not given) and check that every
        stream offset is inside the dump and starts a compressed stream.

        Raises :class:`DumpError` when there is no index, :class:`DumpMismatchError` when it
        does not match the dump.
        """
        dump = str(dump_path)
        if index_path is None:
            index_path = find_index(dump_path)
            if index_path is None:
                raise DumpError(dump, f"no multistream index beside it (expected {index_path_for(dump_path).name})")
        index = str(index_path)
        try:
            dump_size = os.path.getsize(dump)
        except OSError as error:
            raise DumpError(dump, f"cannot read: {error.strerror or error}") from None
        streams = _read_index(index, dump, dump_size)
        result = cls(dump, index, streams, dump_size)
        result._check_offsets()
        return result

    def _check_offsets(self) -> None:
        with open(self.dump_path, "rb") as dump:
            head = dump.read(64)
            compression = sniff_compression(head)
            if compression == NONE:
                raise DumpMismatchError(self.dump_path, "a multistream dump must be compressed; this one is not")
            for stream in self.streams:
                dump.seek(stream.start)
                if sniff_compression(dump.read(16)) != compression:
                    raise DumpMismatchError(
                        self.dump_path, f"the index {self.index_path} does not match this dump: no {compression} "
                        f"stream starts at its offset {stream.start} (page id {stream.first_page_id})",
                        offset=stream.start)
        with open_range(self.dump_path, 0, self.header_end) as header:
            if sniff_encoding(header.read(64)) != "utf-8":
                raise DumpError(self.dump_path, "multistream reading needs a UTF-8 dump")

    def ranges(self, max_bytes: int | None = None) -> list[StreamRange]:
        """The page streams grouped into ranges of consecutive streams of at most about
        ``max_bytes`` compressed bytes each (one stream per range when ``None``)."""
        if max_bytes is None:
            return list(self.streams)
        grouped: list[StreamRange] = []
        current: StreamRange | None = None
        for stream in self.streams:
            if current is not None and current.size + stream.size <= max_bytes:
                current = replace(current, end=stream.end, page_count=current.page_count + stream.page_count,
                                  last_page_id=stream.last_page_id)
            else:
                if current is not None:
                    grouped.append(current)
                current = replace(stream, ordinal=len(grouped))
        if current is not None:
            grouped.append(current)
        return grouped

    def read_siteinfo(self) -> SiteInfo:
        """The ``<siteinfo>`` in the header stream."""
        with open_range(self.dump_path, 0, self.header_end) as header:
            parser = DumpParser(self.dump_path, keep_text=False)
            try:
                while data := header.read(CHUNK_SIZE):
                    parser.feed(data)
                    if parser.siteinfo is not None:
                        return parser.siteinfo
            finally:
                parser.close()
        return SiteInfo()


def _read_index(index: str, dump: str, dump_size: int) -> list[StreamRange]:
    """Stream ranges from the index lines, keeping only each stream's first title."""
    streams: list[StreamRange] = []
    start = first = last = count = -1
    first_title = ""
    with open_input(index) as opened:
        lines = io.TextIOWrapper(_Readable(opened), encoding="utf-8", errors="replace", newline="\n")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            offset_text, _, rest = line.partition(":")
            page_text, colon, title = rest.partition(":")
            if not (colon and offset_text.isdigit() and page_text.isdigit()):
                raise DumpMismatchError(index, f"line {number} is not 'offset:page_id:title': {line.strip()[:80]!r}")
            offset, page_id = int(offset_text), int(page_text)
            if offset != start:
                if offset < start:
                    raise DumpMismatchError(index, f"line {number}: offset {offset} goes backwards (after {start})")
                if offset >= dump_size:
                    raise DumpMismatchError(index, f"line {number}: offset {offset} is past the end of {dump} "
                                            f"({dump_size} bytes): the index does not match the dump")
                if count > 0:
                    streams.append(StreamRange(dump, start, offset, count, first, first_title, last, len(streams)))
                start, first, first_title, count = offset, page_id, title.rstrip("\n"), 0
            last = page_id
            count += 1
    if count > 0:
        streams.append(StreamRange(dump, start, dump_size, count, first, first_title, last, len(streams)))
    return streams


class _Readable(io.RawIOBase):
    """An :class:`OpenedInput` as a raw stream, for :class:`io.TextIOWrapper`."""

    def __init__(self, opened: OpenedInput):
        self._opened = opened

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._opened.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class _Bounded(io.RawIOBase):
    """The bytes ``[start, end)`` of a file."""

    def __init__(self, file: BinaryIO, start: int, end: int):
        self._file = file
        self._file.seek(start)
        self._left = end - start
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[:min(len(buffer), self._left)]
        size = self._file.readinto(view)
        self._left -= size
        self.consumed += size
        return size


def open_range(path: str, start: int, end: int) -> OpenedInput:
    file = open(path, "rb")
    bounded = _Bounded(file, start, end)
    head = file.read(16)
    file.seek(start)
    compression = sniff_compression(head)
    stream = decompressing_reader(io.BufferedReader(bounded, 1 << 16), compression, path)
    return OpenedInput(path, compression, stream, end - start, lambda: start + bounded.consumed,
                       [file.close, stream.close])


def read_range(stream_range: StreamRange, *, page_filter: PageFilter = PageFilter(), siteinfo: SiteInfo | None = None,
               stats: ReadStats | None = None, on_problem: ProblemHandler | None = None,
               strict: bool = False) -> Iterator[DumpPage]:
    """The pages of one byte range of a multistream dump, decompressed here and only here.

    ``siteinfo`` (from :meth:`MultistreamIndex.read_siteinfo`) gives namespaces to dumps
    without ``<ns>``. The filter's ``limit`` is not applied (a run-wide limit is the
    caller's). Every page's ``offset`` is the range's ``start``; ``xml_offset`` counts from
    the start of the range's decompressed data. Raises :class:`DumpMismatchError` when
    the pages found are not those the index promised.
    """
    stats = stats if stats is not None else ReadStats()
    selector = range_selector(stream_range, page_filter, stats, siteinfo=siteinfo, on_problem=on_problem,
                              strict=strict)
    for event in range_events(stream_range, stats):
        yield from selector.handle(event)


def range_selector(stream_range: StreamRange, page_filter: PageFilter, stats: ReadStats, *,
                   siteinfo: SiteInfo | None = None, on_problem: ProblemHandler | None = None,
                   strict: bool = False) -> PageSelector:
    """The selector :func:`read_range` turns a range's events into pages with: several
    can read one pass of :func:`range_events` (the wiki index's pages and the lint pass's)."""
    return PageSelector(stream_range.path, replace(page_filter, limit=None), stats, siteinfo=siteinfo,
                        on_problem=on_problem, strict=strict, offset=stream_range.start)


def range_events(stream_range: StreamRange, stats: ReadStats) -> Iterator[tuple]:
    """The XML parser's events of one range (see :func:`read_range`); ``stats`` gets its
    XML and compressed bytes."""
    name = stream_range.path
    parser = DumpParser(name, offset_shift=-len(RANGE_PREFIX), compressed=True)
    parser.compressed_offset = stream_range.start
    parser.feed(RANGE_PREFIX)
    pages: list[tuple[int | None, str | None]] = []
    with open_range(name, stream_range.start, stream_range.end) as opened:
        try:
            while True:
                data = opened.read(CHUNK_SIZE)
                stats.xml_bytes += len(data)
                if not data:
                    events = parser.feed(b"" if parser.root_closed else RANGE_SUFFIX, final=True)
                else:
                    events = parser.feed(data)
                for event in events:
                    if event[0] == "page_end":
                        pages.append((event[1].id, event[1].title))
                        if len(pages) == 1:
                            check_range_pages(stream_range, pages, complete=False)
                    yield event
                if not data:
                    break
        except DumpXMLError as error:
            raise range_mismatch(stream_range, error) from None
        finally:
            parser.close()
        stats.compressed_bytes += stream_range.size
    check_range_pages(stream_range, pages)


def range_mismatch(stream_range: StreamRange, error: DumpError) -> DumpMismatchError:
    return DumpMismatchError(stream_range.path, f"the range [{stream_range.start}, {stream_range.end}) does not hold "
                             f"whole pages ({error.detail}): does the index match the dump?",
                             offset=stream_range.start)


def check_range_pages(stream_range: StreamRange, pages: list[tuple[int | None, str | None]], *,
                      complete: bool = True) -> None:
    """Raise :class:`DumpMismatchError` unless ``pages`` (``(id, title)``, in order) are those
    the index promised for the range (only the first one unless ``complete``)."""
    if pages and pages[0] != (stream_range.first_page_id, stream_range.first_title):
        found = f"its first page is {pages[0][1]!r} with id {pages[0][0]}"
    elif complete and (len(pages), pages[-1][0] if pages else None) != (stream_range.page_count,
                                                                       stream_range.last_page_id):
        found = f"it holds {len(pages)} pages, the last with id {pages[-1][0] if pages else None}"
    else:
        return
    raise DumpMismatchError(
        stream_range.path, f"the index does not match the dump: it says the range [{stream_range.start}, "
        f"{stream_range.end}) holds {stream_range.page_count} pages with ids {stream_range.first_page_id}.."
        f"{stream_range.last_page_id}, the first {stream_range.first_title!r}, but {found}",
        offset=stream_range.start)

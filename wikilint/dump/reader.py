"""Streaming the pages of one or several dumps, with filters and counts.

    reader = DumpReader(["enwiki-pages-articles1.xml-p1p41242.bz2", "...2.xml-p41243p151573.bz2"])
    site = reader.siteinfo          # read before the first page
    for page in reader:             # DumpPage records, in dump order
        ...
    reader.stats                    # ReadStats: seen, yielded, skipped by reason, problems

Memory is bounded by the largest revision: the input is decompressed and parsed one
chunk at a time, and in latest-revision mode only the newest revision so far is kept.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from wikilint.dump.errors import DumpMismatchError, DumpPageError, DumpTruncatedError
from wikilint.dump.model import WIKITEXT_MODEL, DumpPage, PageFilter, PageProblem, ProblemHandler, ReadStats, SiteInfo
from wikilint.dump.parser import DumpParser, Page, Revision
from wikilint.dump.sniff import NONE, OpenedInput, Source, open_input

#: Decompressed bytes handed to the XML parser at a time.
CHUNK_SIZE = 1 << 20


class PageSelector:
    """Turns parser events into the :class:`DumpPage` records a filter lets through.

    Shared by :class:`DumpReader` and the multistream range reader. Page problems (no
    revision, text missing or deleted) are counted in ``stats``, passed to
    ``on_problem``, and raised as :class:`DumpPageError` when ``strict``.
    """

    def __init__(self, source: str, page_filter: PageFilter, stats: ReadStats, *, siteinfo: SiteInfo | None = None,
                 on_problem: ProblemHandler | None = None, strict: bool = False, offset: int | None = None):
        self.source = source
        self.filter = page_filter
        self.stats = stats
        self.siteinfo = siteinfo or SiteInfo()
        self.on_problem = on_problem
        self.strict = strict
        self.offset = offset  # a fixed compressed offset for every page (a multistream range)
        self.finished = False  # the filter's limit is reached
        self._accepted: bool | None = None
        self._namespace = 0
        self._latest: Revision | None = None
        self._yielded_this_page = False

    def handle(self, event: tuple) -> Iterator[DumpPage]:
        kind = event[0]
        if kind == "revision":
            yield from self._revision(event[1], event[2])
        elif kind == "page_start":
            self.stats.pages_seen += 1
            self._accepted, self._latest, self._yielded_this_page = None, None, False
        elif kind == "page_end":
            yield from self._page_end(event[1])
        elif kind == "siteinfo":
            self.siteinfo = event[1]

    def _decide(self, page: Page) -> bool:
        title = page.title or ""
        self._namespace = page.namespace if page.namespace is not None else self.siteinfo.namespace_of(title)
        wanted = self.filter
        if wanted.namespaces is not None and self._namespace not in wanted.namespaces:
            self.stats.skipped_namespace += 1
            return False
        if wanted.title_regex is not None and not wanted.title_regex.search(title):
            self.stats.skipped_title += 1
            return False
        if page.redirect is not None and not wanted.include_redirects:
            self.stats.skipped_redirects += 1
            return False
        return True

    def _revision(self, page: Page, revision: Revision) -> Iterator[DumpPage]:
        if self._accepted is None:
            self._accepted = self._decide(page)
        if not self._accepted:
            return
        if not self.filter.all_revisions:
            latest = self._latest
            if latest is None or (revision.timestamp or "") >= (latest.timestamp or ""):
                self._latest = revision
            return
        if revision.main.deleted:
            self.stats.skipped_deleted_revisions += 1
            return
        record = self._record(page, revision)
        if record is not None:
            self.stats.revisions_yielded += 1
            if not self._yielded_this_page:
                self._yielded_this_page = True
                self.stats.pages_yielded += 1
            yield record

    def _page_end(self, page: Page) -> Iterator[DumpPage]:
        if page.revision_count == 0 and self._decide(page):  # a page the filter skips is no problem
            self._problem("no-revision", page, "the page has no revision")
        elif self._latest is not None:
            record = self._record(page, self._latest)
            self._latest = None
            if record is not None:
                self.stats.pages_yielded += 1
                self.stats.revisions_yielded += 1
                yield record
        limit = self.filter.limit
        if limit is not None and self.stats.pages_yielded >= limit:
            self.finished = True

    def _record(self, page: Page, revision: Revision) -> DumpPage | None:
        main = revision.main
        if main.model is not None and main.model != WIKITEXT_MODEL:
            self.stats.skipped_models[main.model] += 1
            return None
        which = f"revision {revision.id}" if revision.id is not None else f"revision #{revision.index + 1}"
        if not main.present:
            self._problem("text-missing", page, f"{which} has no <text> element")
            return None
        if main.deleted:
            self._problem("text-deleted", page, f"the text of {which} is deleted (deleted=\"deleted\")")
            return None
        if main.stub and not main.text:
            self._problem("text-missing", page, f"{which} has no text, only a reference to it (a stub dump?)")
            return None
        return DumpPage(
            title=page.title or "", namespace=self._namespace, page_id=page.id, revision_id=revision.id,
            parent_id=revision.parent_id, timestamp=revision.timestamp, model=main.model, format=main.format,
            redirect=page.redirect, text=main.text or "", sha1=revision.sha1 or main.sha1, bytes=main.bytes,
            offset=self.offset if self.offset is not None else page.compressed_offset, xml_offset=page.start,
            source=self.source, revision_index=revision.index)

    def _problem(self, kind: str, page: Page, message: str) -> None:
        offset = self.offset if self.offset is not None else page.compressed_offset
        problem = PageProblem(kind, self.source, page.title or "", offset, message)
        if self.strict:
            raise DumpPageError(self.source, message, offset=offset, title=page.title or "")
        self.stats.record_problem(problem)
        if self.on_problem is not None:
            self.on_problem(problem)


def parse_events(opened: OpenedInput, parser: DumpParser, stats: ReadStats) -> Iterator[tuple]:
    """Every parser event of an opened input, chunk by chunk."""
    while True:
        parser.compressed_offset = opened.compressed_position()
        try:
            data = opened.read(CHUNK_SIZE)
        except DumpTruncatedError as error:
            last = f" (the last {parser.last_title!r})" if parser.last_title is not None else ""
            raise DumpTruncatedError(error.source, f"{error.detail}, after {parser.pages_done} complete pages{last}",
                                     offset=error.offset) from None
        stats.xml_bytes += len(data)
        if not data:
            yield from parser.feed(b"", final=True)
            return
        yield from parser.feed(data)


class DumpReader:
    """The pages of one dump, or of several dump files read as one run, in order.

    ``sources``: one source or a sequence (paths, ``"-"`` for standard input, binary
    streams). Split dump files must come from the same wiki (their ``<dbname>``), or
    :class:`DumpMismatchError` is raised. Bad input raises a :class:`DumpError` subclass;
    page problems are reported through ``on_problem`` and ``stats`` (see
    :class:`PageSelector`).
    """

    def __init__(self, sources: Source | Sequence[Source], *, page_filter: PageFilter = PageFilter(),
                 strict: bool = False, on_problem: ProblemHandler | None = None):
        if isinstance(sources, (str, Path)) or hasattr(sources, "read"):
            sources = [sources]
        self.sources: list[Source] = list(sources)
        self.filter = page_filter
        self.strict = strict
        self.on_problem = on_problem
        self.stats = ReadStats()
        self._siteinfo: SiteInfo | None = None
        self._records: Iterator[SiteInfo | DumpPage] | None = None
        self._buffered: deque[DumpPage] = deque()
        self._current: OpenedInput | None = None
        self._finished_bytes = 0
        self._closed = False

    # -- progress -----------------------------------------------------------------------
    @property
    def compressed_size(self) -> int | None:
        """The total size of the inputs as stored (``None`` when one is a stream)."""
        total = 0
        for source in self.sources:
            if not isinstance(source, (str, Path)) or str(source) == "-":
                return None
            try:
                total += os.path.getsize(source)
            except OSError:
                return None
        return total

    @property
    def compressed_position(self) -> int:
        """How many bytes of the inputs (as stored) have been read so far."""
        current = self._current.compressed_position() if self._current is not None else 0
        return self._finished_bytes + current

    # -- reading ------------------------------------------------------------------------
    @property
    def siteinfo(self) -> SiteInfo:
        """The first input's ``<siteinfo>`` (empty when the dump has none); read on first use."""
        if self._siteinfo is None:
            records = self._open_records()
            for record in records:
                if isinstance(record, SiteInfo):
                    break
                self._buffered.append(record)
            if self._siteinfo is None:
                self._siteinfo = SiteInfo()
        return self._siteinfo

    def __iter__(self) -> Iterator[DumpPage]:
        records = self._open_records()
        while self._buffered:
            yield self._buffered.popleft()
        for record in records:
            if not isinstance(record, SiteInfo):
                yield record

    def _open_records(self) -> Iterator[SiteInfo | DumpPage]:
        if self._records is None:
            self._records = self._read_all()
        return self._records

    def _read_all(self) -> Iterator[SiteInfo | DumpPage]:
        selector: PageSelector | None = None
        for source in self.sources:
            opened = open_input(source)
            self._current = opened
            parser = DumpParser(opened.name, compressed=opened.compression != NONE)
            try:
                selector = PageSelector(opened.name, self.filter, self.stats, on_problem=self.on_problem,
                                        strict=self.strict)
                for event in parse_events(opened, parser, self.stats):
                    if event[0] == "siteinfo":
                        yield from self._check_site(opened.name, event[1])
                    elif self._siteinfo is None and event[0] in ("page_start", "end"):
                        self._siteinfo = SiteInfo()  # a dump without <siteinfo>
                        yield self._siteinfo
                    yield from selector.handle(event)
                    if selector.finished:
                        break
                self.stats.compressed_bytes += opened.compressed_position()
                self._finished_bytes += opened.compressed_position()
            finally:
                self._current = None
                parser.close()
                opened.close()
            if selector.finished:
                return

    def _check_site(self, name: str, site: SiteInfo) -> Iterable[SiteInfo]:
        if self._siteinfo is None:
            self._siteinfo = site
            return [site]
        first = self._siteinfo
        if first.dbname and site.dbname and first.dbname != site.dbname:
            raise DumpMismatchError(name, f"this dump is of {site.dbname}, the run's first dump of {first.dbname}: "
                                    "split dump files must come from one wiki")
        return []

    def close(self) -> None:
        if self._records is not None:
            self._records.close()  # runs the generator's finally: closes the open input
        self._closed = True

    def __enter__(self) -> DumpReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def read_dump(sources: Source | Sequence[Source], *, page_filter: PageFilter = PageFilter(),
              strict: bool = False, on_problem: ProblemHandler | None = None,
              stats: ReadStats | None = None) -> Iterator[DumpPage]:
    """The pages of a dump (see :class:`DumpReader`); counts are added to ``stats`` when given."""
    reader = DumpReader(sources, page_filter=page_filter, strict=strict, on_problem=on_problem)
    try:
        yield from reader
    finally:
        reader.close()
        if stats is not None:
            stats.add(reader.stats)


def iter_batches(pages: Iterable[DumpPage], *, max_pages: int = 100,
                 max_bytes: int = 4 << 20) -> Iterator[list[DumpPage]]:
    """Group pages into batches of at most ``max_pages`` pages or about ``max_bytes`` of text,
    for handing a non-multistream dump to workers a batch at a time."""
    batch: list[DumpPage] = []
    size = 0
    for page in pages:
        batch.append(page)
        size += len(page.text)
        if len(batch) >= max_pages or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch

"""Building the wiki index of a dump: a first pass over it, through the same units of
work and the same executors as the lint pass (local worker processes or Dask).

Workers read the dump (a multistream dump's byte range each, read where the worker runs;
otherwise batches of pages this process reads) and send back compact rows
(:class:`~wikilint.wikiindex.extract.PageRow`); this process writes them into the SQLite
file as they come (:class:`~wikilint.wikiindex.store.IndexWriter`), so no process holds
the whole wiki in memory. The units do their work in ``finish`` and yield no page to
lint: to :func:`wikilint.runner.run_units` they are units like any other.

An index is reused by later runs over the same dump: its ``identity`` is the dump's
content (sizes and the first and last MiB of each input, whatever their path or
modification time), the site data it was built with and the index format.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from wikilint.dump import DumpReader, PageFilter, ReadStats, SiteInfo, StreamRange
from wikilint.dump.multistream import range_events, range_selector
from wikilint.dump.spool import PageSpool
from wikilint.site import Site
from wikilint.wikiindex.extract import FactExtractor, PageRow
from wikilint.wikiindex.store import FORMAT, IndexWriter, WikiIndexError, read_meta
from wikilint.workers import Unit

#: Every page of every namespace, redirects included: the index knows the whole wiki.
INDEX_FILTER = PageFilter(namespaces=None, include_redirects=True)
#: Characters of page text per batch when this process reads the dump.
BATCH_CHARACTERS = 1 << 20
_SAMPLE = 1 << 20


@dataclass(frozen=True)
class IndexPart:
    """What one unit of the index pass gives back."""

    rows: list[PageRow]
    stats: ReadStats | None = None
    #: Where the unit's range ends in the compressed dump (``None``: a batch).
    end: int | None = None


@dataclass(frozen=True)
class IndexRangeUnit(Unit):
    """A multistream range: the worker reads it and makes its rows (and, given a spool,
    leaves the range's pages for the lint pass there: see :mod:`wikilint.dump.spool`)."""

    stream_range: StreamRange
    siteinfo: SiteInfo
    site_data: Mapping[str, Any]
    spool: PageSpool | None = None

    def items(self) -> Iterator[Any]:
        return iter(())

    def finish(self, results: list) -> IndexPart:
        extractor = FactExtractor(Site.from_data(self.site_data))
        stats = ReadStats()
        # One read of the range. With a spool, a second selector over the same events keeps
        # the lint pass's pages, with their problems and counts, as read_range gives them.
        pages = range_selector(self.stream_range, INDEX_FILTER, stats, siteinfo=self.siteinfo)
        kept: list[Any] = []
        kept_stats = ReadStats()
        checked = None if self.spool is None else range_selector(
            self.stream_range, self.spool.page_filter, kept_stats, siteinfo=self.siteinfo, on_problem=kept.append)
        rows = []
        for event in range_events(self.stream_range, stats):
            rows += [extractor.row(page.title, page.namespace, page.redirect, page.text)
                     for page in pages.handle(event)]
            if checked is not None:
                kept += checked.handle(event)
        if self.spool is not None:
            kept_stats.xml_bytes, kept_stats.compressed_bytes = stats.xml_bytes, stats.compressed_bytes
            self.spool.put(self.stream_range, kept, kept_stats)
        return IndexPart(rows, stats, self.stream_range.end)


@dataclass(frozen=True)
class IndexBatchUnit(Unit):
    """Pages this process read: ``(title, namespace, redirect, text)`` each."""

    pages: tuple[tuple[str, int, str | None, str], ...]
    site_data: Mapping[str, Any]

    def items(self) -> Iterator[Any]:
        return iter(())

    def finish(self, results: list) -> IndexPart:
        extractor = FactExtractor(Site.from_data(self.site_data))
        return IndexPart([extractor.row(*page) for page in self.pages])


def index_units(inputs: list[str], site_data: Mapping[str, Any], *, ranges: list[StreamRange] | None = None,
                siteinfo: SiteInfo | None = None, spool: PageSpool | None = None,
                spool_bytes: int = 0) -> Iterator[Unit]:
    """The index pass's units: one per multistream range when ``ranges`` are given, else
    batches of the pages read here from ``inputs``. With a ``spool``, the ranges of the
    first ``spool_bytes`` compressed bytes leave their pages there for the lint pass."""
    if ranges is not None:
        assert siteinfo is not None
        spooled = 0
        for stream_range in ranges:
            spooled += stream_range.size
            yield IndexRangeUnit(stream_range, siteinfo, site_data, spool if spooled <= spool_bytes else None)
        return
    reader = DumpReader(inputs, page_filter=INDEX_FILTER)
    try:
        batch: list[tuple[str, int, str | None, str]] = []
        characters = 0
        for page in reader:
            batch.append((page.title, page.namespace, page.redirect, page.text))
            characters += len(page.text)
            if characters >= BATCH_CHARACTERS:
                yield IndexBatchUnit(tuple(batch), site_data)
                batch, characters = [], 0
        if batch:
            yield IndexBatchUnit(tuple(batch), site_data)
    finally:
        reader.close()


def dump_identity(inputs: Iterable[str], site_data: Mapping[str, Any] | None) -> str:
    """What an index is of: the dump's content (each input's size and its first and last
    MiB: a moved or copied dump keeps it, a new dump changes it), the site data, the index
    format and the code that reads pages into it."""
    from wikilint.wikiindex import extract

    digest = hashlib.sha256(f"wikilint wiki index {FORMAT}\n".encode())
    # The extractor's own code: an index made by other code is made again.
    digest.update(Path(extract.__file__).read_bytes())
    for name in inputs:
        with open(name, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            digest.update(f"{size}\n".encode())
            digest.update(file.read(_SAMPLE))
            if size > _SAMPLE:
                file.seek(max(_SAMPLE, size - _SAMPLE))
                digest.update(file.read(_SAMPLE))
    digest.update(json.dumps(site_data, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


#: Wikimedia's name of one part of a dump split into several files.
_SPLIT_FILE = re.compile(r"-pages-[a-z-]+?\d+\.xml-p\d+p\d+")


def is_split_file(name: str) -> bool:
    """Whether ``name`` is one part of a split dump (``…-pages-articles1.xml-p1p41242.bz2``):
    its index holds part of the wiki only (several parts given together count as whole)."""
    return _SPLIT_FILE.search(Path(name).name) is not None


def matching_index(path: Path, identity: str) -> bool:
    """Whether ``path`` holds a finished index of that identity (a file that is no wiki
    index at all raises :class:`WikiIndexError`: it is not ours to replace)."""
    if not path.exists():
        return False
    try:
        meta = read_meta(path)
    except WikiIndexError as error:
        if "another format" in str(error):
            return False
        raise
    return meta.get("identity") == identity


def build_index(units: Iterable[Unit], run, path: Path, meta: Mapping[str, Any], *, on_part=None) -> int:
    """Write the index of ``units`` to ``path``; ``run`` maps units to their outcomes in
    order (:func:`wikilint.runner.run_units` with the run's executor). Returns the number
    of pages. On any failure nothing is left at ``path`` but what was there before."""
    writer = IndexWriter(path)
    try:
        for outcome in run(units):
            part: IndexPart = outcome.payload
            writer.add(part.rows)
            if on_part is not None:
                on_part(part, writer.pages)
        writer.finish(meta)
    except BaseException:
        writer.abort()
        raise
    return writer.pages


#: Namespace numbers of the canonical namespace keys a small wiki of examples uses.
_NAMESPACE_NUMBERS = {"user": 2, "project": 4, "file": 6, "mediawiki": 8, "template": 10, "help": 12,
                      "category": 14, "module": 828}
_REDIRECT = re.compile(r"\s*#[^\s\[]+\s*:?\s*\[\[([^\[\]|#]*)")


def write_index(pages: Mapping[str, str], site_data: Mapping[str, Any], path: str | Path) -> Path:
    """An index of a few pages given as ``{title: wikitext}`` (a page whose text starts
    with ``#REDIRECT [[…]]`` is a redirect): the other pages of a rule's docstring
    examples, or of a test. A dump's index is built by :func:`build_index`."""
    site = Site.from_data(site_data)
    extractor = FactExtractor(site)
    rows = []
    for title, text in pages.items():
        key = site.split_namespace(title)[0]
        redirect = _REDIRECT.match(text)
        rows.append(extractor.row(title, _NAMESPACE_NUMBERS.get(key or "", 0), redirect[1] if redirect else None,
                                  text))
    path = Path(path)
    writer = IndexWriter(path)
    writer.add(rows)
    writer.finish({"identity": "pages", "site": dict(site_data)})
    return path


def prepare_index(path: Path, meta: Mapping[str, Any], make_units, run, err, *, quiet: bool = False,
                  total_bytes: int | None = None) -> bool:
    """Reuse the index at ``path`` when it is of ``meta["identity"]``, else build it from
    ``make_units()`` through ``run`` (see :func:`build_index`), saying so on ``err`` (with
    progress unless ``quiet``). Returns whether an index is there for the rules. A bad
    dump is said in one line and leaves no index: the lint pass reads the same bytes and
    reports the fault in its place."""
    import time

    from wikilint.dump import DumpError
    from wikilint.workers import UnitError

    try:
        reuse = matching_index(path, meta["identity"])
    except WikiIndexError as error:
        raise WikiIndexError(f"{error}: choose another file") from None
    if reuse:
        if not quiet:
            err.write(f"wikilint: using the wiki index {path}\n")
        return True
    started = time.monotonic()
    progress = None
    if not quiet:
        from wikilint.dump_progress import DumpProgress

        err.write(f"wikilint: building the wiki index {path}\n")
        progress = DumpProgress(err, total_bytes, label="wiki index: ")

    def on_part(part: IndexPart, pages: int) -> None:
        if progress is not None:
            progress.update(pages, None, part.end)

    built = {**meta, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        pages = build_index(make_units(), run, path, built, on_part=on_part)
    except (DumpError, UnitError) as error:
        err.write(f"wikilint: the wiki index was not built ({error}); rules that need it do not run\n")
        return False
    finally:
        if progress is not None:
            progress.finish()
    if not quiet:
        err.write(f"wikilint: wiki index of {pages} pages built in {time.monotonic() - started:.1f} s "
                  f"({path.stat().st_size / 1e6:.2f} MB)\n")
    return True

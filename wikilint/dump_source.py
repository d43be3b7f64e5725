"""The dump source: a dump's pages as page tasks, in units the runner sends to workers.

A dump becomes units of work for :func:`wikilint.runner.run_units`, the path every page
takes (``check``'s files included):

- a Wikimedia **multistream** dump with its index: one :class:`RangeUnit` per byte range
  of streams; the worker decompresses and reads its range itself (only the range's
  offsets travel), processes it page by page, and with ``--fix --output`` rewrites it
  (:func:`~wikilint.dump.rewrite_range`), so that only compressed bytes come back;
- any other dump (plain, gzip, one bz2 stream, 7z, stdin, several split files): this
  process reads it with one :class:`~wikilint.dump.DumpReader` and sends its pages out in
  :class:`~wikilint.runner.PageBatch`\\ es.

Page problems the reader reports (a page without revisions, a deleted or missing
``<text>``) become error results in their place, so outputs keep the dump's order.

The site is the dump's own (:func:`dump_profile`): the preset its ``dbname`` names, with
its namespace names, aliases and title case on top, unless ``--site`` or a config file's
``site`` says otherwise.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from wikilint.dump import (DumpPage, DumpReader, MultistreamIndex, PageFilter, PageProblem, ReadStats, SiteInfo,
                           StreamRange, find_index, read_range, rewrite_range)
from wikilint.dump.spool import PageSpool, replay
from wikilint.files import SourceText, page_too_large
from wikilint.results import PageResult
from wikilint.runner import Mode, PageTask, SourceItem, batches
from wikilint.session import Session
from wikilint.site import deep_merge, resolve_site
from wikilint.workers import Unit

#: Compressed bytes per multistream range at most (about 5 MB of XML, 700 pages, some
#: seconds of one worker's time): small enough to balance a large cluster and to lose
#: little on an interruption, large enough that sending it costs nothing. A worker holds
#: one range's page results until the range is done, so this also bounds memory: from
#: 16 MB of dump up, every range has this size and memory no longer grows with the dump.
RANGE_BYTES = 1 << 20
#: A smaller dump is cut into about this many ranges (whole streams each), so that every
#: worker gets many: the workers finish together, and the last range, which one worker runs
#: while the others have nothing left, is short. With 16 ranges, a 10,000-page dump (15 MB
#: of bz2) made 17 ranges of about 3 s of work each, and with 2 workers the 17th ran alone:
#: some 5 % of the run with a core idle. A range costs little by itself (the lint pass and
#: the index pass read 100 ranges of one stream as fast as 17 of six). Depends on the dump
#: alone, never on -j: ``--resume`` counts ranges.
MIN_RANGES = 64


def dump_profile(session: Session, siteinfo: SiteInfo):
    """The profile the pages of a dump are processed with (one per dump input).

    The settings are those found from the current directory (or ``--config``). Unless
    ``--site`` or the settings name a site (``site = "auto"``, the default, names none: the
    dump's own siteinfo is better evidence than any guess), the site comes from ``<siteinfo>``: the preset
    named by ``dbname`` when there is one, with the dump's namespace names and aliases
    added and its ``case`` applied.
    """
    from wikilint.config import AUTO_SITE, Profile
    from wikilint.siteinfo import site_data_from_dump

    profile = session.profile_for(Path.cwd())
    if session.overrides.site is not None or profile.settings.site != AUTO_SITE:
        return profile
    if not (siteinfo.dbname or siteinfo.namespaces or siteinfo.case):
        return profile  # a dump without <siteinfo>: nothing to learn
    data = site_data_from_dump(siteinfo.dbname, siteinfo.case or "first-letter", siteinfo.namespaces)
    extends = data.pop("extends")
    site_data = deep_merge(resolve_site(extends, contributions=session.registry.site_presets), data)
    namespaces = {key: list(names) for key, names in site_data.get("namespaces", {}).items()}
    key_of_name = {name.casefold(): key for key, names in namespaces.items() for name in names}
    for number, aliases in siteinfo.aliases.items():
        key = key_of_name.get(siteinfo.namespaces.get(number, "").casefold())
        if key is not None:
            namespaces[key] += [alias for alias in aliases if alias not in namespaces[key]]
    site_data["namespaces"] = namespaces
    return Profile.build(profile.settings, profile.overrides, site_data)


def page_task(page: DumpPage, profile, mode: Mode) -> SourceItem:
    """The task for one dump page (or an error result when it is over ``max-page-size``)."""
    size = len(page.text.encode("utf-8")) if len(page.text) * 4 > profile.settings.max_page_size else 0
    if size > profile.settings.max_page_size:
        return PageResult(page.title, errors=[page_too_large(size, profile.settings.max_page_size)],
                          title=page.title, namespace=page.namespace, page_id=page.page_id,
                          revision_id=page.revision_id)
    return PageTask(page.title, SourceText.from_text(page.text), profile, mode, title=page.title,
                    namespace=page.namespace, page_id=page.page_id, revision_id=page.revision_id)


def problem_result(problem: PageProblem) -> PageResult:
    return PageResult(problem.title, errors=[str(problem)], title=problem.title)


def fixed_text(result: PageResult) -> str | None:
    """The text a fixed dump gets for this page: the fixed text as the page stored it
    (line endings kept), written as ``check --fix`` writes a file."""
    return result.new_bytes.decode("utf-8") if result.new_bytes is not None else None


def _items_with_problems(pages: Iterable[DumpPage], problems: deque[PageProblem], profile, mode: Mode,
                         keys: list | deque) -> Iterator[SourceItem]:
    """Tasks for ``pages`` with the reader's problems (appended to ``problems`` while it
    reads) as error results in their place; each item's revision key goes to ``keys``."""
    for page in pages:
        while problems:
            keys.append(None)
            yield problem_result(problems.popleft())
        keys.append(page.key)
        yield page_task(page, profile, mode)
    while problems:
        keys.append(None)
        yield problem_result(problems.popleft())


@dataclass(frozen=True)
class RangeOutcome:
    """What a range unit gives back besides its page results."""

    stats: ReadStats
    #: Where the range ends in the compressed dump (progress, resuming).
    end: int
    #: ``rewrite="range"``: the range rewritten (a :class:`~wikilint.dump.RewrittenRange`).
    rewritten: Any = None
    #: ``rewrite="changes"``: ``(revision key, new text)`` of each changed page, in order.
    changes: list = field(default_factory=list)


@dataclass
class RangeUnit(Unit):
    """One byte range of a multistream dump, read and checked by a worker, which with
    ``rewrite="range"`` also rewrites it with its fixes, and with ``rewrite="changes"``
    sends the fixed texts back for a writer elsewhere."""

    stream_range: StreamRange
    page_filter: PageFilter
    siteinfo: SiteInfo
    profile: Any
    mode: Mode
    rewrite: str = ""
    #: Where the wiki index pass may have left the range's pages (read from the dump when not).
    spool: PageSpool | None = None
    _stats: ReadStats = field(default_factory=ReadStats, repr=False)
    _keys: list = field(default_factory=list, repr=False)

    def items(self) -> Iterator[SourceItem]:
        self._stats, self._keys = ReadStats(), []
        problems: deque[PageProblem] = deque()
        spooled = self.spool.take(self.stream_range) if self.spool is not None else None
        if spooled is not None:
            entries, self._stats = spooled
            pages = replay(entries, problems)
        else:
            pages = read_range(self.stream_range, page_filter=self.page_filter, siteinfo=self.siteinfo,
                               stats=self._stats, on_problem=problems.append)
        return _items_with_problems(pages, problems, self.profile, self.mode, self._keys)

    def finish(self, results: list[PageResult]) -> RangeOutcome:
        if not self.rewrite:
            return RangeOutcome(self._stats, self.stream_range.end)
        changes = [(key, text) for key, result in zip(self._keys, results)
                   if key is not None and (text := fixed_text(result)) is not None]
        if self.rewrite == "changes":
            return RangeOutcome(self._stats, self.stream_range.end, changes=changes)
        return RangeOutcome(self._stats, self.stream_range.end, rewritten=rewrite_range(self.stream_range, changes))


class DumpSource:
    """The pages of one or more dump inputs, as units for the runner.

    ``index`` (``--index``) names the multistream index of a single input; otherwise one is
    looked for beside each input by Wikimedia's naming. Ranges are used when every input
    has one and there is no ``--limit`` (a limit counts pages across the whole run).
    """

    def __init__(self, inputs: list[str], page_filter: PageFilter, *, index: str | None = None,
                 on_problem=None):
        self.inputs = inputs
        self.filter = page_filter
        self.indexes: list[MultistreamIndex] | None = None
        self.reader: DumpReader | None = None
        self._problems: deque[PageProblem] = deque()
        #: The revision key of each item sent, in order (plain reading): the dump writer's keys.
        self.keys: deque = deque()
        if index is not None or (page_filter.limit is None and "-" not in inputs
                                 and all(find_index(path) is not None for path in inputs)):
            self.indexes = [MultistreamIndex.load(path, index if index is not None else None) for path in inputs]
            self.siteinfo = self.indexes[0].read_siteinfo()
        else:
            self.reader = DumpReader(inputs, page_filter=page_filter, on_problem=self._problems.append)
            self.siteinfo = self.reader.siteinfo

    @property
    def multistream(self) -> bool:
        return self.indexes is not None

    def ranges(self) -> list[StreamRange]:
        assert self.indexes is not None
        return [stream_range for index in self.indexes
                for stream_range in index.ranges(max_bytes=min(RANGE_BYTES, index.dump_size // MIN_RANGES))]

    def units(self, profile, mode: Mode, *, rewrite: str = "", spool: PageSpool | None = None) -> Iterator[Unit]:
        """The units of the whole dump, in dump order (deterministic: ``--resume`` counts them);
        ``spool``: where the wiki index pass left pages of ranges (multistream only)."""
        if self.indexes is not None:
            for stream_range in self.ranges():
                yield RangeUnit(stream_range, self.filter, self.siteinfo, profile, mode, rewrite, spool)
            return
        assert self.reader is not None
        yield from batches(_items_with_problems(self.reader, self._problems, profile, mode, self.keys))

    # -- progress ------------------------------------------------------------------------
    @property
    def compressed_size(self) -> int | None:
        if self.indexes is not None:
            return sum(index.dump_size for index in self.indexes)
        return self.reader.compressed_size if self.reader is not None else None

    @property
    def read_stats(self) -> ReadStats | None:
        """The reader's counts (plain reading); ranges bring theirs with their outcomes."""
        return self.reader.stats if self.reader is not None else None

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()

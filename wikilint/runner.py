"""One pipeline for every page: a page task goes in, a :class:`PageResult` comes out.

Sources (files, stdin, dump pages, editor buffers) turn their pages into
:class:`PageTask` objects; they know nothing of rules. :func:`process_task` is the one
processing path: parse once, lint or fix, and give back diagnostics and new text.
:func:`run_units` is the one way work leaves this process: units of pages (a batch of
tasks, or a dump's byte range that a worker reads itself) go to worker processes
(:mod:`wikilint.workers`, each page within a time budget) or to any
``concurrent.futures.Executor`` (Dask's ``Client.get_executor()``), and their outcomes
stream back in input order with a bounded number in flight, so memory stays flat
whatever the number of pages. :func:`run_tasks` batches page tasks into units for it.
Nothing is written here: the caller writes what succeeded.
"""

from __future__ import annotations

import os
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal, Union

from wikilint import __version__
from wikilint.config import ConfigError, Profile
from wikilint.engine import fix_page, lint_page
from wikilint.files import SourceText
from wikilint.page import Page
from wikilint.results import PageResult
from wikilint.session import Session
from wikilint.workers import (DEFAULT_PAGE_TIMEOUT, Unit, UnitOutcome, VersionMismatch, WorkerPool, pack,
                              run_isolated, unpacked, version_difference)

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

Mode = Literal["check", "fix", "diff"]


@dataclass(frozen=True, slots=True)
class PageTask:
    """One page to process, with everything a worker in another process needs."""

    #: The name outputs show (a path, ``-``/``--stdin-filename``, a dump page's title).
    path: str
    #: The decoded text and how to encode a fixed version back the same way.
    source: SourceText
    profile: Profile
    mode: Mode
    #: The title rules see (self links, ``{{PAGENAME}}``-like checks).
    title: str | None = None
    #: Codes that ``per-file-ignores`` switch off for this page.
    ignored: frozenset[str] = frozenset()
    namespace: int | None = None
    page_id: int | None = None
    revision_id: int | None = None
    #: ``"lint"`` or ``"format"`` (``wikilint format``: the formatting rules, checked to
    #: mean the same; see :mod:`wikilint.formatter`).
    kind: str = "lint"
    #: Formatting only: the lines ``(first, last)`` to format (``--range``), or all.
    lines: tuple[int, int] | None = None
    #: Formatting only: whether the formatted page must mean the same (``--no-verify``: no).
    verify: bool = True


#: What a source yields: a task, or a result already known (a file that could not be read).
SourceItem = Union[PageTask, PageResult]


def title_from_path(path: str) -> str:
    from pathlib import PurePath

    return PurePath(path).stem.replace("_", " ")


def process_task(task: PageTask, session: Session) -> PageResult:
    """Lint, fix or format one page. Every failure is reported on the result, never raised."""
    with collector_paused():
        return _process_task(task, session)


def _process_task(task: PageTask, session: Session) -> PageResult:
    result = PageResult(task.path, title=task.title, namespace=task.namespace, page_id=task.page_id,
                        revision_id=task.revision_id)
    text = task.source.text
    try:
        rule_set, detection = session.rule_set_for_text(task.profile, text, task.kind)
    except ConfigError as error:
        result.errors.append(str(error))
        return result
    result.site = rule_set.site.name
    if detection is not None:
        result.site_evidence = detection.evidence
    if rule_set.inapplicable:
        result.notices.append(f"{code_ranges(rule_set.inapplicable)} apply only to sites in another language, "
                              f"and were not run on pages of {rule_set.site.name} (language "
                              f"{rule_set.site.language})")
    try:
        page = Page(text, site=rule_set.site, title=task.title or title_from_path(task.path), path=task.path,
                    index=session.wiki_index(task.profile.overrides.wiki_index))
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as error:  # noqa: BLE001 - the parser's failure on one page (native code included)
        result.errors.append(f"cannot parse: {type(error).__name__}: {error}")
        return result
    if task.mode == "check":
        lint = lint_page(page, rule_set, task.ignored)
        page.release()
        result.diagnostics, result.internal_error = lint.diagnostics, lint.internal_error
        return result
    if task.kind == "format":
        from wikilint.formatter import format_page

        fixed = format_page(page, rule_set, task.ignored, verify=task.verify, lines=task.lines)
    else:
        fixed = fix_page(page, rule_set, task.ignored)
        if task.profile.overrides.format_fixed and fixed.text != text and not fixed.failed:
            from wikilint.formatter import format_fixed_page

            format_rule_set = session.rule_set_for_text(task.profile, text, "format")[0]
            format_fixed_page(fixed, rule_set, format_rule_set, task.ignored, title=page.title, path=task.path)
    result.diagnostics = fixed.diagnostics
    result.internal_error = fixed.internal_error
    result.fix_failed = fixed.failed
    result.applied = fixed.applied
    result.found_later = fixed.found_later
    if fixed.text == text:
        return result
    source = task.source
    if task.kind == "format":
        # The formatter decides the final newline (final-newline); a fix keeps the file's.
        source = replace(source, final_newline=fixed.text.endswith("\n"))
    result.new_text = fixed.text
    result.new_bytes = source.encode(fixed.text)
    if task.mode == "diff":
        # The diff is of the file as stored (BOM, CRLF) so that it applies as a patch.
        result.diff = unified_diff(task.source.render(text), source.render(fixed.text), task.path)
    return result


def code_ranges(codes: Iterable[str]) -> str:
    """``ZH001–ZH020, LNK004`` for a list of codes: runs of consecutive numbers joined."""
    import re

    runs: list[list[tuple[str, int, str]]] = []
    for code in codes:
        prefix, number = re.match(r"(\D+)(\d+)$", code).groups()  # validated codes: letters then digits
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == prefix and last[1] + 1 == int(number):
            runs[-1].append((prefix, int(number), code))
        else:
            runs.append([(prefix, int(number), code)])
    return ", ".join(run[0][2] if len(run) == 1 else f"{run[0][2]}–{run[-1][2]}" for run in runs)


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff that ``patch`` accepts, marking a missing final newline as diff does."""
    import difflib  # only for --diff: keeps start-up lean

    lines = []
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                     f"a/{path}", f"b/{path}"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# -- running tasks elsewhere ------------------------------------------------------------------


def installed_versions(session: Session) -> dict[str, str]:
    """wikilint's version and each plugin's distribution: what a worker must match."""
    return {"wikilint": __version__, **session.registry.plugins}


#: This process's own session when it serves as a worker (a Dask worker running
#: :func:`~wikilint.workers.run_isolated`): built once, reused by every run.
_worker_session: Session | None = None


def worker_versions() -> dict[str, str]:
    global _worker_session
    if _worker_session is None:
        _worker_session = Session()
    return installed_versions(_worker_session)


def tune_garbage_collector() -> None:
    """Fewer cyclic-GC passes in a run (as mypy does).

    A parse allocates hundreds of thousands of tree nodes that reference counting frees
    on its own (the trees hold no cycles); with the default thresholds the collector
    keeps rescanning them, which costs several per cent of a run. Pages are processed with
    the collector paused (:func:`collector_paused`); these thresholds serve the rest (start-up,
    reading sources, results). Objects that live for the whole run (modules, rules) are
    frozen out of the collector's sight. Worker processes do the same.
    """
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic-GC pass while one page is processed; the collector runs between pages.

    A page's trees, layouts and findings are alive until the page is done, and with the
    formatted page parsed beside the original there are two trees: every pass of the
    collector during a page rescans them (a fifth of the time of formatting a 1 MB page),
    yet the trees hold no cycles and reference counting frees them when the page is done.
    Garbage a rule makes in cycles waits for the next pass, after the page. A caller that
    turned the collector off keeps it off.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class PageBatch(Unit):
    """Page tasks (and results already known) sent to a worker together."""

    entries: tuple[SourceItem, ...]

    def items(self) -> Iterator[SourceItem]:
        return iter(self.entries)

    def known_outcome(self) -> UnitOutcome | None:
        # Every page's result already known (served from the result cache, or unreadable).
        if all(isinstance(entry, PageResult) for entry in self.entries):
            return UnitOutcome(list(self.entries))
        return None


#: A batch is sent once it holds this many characters of text or this many pages: big
#: enough that sending it costs little next to processing it, small enough to balance.
BATCH_CHARACTERS = 256 * 1024
BATCH_PAGES = 64


def batches(items: Iterable[SourceItem]) -> Iterator[PageBatch]:
    """``items`` grouped into batches of about :data:`BATCH_CHARACTERS` or :data:`BATCH_PAGES`."""
    batch: list[SourceItem] = []
    characters = 0
    for item in items:
        batch.append(item)
        if isinstance(item, PageTask):
            characters += len(item.source.text)
        if characters >= BATCH_CHARACTERS or len(batch) >= BATCH_PAGES:
            yield PageBatch(tuple(batch))
            batch, characters = [], 0
    if batch:
        yield PageBatch(tuple(batch))


def run_unit_here(unit: Unit, session: Session) -> UnitOutcome:
    """Run a unit in this process (no time budget: nothing here can stop a stuck page)."""
    results = [item if isinstance(item, PageResult) else process_task(item, session) for item in unit.items()]
    return UnitOutcome(results, unit.finish(results))


def runs_here(jobs: int, page_timeout: float | None, executor: Executor | None = None) -> bool:
    """Whether :func:`run_units` runs pages in this process: no executor, one job and no
    time budget (nothing here could stop a stuck page, so a budget needs a worker process)."""
    return executor is None and jobs <= 1 and not page_timeout


def run_units(units: Iterable[Unit], session: Session, *, jobs: int = 1, executor: Executor | None = None,
              page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
              in_flight_per_worker: int = 2, pool: WorkerPool | None = None) -> Iterator[UnitOutcome]:
    """Each unit's outcome, in the order of ``units``: the one primitive every run goes through.

    - ``executor`` given: units go to it (Dask's ``Client.get_executor()``, a process or
      thread pool), each run through :func:`~wikilint.workers.run_isolated` so that a page
      past ``page_timeout`` seconds stops a worker's child process, not the executor's
      worker (with ``page_timeout=None``, run directly in the executor's worker); the unit
      goes pickled and its outcome comes back pickled, so that the executor's worker
      passes bytes between this process and its child, and only this process unpickles
      the results;
    - else, with ``jobs > 1`` or a ``page_timeout``: a :class:`~wikilint.workers.WorkerPool`
      of ``jobs`` processes: ``pool``, the caller's, when given (its ``page_timeout`` applies,
      and it stays open for the caller's next run: one set of workers for several passes),
      else one made and shut down here;
    - else (``jobs <= 1``, no budget): here, one unit after the other.

    At most ``jobs × in_flight_per_worker`` units are out at once, so a source is read
    only as fast as its pages are processed and memory stays flat.
    """
    if runs_here(jobs, page_timeout, executor):
        for unit in units:
            yield run_unit_here(unit, session)
        return
    versions = installed_versions(session)
    max_in_flight = max(1, jobs) * in_flight_per_worker
    if executor is not None:
        if page_timeout:
            yield from _in_order(lambda unit: executor.submit(run_isolated, pack(unit), versions, page_timeout),
                                 units, max_in_flight)
        else:
            yield from _in_order(lambda unit: executor.submit(run_unit_in_worker, unit, versions), units,
                                 max_in_flight)
        return
    if pool is not None:
        yield from _in_order(lambda unit: pool.submit(unit, versions), units, max_in_flight)
        return
    pool = WorkerPool(max(1, jobs), page_timeout)
    try:
        yield from _in_order(lambda unit: pool.submit(unit, versions), units, max_in_flight)
    except BaseException:
        pool.shutdown(kill=True)
        raise
    pool.shutdown()


def run_unit_in_worker(unit: Unit, versions: dict[str, str]) -> UnitOutcome:
    """Run a unit in an executor's worker process itself (no time budget)."""
    mine = worker_versions()
    if mine != versions:
        raise VersionMismatch(version_difference(versions, mine))
    assert _worker_session is not None
    return run_unit_here(unit, _worker_session)


def _in_order(submit: Callable[[Unit], Future], units: Iterable[Unit], max_in_flight: int) -> Iterator[UnitOutcome]:
    """Submit units, keeping at most ``max_in_flight`` out, and yield their outcomes in order."""
    queue: deque[Future] = deque()
    for unit in units:
        known = unit.known_outcome()
        if known is not None:  # no worker needed (nor started) for it
            from concurrent.futures import Future

            future = Future()
            future.set_result(known)
            queue.append(future)
        else:
            queue.append(submit(unit))
        while queue and (len(queue) >= max_in_flight or queue[0].done()):
            yield unpacked(queue.popleft().result())
    while queue:
        yield unpacked(queue.popleft().result())


def run_tasks(items: Iterable[SourceItem], session: Session, *, jobs: int = 1,
              executor: Executor | None = None, page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
              in_flight_per_worker: int = 2) -> Iterator[PageResult]:
    """Results in the order of ``items``, tasks processed in batches through :func:`run_units`."""
    if runs_here(jobs, page_timeout, executor):
        for item in items:  # the fast path: no batch to build
            yield item if isinstance(item, PageResult) else process_task(item, session)
        return
    for outcome in run_units(batches(items), session, jobs=jobs, executor=executor, page_timeout=page_timeout,
                             in_flight_per_worker=in_flight_per_worker):
        yield from outcome.results

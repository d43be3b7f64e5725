"""One pipeline for every page: a page task goes in, a :class:`PageResult` comes out.

Sources (files, stdin, dump pages, editor buffers) turn their pages into
:class:`PageTask` objects; they know nothing of rules. :func:`process_task` is the one
processing path: parse once, lint or fix, and give back diagnostics and new text.
:func:`run_tasks` runs tasks in this process or on any ``concurrent.futures.Executor``
(a process pool, or Dask's ``Client.get_executor()``) and streams the results back in
input order with a bounded number of tasks in flight, so memory stays flat whatever
the number of pages. Nothing is written here: the caller writes what succeeded.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Literal, Union

from wikilint import __version__
from wikilint.config import ConfigError, Profile
from wikilint.engine import fix_page, lint_page
from wikilint.files import SourceText
from wikilint.page import Page
from wikilint.results import PageResult
from wikilint.session import Session

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


#: What a source yields: a task, or a result already known (a file that could not be read).
SourceItem = Union[PageTask, PageResult]


def title_from_path(path: str) -> str:
    from pathlib import PurePath

    return PurePath(path).stem.replace("_", " ")


def process_task(task: PageTask, session: Session) -> PageResult:
    """Lint or fix one page. Every failure is reported on the result, never raised."""
    result = PageResult(task.path, title=task.title, namespace=task.namespace, page_id=task.page_id,
                        revision_id=task.revision_id)
    text = task.source.text
    try:
        rule_set, detection = session.rule_set_for_text(task.profile, text)
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
        page = Page(text, site=rule_set.site, title=task.title or title_from_path(task.path), path=task.path)
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
    fixed = fix_page(page, rule_set, task.ignored)
    result.diagnostics = fixed.diagnostics
    result.internal_error = fixed.internal_error
    result.fix_failed = fixed.failed
    result.applied = fixed.applied
    result.found_later = fixed.found_later
    if fixed.text == text:
        return result
    result.new_text = fixed.text
    result.new_bytes = task.source.encode(fixed.text)
    if task.mode == "diff":
        # The diff is of the file as stored (BOM, CRLF) so that it applies as a patch.
        result.diff = unified_diff(task.source.render(text), task.source.render(fixed.text), task.path)
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


class VersionMismatch(RuntimeError):
    """A worker runs another wikilint or other plugins than the process that sent the task."""


def installed_versions(session: Session) -> dict[str, str]:
    """wikilint's version and each plugin's distribution: what a worker must match."""
    return {"wikilint": __version__, **session.registry.plugins}


#: The worker process's own session: built on its first batch, reused for every later
#: batch and run (rule sets are cached by profile content, never by run).
_worker_session: Session | None = None
_worker_versions: dict[str, str] | None = None


def process_batch(tasks: list[PageTask], expected_versions: dict[str, str]) -> list[PageResult]:
    """Process tasks in a worker process (process pool or Dask worker)."""
    global _worker_session, _worker_versions
    if _worker_session is None:
        _worker_session = Session()
        _worker_versions = installed_versions(_worker_session)
    if _worker_versions != expected_versions:
        raise VersionMismatch(_version_difference(expected_versions, _worker_versions or {}))
    return [process_task(task, _worker_session) for task in tasks]


def _version_difference(expected: dict[str, str], actual: dict[str, str]) -> str:
    differences = [f"{name}: {actual.get(name, 'missing')} (expected {expected.get(name, 'none')})"
                   for name in sorted(set(expected) | set(actual)) if expected.get(name) != actual.get(name)]
    return "a worker runs other versions than this wikilint; refusing it: " + "; ".join(differences)


#: A batch is sent once it holds this many characters of text or this many pages: big
#: enough that sending it costs little next to processing it, small enough to balance.
BATCH_CHARACTERS = 256 * 1024
BATCH_PAGES = 64


def run_tasks(items: Iterable[SourceItem], session: Session, *, jobs: int = 1,
              executor: Executor | None = None, in_flight_per_worker: int = 4) -> Iterator[PageResult]:
    """Results in the order of ``items``.

    With ``jobs <= 1`` and no ``executor`` the pages are processed here, one by one.
    Otherwise tasks go out in batches to ``executor`` (a process pool of ``jobs``
    workers when none is given); at most ``jobs × in_flight_per_worker`` batches are out
    at once, so a source is read only as fast as the pages are processed.
    """
    if executor is None and jobs <= 1:
        for item in items:
            yield item if isinstance(item, PageResult) else process_task(item, session)
        return
    owned = executor is None
    if executor is None:
        from concurrent.futures import ProcessPoolExecutor  # only when used: its import costs start-up time

        executor = ProcessPoolExecutor(max_workers=jobs)
    try:
        yield from _run_on(executor, items, installed_versions(session), max(1, jobs) * in_flight_per_worker)
    finally:
        if owned:
            executor.shutdown(wait=True, cancel_futures=True)


def _run_on(executor: Executor, items: Iterable[SourceItem], versions: dict[str, str],
            max_in_flight: int) -> Iterator[PageResult]:
    # The queue keeps input order: each entry is a result already known or a batch's future.
    queue: deque[PageResult | Future[list[PageResult]]] = deque()
    in_flight = 0
    batch: list[PageTask] = []
    batch_characters = 0

    def send() -> None:
        nonlocal batch, batch_characters, in_flight
        queue.append(executor.submit(process_batch, batch, versions))
        in_flight += 1
        batch, batch_characters = [], 0

    def drain(until: int) -> Iterator[PageResult]:
        # Yield what is ready at the head (known results, finished batches), and wait for
        # the head batch while more than ``until`` batches are out.
        nonlocal in_flight
        while queue and (in_flight > until or isinstance(queue[0], PageResult) or queue[0].done()):
            head = queue.popleft()
            if isinstance(head, PageResult):
                yield head
            else:
                in_flight -= 1
                yield from head.result()

    for item in items:
        if isinstance(item, PageResult):
            if batch:
                send()
            queue.append(item)
        else:
            batch.append(item)
            batch_characters += len(item.source.text)
            if batch_characters >= BATCH_CHARACTERS or len(batch) >= BATCH_PAGES:
                send()
        yield from drain(max_in_flight - 1)
    if batch:
        send()
    yield from drain(-1)

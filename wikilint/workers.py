"""Worker processes that run units of pages under a per-page time budget.

mwparserfromhell's C tokenizer is quadratic on some inputs (``"<ref>x " * 4000`` takes
seconds, ``* 20000`` minutes) and holds the interpreter while it runs: no signal, thread
or ``Future.cancel`` can stop it. The only way to bound a page's time is to run it in a
process that can be killed. :class:`WorkerPool` is a small pool of such processes: it
sends each a :class:`Unit` (a batch of page tasks, or a byte range of a dump that the
worker reads itself), receives each page's result as soon as it is done, and when a page
runs past its budget (or its process dies: a crash in native code) it kills the process,
records an error result for that page, and sends the rest of the unit to a fresh process
— the pages already done are not done again.

Why not ``ProcessPoolExecutor``: killing one of its processes breaks the whole pool, and
it returns a batch's results only when the whole batch is done, so it cannot tell which
page was stuck. Why subprocesses rather than ``multiprocessing``: a Dask worker is a
daemonic process, which ``multiprocessing`` forbids to have children, and forking a
process that runs threads is unsafe; a fresh interpreter is neither.

On any other ``concurrent.futures.Executor`` (Dask's ``Client.get_executor()``),
:func:`run_isolated` runs a unit through such a pool inside the executor's worker, so a
stuck page costs a worker's child process there too, never the Dask worker itself.
"""

from __future__ import annotations

import os
import pickle
import selectors
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from concurrent.futures import Future

    from wikilint.results import PageResult

# subprocess, multiprocessing.connection and concurrent.futures are imported
# where a pool is made: a check of one page (an editor's) must not pay for them at start-up.
# Nor is wikilint.results (the parser, the engine) imported here: a Dask worker runs units
# through this module's pool (run_isolated) without ever unpickling a page or a result.

#: A page gets this many seconds of processor time by default before its worker is stopped.
DEFAULT_PAGE_TIMEOUT = 10.0

#: A page that does not finish within this many times its budget in wall-clock time is
#: stopped even when its worker used little processor time (it waits on something).
WALL_CLOCK_FACTOR = 10

#: A unit whose worker dies this many times without finishing a page is given up.
MAX_FRUITLESS_STARTS = 3


class Unit:
    """A piece of work a worker process does on its own, page after page.

    ``items()`` yields, in order, page tasks to process and results already known (a page
    a source could not read); it runs in the worker, so a unit can read its pages there
    (a multistream dump's byte range). ``finish(results)`` gets every page's result, in
    order, and returns what the unit gives back besides them (``None`` for a batch; a
    rewritten dump range). Units must be picklable.
    """

    def items(self) -> Iterator[Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self, results: list[PageResult]) -> Any:
        return None

    def known_outcome(self) -> UnitOutcome | None:
        """The outcome when it is known without processing a page (then no worker is
        started for the unit), else ``None``."""
        return None


@dataclass(frozen=True)
class UnitOutcome:
    """What a unit gives back: each page's result, in order, and ``finish``'s value."""

    results: list[PageResult]
    payload: Any = None


@dataclass(frozen=True)
class PackedOutcome:
    """A :class:`UnitOutcome` as the worker process pickled it: each page's result and the
    payload, as bytes. What :func:`run_isolated` gives back, so that the process between the
    worker process and the one that wants the results (a Dask worker) only passes bytes on:
    it neither unpickles the results nor pickles them again to send them on (a tenth of a
    millisecond a page, over every page of a dump)."""

    results: list[bytes]
    payload: bytes

    def unpack(self) -> UnitOutcome:
        return UnitOutcome([pickle.loads(result) for result in self.results], pickle.loads(self.payload))


def unpacked(outcome: UnitOutcome | PackedOutcome) -> UnitOutcome:
    return outcome.unpack() if isinstance(outcome, PackedOutcome) else outcome


def pack(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class UnitError(Exception):
    """A unit failed as a whole (its input is bad, or its worker could not run it).

    Its message is one line. Raised in the worker, it is sent back as its message only,
    so that any exception type travels between processes and machines.
    """


class VersionMismatch(RuntimeError):
    """A worker runs another wikilint or other plugins than the process that sent the task."""


def version_difference(expected: dict[str, str], actual: dict[str, str]) -> str:
    differences = [f"{name} {actual.get(name, 'missing')} (this wikilint has {expected.get(name, 'none')})"
                   for name in sorted(set(expected) | set(actual)) if expected.get(name) != actual.get(name)]
    return "a worker runs other versions than this wikilint and refuses to work: " + "; ".join(differences)


def placeholder(message: str) -> PageResult:
    """The result of a page whose worker was stopped; the next worker fills in which page."""
    from wikilint.results import PageResult

    return PageResult("", errors=[message])


def with_identity(result: PageResult, task: Any) -> PageResult:
    """A placeholder result named after the page (a task, or a result known) it stands for."""
    return replace(result, path=task.path, title=task.title, namespace=task.namespace, page_id=task.page_id,
                   revision_id=task.revision_id)


# -- the worker process -------------------------------------------------------------------

_CHILD_BOOT = "import sys; from wikilint.workers import child_main; child_main(int(sys.argv[1]), int(sys.argv[2]))"


def child_main(read_fd: int, write_fd: int) -> None:
    """A worker process's loop: say ``("ready",)`` once started, then for each
    ``(unit, done, versions)`` received send back ``("page", index, result, processor
    seconds)`` per page, ``("finishing",)``, then ``("done", payload)`` or ``("error",
    message)``. The unit, the results done (by an earlier worker of the unit), each result
    and the payload travel pickled (:func:`pack`): the pool keeps them as bytes.

    A page's message carries the processor time this process has used when it sends it,
    where the next page starts: the pool judges a page's budget from it, and need not read
    the process's time from ``/proc`` on each of the thousands of pages of a dump (that
    read, with its wake-up, was a third of the pool's own processor time)."""
    import signal
    from multiprocessing.connection import Connection

    from wikilint.results import PageResult
    from wikilint.runner import installed_versions, process_task, tune_garbage_collector
    from wikilint.session import Session

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops its workers itself
    tune_garbage_collector()
    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    try:
        session = Session()
        versions = installed_versions(session)  # loads the plugins: start-up is over after this
        outbox.send(("ready",))
        while True:
            try:
                unit, done, expected = inbox.recv()
            except EOFError:
                return
            if versions != expected:  # checked before the unit is unpickled: it may be another wikilint's
                outbox.send(("error", version_difference(expected, versions)))
                continue
            try:
                unit = pickle.loads(unit)
                results = [pickle.loads(result) for result in done]
                for index, item in enumerate(unit.items()):
                    if index < len(done):
                        if results[index].path == "":  # a placeholder: say which page it was
                            results[index] = with_identity(results[index], item)
                            outbox.send(("page", index, pack(results[index]), time.process_time()))
                        continue
                    result = item if isinstance(item, PageResult) else process_task(item, session)
                    outbox.send(("page", index, pack(result), time.process_time()))
                    results.append(result)
                outbox.send(("finishing",))
                payload = pack(unit.finish(results))
            except Exception as error:  # noqa: BLE001 - the unit's failure goes back as one line
                outbox.send(("error", str(error) or type(error).__name__))
                continue
            outbox.send(("done", payload))
    except (BrokenPipeError, EOFError, KeyboardInterrupt):
        return


# -- the pool -----------------------------------------------------------------------------


@dataclass
class _Job:
    #: The unit, pickled (:func:`pack`).
    unit: bytes
    versions: dict[str, str]
    future: Future
    #: Whether the future gets the :class:`PackedOutcome` rather than the :class:`UnitOutcome`.
    packed: bool
    #: Each page's result so far, pickled.
    results: list[bytes] = field(default_factory=list)
    fruitless_starts: int = 0


class _Child:
    """One worker process and the two pipes to it."""

    def __init__(self, environment: dict[str, str]):
        import subprocess
        from multiprocessing.connection import Connection

        parent_read, child_write = os.pipe()
        child_read, parent_write = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _CHILD_BOOT, str(child_read), str(child_write)],
                pass_fds=(child_read, child_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                env=environment, close_fds=True)
        finally:
            os.close(child_read)
            os.close(child_write)
        self.inbox = Connection(parent_read, writable=False)
        self.outbox = Connection(parent_write, readable=False)
        self.job: _Job | None = None
        #: Until the process says it is ready (its imports take a while on a busy machine),
        #: no page is running and no budget applies.
        self.ready = False
        self.page_started = 0.0
        self.page_cpu_started: float | None = None
        self.finishing = False
        self.progressed = False

    @property
    def timed(self) -> bool:
        """Whether a page of this worker's is running against the clock."""
        return self.job is not None and self.ready and not self.finishing

    def send(self, job: _Job) -> None:
        self.job, self.finishing, self.progressed = job, False, False
        self.start_page()
        self.outbox.send((job.unit, job.results, job.versions))

    def start_page(self, processor_time: float | None = None) -> None:
        """A page starts now, after the worker has used ``processor_time`` seconds of
        processor time (``None``: unknown, read it from the system)."""
        self.page_started = time.monotonic()
        self.page_cpu_started = processor_seconds(self.process.pid) if processor_time is None else processor_time

    def page_processor_seconds(self) -> float | None:
        """The processor time this worker has spent on its current page, where the system
        tells (Linux); ``None`` elsewhere."""
        now = processor_seconds(self.process.pid)
        if now is None or self.page_cpu_started is None:
            return None
        return now - self.page_cpu_started

    def stop(self, *, kill: bool) -> None:
        import subprocess

        for connection in (self.inbox, self.outbox):
            connection.close()
        if kill:
            self.process.kill()
        try:
            self.process.wait(timeout=None if kill else 5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def death(self) -> str:
        code = self.process.wait()
        return f"signal {-code}" if code < 0 else f"exit status {code}"


def processor_seconds(pid: int) -> float | None:
    """The processor time (user and system) a process has used so far, from Linux's
    ``/proc``; ``None`` where that cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            data = stat.read()
        # After the command name (in parentheses, and it may hold anything): the state,
        # then fields 4-13, then utime and stime in clock ticks (proc(5)).
        fields = data[data.rindex(b")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


#: What a Dask nanny sets in its worker's environment for the worker's own sake
#: (``distributed.nanny.pre-spawn-environ``) that a worker process of ours must not inherit.
#: ``MALLOC_TRIM_THRESHOLD_=65536`` has glibc hand freed memory back to the system on every
#: free above 64 KiB, and (set at all) fixes its mmap threshold at 128 KiB: a worker process
#: that parses page after page then maps, zero-fills and unmaps its large buffers afresh
#: for each page (measured: three times the page faults of a ``-j`` worker). A Dask worker's
#: pages run in processes set up as ``-j``'s are.
_DASK_WORKER_ONLY = ("MALLOC_TRIM_THRESHOLD_",)


def _child_environment() -> dict[str, str]:
    """This process's environment, with its ``sys.path`` so that a worker imports the same
    wikilint and plugins (an editable install, a test's ``pythonpath``), without what a Dask
    nanny set for this process alone (:data:`_DASK_WORKER_ONLY`)."""
    environment = dict(os.environ)
    paths = [path for path in sys.path if path]
    if environment.get("PYTHONPATH"):
        paths.append(environment["PYTHONPATH"])
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    for name, value in _dask_nanny_environment().items():
        if name in _DASK_WORKER_ONLY and environment.get(name) == value:
            del environment[name]
    return environment


def _dask_nanny_environment() -> dict[str, str]:
    """The variables a Dask nanny sets before it starts its worker, when this process runs
    Dask (a worker: ``distributed`` is loaded); empty otherwise."""
    if "distributed" not in sys.modules:
        return {}
    import dask

    settings = dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {}
    return {name: str(value) for name, value in settings.items() if value is not None}


class WorkerPool:
    """Worker processes that run :class:`Unit`\\ s, each page within ``page_timeout`` seconds.

    ``workers`` processes at most (``None``: as many as units are submitted at once),
    started when the first units come, or at once with ``start``: a caller that will have
    work soon lets the workers import wikilint while it prepares it. A supervising thread
    hands out units, collects results, and replaces a worker that a page kept past its
    budget or that died. ``submit`` returns a ``Future`` of a :class:`UnitOutcome`; a unit
    that fails as a whole raises :class:`UnitError` or :class:`VersionMismatch` from it.
    """

    def __init__(self, workers: int | None, page_timeout: float | None = DEFAULT_PAGE_TIMEOUT, *,
                 start: bool = False):
        from multiprocessing.connection import Connection

        self.workers = workers
        self.page_timeout = page_timeout if page_timeout and page_timeout > 0 else None
        #: How many workers were stopped because a page ran past its budget (for tests and stats).
        self.timeouts = 0
        self._environment = _child_environment()
        self._queue: deque[_Job] = deque()
        self._children: list[_Child] = []
        self._lock = threading.Lock()
        self._stopping = False
        wake_read, wake_write = os.pipe()
        self._wake_read = Connection(wake_read, writable=False)
        self._wake_write = Connection(wake_write, readable=False)
        # What the supervising thread waits on: each worker's pipe (its key's data is the
        # worker) and the wake-up pipe (data None). One selector for the pool's life, not
        # one per wait: the thread waits once per page of a dump.
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._wake_read, selectors.EVENT_READ, None)
        if start and workers is not None:  # (a worker that dies is replaced when there is work for it)
            for _ in range(workers):
                self._start_child()
        self._thread = threading.Thread(target=self._supervise, name="wikilint-workers", daemon=True)
        self._thread.start()

    def submit(self, unit: Unit | bytes, versions: dict[str, str], *, packed: bool = False) -> Future:
        """Run ``unit`` (or the unit :func:`pack` made these bytes of); the future gives its
        :class:`UnitOutcome`, or with ``packed`` its :class:`PackedOutcome`."""
        from concurrent.futures import Future

        future: Future = Future()
        future.set_running_or_notify_cancel()
        data = unit if isinstance(unit, bytes) else pack(unit)
        with self._lock:
            if self._stopping:
                raise RuntimeError("the worker pool is shut down")
            self._queue.append(_Job(data, versions, future, packed))
        self._wake()
        return future

    def shutdown(self, *, kill: bool = False) -> None:
        """Stop the workers (at once with ``kill``; otherwise after their current unit)."""
        with self._lock:
            if self._stopping:
                return
            self._stopping = True
            self._kill_on_stop = kill
        self._wake()
        self._thread.join()
        self._selector.close()
        self._wake_read.close()
        self._wake_write.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.shutdown(kill=exc_type is not None)

    def _wake(self) -> None:
        try:
            self._wake_write.send_bytes(b"!")
        except OSError:
            pass

    # -- the supervising thread ----------------------------------------------------------

    def _supervise(self) -> None:
        try:
            while True:
                with self._lock:
                    if self._stopping:
                        break
                    self._dispatch()
                # An idle worker sends nothing; should it die, its pipe's end is read and it goes.
                for key, _events in self._selector.select(self._wait_time()):
                    child = key.data
                    if child is None:
                        while self._wake_read.poll():
                            self._wake_read.recv_bytes()
                    elif child in self._children:  # not replaced by an earlier message of this wait
                        self._receive(child)
                self._stop_overdue()
        except BaseException as error:  # noqa: BLE001 - never leave a caller waiting forever
            self._fail_everything(UnitError(f"the worker pool stopped: {type(error).__name__}: {error}"))
        finally:
            kill = getattr(self, "_kill_on_stop", True)
            for child in self._children:
                child.stop(kill=kill or child.job is not None)
            self._children.clear()
            self._fail_everything(UnitError("the worker pool was shut down"))

    def _dispatch(self) -> None:
        while self._queue:
            idle = next((child for child in self._children if child.job is None), None)
            if idle is None:
                if self.workers is not None and len(self._children) >= self.workers:
                    return
                idle = self._start_child()
            job = self._queue.popleft()
            try:
                idle.send(job)
            except OSError:  # the process is gone already: its death is noticed on the next wait
                idle.job = job

    def _start_child(self) -> _Child:
        child = _Child(self._environment)
        self._children.append(child)
        self._selector.register(child.inbox, selectors.EVENT_READ, child)
        return child

    def _wait_time(self) -> float | None:
        if self.page_timeout is None:
            return None
        waits = [self._verdict(child)[1] for child in self._children if child.timed]
        return min(waits) if waits else None

    def _verdict(self, child: _Child) -> tuple[str | None, float]:
        """Why the child's page is past its budget (``None`` if it is not), and the seconds
        until it should be looked at again.

        The budget is processor time where the system tells it, so that a machine busy
        with other work does not stop pages that would finish in time on their own; a page
        that waits without using the processor is stopped at the wall-clock backstop.
        Processor time is read only once the page has run for its budget in wall-clock
        time: a page cannot have used more by then.
        """
        budget = self.page_timeout
        assert budget is not None
        elapsed = time.monotonic() - child.page_started
        if elapsed <= budget:
            return None, budget - elapsed
        used = child.page_processor_seconds()
        if used is None:
            return f"took longer than {budget:g} s", 0.0
        if used > budget:
            return f"used more than {budget:g} s of processor time", 0.0
        backstop = budget * WALL_CLOCK_FACTOR
        if elapsed > backstop:
            return f"did not finish in {backstop:g} s", 0.0
        return None, min(backstop - elapsed, budget - used)

    def _receive(self, child: _Child) -> None:
        job = child.job
        try:
            message = child.inbox.recv()
        except (EOFError, OSError):
            self._replace(child, f"the worker process died ({child.death()}) while processing this page")
            return
        kind = message[0]
        child.start_page(message[3] if kind == "page" else None)
        if kind == "ready":
            child.ready = True
            return
        assert job is not None
        if kind == "page":
            index, result = message[1], message[2]
            if index < len(job.results):
                job.results[index] = result
            else:
                job.results.append(result)
            child.progressed = True
        elif kind == "finishing":
            child.finishing = True
        elif kind == "done":
            child.job = None
            outcome = PackedOutcome(job.results, message[1])
            job.future.set_result(outcome if job.packed else outcome.unpack())
        elif kind == "error":
            child.job = None
            error = message[1]
            job.future.set_exception(VersionMismatch(error) if error.startswith("a worker runs other versions")
                                     else UnitError(error))

    def _stop_overdue(self) -> None:
        if self.page_timeout is None:
            return
        for child in list(self._children):
            reason = self._verdict(child)[0] if child.timed else None
            if reason is not None:
                self.timeouts += 1
                child.process.kill()
                self._replace(child, f"processing this page {reason} (--page-timeout): its worker was stopped "
                              "and the page skipped")

    def _replace(self, child: _Child, message: str) -> None:
        """Drop a stopped or dead worker; its unit goes on in another, past the page it was on."""
        job = child.job
        self._children.remove(child)
        self._selector.unregister(child.inbox)
        child.stop(kill=True)
        if job is None:
            return
        if child.finishing:
            job.future.set_exception(UnitError(f"a worker process died finishing a unit ({child.death()})"))
            return
        job.fruitless_starts = 0 if child.progressed else job.fruitless_starts + 1
        if job.fruitless_starts >= MAX_FRUITLESS_STARTS:
            job.future.set_exception(UnitError(f"worker processes keep dying ({child.death()}): "
                                               f"is {sys.executable} able to import wikilint?"))
            return
        job.results.append(pack(placeholder(message)))
        with self._lock:
            self._queue.appendleft(job)

    def _fail_everything(self, error: Exception) -> None:
        with self._lock:
            jobs = list(self._queue) + [child.job for child in self._children if child.job is not None]
            self._queue.clear()
        for job in jobs:
            if not job.future.done():
                job.future.set_exception(error)


# -- on another executor ------------------------------------------------------------------

_pools: dict[float | None, WorkerPool] = {}
_pools_lock = threading.Lock()


def prepare_isolation(page_timeout: float | None, workers: int) -> None:
    """Start the pool :func:`run_isolated` will use now, with ``workers`` processes (as many
    as this process runs units at once: a Dask worker's threads), so that they import
    wikilint while the run is prepared rather than when the first unit comes."""
    with _pools_lock:
        if page_timeout not in _pools:
            _pools[page_timeout] = WorkerPool(workers, page_timeout, start=True)


def run_isolated(unit: Unit | bytes, versions: dict[str, str], page_timeout: float | None) -> PackedOutcome:
    """Run ``unit`` in a worker process of this process's own pool (on a Dask worker, or
    any executor's): a stuck page stops that process, not the executor's worker.

    The unit may come pickled (:func:`pack`), and its outcome goes back pickled
    (:meth:`PackedOutcome.unpack` gives the results): this process only passes bytes
    between the sender and its worker process, and never imports the parser or the rules.

    The worker process compares ``versions`` with its own (it raises
    :class:`VersionMismatch`); it runs this process's interpreter and ``sys.path``, so this
    process need not load the plugins to compare them first (that took most of a second
    of each Dask worker's processor time)."""
    with _pools_lock:
        pool = _pools.get(page_timeout)
        if pool is None:
            pool = _pools[page_timeout] = WorkerPool(None, page_timeout)
    return pool.submit(unit, versions, packed=True).result()

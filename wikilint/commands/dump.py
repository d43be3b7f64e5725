"""``wikilint dump``: lint (and fix) every page of MediaWiki XML dumps, streamed and in parallel.

Pages go through the same pipeline as ``check``'s files (:func:`wikilint.runner.run_units`):
on a local pool of worker processes (``-j``), or on a Dask cluster (``--scheduler``).
Outputs follow the dump's order whatever the executor: findings as JSON Lines (or
concise lines), the fixed dump (``--fix --output``), edits for bots (``--edits``),
statistics and an HTML report. A journal beside the outputs lets ``--resume`` continue a
run that was interrupted; see ``docs/dumps.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from typing import TYPE_CHECKING

from wikilint import __version__
from wikilint.commands.common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Context, UsageError, add_config_options, add_fix_options,
    add_page_timeout_option, add_selection_options, session_from_arguments,
)
from wikilint.output import JSON_SCHEMA_VERSION, diagnostic_to_dict
from wikilint.results import PageResult
from wikilint.runner import default_jobs, installed_versions, run_units, runs_here, tune_garbage_collector
from wikilint.workers import UnitError, VersionMismatch, WorkerPool

if TYPE_CHECKING:
    from wikilint.dump import DumpError, PageFilter, ReadStats
    from wikilint.dump.spool import PageSpool
    from wikilint.dump_report import DumpTotals

OUTPUT_FORMATS = ("json-lines", "concise")
#: Compressed bytes under which the wiki index pass runs in this process (a few seconds).
SMALL_DUMP_FOR_INDEX = 4 << 20
#: The wiki index pass leaves the pages to check of the multistream ranges in the first
#: this many compressed bytes of the dump in a temporary directory, so that the lint pass
#: need not decompress and parse them again (about a tenth of its work); they take about
#: 1.3 times the compressed bytes they come from, and each range's file is removed when
#: the lint pass has taken it. See ``wikilint.dump.spool``.
PAGE_SPOOL_BYTES = 512 << 20
JOURNAL_VERSION = 1


def add_parser(commands: argparse._SubParsersAction) -> None:
    dump = commands.add_parser("dump", help="lint (and fix) the pages of MediaWiki XML dumps")
    dump.add_argument("inputs", nargs="+", metavar="DUMP",
                      help="XML dumps (plain, bz2, gz, xz, zst, 7z; split files form one run); '-' reads stdin")
    reading = dump.add_argument_group("reading")
    reading.add_argument("--index", help="the multistream index (default: found beside the dump by its name)")
    reading.add_argument("--namespace", type=_namespaces, default=frozenset({0}), metavar="N[,N…]|all",
                         help="namespaces to check (default: 0, the articles)")
    reading.add_argument("--title-regex", type=_regex, help="check only pages whose title matches")
    reading.add_argument("--limit", type=_positive, help="stop after this many pages")
    reading.add_argument("--include-redirects", action="store_true", help="check redirect pages too")
    reading.add_argument("--all-revisions", action="store_true", help="check every revision, not only the latest")
    fixing = add_fix_options(dump)
    fixing.add_argument("--output", metavar="OUT", help="with --fix: write the fixed dump here (compressed as its "
                                                        "name says; a multistream input gives a multistream output)")
    fixing.add_argument("--edits", metavar="EDITS.jsonl", help="write one JSON line per changed page, for bots")
    fixing.add_argument("--edits-format", choices=("text", "diff"), default="text",
                        help="the new text of each page (default), or a unified diff")
    fixing.add_argument("--format", dest="format_fixed", action="store_true",
                        help="with --fix or --edits: also format the pages a fix changes (never a page that only "
                             "formatting would change)")
    add_selection_options(dump)
    add_config_options(dump)
    reporting = dump.add_argument_group("reporting")
    reporting.add_argument("--output-format", choices=OUTPUT_FORMATS, default="json-lines")
    reporting.add_argument("--output-file", metavar="FILE", help="write the findings here instead of stdout")
    reporting.add_argument("--statistics", action="store_true",
                           help="print counts per rule and namespace, pages and throughput (findings only "
                                "to --output-file)")
    reporting.add_argument("--report", metavar="REPORT.html", help="write a self-contained HTML report")
    reporting.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    reporting.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    running = dump.add_argument_group("running")
    running.add_argument("-j", "--jobs", type=_positive, default=None, help="worker processes (default: cores)")
    running.add_argument("--scheduler", metavar="ADDRESS|local",
                         help="run on a Dask cluster (tcp://host:8786), or 'local' for a LocalCluster of -j "
                              "workers; needs wikilint[distributed]")
    running.add_argument("--wiki-index", metavar="FILE",
                         help="where the wiki index that cross-page rules read is kept (default: in the cache "
                              "directory); built by a first pass when missing or of another dump, reused otherwise")
    add_page_timeout_option(running)
    running.add_argument("--resume", action="store_true",
                         help="continue an interrupted run of the same command from its journal")


def _namespaces(value: str) -> frozenset[int] | None:
    if value.strip().lower() == "all":
        return None
    try:
        return frozenset(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects namespace numbers (0,14) or 'all', not {value!r}") from None


def _regex(value: str) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as error:
        raise argparse.ArgumentTypeError(f"not a valid regular expression: {error}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expects a positive whole number, not {value!r}")
    return number


# -- outputs --------------------------------------------------------------------------------


def fixed_text(result: PageResult) -> str | None:
    from wikilint.dump_source import fixed_text as text_of

    return text_of(result)


def summary_of(applied: list[tuple[str, str]]) -> str:
    """An edit summary: ``wikilint: 3× LNK001, 1× REF002`` (most frequent first)."""
    counts = Counter(code for code, _message in applied)
    return "wikilint: " + ", ".join(f"{count}× {code}" for code, count in
                                    sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _page_fields(result: PageResult) -> dict[str, Any]:
    return {"page_id": result.page_id, "revision_id": result.revision_id, "title": result.title or result.path,
            "namespace": result.namespace}


class FindingsWriter:
    """Findings of each page, in dump order, as JSON Lines or concise lines (bytes, UTF-8)."""

    def __init__(self, stream: BinaryIO, output_format: str):
        self.stream = stream
        self.concise = output_format == "concise"

    def add(self, result: PageResult) -> None:
        title = result.title or result.path
        lines = []
        if self.concise:
            lines += [f"{title}: error: {message}" for message in result.errors]
            lines += [f"{title}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics]
        else:
            page = _page_fields(result)
            lines += [json.dumps({"schema_version": JSON_SCHEMA_VERSION, **page, "path": title, "error": message},
                                 ensure_ascii=False) for message in result.errors]
            lines += [json.dumps({"schema_version": JSON_SCHEMA_VERSION, **page, **diagnostic_to_dict(title, d)},
                                 ensure_ascii=False) for d in result.diagnostics]
        if lines:
            self.stream.write(("\n".join(lines) + "\n").encode("utf-8"))


class EditsWriter:
    """One JSON line per changed page: what a bot needs to save the edit."""

    def __init__(self, stream: BinaryIO, diff: bool):
        self.stream = stream
        self.diff = diff

    def add(self, result: PageResult) -> None:
        text = fixed_text(result)
        if text is None:
            return
        record = {"page_id": result.page_id, "base_revision_id": result.revision_id,
                  "title": result.title or result.path, "namespace": result.namespace,
                  "summary": summary_of(result.applied)}
        if self.diff:
            record["diff"] = result.diff
        else:
            record["text"] = text
        self.stream.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))


# -- the journal (--resume) -----------------------------------------------------------------


def _new_totals() -> DumpTotals:
    from wikilint.dump_report import DumpTotals

    return DumpTotals()


def _new_read_stats() -> ReadStats:
    from wikilint.dump import ReadStats

    return ReadStats()


@dataclass
class Checkpoint:
    """Where a run stood after its last completed unit: enough to continue it exactly."""

    fingerprint: str
    units: int = 0
    totals: DumpTotals = field(default_factory=_new_totals)
    #: Read counts of multistream ranges done (plain reading counts again as it re-reads).
    range_stats: ReadStats = field(default_factory=_new_read_stats)
    #: Sizes of the append-only outputs (findings, edits, spool) at this point.
    sizes: dict[str, int] = field(default_factory=dict)
    position: int = 0
    seconds: float = 0.0


class Journal:
    """``.NAME.wikilint-journal`` beside the first output file: replaced after every unit."""

    def __init__(self, path: Path):
        self.path = path

    def load(self) -> Checkpoint | None:
        try:
            with open(self.path, "rb") as file:
                version, checkpoint = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception as error:  # noqa: BLE001 - a damaged journal is a one-line error
            raise UsageError(f"{self.path}: cannot read the journal ({type(error).__name__}); remove it to "
                             "start again") from None
        if version != JOURNAL_VERSION:
            raise UsageError(f"{self.path}: a journal of another wikilint version; remove it to start again")
        return checkpoint

    def save(self, checkpoint: Checkpoint) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        with open(temporary, "wb") as file:
            pickle.dump((JOURNAL_VERSION, checkpoint), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _hidden_beside(path: str, suffix: str) -> Path:
    target = Path(path)
    return target.with_name(f".{target.name}.{suffix}")


def _fingerprint(args: argparse.Namespace, versions: dict[str, str]) -> str:
    """What must be the same for ``--resume`` to continue a run: the command line (but how
    it runs: -j, --scheduler, -q, --resume), the inputs as they are on disk, the versions."""
    ignored = {"resume", "jobs", "scheduler", "quiet", "command"}
    options = sorted((key, repr(value)) for key, value in vars(args).items() if key not in ignored)
    inputs = []
    for name in args.inputs:
        try:
            info = os.stat(name)
            inputs.append((os.path.abspath(name), info.st_size, info.st_mtime_ns))
        except OSError:
            inputs.append((name, None, None))
    return hashlib.sha256(repr((options, inputs, sorted(versions.items()))).encode("utf-8")).hexdigest()


class Spool:
    """An append-only file of pickled records: each unit's dump changes or rewritten range,
    kept on disk until the fixed dump is written at the end."""

    def __init__(self, path: Path, size: int | None):
        self.path = path
        self.file = open(path, "r+b" if size is not None else "w+b")
        if size is not None:
            self.file.truncate(size)
            self.file.seek(size)

    def add(self, record: Any) -> None:
        pickle.dump(record, self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def records(self) -> Iterator[Any]:
        self.file.flush()
        end = self.file.tell()
        self.file.seek(0)
        while self.file.tell() < end:
            yield pickle.load(self.file)

    def size(self) -> int:
        self.file.flush()
        return self.file.tell()

    def close(self, *, remove: bool) -> None:
        self.file.close()
        if remove:
            self.path.unlink(missing_ok=True)


def _open_appendable(path: str, size: int | None) -> BinaryIO:
    """A fresh output file, or (resuming) the old one cut back to the journal's size."""
    if size is None:
        return open(path, "wb")
    file = open(path, "r+b")
    file.truncate(size)
    file.seek(size)
    return file


# -- running --------------------------------------------------------------------------------


#: Dask settings for the cluster ``--scheduler local`` starts (and for the client of any
#: cluster). Dask's defaults wake every process often for diagnostics: a statistical
#: profile of each worker every 10 ms, event-loop health checks every 20 ms, system and
#: memory monitors several times a second. Idle, that took about 10 % of one core over the
#: processes of a 2-worker LocalCluster (measured: 2.1 s of processor time in 20 s), time
#: taken from the pages on a small machine; with these, 0.4 s. Work stealing moves tasks
#: between workers, which the runner's few units in flight never need. A remote
#: cluster's workers keep their own configuration (docs/distributed.md says what to set).
LEAN_DASK = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}


class _DaskCluster:
    """The Dask cluster of ``--scheduler``, started (or connected to) in a thread from the
    moment the command begins, so that its processes start while this process loads the
    plugins and opens the dump, as a local run's workers do (:func:`_local_pool`).

    Once the client is connected, every Dask worker starts the worker processes its units
    will run in (:func:`~wikilint.workers.prepare_isolation`): they import wikilint while
    the run is prepared, not when the first unit comes. A ``LocalCluster``'s client takes
    results from its workers directly, not through the scheduler (one pass through this
    process instead of two); a remote cluster's client keeps Dask's setting, since the
    workers may not be reachable from here.
    """

    def __init__(self, args: argparse.Namespace, jobs: int):
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--scheduler needs Dask: pip install 'wikilint[distributed]'") from None
        import threading

        self.address = args.scheduler
        self.client = self.cluster = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="wikilint-dask-start", daemon=True,
                                        args=(dask, Client, LocalCluster, jobs, args.page_timeout or None))
        self._thread.start()

    def _start(self, dask, client_class, cluster_class, jobs: int, page_timeout: float | None) -> None:
        try:
            # Read when the client, scheduler and workers are made (a LocalCluster passes them
            # to its worker processes): in effect for the whole run.
            with dask.config.set(LEAN_DASK):
                if self.address == "local":
                    self.cluster = cluster_class(n_workers=jobs, threads_per_worker=1, processes=True,
                                                 dashboard_address=None)
                    self.client = client_class(self.cluster, direct_to_workers=True)
                else:  # connect timeout: distributed.comm.timeouts.connect (30 s)
                    self.client = client_class(self.address)
        except BaseException as error:  # noqa: BLE001 - raised in the main thread by executor()
            self._error = error
            return
        if page_timeout is not None:
            try:
                _prepare_isolation(self.client, page_timeout)
            except Exception:  # noqa: BLE001 - only a head start: a worker that cannot do it (another
                pass  # wikilint's, without prepare_isolation) refuses in one line at its first unit

    def executor(self):
        """``(executor, workers)`` once the cluster is ready: Dask's ``concurrent.futures``
        executor and how many units it runs at once (its workers' threads)."""
        self._thread.join()
        if isinstance(self._error, (OSError, TimeoutError)):
            raise UsageError(f"cannot reach the Dask scheduler at {self.address}: {self._error}") from None
        if self._error is not None:
            raise self._error
        return self.client.get_executor(), max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        self._thread.join()
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def _prepare_isolation(client, page_timeout: float) -> None:
    """Have each Dask worker start one worker process per thread now (the call returns once
    they are started, not imported)."""
    from wikilint.workers import prepare_isolation

    threads: dict[int, list[str]] = {}
    for address, count in client.nthreads().items():
        threads.setdefault(count, []).append(address)
    for count, addresses in threads.items():
        client.run(prepare_isolation, page_timeout, count, workers=addresses)


def _validate(args: argparse.Namespace) -> None:
    if args.output and not args.fix:
        raise UsageError("--output writes the fixed dump: add --fix")
    if args.format_fixed and not (args.fix or args.edits):
        raise UsageError("--format formats the pages a fix changes: add --fix or --edits")
    if args.output and ("-" in args.inputs or len(args.inputs) > 1):
        raise UsageError("--output needs one dump file as input (split files: run once per file)")
    if args.output and any(Path(args.output).resolve() == Path(name).resolve() for name in args.inputs
                           if name != "-"):
        raise UsageError("--output must not be the input dump")
    if args.index and len(args.inputs) > 1:
        raise UsageError("--index names the index of one dump; give one input")
    if args.inputs.count("-") and len(args.inputs) > 1:
        raise UsageError("'-' (stdin) cannot be mixed with other dumps")


def run(args: argparse.Namespace, context: Context) -> int:
    from wikilint.dump import DumpError, PageFilter  # the dump reader only when a dump is read

    _validate(args)
    tune_garbage_collector()
    session = session_from_arguments(args, context.registry)
    err = context.err
    page_filter = PageFilter(namespaces=args.namespace, title_regex=args.title_regex,
                             include_redirects=args.include_redirects, limit=args.limit,
                             all_revisions=args.all_revisions)
    jobs = args.jobs or default_jobs()
    # The workers start now (local processes, or a Dask cluster), while this process opens
    # the dump and prepares the first pass; both passes run on them.
    pool = _local_pool(args, jobs)
    cluster = _DaskCluster(args, jobs) if args.scheduler is not None else None
    failed = True
    try:
        status = _DumpRun(args, context, session, page_filter, pool, cluster).run()
        failed = False
        return status
    except (DumpError, UnitError, VersionMismatch) as error:
        err.write(f"wikilint: error: {error}\n")
        return EXIT_ERROR
    finally:
        if pool is not None:
            pool.shutdown(kill=failed)
        if cluster is not None:
            cluster.close()


def _local_pool(args: argparse.Namespace, jobs: int) -> WorkerPool | None:
    """The worker processes of a local run, for both its passes (the wiki index's and the
    lint pass), started now so that they import wikilint while this process opens the dump
    and prepares the first pass; ``None`` on a Dask cluster, or when pages run in this
    process (``-j 1 --page-timeout 0``)."""
    page_timeout = args.page_timeout or None
    if args.scheduler is not None or runs_here(jobs, page_timeout):
        return None
    return WorkerPool(jobs, page_timeout, start=True)


class _DumpRun:
    def __init__(self, args, context: Context, session, page_filter: PageFilter, pool: WorkerPool | None = None,
                 cluster: _DaskCluster | None = None):
        from wikilint.dump import compression_for_name
        from wikilint.dump_source import DumpSource, dump_profile

        self.args, self.context, self.session = args, context, session
        #: The local worker processes both passes share (``None``: Dask, or in this process).
        self.pool = pool
        #: The Dask cluster of ``--scheduler`` (``None``: local), started by the caller.
        self.cluster = cluster
        inputs = [name if name == "-" else str(Path(name)) for name in args.inputs]
        self.source = DumpSource(inputs, page_filter, index=args.index)
        self.profile = dump_profile(session, self.source.siteinfo)
        self.mode = "diff" if args.edits and args.edits_format == "diff" else (
            "fix" if args.fix or args.edits else "check")
        # A multistream input rewritten to a bz2 output: each worker rewrites its own range.
        self.range_rewrite = bool(args.output and self.source.multistream
                                  and compression_for_name(args.output) == "bz2")
        #: Where the wiki index pass leaves the ranges' pages for the lint pass (``None``: no pass).
        self.page_spool: PageSpool | None = None

    def _units(self):
        rewrite = ("range" if self.range_rewrite else "changes") if self.args.output else ""
        return self.source.units(self.profile, self.mode, rewrite=rewrite, spool=self.page_spool)

    def _remove_page_spool(self) -> None:
        if self.page_spool is not None:
            import shutil

            shutil.rmtree(self.page_spool.directory, ignore_errors=True)

    def run(self) -> int:
        args, context = self.args, self.context
        versions = installed_versions(self.session)
        outputs = [name for name in (args.output_file, args.output, args.edits, args.report) if name]
        journal = Journal(_hidden_beside(outputs[0], "wikilint-journal")) if outputs else None
        if args.resume and journal is None:
            raise UsageError("--resume needs the outputs in files (--output-file, --output, --edits or --report)")
        fingerprint = _fingerprint(args, versions)
        checkpoint = journal.load() if journal is not None and args.resume else None
        if checkpoint is not None and checkpoint.fingerprint != fingerprint:
            raise UsageError(f"{journal.path}: the journal is of another command line or other inputs; run without "
                             "--resume to start again")
        if args.resume and checkpoint is None:
            context.err.write("wikilint: no journal to resume from: starting from the beginning\n")
        resumed = checkpoint is not None
        state = checkpoint or Checkpoint(fingerprint)
        sizes = state.sizes if resumed else {}

        findings_stream = _open_appendable(args.output_file, sizes.get("findings")) if args.output_file else None
        findings = None
        if not args.statistics or findings_stream is not None:
            stream = findings_stream if findings_stream is not None else _binary(context.out)
            findings = FindingsWriter(stream, args.output_format)
        edits_stream = _open_appendable(args.edits, sizes.get("edits")) if args.edits else None
        edits = EditsWriter(edits_stream, args.edits_format == "diff") if edits_stream is not None else None
        spool = Spool(_hidden_beside(args.output, "wikilint-spool"), sizes.get("spool")) if args.output else None

        executor, workers = (None, args.jobs or default_jobs()) if self.cluster is None else self.cluster.executor()
        try:
            self._prepare_wiki_index(executor, workers)
        except BaseException:
            self._remove_page_spool()
            raise
        progress = None
        if not args.quiet:
            from wikilint.dump_progress import DumpProgress

            progress = DumpProgress(context.err, self.source.compressed_size)
            if resumed:
                progress.resume_from(state.totals.pages, state.position)
        started = time.monotonic() - state.seconds
        totals = state.totals
        units = self._units()
        if resumed:
            units = _skipping(units, state.units, self.source)
        interrupted = False
        failure: BaseException | None = None
        try:
            for outcome in run_units(_stop_at_error(units, self), self.session, jobs=workers, executor=executor,
                                     page_timeout=args.page_timeout or None, pool=self.pool):
                keys = self._keys_for(outcome)
                changes = []
                for result, key in zip(outcome.results, keys):
                    totals.add(result)
                    if findings is not None:
                        findings.add(result)
                    if edits is not None:
                        edits.add(result)
                    text = fixed_text(result)
                    if key is not None and text is not None:
                        changes.append((key, text))
                payload = outcome.payload
                if payload is not None:
                    state.range_stats.add(payload.stats)
                    state.position = payload.end
                elif self.source.reader is not None:
                    state.position = self.source.reader.compressed_position
                if spool is not None:
                    spool.add(payload.rewritten if self.range_rewrite else (payload.changes if payload else changes))
                state.units += 1
                if journal is not None:
                    for name, stream in (("findings", findings_stream), ("edits", edits_stream)):
                        if stream is not None:
                            stream.flush()
                            state.sizes[name] = stream.tell()
                    if spool is not None:
                        state.sizes["spool"] = spool.size()
                    state.seconds = time.monotonic() - started
                    journal.save(state)
                if progress is not None:
                    progress.update(totals.pages, totals.findings, state.position)
            if self.error is not None:
                raise self.error
        except KeyboardInterrupt:
            interrupted = True
            raise
        except BaseException as error:
            failure = error
            raise
        finally:
            if progress is not None:
                progress.finish()
            for stream in (findings_stream, edits_stream):
                if stream is not None:
                    stream.close()
            if self.cluster is not None:  # its workers are no longer needed: free them now
                self.cluster.close()
            self._remove_page_spool()
            if interrupted:  # the journal and the spool stay, for --resume
                if spool is not None:
                    spool.close(remove=False)
                if journal is not None:
                    context.err.write("wikilint: interrupted: run the same command with --resume to continue\n")
            elif failure is not None:  # bad input: nothing to resume; what was written stays valid
                if spool is not None:
                    spool.close(remove=True)
                if journal is not None:
                    journal.remove()
        seconds = time.monotonic() - started
        if spool is not None:
            self._write_fixed_dump(spool)
            spool.close(remove=True)
        read = self._read_counts(state)
        if args.report:
            self._write_report(totals, read, seconds)
        if args.statistics:
            from wikilint.dump_report import write_statistics

            xml_bytes = (self.source.read_stats or state.range_stats).xml_bytes
            write_statistics(totals, read, seconds, xml_bytes, context.out)
        if not args.quiet:
            self._summary(totals, seconds)
        if journal is not None:
            journal.remove()
        self.source.close()
        if totals.pages_failed or self._read_stats(state).problem_count:
            return EXIT_ERROR
        return EXIT_FINDINGS if totals.findings and not args.exit_zero else EXIT_CLEAN

    error: DumpError | None = None

    def _prepare_wiki_index(self, executor, workers: int) -> None:
        """Build (or reuse) the wiki index when a selected rule needs one or ``--wiki-index``
        names its file (rules of other families use it when there is one), and give its
        path to the rules through the profile; see ``docs/dumps.md``."""
        from dataclasses import replace

        from wikilint.config import Profile
        from wikilint.wikiindex.build import dump_identity, index_units, is_split_file, prepare_index
        from wikilint.wikiindex.store import WikiIndexError

        args, err = self.args, self.context.err
        profile = self.profile
        if not args.wiki_index and not any("index" in rule.needs for rule in self.session.rule_set(profile).rules):
            return
        if "-" in args.inputs or profile.site_data is None:
            why = "standard input is read once" if "-" in args.inputs else "the dump names no site (no <siteinfo>)"
            err.write(f"wikilint: {why}: rules that need the wiki index do not run\n")
            return
        identity = dump_identity(args.inputs, profile.site_data)
        path = Path(args.wiki_index) if args.wiki_index else self._default_index_path(identity)
        ranges = self.source.ranges() if self.source.multistream else None
        site = self.source.siteinfo
        meta = {"identity": identity, "site": profile.site_data, "dump": [Path(name).name for name in args.inputs],
                "partial": len(args.inputs) == 1 and is_split_file(args.inputs[0]), "dbname": site.dbname}
        # A small dump is indexed here: starting worker processes would cost more than the
        # pass (and no page needs a time budget: the pass runs no parser, only linear regexes).
        small = executor is None and (self.source.compressed_size or 0) < SMALL_DUMP_FOR_INDEX

        def run(units):
            if small:
                return run_units(units, self.session, jobs=1, page_timeout=None)
            return run_units(units, self.session, jobs=workers, executor=executor,
                             page_timeout=args.page_timeout or None, pool=self.pool)

        def units():
            if ranges is not None:  # made only when the index is built, not when it is reused
                import tempfile

                from wikilint.dump.spool import PageSpool

                self.page_spool = PageSpool(tempfile.mkdtemp(prefix="wikilint-dump-pages-"), self.source.filter)
            return index_units(args.inputs, profile.site_data, ranges=ranges, siteinfo=site, spool=self.page_spool,
                               spool_bytes=PAGE_SPOOL_BYTES)

        try:
            ready = prepare_index(path, meta, units, run, err, quiet=args.quiet,
                                  total_bytes=self.source.compressed_size if ranges else None)
        except WikiIndexError as error:
            raise UsageError(f"--wiki-index {error}") from None
        if ready:
            overrides = replace(profile.overrides, wiki_index=str(path.resolve()))
            self.profile = Profile.build(profile.settings, overrides, profile.site_data)

    def _default_index_path(self, identity: str) -> Path:
        from wikilint.cache import find_cache_dir, prepare_cache_dir

        settings = self.profile.settings
        name = self.source.siteinfo.dbname or "wiki"
        cache = find_cache_dir(None, settings.cache_path, settings.root)
        prepare_cache_dir(cache)
        return cache / "wiki-index" / f"{name}-{identity[:16]}.sqlite"

    def _keys_for(self, outcome) -> list:
        """The revision key of each result (plain reading: the source keeps them in order)."""
        if outcome.payload is not None:
            return [None] * len(outcome.results)  # a range: its changes come in its payload
        return [self.source.keys.popleft() for _ in outcome.results]

    def _read_stats(self, state: Checkpoint) -> ReadStats:
        return self.source.read_stats if self.source.read_stats is not None else state.range_stats

    def _read_counts(self, state: Checkpoint) -> dict[str, int]:
        stats = self._read_stats(state)
        # Pages with problems (no revision, text missing or deleted) count as failed, not skipped.
        counts = {"in other namespaces": stats.skipped_namespace, "not matching --title-regex": stats.skipped_title,
                  "redirects": stats.skipped_redirects}
        for model, count in sorted(stats.skipped_models.items()):
            counts[f"of content model {model}"] = count
        return counts

    def _write_fixed_dump(self, spool: Spool) -> None:
        from wikilint.dump import assemble_multistream, rewrite_dump

        output = self.args.output
        if self.range_rewrite:
            assert self.source.indexes is not None
            assemble_multistream(self.source.indexes[0], spool.records(), output)
            return

        def changes():
            for unit_changes in spool.records():
                yield from unit_changes

        rewrite_dump(self.args.inputs[0], output, changes())

    def _site_name(self) -> str:
        data = self.profile.site_data
        return "auto (detected per page)" if data is None else str(data.get("name", "default"))

    def _write_report(self, totals: DumpTotals, read: dict[str, int], seconds: float) -> None:
        from wikilint.dump_report import write_html_report

        site = self.source.siteinfo
        names = [str(Path(name)) for name in self.args.inputs]
        details = [("dump", ", ".join(names)), ("wiki", site.dbname or site.sitename or "unknown"),
                   ("site profile", self._site_name()),
                   ("skipped pages", ", ".join(f"{count:,} {reason}" for reason, count in read.items() if count)
                    or "none"),
                   ("time", f"{seconds:.1f} s"), ("wikilint", __version__)]
        write_html_report(self.args.report, totals, title=", ".join(Path(n).name for n in names), details=details,
                          namespace_names=dict(site.namespaces), seconds=seconds)

    def _summary(self, totals: DumpTotals, seconds: float) -> None:
        err = self.context.err
        rate = totals.pages / seconds if seconds > 0 else 0.0
        fixed = f", {totals.fixes} fixes on {totals.pages_changed} pages" if totals.fixes else ""
        failed = f", {totals.pages_failed} pages failed" if totals.pages_failed else ""
        err.write(f"wikilint: {totals.pages} pages checked in {seconds:.1f} s ({rate:.1f} pages/s): "
                  f"{totals.findings} findings{fixed}{failed}\n")
        if self.args.output:
            err.write(f"wikilint: wrote {self.args.output}\n")


def _stop_at_error(units, run: _DumpRun):
    """The units until the input turns out bad: the pages read before are still checked
    and written, then the error is reported (``run.error``)."""
    from wikilint.dump import DumpError

    try:
        yield from units
    except DumpError as error:
        run.error = error


def _skipping(units, count: int, source) -> Iterator:
    """``units`` without the first ``count`` (done before the interruption); plain reading
    reads through them (without checking) and drops their revision keys."""
    for unit in islice(units, count):
        if not source.multistream:
            for _ in unit.entries:
                source.keys.popleft()
    yield from units


def _binary(stream) -> BinaryIO:
    """Standard output as bytes (findings are UTF-8 whatever the terminal's encoding)."""
    if hasattr(stream, "buffer"):
        stream.flush()
        return stream.buffer
    return _TextAsBinary(stream)


class _TextAsBinary:
    def __init__(self, stream):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()

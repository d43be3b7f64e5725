"""``wikilint check``: lint files or stdin, and fix them (``--fix``) or show the fixes (``--diff``).

Each page's findings are printed as soon as it and every page before it are done; a
fixed file is written when its result arrives, and only if its fixes held.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wikilint.commands.common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Context, UsageError, add_config_options, add_fix_options,
    add_page_timeout_option, add_selection_options, session_from_arguments, write_bytes,
)
from wikilint.engine import ENGINE_ERROR_CODES
from wikilint.files import write_atomic
from wikilint.output import FORMATS, ConciseReporter, NullReporter, Reporter, Totals, make_reporter, summary_lines, \
    write_statistics
from wikilint.results import PageResult
from wikilint.runner import Mode, default_jobs, run_tasks, tune_garbage_collector
from wikilint.sources import discover_files, file_items, text_task


def add_parser(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="lint (and fix) wikitext files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; '-' reads stdin")
    fixing = add_fix_options(check)
    fixing.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    fixing.add_argument("--show-fixes", action="store_true", help="list what was fixed")
    add_selection_options(check)
    configuring = add_config_options(check)
    configuring.add_argument("--stdin-filename", help="read the page from stdin under this name (its config, reports)")
    configuring.add_argument("--title", help="the page title (default: from the file name)")
    configuring.add_argument("--force-exclude", action="store_true",
                             help="apply exclude patterns to files named on the command line too")
    reporting = check.add_argument_group("reporting")
    reporting.add_argument("--output-format", choices=FORMATS, default="concise")
    reporting.add_argument("--statistics", action="store_true", help="print only a count of findings per rule")
    reporting.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    reporting.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    reporting.add_argument("-j", "--jobs", type=int, default=None, help="parallel processes (default: cores)")
    add_page_timeout_option(reporting)


def run(args: argparse.Namespace, context: Context) -> int:
    tune_garbage_collector()
    session = session_from_arguments(args, context.registry)
    if args.stdin_filename is not None:
        # As with ruff: naming the page read from stdin means reading stdin (editors pass
        # the buffer this way, and linting the working directory instead is a trap).
        if any(path != "-" for path in args.paths):
            raise UsageError("--stdin-filename reads the page from stdin; it cannot be combined with paths")
        if context.stdin is None:
            raise UsageError("standard input is closed")
        args.paths = ["-"]
    if "-" in args.paths and args.paths != ["-"]:
        raise UsageError("'-' (stdin) cannot be mixed with other paths")
    mode: Mode = "diff" if args.diff else ("fix" if args.fix else "check")
    reading_stdin = args.paths == ["-"]
    out, err = context.out, context.err
    stdin_data = b""
    if reading_stdin:
        stdin = context.stdin
        stdin_data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
        items = iter([text_task(stdin_data, args.stdin_filename or "-", session, mode, title=args.title)])
        jobs = files = 1
    else:
        found = discover_files([Path(p) for p in args.paths], session, force_exclude=args.force_exclude)
        files = sum(1 for item in found if not isinstance(item, PageResult))
        jobs = max(1, min(args.jobs if args.jobs is not None else default_jobs(), files))
        items = file_items(found, session, mode, title=args.title)

    # With --fix on stdin the fixed text is the output, so diagnostics go to stderr; with
    # --diff the patch is the output, and stderr says why a page could not be fixed.
    stdin_fix = reading_stdin and mode == "fix"
    report = err if stdin_fix or mode == "diff" else out
    reporter: Reporter
    if mode == "diff":
        reporter = _EngineErrorsOnly(report, context.registry)
    elif args.statistics:
        reporter = NullReporter(report, context.registry)
    else:
        reporter = make_reporter(args.output_format, report, context.registry)
    totals = Totals()
    status = EXIT_CLEAN
    changed = False
    stdin_result: PageResult | None = None
    # One page runs here: a worker process would double the time an editor waits, and
    # there are no other pages for a stuck one to hold up.
    several = not reading_stdin and files > 1
    for result in _worker_errors_as_one_line(run_tasks(items, session, jobs=jobs,
                                                      page_timeout=args.page_timeout if several else None)):
        for message in result.errors:
            err.write(f"{result.path}: error: {message}\n")
        if mode == "fix" and not reading_stdin and result.new_bytes is not None:
            try:
                write_atomic(Path(result.path), result.new_bytes)
            except OSError as error:
                err.write(f"{result.path}: error: cannot write: {error.strerror or error}\n")
                result.errors.append("cannot write")
                result.applied = []
        if result.failed:
            status = EXIT_ERROR
        if mode == "diff" and result.diff:
            out.write(result.diff)
            changed = True
        reporter.add(result)
        totals.add(result)
        stdin_result = result
    reporter.finish()
    if stdin_fix:
        # Editors replace the buffer with what we print: on any failure, the original.
        fixed = stdin_result.new_bytes if stdin_result is not None else None
        write_bytes(out, fixed if fixed is not None else stdin_data)
    if args.statistics:
        write_statistics(totals, report)
    if args.show_fixes and totals.fixed:
        _write_fixes(totals, report)
    if args.output_format in ("concise", "full") and not args.quiet and mode != "diff":
        for line in summary_lines(totals, bool(args.unsafe_fixes)):
            report.write(line + "\n")
    if status == EXIT_ERROR:
        return EXIT_ERROR
    if mode == "diff":
        return EXIT_FINDINGS if changed and not args.exit_zero else EXIT_CLEAN
    return EXIT_FINDINGS if totals.findings and not args.exit_zero else EXIT_CLEAN


def _worker_errors_as_one_line(results):
    """A worker that refuses (other versions) or cannot start ends the run with one line."""
    from wikilint.workers import UnitError, VersionMismatch

    try:
        yield from results
    except (UnitError, VersionMismatch) as error:
        raise UsageError(str(error)) from None


class _EngineErrorsOnly(ConciseReporter):
    """With ``--diff`` stdout holds the patch: this says on stderr why a page was not fixed."""

    def diagnostic(self, result, d) -> None:
        if d.code in ENGINE_ERROR_CODES:
            super().diagnostic(result, d)


def _write_fixes(totals: Totals, out) -> None:
    total = totals.fixed
    out.write(f"Fixed {total} finding{'s' if total != 1 else ''}:\n")
    for path, applied in totals.fixed_pages:
        out.write(f"- {path}:\n")
        counts: dict[tuple[str, str], int] = {}
        for item in applied:
            counts[item] = counts.get(item, 0) + 1
        for (code, message), count in sorted(counts.items()):
            out.write(f"    {count} × {code} ({message or 'fixed'})\n")

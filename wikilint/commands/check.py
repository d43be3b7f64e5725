"""``wikilint check``: lint files or stdin, and fix them (``--fix``) or show the fixes (``--diff``).

Each page's findings are printed as soon as it and every page before it are done; a
fixed file is written when its result arrives, and only if its fixes held. Pages whose
content and settings did not change since a run stored their result are served from the
cache (:mod:`wikilint.cache`) instead of being processed again.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from typing import TextIO

from wikilint.cache import ENVIRONMENT_VARIABLE, NO_CACHE_VARIABLE, ResultCache, find_cache_dir, \
    no_cache_from_environment
from wikilint.colour import CHOICES, Style, use_colour
from wikilint.commands.common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Context, UsageError, add_config_options, add_fix_options,
    add_discovery_options, add_page_timeout_option, add_selection_options, read_stdin, session_from_arguments,
    stdin_paths, worker_errors_as_one_line, write_bytes,
)
from wikilint.config import ConfigError
from wikilint.engine import ENGINE_ERROR_CODES
from wikilint.files import write_atomic
from wikilint.output import FORMATS, ConciseReporter, NullReporter, Reporter, Totals, make_reporter, summary_lines, \
    write_statistics
from wikilint.progress import Progress, progress_for
from wikilint.results import PageResult
from wikilint.runner import Mode, default_jobs, run_tasks, tune_garbage_collector
from wikilint.session import Session
from wikilint.sources import discover_files, file_items, text_task


def add_parser(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="lint (and fix) wikitext files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; '-' reads stdin")
    fixing = add_fix_options(check)
    fixing.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    fixing.add_argument("--show-fixes", action="store_true", help="list what was fixed")
    fixing.add_argument("--fix-only", action="store_true",
                        help="apply fixes and report nothing that remains (implies --fix)")
    fixing.add_argument("--exit-non-zero-on-fix", action="store_true",
                        help="exit 1 when a file was fixed, even if nothing remains")
    fixing.add_argument("--add-suppressions", action="store_true",
                        help="add a suppression comment for every current finding (as ruff's --add-noqa)")
    add_selection_options(check)
    configuring = add_config_options(check)
    configuring.add_argument("--stdin-filename", help="read the page from stdin under this name (its config, reports)")
    configuring.add_argument("--title", help="the page title (default: from the file name)")
    add_discovery_options(configuring)
    configuring.add_argument("--wiki-index", dest="use_wiki_index", metavar="FILE",
                             help="the wiki index of a dump (built by wikilint dump): rules that need it run")
    configuring.add_argument("--show-files", action="store_true", help="print the files that would be checked")
    configuring.add_argument("--show-settings", action="store_true",
                             help="print the settings that apply to the first file, and where they come from")
    caching = check.add_argument_group("caching")
    caching.add_argument("--no-cache", action="store_true", default=no_cache_from_environment(),
                         help=f"neither read nor write the result cache (or set ${NO_CACHE_VARIABLE})")
    caching.add_argument("--cache-dir", metavar="DIR",
                         help=f"where the cache lives (default: .wikilint_cache at the project root; "
                              f"or ${ENVIRONMENT_VARIABLE})")
    reporting = check.add_argument_group("reporting")
    reporting.add_argument("--output-format", choices=FORMATS, default="concise")
    reporting.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    reporting.add_argument("--color", choices=CHOICES, default="auto",
                           help="colour the concise and full formats (auto: on a terminal, unless NO_COLOR)")
    reporting.add_argument("--statistics", action="store_true", help="print only a count of findings per rule")
    reporting.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    reporting.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary or progress")
    reporting.add_argument("-s", "--silent", action="store_true",
                           help="print nothing but errors (the exit status still tells)")
    reporting.add_argument("-v", "--verbose", action="store_true",
                           help="say which site each page was linted as, and why (with site = \"auto\")")
    reporting.add_argument("-j", "--jobs", type=int, default=None, help="parallel processes (default: cores)")
    add_page_timeout_option(reporting)


def run(args: argparse.Namespace, context: Context) -> int:
    tune_garbage_collector()
    session = session_from_arguments(args, context.registry)
    stdin_paths(args, context)
    if args.fix_only:
        args.fix = True
    if args.add_suppressions and (args.fix or args.diff or args.paths == ["-"]):
        raise UsageError("--add-suppressions works on files, without --fix, --fix-only or --diff")
    args.quiet = args.quiet or args.silent
    if args.output_file is None:
        return _check(args, context, session, context.out)
    try:
        target = Path(args.output_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        output = target.open("w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"--output-file {args.output_file}: {error.strerror or error}") from None
    with output:
        return _check(args, context, session, output)


def _check(args: argparse.Namespace, context: Context, session: Session, out: TextIO) -> int:
    mode: Mode = "diff" if args.diff else ("fix" if args.fix else "check")
    reading_stdin = args.paths == ["-"]
    err = context.err
    stdin_data = b""
    if args.show_settings:
        from wikilint.settings_report import write_settings

        return write_settings(args, session, out, cache_dir=_cache_dir(args, session))
    progress: Progress | None = None
    if reading_stdin:
        stdin_data = read_stdin(context)
        items = iter([text_task(stdin_data, args.stdin_filename or "-", session, mode, title=args.title)])
        jobs = files = 1
    else:
        found = discover_files([Path(p) for p in args.paths], session, force_exclude=args.force_exclude,
                               respect_gitignore=args.respect_gitignore)
        if args.show_files:
            return _show_files(found, out, err)
        files = sum(1 for item in found if not isinstance(item, PageResult))
        jobs = max(1, min(args.jobs if args.jobs is not None else default_jobs(), files))
        items = file_items(found, session, mode, title=args.title)
        progress = progress_for(err, len(found), quiet=args.quiet)
    # Results with a wiki index depend on the index's content, which the cache does not know.
    cache = None if args.no_cache or args.use_wiki_index else ResultCache(_cache_dir(args, session), session, warnings=err)
    if cache is not None:
        items = cache.serve(items)

    # With --fix on stdin the fixed text is the output, so diagnostics go to stderr; with
    # --diff the patch is the output, and stderr says why a page could not be fixed.
    stdin_fix = reading_stdin and mode == "fix"
    report = err if stdin_fix or mode == "diff" else out
    style = Style(use_colour(args.color, report))
    reporter: Reporter
    if mode == "diff":
        reporter = _EngineErrorsOnly(report, context.registry, style=style)
    elif args.statistics or args.silent or args.add_suppressions:
        reporter = NullReporter(report, context.registry)
    elif args.fix_only:
        reporter = _EngineErrorsOnly(report, context.registry, style=style)
    else:
        reporter = make_reporter(args.output_format, report, context.registry, style=style)
    suppressor = None
    if args.add_suppressions:
        from wikilint.add_suppressions import SuppressionWriter  # only for --add-suppressions

        suppressor = SuppressionWriter(session)
    totals = Totals()
    status = EXIT_CLEAN
    changed = False
    stdin_result: PageResult | None = None
    notices: set[str] = set()
    # One page runs here: a worker process would double the time an editor waits, and
    # there are no other pages for a stuck one to hold up.
    several = not reading_stdin and files > 1
    try:
        for result in worker_errors_as_one_line(run_tasks(items, session, jobs=jobs,
                                                           page_timeout=args.page_timeout if several else None)):
            if cache is not None:
                cache.record(result)
            if progress is not None and (result.diagnostics or result.errors or result.diff or result.notices
                                         or args.verbose):
                progress.clear()  # the page's output goes on a line of its own
            for message in result.errors:
                err.write(f"{result.path}: error: {message}\n")
            for notice in result.notices:
                if notice not in notices:
                    notices.add(notice)
                    err.write(f"wikilint: {notice}\n")
            if args.verbose and result.site_evidence:
                err.write(f"{result.path}: site {result.site} (detected: {'; '.join(result.site_evidence)})\n")
            if mode == "fix" and not reading_stdin and result.new_bytes is not None:
                try:
                    write_atomic(Path(result.path), result.new_bytes)
                except OSError as error:
                    err.write(f"{result.path}: error: cannot write: {error.strerror or error}\n")
                    result.errors.append("cannot write")
                    result.applied = []
            if suppressor is not None:
                suppressor.add(result, err)
            if result.failed:
                status = EXIT_ERROR
            if mode == "diff" and result.diff:
                out.write(result.diff)
                changed = True
            reporter.add(result)
            totals.add(result)
            stdin_result = result
            if progress is not None:
                progress.advance()
    finally:
        if progress is not None:
            progress.clear()
    reporter.finish()
    if stdin_fix:
        # Editors replace the buffer with what we print: on any failure, the original.
        fixed = stdin_result.new_bytes if stdin_result is not None else None
        write_bytes(out, fixed if fixed is not None else stdin_data)
    if suppressor is not None:
        if not args.silent:
            report.write(suppressor.summary() + "\n")
        return EXIT_ERROR if status == EXIT_ERROR or suppressor.failed else EXIT_CLEAN
    if args.statistics and not args.silent:
        write_statistics(totals, report)
    if args.show_fixes and totals.fixed and not args.silent:
        _write_fixes(totals, report)
    if args.output_format in ("concise", "full") and not (args.quiet or args.statistics) and mode != "diff":
        lines = ([f"Fixed {totals.fixed} finding{'' if totals.fixed == 1 else 's'}."] if totals.fixed else []) \
            if args.fix_only else summary_lines(totals, bool(args.unsafe_fixes))
        for line in lines:
            report.write(line + "\n")
    if status == EXIT_ERROR:
        return EXIT_ERROR
    if args.exit_non_zero_on_fix and totals.fixed:
        return EXIT_FINDINGS
    if mode == "diff":
        return EXIT_FINDINGS if changed and not args.exit_zero else EXIT_CLEAN
    if args.fix_only:
        return EXIT_CLEAN
    return EXIT_FINDINGS if totals.findings and not args.exit_zero else EXIT_CLEAN


def _cache_dir(args: argparse.Namespace, session: Session) -> Path:
    """ruff's rule: the option, the environment, the setting, else the project root
    (the folder of the configuration that applies to the working folder)."""
    try:
        settings = session.settings_for(Path.cwd())
    except ConfigError:  # reported for the files it applies to; the cache goes here then
        return find_cache_dir(args.cache_dir, None, Path.cwd())
    return find_cache_dir(args.cache_dir, settings.cache_path, settings.root)


def _show_files(found: list[Path | PageResult], out: TextIO, err: TextIO) -> int:
    status = EXIT_CLEAN
    for item in found:
        if isinstance(item, PageResult):
            for message in item.errors:
                err.write(f"{item.path}: error: {message}\n")
            status = EXIT_ERROR
        else:
            out.write(f"{item}\n")
    return status


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

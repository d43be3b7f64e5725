"""``wikilint format``: rewrite wikitext files in one consistent style, safely.

The formatting rules (``kind = "format"``, the ``FMT`` codes of the shipped plugin and any
third party's) run through the same sources, runner and fix loop as ``check --fix``; the
pages are tasks of ``kind="format"`` (:mod:`wikilint.formatter`). A page is written only
when its formatting held: the fix loop settled, the text re-parses, and the formatted
page means what the original meant (unless ``--no-verify``); otherwise nothing is written
and the page and the first difference are reported. Writes are atomic; BOM, line endings
and encoding are kept (the final newline is ``final-newline``'s).

Exit status (as ruff format and black): 0 done (or, with ``--check``/``--diff``, nothing
would change), 1 with ``--check``/``--diff`` when something would change, 2 an error.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from wikilint.commands.common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Context, UsageError, add_config_options, add_discovery_options,
    add_page_timeout_option, add_selection_options, read_stdin, session_from_arguments, stdin_paths,
    worker_errors_as_one_line, write_bytes,
)
from wikilint.files import write_atomic
from wikilint.formatter import parse_line_range, refusal
from wikilint.progress import progress_for
from wikilint.results import PageResult
from wikilint.runner import Mode, PageTask, SourceItem, default_jobs, run_tasks, tune_garbage_collector
from wikilint.sources import discover_files, file_items, text_task


def _line_range(value: str) -> tuple[int, int]:
    try:
        return parse_line_range(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_parser(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("format", help="format wikitext files (rewrite them in one consistent style)")
    command.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; '-' reads stdin")
    formatting = command.add_argument_group("formatting")
    formatting.add_argument("--check", action="store_true",
                            help="write nothing; exit 1 and list the files that would be reformatted")
    formatting.add_argument("--diff", action="store_true",
                            help="write nothing; print a unified diff of the changes (exit 1 if any)")
    formatting.add_argument("--range", type=_line_range, metavar="START:END",
                            help="format only lines START to END (1-based, inclusive) of one file or stdin")
    formatting.add_argument("--no-verify", dest="verify", action="store_false",
                            help="skip the check that the formatted page means the same as the original")
    add_selection_options(command)
    configuring = add_config_options(command)
    configuring.add_argument("--stdin-filename",
                             help="read the page from stdin under this name (its config); print it formatted")
    configuring.add_argument("--title", help="the page title (default: from the file name)")
    add_discovery_options(configuring)
    reporting = command.add_argument_group("reporting")
    reporting.add_argument("-q", "--quiet", action="store_true", help="print only errors (and --diff's patch)")
    reporting.add_argument("-j", "--jobs", type=int, default=None, help="parallel processes (default: cores)")
    add_page_timeout_option(reporting)


def run(args: argparse.Namespace, context: Context) -> int:
    tune_garbage_collector()
    reading_stdin = stdin_paths(args, context)
    if args.check and args.diff:
        raise UsageError("--check and --diff cannot be combined (--diff also exits 1 when something would change)")
    session = session_from_arguments(args, context.registry)
    mode: Mode = "diff" if args.diff else "fix"
    fields = {"kind": "format", "lines": args.range, "verify": args.verify}
    stdin_data = b""
    if reading_stdin:
        stdin_data = read_stdin(context)
        items: Iterable[SourceItem] = [text_task(stdin_data, args.stdin_filename or "-", session, mode,
                                                 title=args.title)]
        jobs = files = 1
        progress = None
    else:
        found = discover_files([Path(p) for p in args.paths], session, force_exclude=args.force_exclude,
                               respect_gitignore=args.respect_gitignore)
        files = sum(1 for item in found if not isinstance(item, PageResult))
        if args.range is not None and (files != 1 or len(found) != 1):
            raise UsageError("--range formats a part of one page: give one file (or stdin)")
        jobs = max(1, min(args.jobs if args.jobs is not None else default_jobs(), files))
        items = file_items(found, session, mode, title=args.title)
        progress = progress_for(context.err, len(found), quiet=args.quiet)
    results = run_tasks(_as_formatting(items, fields), session, jobs=jobs,
                        page_timeout=args.page_timeout if files > 1 else None)
    report = _Report(args, context, reading_stdin)
    try:
        for result in worker_errors_as_one_line(results):
            if progress is not None:
                progress.clear()
            report.add(result)
            if progress is not None:
                progress.advance()
    finally:
        if progress is not None:
            progress.clear()
    if reading_stdin and not (args.check or args.diff):
        # Editors replace the buffer with what we print: on any failure, the original.
        formatted = report.last.new_bytes if report.last is not None and not report.last.failed else None
        write_bytes(context.out, formatted if formatted is not None else stdin_data)
    return report.finish()


def _as_formatting(items: Iterable[SourceItem], fields: dict) -> Iterator[SourceItem]:
    """The page tasks of the sources, as formatting tasks."""
    for item in items:
        yield replace(item, **fields) if isinstance(item, PageTask) else item


class _Report:
    """What the run says: errors on stderr as they come, changed files, a summary line."""

    def __init__(self, args: argparse.Namespace, context: Context, reading_stdin: bool) -> None:
        self.args, self.context, self.reading_stdin = args, context, reading_stdin
        self.changed = self.unchanged = self.failed = 0
        self.last: PageResult | None = None

    def add(self, result: PageResult) -> None:
        args, err = self.args, self.context.err
        self.last = result
        for message in result.errors:
            err.write(f"{result.path}: error: {message}\n")
        if result.failed and not result.errors:
            err.write(f"{result.path}: error: not formatted: {refusal(result)}\n")
        if result.failed:
            self.failed += 1
            return
        if result.new_bytes is None:
            self.unchanged += 1
            return
        self.changed += 1
        if args.diff:
            self.context.out.write(result.diff)
        elif args.check:
            if not args.quiet:
                self.context.out.write(f"Would reformat: {result.path}\n")
        elif not self.reading_stdin:
            try:
                write_atomic(Path(result.path), result.new_bytes)
            except OSError as error:
                err.write(f"{result.path}: error: cannot write: {error.strerror or error}\n")
                self.changed -= 1
                self.failed += 1

    def finish(self) -> int:
        args = self.args
        would = args.check or args.diff
        if not args.quiet and not (self.reading_stdin and not would):
            # With --diff stdout holds the patch: the summary goes to stderr, as ruff does.
            stream = self.context.err if args.diff or self.reading_stdin else self.context.out
            stream.write(self._summary(would) + "\n")
        if self.failed:
            return EXIT_ERROR
        return EXIT_FINDINGS if would and self.changed else EXIT_CLEAN

    def _summary(self, would: bool) -> str:
        def files(count: int) -> str:
            return f"{count} file{'' if count == 1 else 's'}"

        parts = []
        if self.changed or not (self.unchanged or self.failed):
            parts.append(f"{files(self.changed)} {'would be reformatted' if would else 'reformatted'}")
        if self.unchanged:
            parts.append(f"{files(self.unchanged)} {'already formatted' if would else 'left unchanged'}")
        if self.failed:
            parts.append(f"{files(self.failed)} not formatted (errors above)")
        return ", ".join(parts)

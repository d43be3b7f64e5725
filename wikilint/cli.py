"""The ``wikilint`` command line.

Exit status: 0 no findings, 1 findings (or, with ``--diff``, changes to show), 2 usage,
configuration, input/output or internal error.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import Sequence, TextIO

from wikilint import __version__
from wikilint.config import ConfigError, Overrides, check_inline, check_selectors, parse_inline_config
from wikilint.engine import ENGINE_ERROR_CODES
from wikilint.files import InputError, discover, write_atomic
from wikilint.output import FORMATS, summary_lines, write_results, write_statistics
from wikilint.plugin_host import Registry, get_registry
from wikilint.rule import RuleInfo
from wikilint.runner import FileResult, Job, default_jobs, process_stdin, run_files, settings_for

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits 2 too, but prints the whole usage; one line is what we promise.
        raise UsageError(message)


def _selectors(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="wikilint", description="Linter, fixer and formatter for MediaWiki wikitext.")
    parser.add_argument("--version", action="store_true", help="print the version and installed plugins")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_ArgumentParser)

    check = commands.add_parser("check", help="lint (and fix) wikitext files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; '-' reads stdin")
    fixing = check.add_argument_group("fixing")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes")
    fixing.add_argument("--unsafe-fixes", action="store_true", default=None,
                        help="also apply unsafe fixes (with --fix or --diff)")
    fixing.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false",
                        help="do not apply unsafe fixes even if the configuration enables them")
    fixing.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    fixing.add_argument("--show-fixes", action="store_true", help="list what was fixed")
    fixing.add_argument("--fixable", type=_selectors, help="rules whose fixes may apply (comma-separated)")
    fixing.add_argument("--unfixable", type=_selectors, default=[], help="rules whose fixes never apply")
    selecting = check.add_argument_group("rule selection")
    selecting.add_argument("--select", type=_selectors, help="rules to enable (replaces the configured list)")
    selecting.add_argument("--extend-select", type=_selectors, default=[], help="rules to enable in addition")
    selecting.add_argument("--ignore", type=_selectors, default=[], help="rules to disable")
    configuring = check.add_argument_group("configuration")
    configuring.add_argument("--config", action="append", default=[], metavar="FILE_OR_KEY=VALUE",
                             help="a config file to use for every path, or an inline 'key = value' override")
    configuring.add_argument("--site", help="site preset (default, enwiki, zhwiki) or site file")
    configuring.add_argument("--stdin-filename", help="the name of the page read from stdin (config, reports)")
    configuring.add_argument("--title", help="the page title (default: from the file name)")
    configuring.add_argument("--force-exclude", action="store_true",
                             help="apply exclude patterns to files named on the command line too")
    reporting = check.add_argument_group("reporting")
    reporting.add_argument("--output-format", choices=FORMATS, default="concise")
    reporting.add_argument("--statistics", action="store_true", help="count findings per rule")
    reporting.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    reporting.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    reporting.add_argument("-j", "--jobs", type=int, default=None, help="parallel processes (default: cores)")

    rules = commands.add_parser("rules", help="list every installed rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    rule = commands.add_parser("rule", help="explain one rule")
    rule.add_argument("code", metavar="CODE_OR_NAME")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")
    commands.add_parser("version", help="print the version and installed plugins")
    return parser


def _report_plugin_errors(registry: Registry, err: TextIO) -> None:
    for message in registry.errors:
        err.write(f"wikilint: error: {message}\n")


def _print_version(registry: Registry, out: TextIO) -> None:
    out.write(f"wikilint {__version__}\n")
    for name, distribution in sorted(registry.plugins.items()):
        out.write(f"  plugin {name}: {distribution}\n")


def rule_explanation(info: RuleInfo) -> dict[str, object]:
    rule = info.rule
    examples = rule.examples()
    return {
        "code": rule.code, "name": rule.name, "summary": rule.summary(), "severity": rule.severity,
        "default_enabled": rule.default_enabled, "fix": rule.fix_applicability,
        "options": dict(rule.options), "plugin": info.plugin, "distribution": info.distribution,
        "explanation": rule.documentation(),
        "examples": {"bad": examples.bad, "good": examples.good} if examples else None,
    }


def _command_rules(args: argparse.Namespace, registry: Registry, out: TextIO) -> int:
    infos = registry.sorted_rules()
    if args.output_format == "json":
        import json

        json.dump([rule_explanation(info) for info in infos], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_CLEAN
    for info in infos:
        rule = info.rule
        state = "on " if rule.default_enabled else "off"
        fix = {"none": "     ", "safe": "fix  ", "unsafe": "fix! "}[rule.fix_applicability]
        out.write(f"{rule.code:<8} {state} {fix} {rule.name:<32} {rule.summary()}\n")
    return EXIT_CLEAN


def _command_rule(args: argparse.Namespace, registry: Registry, out: TextIO) -> int:
    wanted = args.code
    info = registry.rules.get(wanted.upper()) or registry.by_name().get(wanted)
    if info is None:
        raise UsageError(f"unknown rule {wanted!r} (see 'wikilint rules')")
    if args.output_format == "json":
        import json

        json.dump(rule_explanation(info), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_CLEAN
    from wikilint.docs import rule_markdown

    out.write(rule_markdown(info))
    return EXIT_CLEAN


def _command_check(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO,
                   stdin: TextIO) -> int:
    tune_garbage_collector()
    job = _job_from_arguments(args, registry)
    reading_stdin = args.paths == ["-"]
    stdin_data = b""
    if reading_stdin:
        stdin_data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
        results = [process_stdin(stdin_data, args.stdin_filename or "-", job)]
    else:
        results = _check_paths(args, job)

    status = _write_files_and_errors(results, job, writing=job.mode == "fix" and not reading_stdin, out=out,
                                     err=err)
    # With --fix on stdin the fixed text is the output and diagnostics go to stderr.
    report = err if (reading_stdin and job.mode == "fix") else out
    if reading_stdin and job.mode == "fix":
        # Editors replace the buffer with what we print: on any failure, the original.
        fixed = results[0].new_bytes
        _write_bytes(out, fixed if fixed is not None else stdin_data)
    _report(args, results, job, registry, report if job.mode != "diff" else err)
    if status == EXIT_ERROR:
        return EXIT_ERROR
    if job.mode == "diff":
        changed = any(r.diff for r in results)
        return EXIT_FINDINGS if changed and not args.exit_zero else EXIT_CLEAN
    remaining = any(r.diagnostics for r in results)
    return EXIT_FINDINGS if remaining and not args.exit_zero else EXIT_CLEAN


def _job_from_arguments(args: argparse.Namespace, registry: Registry) -> Job:
    """What to do with every file, from the command line (selectors checked here, once)."""
    config_files = [c for c in args.config if "=" not in c or Path(c).exists()]
    inline = [c for c in args.config if c not in config_files]
    if len(config_files) > 1:
        raise UsageError("--config FILE may be given once (inline 'key = value' options can repeat)")
    for flag, selectors in (("--select", args.select or []), ("--extend-select", args.extend_select),
                            ("--ignore", args.ignore), ("--fixable", args.fixable or []),
                            ("--unfixable", args.unfixable)):
        check_selectors(selectors, registry, "command line", flag)
    inline_settings = parse_inline_config(inline)
    check_inline(inline_settings, registry)
    if "-" in args.paths and args.paths != ["-"]:
        raise UsageError("'-' (stdin) cannot be mixed with other paths")
    overrides = Overrides(
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(args.extend_select), ignore=tuple(args.ignore),
        fixable=tuple(args.fixable) if args.fixable is not None else None, unfixable=tuple(args.unfixable),
        unsafe_fixes=args.unsafe_fixes, site=args.site, inline=inline_settings,
    )
    mode = "diff" if args.diff else ("fix" if args.fix else "check")
    return Job(mode=mode, overrides=overrides, config_file=config_files[0] if config_files else None,
               title=args.title)


def _check_paths(args: argparse.Namespace, job: Job) -> list[FileResult]:
    """Results for every file found under the paths (``.`` when none), in order."""
    results: list[FileResult] = []
    files: list[str] = []
    paths = [Path(p) for p in (args.paths or ["."])]
    for path, problem in discover(paths, lambda p: settings_for(p, job),
                                  force_exclude=args.force_exclude):
        if problem is not None:
            results.append(FileResult(str(path), errors=[str(problem)]))
        else:
            files.append(str(path))
    jobs = args.jobs if args.jobs is not None else default_jobs()
    results.extend(run_files(files, job, max(1, jobs)))
    return results


def _write_files_and_errors(results: list[FileResult], job: Job, *, writing: bool, out: TextIO,
                            err: TextIO) -> int:
    """Print each file's errors, write fixed files (``--fix``), print diffs (``--diff``)."""
    status = EXIT_CLEAN
    for result in results:
        for message in result.errors:
            err.write(f"{result.path}: error: {message}\n")
        if result.errors or result.internal_error or result.fix_failed:
            status = EXIT_ERROR
        if writing and result.new_bytes is not None:
            try:
                write_atomic(Path(result.path), result.new_bytes)
            except OSError as error:
                err.write(f"{result.path}: error: cannot write: {error.strerror or error}\n")
                status = EXIT_ERROR
        if job.mode == "diff" and result.diff:
            out.write(result.diff)
    return status


def _report(args: argparse.Namespace, results: list[FileResult], job: Job, registry: Registry,
            report: TextIO) -> None:
    """Diagnostics in the chosen format, then statistics, fixes and summary lines."""
    if job.mode != "diff":
        write_results(args.output_format, results, report, registry)
    else:  # stdout holds the patch: say on stderr why a page could not be fixed
        failures = [FileResult(r.path, diagnostics=[d for d in r.diagnostics if d.code in ENGINE_ERROR_CODES])
                    for r in results]
        write_results("concise", failures, report, registry)
    if args.statistics:
        write_statistics(results, report)
    fixed_count = sum(len(result.applied) for result in results)
    if args.show_fixes and fixed_count:
        _write_fixes(results, report)
    if args.output_format in ("concise", "full") and not args.quiet and job.mode != "diff":
        unsafe_enabled = bool(args.unsafe_fixes) or any(
            d.fix_enabled and d.fix and d.fix.applicability == "unsafe" for r in results for d in r.diagnostics)
        for line in summary_lines(results, fixed_count, unsafe_enabled):
            report.write(line + "\n")


def tune_garbage_collector() -> None:
    """Fewer cyclic-GC passes while pages are parsed (as mypy does).

    A parse allocates hundreds of thousands of tree nodes that reference counting frees
    on its own (the trees hold no cycles); with the default thresholds the collector
    keeps rescanning them, which costs several per cent of a run. Objects that live for
    the whole run (modules, rules) are frozen out of the collector's sight.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _write_bytes(out: TextIO, data: bytes) -> None:
    if hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        out.write(data.decode("utf-8"))


def _write_fixes(results: list, out: TextIO) -> None:
    total = sum(len(r.applied) for r in results)
    out.write(f"Fixed {total} finding{'s' if total != 1 else ''}:\n")
    for result in results:
        if not result.applied:
            continue
        out.write(f"- {result.path}:\n")
        counts: dict[tuple[str, str], int] = {}
        for item in result.applied:
            counts[item] = counts.get(item, 0) + 1
        for (code, message), count in sorted(counts.items()):
            out.write(f"    {count} × {code} ({message or 'fixed'})\n")


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    out, err, inp = stdout or sys.stdout, stderr or sys.stderr, stdin or sys.stdin
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        registry = get_registry()
        _report_plugin_errors(registry, err)
        plugin_status = EXIT_ERROR if registry.errors else EXIT_CLEAN
        if args.version or args.command == "version":
            _print_version(registry, out)
            return EXIT_CLEAN
        if args.command is None:
            parser.print_help(err)
            return EXIT_ERROR
        if args.command == "rules":
            return max(_command_rules(args, registry, out), plugin_status)
        if args.command == "rule":
            return max(_command_rule(args, registry, out), plugin_status)
        return max(_command_check(args, registry, out, err, inp), plugin_status)
    except UsageError as error:
        err.write(f"wikilint: error: {error}\n")
        return EXIT_ERROR
    except ConfigError as error:
        err.write(f"wikilint: error: {error}\n")
        return EXIT_ERROR
    except InputError as error:
        err.write(f"wikilint: error: {error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("wikilint: interrupted\n")
        return EXIT_ERROR


def run() -> None:
    sys.exit(main())

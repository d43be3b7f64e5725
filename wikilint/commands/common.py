"""What the commands share: exit statuses, streams, and the options that pick rules,
configuration and site (``check``, ``format`` and ``dump`` take the same ones)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from wikilint.config import Overrides, check_inline, check_selectors, parse_inline_config
from wikilint.plugin_host import Registry
from wikilint.session import Session

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be run; the message is one line."""


@dataclass
class Context:
    """What a command runs with: the streams and the installed plugins."""

    out: TextIO
    err: TextIO
    stdin: TextIO
    registry: Registry

    def error(self, message: str) -> None:
        self.err.write(f"wikilint: error: {message}\n")


def selectors(value: str) -> list[str]:
    chosen = [item.strip() for item in value.split(",") if item.strip()]
    if not chosen:  # ``--select ''`` would run no rule and report "All checks passed!"
        raise argparse.ArgumentTypeError("expects at least one rule code, prefix or name")
    return chosen


def add_selection_options(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    # As in ruff, a repeated option adds to the list (``--select A --select B`` is ``--select A,B``).
    group = parser.add_argument_group("rule selection")
    group.add_argument("--select", type=selectors, action="extend",
                       help="rules to enable (replaces the configured list)")
    group.add_argument("--extend-select", type=selectors, action="extend", default=[],
                       help="rules to enable in addition")
    group.add_argument("--ignore", type=selectors, action="extend", default=[], help="rules to disable")
    group.add_argument("--extend-ignore", dest="ignore", type=selectors, action="extend",
                       help="the same as --ignore (kept as ruff keeps it)")
    return group


def add_fix_options(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    group = parser.add_argument_group("fixing")
    group.add_argument("--fix", action="store_true", help="apply safe fixes")
    group.add_argument("--unsafe-fixes", action="store_true", default=None,
                       help="also apply unsafe fixes (with --fix or --diff)")
    group.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false",
                       help="do not apply unsafe fixes even if the configuration enables them")
    group.add_argument("--fixable", type=selectors, action="extend",
                       help="rules whose fixes may apply (comma-separated)")
    group.add_argument("--extend-fixable", type=selectors, action="extend", default=[],
                       help="rules whose fixes may apply, in addition to the configured ones")
    group.add_argument("--unfixable", type=selectors, action="extend", default=[],
                       help="rules whose fixes never apply")
    return group


def add_config_options(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    group = parser.add_argument_group("configuration")
    group.add_argument("--config", action="append", default=[], metavar="FILE_OR_KEY=VALUE",
                       help="a config file to use for every path, or an inline 'key = value' override")
    group.add_argument("--site", help="site preset (default, enwiki, zhwiki, …) or site file")
    group.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    return group


def page_timeout(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a number of seconds, not {value!r}") from None
    if seconds < 0 or seconds != seconds:
        raise argparse.ArgumentTypeError("expects a number of seconds (0: no limit)")
    return seconds


def add_page_timeout_option(group: argparse._ArgumentGroup) -> None:
    from wikilint.workers import DEFAULT_PAGE_TIMEOUT

    group.add_argument("--page-timeout", type=page_timeout, default=DEFAULT_PAGE_TIMEOUT, metavar="SECONDS",
                       help=f"stop a page that uses more processor time and report it as an error (default: "
                            f"{DEFAULT_PAGE_TIMEOUT:g}; 0: no limit)")


def _wiki_index(path: str | None) -> str | None:
    """``--wiki-index FILE`` checked (a one-line error when it is no wiki index), as an
    absolute path: it travels to worker processes that may run elsewhere."""
    if path is None:
        return None
    from wikilint.wikiindex.store import WikiIndexError, read_meta

    try:
        read_meta(path)
    except WikiIndexError as error:
        raise UsageError(f"--wiki-index {error}") from None
    return str(Path(path).resolve())


def session_from_arguments(args: argparse.Namespace, registry: Registry) -> Session:
    """The session the command line describes; selectors and inline options are checked
    here, once, before any page is read."""
    config_files = [c for c in args.config if "=" not in c or Path(c).exists()]
    inline = [c for c in args.config if c not in config_files]
    if len(config_files) > 1:
        raise UsageError("--config FILE may be given once (inline 'key = value' options can repeat)")
    select = getattr(args, "select", None)
    fixable = getattr(args, "fixable", None)
    extend_select = getattr(args, "extend_select", [])
    ignore = getattr(args, "ignore", [])
    unfixable = getattr(args, "unfixable", [])
    extend_fixable = getattr(args, "extend_fixable", [])
    for flag, chosen in (("--select", select or []), ("--extend-select", extend_select), ("--ignore", ignore),
                         ("--fixable", fixable or []), ("--extend-fixable", extend_fixable),
                         ("--unfixable", unfixable)):
        check_selectors(chosen, registry, "command line", flag)
    inline_settings = parse_inline_config(inline)
    check_inline(inline_settings, registry)
    overrides = Overrides(
        select=tuple(select) if select is not None else None, extend_select=tuple(extend_select),
        ignore=tuple(ignore), fixable=tuple(fixable) if fixable is not None else None,
        extend_fixable=tuple(extend_fixable), unfixable=tuple(unfixable),
        unsafe_fixes=getattr(args, "unsafe_fixes", None), site=args.site, inline=inline_settings,
        format_fixed=getattr(args, "format_fixed", False),
        wiki_index=_wiki_index(getattr(args, "use_wiki_index", None)),
    )
    isolated = getattr(args, "isolated", False)
    if isolated and config_files:
        raise UsageError("--isolated reads no configuration file: it cannot be combined with --config FILE")
    return Session(overrides, config_file=config_files[0] if config_files else None, registry=registry,
                   isolated=isolated)


def stdin_paths(args: argparse.Namespace, context: Context) -> bool:
    """Settle ``args.paths`` for ``--stdin-filename`` and ``-``; whether stdin is read.

    As with ruff: naming the page read from stdin means reading stdin (editors pass the
    buffer this way, and processing the working directory instead is a trap)."""
    if args.stdin_filename is not None:
        if any(path != "-" for path in args.paths):
            raise UsageError("--stdin-filename reads the page from stdin; it cannot be combined with paths")
        if context.stdin is None:
            raise UsageError("standard input is closed")
        args.paths = ["-"]
    if "-" in args.paths and args.paths != ["-"]:
        raise UsageError("'-' (stdin) cannot be mixed with other paths")
    return args.paths == ["-"]


def read_stdin(context: Context) -> bytes:
    stdin = context.stdin
    return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")


def add_discovery_options(group: argparse._ArgumentGroup) -> None:
    """How folders are searched for pages (``check`` and ``format``)."""
    group.add_argument("--force-exclude", action="store_true",
                       help="apply exclude patterns to files named on the command line too")
    group.add_argument("--respect-gitignore", action="store_true", default=None,
                       help="skip files git ignores when searching folders (the default)")
    group.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false",
                       help="search folders without asking git what it ignores")


def worker_errors_as_one_line(results):
    """A worker that refuses (other versions) or cannot start ends the run with one line."""
    from wikilint.workers import UnitError, VersionMismatch

    try:
        yield from results
    except (UnitError, VersionMismatch) as error:
        raise UsageError(str(error)) from None


def write_bytes(out: TextIO, data: bytes) -> None:
    """Raw bytes on a text stream (a fixed page keeps its own encoding conventions)."""
    if hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        out.write(data.decode("utf-8"))


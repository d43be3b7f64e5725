"""The ``wikilint`` command line: the parser, the commands, and the promises every command
keeps — a one-line error instead of a traceback, and the exit status.

Exit status: 0 no findings, 1 findings (or, with ``--diff``, changes to show), 2 usage,
configuration, input/output or internal error. A closed output pipe (``| head``) ends
the run quietly.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from typing import TYPE_CHECKING, Sequence, TextIO

from wikilint import __version__

if TYPE_CHECKING:
    from wikilint.plugin_host import Registry

# What a command runs with is imported by ``main`` (see there): importing this module
# imports no more of wikilint than its version.

#: Command name → module under ``wikilint.commands`` (``add_parser`` and ``run``).
COMMANDS = {"check": "check", "rules": "rules", "rule": "rules", "server": "server", "site": "site",
            "clean": "clean", "dump": "dump", "format": "format"}


#: The commands that go through pages (each tunes the garbage collector for them).
PAGE_COMMANDS = frozenset({"check", "format", "dump"})


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        from wikilint.commands.common import UsageError

        # argparse exits 2 too, but prints the whole usage; one line is what we promise.
        raise UsageError(message)


def _command_module(name: str):
    return importlib.import_module(f"wikilint.commands.{COMMANDS[name]}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser: of every command, or of ``command`` alone.

    Each command's module imports what the command runs (``dump`` its readers, ``format``
    the formatter): ``main`` sets up only the command the command line names, as importing
    every one would add to each run's start-up. Without a known command (``--help``, a
    typo) every command is there, for the help text and the list of choices.
    """
    parser = _ArgumentParser(prog="wikilint", description="Linter, fixer and formatter for MediaWiki wikitext.")
    parser.add_argument("--version", action="store_true", help="print the version and installed plugins")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_ArgumentParser)
    module_names = [COMMANDS[command]] if command is not None else dict.fromkeys(COMMANDS.values())
    for module_name in module_names:
        importlib.import_module(f"wikilint.commands.{module_name}").add_parser(commands)
    commands.add_parser("version", help="print the version and installed plugins")
    return parser


def named_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (its first word that is not an option: the only option
    before a command, ``--version``, takes no value), when it is a known one."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return first if first in COMMANDS else None


def _print_version(registry: Registry, out: TextIO) -> None:
    out.write(f"wikilint {__version__}\n")
    for name, distribution in sorted(registry.plugins.items()):
        out.write(f"  plugin {name}: {distribution}\n")


def get_registry() -> Registry:
    """The process-wide plugin registry (:func:`wikilint.plugin_host.get_registry`)."""
    from wikilint.plugin_host import get_registry as process_registry

    return process_registry()


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    command = named_command(arguments)
    # A command that goes through pages starts by importing the parser, the page model, its
    # own modules and every plugin's rules: objects that all live as long as the run, so no
    # pass of the cyclic garbage collector can free any of them, yet at the default
    # thresholds some 35 passes rescan them (a few per cent of a one-page run). The collector
    # is off until they are frozen out of its sight, just before the command runs.
    start_up_paused = command in PAGE_COMMANDS and gc.isenabled()
    if start_up_paused:
        gc.disable()
    from wikilint.commands.common import EXIT_CLEAN, EXIT_ERROR, Context, UsageError
    from wikilint.config import ConfigError
    from wikilint.files import InputError

    err = stderr or sys.stderr or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the run
    out, inp = stdout or sys.stdout, stdin or sys.stdin
    try:
        if out is None:
            err.write("wikilint: error: standard output is closed\n")
            return EXIT_ERROR
        for stream in (out, err):
            _escape_unencodable(stream)
        args = build_parser(command).parse_args(arguments)
        registry = get_registry()
        for message in registry.errors:
            err.write(f"wikilint: error: {message}\n")
        plugin_status = EXIT_ERROR if registry.errors else EXIT_CLEAN
        if args.version or args.command == "version":
            _print_version(registry, out)
            return EXIT_CLEAN
        if args.command is None:
            build_parser().print_help(err)
            return EXIT_ERROR
        if inp is None and "-" in getattr(args, "paths", ()):
            raise UsageError("standard input is closed")
        context = Context(out=out, err=err, stdin=inp, registry=registry)
        if start_up_paused:
            from wikilint.runner import tune_garbage_collector

            tune_garbage_collector()  # start-up's objects frozen, the collector tuned for pages
            gc.enable()
            start_up_paused = False
        status = _command_module(args.command).run(args, context)
        out.flush()
        return max(status, plugin_status)
    except (UsageError, ConfigError, InputError) as error:
        err.write(f"wikilint: error: {error}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("wikilint: interrupted\n")
        return EXIT_ERROR
    finally:
        if start_up_paused:  # the run ended before its command ran
            gc.enable()


def _escape_unencodable(stream: TextIO) -> None:
    """Findings quote page text: on a narrow terminal encoding (``PYTHONIOENCODING=ascii``)
    print what cannot be encoded as escapes instead of failing."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # a stream already written to in another encoding state
            pass


def _silence_stdout() -> None:
    """The reader went away (``| head``): point stdout at /dev/null so that the flush at
    interpreter exit does not raise again (as the Python documentation recommends)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def run() -> None:
    sys.exit(main())

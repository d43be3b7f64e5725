"""``wikilint server``: the language server, speaking LSP on stdin and stdout.

The rule selection and configuration options are those of ``check`` and apply to every
document, on top of each document's own configuration file (as they do for ``check``).
pygls is imported here, when the command runs, never by ``wikilint check``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from wikilint.commands.common import (
    EXIT_CLEAN, Context, UsageError, add_config_options, add_selection_options,
    session_from_arguments,
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    server = commands.add_parser("server", help="run the language server (LSP over stdio; needs wikilint[lsp])",
                                 description="Run the wikilint language server on standard input and output. "
                                             "Editors start it; see docs/editors.md.")
    # No fix options: fixes are code actions the editor asks for; which fixes apply comes
    # from the configuration (or ``--config "unsafe-fixes = true"``).
    add_selection_options(server)
    add_config_options(server)


def run(args: argparse.Namespace, context: Context) -> int:
    try:
        from wikilint.server import create_server
    except ImportError as error:
        raise UsageError(f"the language server needs the lsp extra: pip install 'wikilint[lsp]' ({error})") from None
    session = session_from_arguments(args, context.registry)
    server = create_server(session)
    # The protocol gets its own copy of standard output, which pygls closes on exit; the
    # process's own stdout goes to stderr meanwhile, so that a stray print() (a plugin's,
    # say) cannot corrupt the message stream.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    with contextlib.redirect_stdout(sys.stderr):
        server.start_io(sys.stdin.buffer, protocol_out)
    # LSP: exit status 0 when the client asked for shutdown before exit, 1 otherwise.
    return EXIT_CLEAN if server.shut_down else 1

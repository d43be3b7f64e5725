"""``wikilint clean``: delete the result cache, as ``ruff clean`` does.

It deletes the cache ``wikilint check`` would use from here (``--cache-dir``,
``WIKILINT_CACHE_DIR``, the ``cache-dir`` setting or ``.wikilint_cache`` at the project
root) and every ``.wikilint_cache`` below the working folder, but only folders that
wikilint made (they hold its ``CACHEDIR.TAG``): a mistyped ``--cache-dir`` deletes nothing.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wikilint.cache import CACHE_DIR_NAME, clear, find_cache_dir
from wikilint.commands.common import EXIT_CLEAN, EXIT_ERROR, Context, add_config_options, session_from_arguments
from wikilint.config import DEFAULT_EXCLUDE


def add_parser(commands: argparse._SubParsersAction) -> None:
    clean = commands.add_parser("clean", help="delete the result cache")
    clean.add_argument("--cache-dir", metavar="DIR", help="the cache to delete (as for check)")
    add_config_options(clean)


def run(args: argparse.Namespace, context: Context) -> int:
    session = session_from_arguments(args, context.registry)
    settings = session.settings_for(Path.cwd())
    candidates = [find_cache_dir(args.cache_dir, settings.cache_path, settings.root)]
    for directory, subdirectories, _files in os.walk("."):
        if CACHE_DIR_NAME in subdirectories:
            candidates.append(Path(directory) / CACHE_DIR_NAME)
        subdirectories[:] = [name for name in subdirectories if name not in DEFAULT_EXCLUDE and name != CACHE_DIR_NAME]
    status = EXIT_CLEAN
    removed: set[Path] = set()
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved in removed:
            continue
        try:
            if clear(candidate):
                removed.add(resolved)
                context.out.write(f"Removed cache at: {candidate}\n")
        except OSError as error:
            context.error(f"{candidate}: cannot remove: {error.strerror or error}")
            status = EXIT_ERROR
    if not removed and status == EXIT_CLEAN:
        context.out.write("No cache to remove.\n")
    return status

"""The ``wikilint`` subcommands, one module each.

A command module has ``add_parser(subparsers)``, which declares its options, and
``run(args, context) -> int``, which returns the exit status. :mod:`wikilint.cli` lists
the modules in :data:`wikilint.cli.COMMANDS`; shared options and helpers live in
:mod:`wikilint.commands.common`.
"""

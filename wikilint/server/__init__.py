"""``wikilint server``: a language server (LSP over stdio) for every editor with a client.

Built on pygls 2 (the optional ``lsp`` extra: ``pip install 'wikilint[lsp]'``); nothing
outside this package and ``wikilint.commands.server`` imports it.

- :mod:`wikilint.server.server` — the server: documents, linting on the worker, features.
- :mod:`wikilint.server.convert` — results to LSP diagnostics (fix edits in ``data``),
  code actions, the minimal edit of a rewritten buffer, hover text.
- :mod:`wikilint.server.positions` — engine lines and code-point columns to the client's
  position encoding (UTF-16 by default).
- :mod:`wikilint.server.formatting` — where ``wikilint format`` plugs in (not yet).
"""

from __future__ import annotations

from wikilint.server.server import CHANGE_SETTLE_SECONDS, WikilintServer, create_server

__all__ = ["CHANGE_SETTLE_SECONDS", "WikilintServer", "create_server"]

"""Where ``wikilint format`` plugs into the language server (document and range formatting).

NOT YET AVAILABLE: the formatter (issue 13) has no API yet, so :func:`formatter` returns
``None`` and the server advertises neither ``documentFormattingProvider`` nor
``documentRangeFormattingProvider``. When the formatter exists, this function returns
it, with this signature, and nothing else in the server changes:

``format_buffer(text, path, session, lines) -> str``
    ``text`` is the buffer; ``path`` the document's path (for its configuration and
    site, as ``wikilint format --stdin-filename`` would resolve them); ``session`` the
    server's :class:`~wikilint.session.Session`; ``lines`` ``None`` for the whole page or
    ``(first, last)``, 1-based and inclusive, for a selection (``format --range``). It
    returns the formatted buffer (BOM and line endings as the buffer has them) or the
    same text when nothing changes, and raises :class:`FormattingRefused` (message: why)
    when the formatted page would not be equivalent.

The server turns the result into one minimal edit (the same as fix-all) and runs it on
its worker thread.
"""

from __future__ import annotations

from typing import Callable, Optional, Tuple

from wikilint.session import Session

FormatBuffer = Callable[[str, str, Session, Optional[Tuple[int, int]]], str]


class FormattingRefused(Exception):
    """The formatter would not format this page (the message says why)."""


def formatter() -> FormatBuffer | None:
    """The formatter, or ``None`` while ``wikilint format`` offers none (today)."""
    return None

"""Where ``wikilint format`` plugs into the language server (document and range formatting).

:func:`formatter` returns :func:`format_buffer`, and the server advertises
``documentFormattingProvider`` and ``documentRangeFormattingProvider``:

``format_buffer(text, path, session, lines) -> str``
    ``text`` is the buffer; ``path`` the document's path (for its configuration and
    site, as ``wikilint format --stdin-filename`` resolves them); ``session`` the
    server's :class:`~wikilint.session.Session`; ``lines`` ``None`` for the whole page or
    ``(first, last)``, 1-based and inclusive, for a selection (``format --range``). It
    returns the formatted buffer (BOM and line endings as the buffer has them) or the
    same text when nothing changes, and raises :class:`FormattingRefused` (message: why)
    when the page cannot be formatted (the formatted page would not be equivalent, a
    broken configuration).

The server turns the result into one minimal edit (the same as fix-all) and runs it on
its worker thread. The page goes through the one pipeline every page takes
(:func:`~wikilint.sources.text_task`, :func:`~wikilint.runner.process_task`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional, Tuple

from wikilint.formatter import FormattingRefused, refusal
from wikilint.results import PageResult
from wikilint.runner import process_task
from wikilint.session import Session
from wikilint.sources import text_task

FormatBuffer = Callable[[str, str, Session, Optional[Tuple[int, int]]], str]

__all__ = ["FormatBuffer", "FormattingRefused", "format_buffer", "formatter"]


def format_buffer(text: str, path: str, session: Session, lines: tuple[int, int] | None) -> str:
    """The buffer formatted (see the module docstring)."""
    item = text_task(text, path, session, "fix")
    if isinstance(item, PageResult):
        raise FormattingRefused(item.errors[0])
    result = process_task(replace(item, kind="format", lines=lines), session)
    why = refusal(result)
    if why is not None:
        raise FormattingRefused(why)
    return result.new_bytes.decode(item.source.encoding) if result.new_bytes is not None else text


def formatter() -> FormatBuffer | None:
    """The formatter the server offers."""
    return format_buffer

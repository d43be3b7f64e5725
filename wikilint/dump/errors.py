"""What can go wrong with a dump, one exception type per kind of bad input.

Every error is a :class:`DumpError`: its ``str()`` is one line for the user that names the
input and a position (a byte offset, and the page title when there is one; XML errors in
a compressed input count "uncompressed bytes"), so the
``dump`` command can print it and exit 2 without a traceback. The subclasses let the
command (and tests) tell the kinds apart.
"""

from __future__ import annotations


class DumpError(Exception):
    """Bad input: one line naming the input, a position and what is wrong."""

    def __init__(self, source: str, message: str, *, offset: int | None = None, title: str | None = None,
                 unit: str = "byte"):
        self.source = source
        self.offset = offset
        self.title = title
        self.detail = message
        where = []
        if title is not None:
            where.append(f"page {title!r}")
        if offset is not None:
            where.append(f"{unit} {offset}")
        position = f" ({', '.join(where)})" if where else ""
        super().__init__(f"{source}{position}: {message}")


class NotADumpError(DumpError):
    """The input is not a MediaWiki XML export (not XML, or another root element)."""


class DumpCompressionError(DumpError):
    """Compressed data that cannot be decompressed: corrupt, an invalid 7z, a missing extra."""


class DumpTruncatedError(DumpCompressionError):
    """The compressed data ends before its end-of-stream marker: the file was cut short."""


class DumpXMLError(DumpError):
    """The XML is not well-formed."""


class DumpIncompleteError(DumpXMLError):
    """The XML ends early: inside a page, or before ``</mediawiki>``."""


class DumpEntityError(DumpXMLError):
    """A DOCTYPE declares entities or names an external DTD; neither is ever resolved."""


class DumpMismatchError(DumpError):
    """Inputs that do not belong together: an index that does not match its dump, or
    split dump files from different wikis."""


class DumpPageError(DumpError):
    """A page-level problem raised in strict mode (see :class:`PageProblem`)."""


class DumpWriteError(DumpError):
    """The output dump cannot be written, or a change does not match the input's pages."""


class MissingExtraError(DumpCompressionError):
    """Reading this compression needs an optional extra that is not installed."""

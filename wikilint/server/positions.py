"""Positions as an editor counts them.

The engine places a finding by line and column in code points of the text it linted,
which is the editor's buffer with a byte-order mark taken off and CRLF read as LF
(:class:`~wikilint.files.SourceText`). LSP counts columns in the code units of the
encoding agreed at ``initialize``: UTF-16 unless the client offers UTF-8 or UTF-32
(pygls picks the client's first choice). A CJK character is one unit in UTF-16 and
three in UTF-8; a character beyond the Basic Multilingual Plane (emoji, CJK Extension B)
is two UTF-16 units. Line numbers are the same in both texts: CR before LF stays at the
end of its line and moves no column.
"""

from __future__ import annotations

import bisect

from lsprotocol import types

from wikilint.files import BOM

#: Line breaks as the engine counts them. LSP also counts a lone CR as one; MediaWiki
#: saves none, and the engine would read such a page as fewer, longer lines.
_NEWLINE = "\n"


class DocumentPositions:
    """Client positions in one version of a buffer, for one position encoding."""

    def __init__(self, text: str, encoding: str) -> None:
        self.text = text
        self.encoding = encoding
        self._bom = text.startswith(BOM)
        # ASCII text has one unit per character in every encoding: no conversion at all.
        self._same_units = text.isascii() or encoding == types.PositionEncodingKind.Utf32
        starts = [0]
        find = text.find
        position = find(_NEWLINE)
        while position != -1:
            starts.append(position + 1)
            position = find(_NEWLINE, position + 1)
        self._starts = starts

    def _units(self, line_index: int, characters: int) -> int:
        """Code units of the first ``characters`` code points of a 0-based line."""
        if self._same_units:
            return characters
        start = self._starts[line_index]
        prefix = self.text[start:start + characters]
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(prefix.encode("utf-8"))
        if prefix.isascii():
            return characters
        return len(prefix.encode("utf-16-le")) // 2

    def position(self, line: int, column: int) -> types.Position:
        """The client position of the engine's 1-based ``line`` and code-point ``column``."""
        line_index = min(line - 1, len(self._starts) - 1)
        characters = column - 1 + (1 if self._bom and line_index == 0 else 0)
        return types.Position(line=line_index, character=self._units(line_index, characters))

    def position_at(self, offset: int) -> types.Position:
        """The client position of a code-point offset into the buffer text itself."""
        line_index = bisect.bisect_right(self._starts, offset) - 1
        return types.Position(line=line_index, character=self._units(line_index, offset - self._starts[line_index]))

    def line_text(self, line: int) -> str:
        """A 1-based line of the buffer, without its line break (CR LF or LF)."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        text = self.text[start:end]
        return text[:-1] if text.endswith("\r") else text

    def line_offset(self, line: int) -> int:
        """The buffer offset where a 1-based line starts."""
        return self._starts[line - 1]

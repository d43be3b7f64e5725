"""Colour for the human formats (``concise``, ``full``) and the choice to use it.

``--color always|never`` decides; with ``auto`` (the default) a non-empty ``NO_COLOR``
turns colour off (no-color.org), else a non-empty ``FORCE_COLOR`` turns it on
(force-color.org), else the output gets colour when it is a terminal that is not
``TERM=dumb``. The colours are ruff's: the path bold, the code bold red, the fix mark
cyan.
"""

from __future__ import annotations

import os
from typing import Mapping, TextIO

CHOICES = ("auto", "always", "never")

_RESET = "\x1b[0m"


def use_colour(choice: str, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class Style:
    """Wraps the parts of a finding in colour, or leaves them as they are."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled

    def _paint(self, text: str, start: str) -> str:
        return f"{start}{text}{_RESET}" if self.enabled and text else text

    def path(self, text: str) -> str:
        return self._paint(text, "\x1b[1m")

    def separator(self, text: str) -> str:
        return self._paint(text, "\x1b[36m")

    def code(self, text: str) -> str:
        return self._paint(text, "\x1b[1;31m")

    def fix_mark(self, text: str) -> str:
        return self._paint(text, "\x1b[36m")

    def gutter(self, text: str) -> str:
        return self._paint(text, "\x1b[1;34m")

    def carets(self, text: str) -> str:
        return self._paint(text, "\x1b[1;31m")

    def help(self, text: str) -> str:
        return self._paint(text, "\x1b[1;36m")


PLAIN = Style(False)

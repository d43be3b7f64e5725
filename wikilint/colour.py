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

#: SGR codes of the parts of a finding.
ROLES = {"path": "1", "separator": "36", "code": "1;31", "fix_mark": "36", "gutter": "1;34", "carets": "1;31",
         "help": "1;36"}


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

    def paint(self, role: str, text: str) -> str:
        """``text`` in the colour of ``role`` (a key of :data:`ROLES`)."""
        return f"\x1b[{ROLES[role]}m{text}\x1b[0m" if self.enabled and text else text


PLAIN = Style(False)

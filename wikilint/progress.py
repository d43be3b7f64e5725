"""A progress bar on stderr for runs that take more than a moment.

Shown only when stderr is a terminal (never in a pipe or a log file), and only once the
run has gone on for ``delay`` seconds, so quick runs print nothing extra. Findings
printed to the same terminal meanwhile are not mixed with it: :meth:`Progress.clear`
takes the bar off its line before they are written, and the next step draws it again.
Hand-written (some forty lines) rather than a dependency: the bar has to give way to
the findings streamed on stdout, and tqdm or rich would add a package and start-up time
for one line of output.
"""

from __future__ import annotations

import os
import time
from typing import Callable, TextIO

#: Seconds a run goes on before the bar appears; and between two redraws.
DELAY, INTERVAL = 0.5, 0.1


def progress_for(stream: TextIO, total: int, *, quiet: bool) -> Progress | None:
    """A bar for ``total`` pages on ``stream`` when that is a terminal and the user did
    not ask for quiet; otherwise none."""
    if quiet or total < 2 or os.environ.get("TERM") == "dumb":
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return Progress(stream, total)


class Progress:
    def __init__(self, stream: TextIO, total: int, *, delay: float = DELAY, interval: float = INTERVAL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.delay, self.interval, self.clock = delay, interval, clock
        self.started = clock()
        self._drawn_at: float | None = None
        self._shown = False

    def advance(self, pages: int = 1) -> None:
        self.done += pages
        now = self.clock()
        if now - self.started < self.delay:
            return
        if self._shown and self._drawn_at is not None and now - self._drawn_at < self.interval:
            return
        self._draw(now)

    def _draw(self, now: float) -> None:
        columns = _columns(self.stream)
        elapsed = int(now - self.started)
        label = f" {self.done}/{self.total} pages {elapsed // 60}:{elapsed % 60:02d}"
        width = max(10, min(40, columns - len(label) - 3))
        filled = width * self.done // max(1, self.total)
        line = f"[{'#' * filled}{'.' * (width - filled)}]{label}"
        self.stream.write("\r" + line[:max(1, columns - 1)] + "\x1b[K")
        self.stream.flush()
        self._drawn_at, self._shown = now, True

    def clear(self) -> None:
        """Take the bar off its line (before other output, and at the end)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
            self._drawn_at = None


def _columns(stream: TextIO) -> int:
    """The terminal's width: ``COLUMNS``, else what the terminal says, else 80 (a new
    pseudo-terminal says 0)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80

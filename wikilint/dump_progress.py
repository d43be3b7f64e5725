"""Progress of a long run over a dump, on stderr.

On a terminal: one line redrawn in place — a bar, the share of the input read (by its
compressed bytes, the only size known before the end), pages/s, findings so far and the
time left. Elsewhere (a log file, a CI job): a plain line every ``interval`` seconds.
``wikilint dump -q`` shows neither.
"""

from __future__ import annotations

import os
import time
from typing import Callable, TextIO

#: Seconds between two plain log lines (``WIKILINT_PROGRESS_INTERVAL`` overrides it).
LOG_INTERVAL = 10.0
#: Seconds between two redraws of the bar.
BAR_INTERVAL = 0.2


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def _clock_text(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class DumpProgress:
    """``update(pages, findings, position)`` after each unit; ``finish()`` at the end."""

    def __init__(self, stream: TextIO, total_bytes: int | None, *, clock: Callable[[], float] = time.monotonic,
                 interval: float | None = None, label: str = "") -> None:
        self.stream = stream
        #: What the pass does, before the figures (``"wiki index: "`` for the index pass).
        self.label = label
        self.total = total_bytes
        self.clock = clock
        self.terminal = _is_terminal(stream)
        if interval is None:
            interval = BAR_INTERVAL if self.terminal else float(os.environ.get("WIKILINT_PROGRESS_INTERVAL",
                                                                               LOG_INTERVAL))
        self.interval = interval
        self.started = clock()
        self._shown_at = self.started
        self._drawn = False
        self.pages = self.findings = 0
        self.position = 0
        #: Pages and bytes a resumed run found done already (not counted in its speed).
        self._base_pages = 0
        self._base_position = 0

    def resume_from(self, pages: int, position: int) -> None:
        self.pages = self._base_pages = pages
        self.position = self._base_position = position

    def update(self, pages: int, findings: int | None, position: int | None) -> None:
        self.pages, self.findings = pages, findings
        if position is not None:
            self.position = position
        now = self.clock()
        if now - self._shown_at >= self.interval:
            self._show(now)

    def _line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = (self.pages - self._base_pages) / elapsed
        parts = [f"{self.pages:,} pages", f"{rate:,.1f} pages/s"]
        if self.findings is not None:
            parts.append(f"{self.findings:,} findings")
        if self.total:
            share = min(1.0, self.position / self.total)
            read = self.position - self._base_position
            left = (self.total - self.position) * elapsed / read if read > 0 else None
            parts.insert(0, f"{share:6.1%}")
            parts.append(f"ETA {_clock_text(left)}" if left is not None else "ETA ?")
        parts.append(f"elapsed {_clock_text(elapsed)}")
        return self.label + ", ".join(parts)

    def _show(self, now: float) -> None:
        self._shown_at = now
        line = self._line(now)
        if self.terminal:
            bar = ""
            if self.total:
                filled = int(20 * min(1.0, self.position / self.total))
                bar = f"[{'#' * filled}{'.' * (20 - filled)}] "
            self.stream.write(f"\r{bar}{line}\x1b[K")
            self._drawn = True
        else:
            self.stream.write(f"wikilint: {line}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.terminal and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

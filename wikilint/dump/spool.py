"""The pages of multistream ranges kept between two passes over a dump.

``wikilint dump`` reads a dump twice when it builds the wiki index: a first pass for the
index (every page), then the lint pass (the pages the run checks). Decompressing bz2 and
parsing the XML is about a tenth of the lint pass's work, so the index pass, which reads
each range anyway, also selects the range's pages for the lint pass (the same selector
over the same parser events as :func:`~wikilint.dump.read_range`, so the same pages,
problems and counts) and leaves them in a :class:`PageSpool`: one file per range, pickled
and compressed with zlib's fastest level (about a third of the pages' text), in a
directory of the run's own. The lint pass takes a range's file when it finds it (and
removes it) and reads the range from the dump otherwise: a worker on another machine
(a Dask cluster without that directory), a range past the spool's budget, a unit run
again. Either way the pages are the same.
"""

from __future__ import annotations

import os
import pickle
import zlib
from dataclasses import dataclass
from typing import Any

from wikilint.dump.model import PageFilter, PageProblem, ReadStats
from wikilint.dump.multistream import StreamRange

#: zlib's fastest level: it compresses some 50 MB/s of pages a core (a tenth of the bz2
#: decompression and XML parsing it saves) to about a third.
COMPRESSION_LEVEL = 1


@dataclass(frozen=True)
class PageSpool:
    """A run's directory of range files, and the filter of the lint pass's pages."""

    directory: str
    page_filter: PageFilter

    def _path(self, stream_range: StreamRange) -> str:
        return os.path.join(self.directory, f"{stream_range.start}-{stream_range.end}.pages")

    def put(self, stream_range: StreamRange, entries: list[Any], stats: ReadStats) -> None:
        """Keep a range's ``entries`` (its pages and page problems, in dump order) and read
        counts, where this process can write the run's directory (not on another machine)."""
        if not os.path.isdir(self.directory):
            return
        path = self._path(stream_range)
        temporary = path + ".tmp"
        data = zlib.compress(pickle.dumps((entries, stats), protocol=pickle.HIGHEST_PROTOCOL), COMPRESSION_LEVEL)
        try:
            with open(temporary, "wb") as file:
                file.write(data)
            os.replace(temporary, path)  # whole or absent: a reader never sees a part
        except OSError:  # a full disk: the lint pass reads this range from the dump
            try:
                os.unlink(temporary)
            except OSError:
                pass

    def take(self, stream_range: StreamRange) -> tuple[list[Any], ReadStats] | None:
        """A range's entries and read counts, removed from the spool; ``None`` when it
        does not hold the range."""
        path = self._path(stream_range)
        try:
            with open(path, "rb") as file:
                data = file.read()
            os.unlink(path)
        except OSError:
            return None
        return pickle.loads(zlib.decompress(data))


def replay(entries: list[Any], problems: Any):
    """The pages of spooled ``entries``, each problem appended to ``problems`` when it
    comes, as :func:`~wikilint.dump.read_range`'s ``on_problem`` would."""
    for entry in entries:
        if isinstance(entry, PageProblem):
            problems.append(entry)
        else:
            yield entry

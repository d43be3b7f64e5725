"""The wiki index on disk: one SQLite file (the standard library's ``sqlite3``).

Schema (``FORMAT`` 1):

- ``pages(title PRIMARY KEY, namespace, target, fragment, flags, anchors, fold)``, one
  row per page of the dump (all namespaces, redirects included), ``WITHOUT ROWID`` so the
  title is stored once; an index on ``fold`` finds titles differing only by case or
  script;
- ``meta(key, value)``: the format, the dump's identity, the site data the index was
  built with (JSON), the namespaces the dump holds, counts.

The writer (:class:`IndexWriter`) fills a temporary file beside the target and renames
it into place only when complete, so a failed or interrupted build never leaves a
half-built index. Readers open the file read-only and immutable (no locks: the file may
sit on storage that Dask workers share).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import quote

from wikilint.wikiindex.extract import PageRow

FORMAT = 1


class WikiIndexError(Exception):
    """An index file that cannot be used (one line, naming the file)."""


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE pages (title TEXT PRIMARY KEY, namespace INTEGER NOT NULL, target TEXT, fragment TEXT,
                    flags INTEGER NOT NULL, anchors TEXT, fold TEXT NOT NULL) WITHOUT ROWID;
"""


class IndexWriter:
    """Builds an index file from rows sent in any number of parts."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.temporary.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.temporary)
        # No journal (a failed build is thrown away whole). SQLite's page cache stays at a
        # fixed few MB, whatever the wiki's size, so that the builder's memory does not grow
        # with the dump (issue 10: the same for 20,000 and 80,000 pages); inserts in dump
        # order that miss it read the temporary file back from the system's file cache.
        self.db.executescript(f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; {SQLITE_CACHE}; " + _SCHEMA)
        self.pages = 0
        self.namespaces: set[int] = set()
        #: The namespace prefix of each namespace the dump holds (``""``: articles).
        self.prefixes: set[str] = set()

    def add(self, rows: Iterable[PageRow]) -> None:
        rows = list(rows)
        self.pages += len(rows)
        self.namespaces.update(row.namespace for row in rows)
        self.prefixes.update(row.title.partition(":")[0] if row.namespace else "" for row in rows)
        # A title twice (split files overlapping, all revisions): the last one wins.
        self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def finish(self, meta: Mapping[str, Any]) -> None:
        values = {**meta, "format": FORMAT, "pages": self.pages, "namespaces": sorted(self.namespaces),
                  "prefixes": sorted(self.prefixes)}
        self.db.executemany("INSERT INTO meta VALUES (?, ?)",
                            [(key, json.dumps(value, ensure_ascii=False)) for key, value in values.items()])
        self.db.execute("CREATE INDEX pages_fold ON pages (fold)")
        self.db.commit()
        # No VACUUM: it would save about 7 % (measured) and rewrite the whole file, gigabytes
        # of it for a large wiki, with as much again of temporary space.
        self.db.close()
        os.replace(self.temporary, self.path)

    def abort(self) -> None:
        self.db.close()
        self.temporary.unlink(missing_ok=True)


#: SQLite's own page cache for building and reading an index: 4 MB.
SQLITE_CACHE = "PRAGMA cache_size = -4096"


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only, lock-free connection (``immutable``: nobody writes a finished index)."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1"
    db = sqlite3.connect(uri, uri=True, check_same_thread=False)
    # A fixed, small page cache and no memory map: a map's pages count in each worker's
    # resident memory, which then grew with the index (up to its size, 1 GB allowed). The
    # system's file cache still keeps the file in memory once for every worker.
    db.execute("PRAGMA mmap_size = 0")
    db.execute(SQLITE_CACHE)
    return db


def read_meta(path: str | Path) -> dict[str, Any]:
    """The index's meta table; :class:`WikiIndexError` when the file is no wiki index of
    this format."""
    if not Path(path).is_file():
        raise WikiIndexError(f"{path}: no such wiki index (build one with wikilint dump --wiki-index {path} DUMP; "
                             "on a cluster every worker needs it at this path)")
    try:
        db = connect_read_only(path)
        try:
            meta = {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM meta")}
        finally:
            db.close()
    except (sqlite3.Error, ValueError):
        raise WikiIndexError(f"{path}: not a wikilint wiki index") from None
    if meta.get("format") != FORMAT:
        raise WikiIndexError(f"{path}: a wiki index of another format ({meta.get('format')}); build it again")
    return meta

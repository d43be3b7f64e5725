"""Page sources: files and stdin (or an editor's buffer) turned into page tasks.

A source resolves what applies to each page (profile, per-file ignores, title) through
the :class:`~wikilint.session.Session` and reads and decodes the text; a page that
cannot be read becomes a :class:`~wikilint.results.PageResult` carrying the error, in
its place in the order. Sources know nothing of rules or processing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

from wikilint.config import ConfigError
from wikilint.files import InputError, SourceText, decode, discover, page_too_large, read_source
from wikilint.results import PageResult
from wikilint.runner import Mode, PageTask, SourceItem, title_from_path
from wikilint.session import Session


def discover_files(paths: list[Path], session: Session, *, force_exclude: bool = False,
                   respect_gitignore: bool | None = None) -> list[Path | PageResult]:
    """The files to check below ``paths`` (``.`` when none), or a result for each problem
    (a missing path, a folder whose configuration is broken), in order."""
    found: list[Path | PageResult] = []
    for path, problem in discover(paths or [Path(".")], session.settings_for, force_exclude=force_exclude,
                                  respect_gitignore=respect_gitignore):
        found.append(PageResult(str(path), errors=[str(problem)]) if problem is not None else path)
    return found


def file_items(found: list[Path | PageResult], session: Session, mode: Mode, *,
               title: str | None = None) -> Iterator[SourceItem]:
    """A task for each discovered file, read when the runner asks for it."""
    for item in found:
        yield item if isinstance(item, PageResult) else file_task(item, session, mode, title=title)


def file_task(path: Path, session: Session, mode: Mode, *, title: str | None = None) -> SourceItem:
    refusal = dump_refusal(path)
    if refusal is not None:  # never read as a page, never written by --fix
        return PageResult(str(path), errors=[refusal])
    try:
        profile = session.profile_for(path)
        source = read_source(path, max_bytes=profile.settings.max_page_size)
    except (InputError, ConfigError) as error:
        return PageResult(str(path), errors=[str(error)])
    return _task(str(path), path, source, session, profile, mode, title)


#: How a compressed file starts (bz2, gzip, xz, zstd, 7z, legacy lzma): a page never does.
_COMPRESSED_MAGIC = (b"BZh", b"\x1f\x8b", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd", b"7z\xbc\xaf", b"\x5d\x00\x00")


def dump_refusal(path: Path) -> str | None:
    """``FILE is an XML dump: use wikilint dump FILE`` for an XML dump or a compressed file
    (by content), else ``None``. A few bytes decide cheaply; only a likely dump pays for
    importing the dump reader's exact test."""
    try:  # as read_source opens: a FIFO must not block, only a regular file is looked at
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            head = file.read(4096)
    except OSError:
        return None  # reading the page reports it
    if not (head.startswith(_COMPRESSED_MAGIC) or b"<mediawiki" in head.replace(b"\x00", b"")):
        return None
    from wikilint.dump import describe_dump

    description = describe_dump(path)
    if description is None:
        return None
    kind = "" if description == "an XML dump" else f" ({description})"
    return f"{path} is an XML dump{kind}: use wikilint dump {path}"


def text_task(data: bytes | str, display_path: str, session: Session, mode: Mode, *,
              title: str | None = None) -> SourceItem:
    """A page that is not a file of its own: stdin, or an editor's buffer. Its settings
    are those of ``display_path`` (``--stdin-filename``, the document's path)."""
    path = Path(display_path)
    try:
        profile = session.profile_for(path)
        limit = profile.settings.max_page_size
        size = len(data) if isinstance(data, bytes) or len(data) * 4 <= limit else len(data.encode("utf-8"))
        if size > limit:
            raise InputError(page_too_large(size, limit))
        source = decode(data) if isinstance(data, bytes) else SourceText.from_text(data)
    except (InputError, ConfigError) as error:
        return PageResult(display_path, errors=[str(error)])
    return _task(display_path, path, source, session, profile, mode, title)


def _task(display_path: str, path: Path, source: SourceText, session: Session, profile, mode: Mode,
          title: str | None) -> PageTask:
    return PageTask(display_path, source, profile, mode, title=title or title_from_path(display_path),
                    ignored=session.ignored_codes(profile, path))

"""Reading, finding and writing page files.

Pages are decoded as strict UTF-8 (never lossily: text decoded with replacement
characters must not be written back). A UTF-8 byte-order mark, CRLF line endings and
the presence or absence of a final newline are remembered on reading and restored on
writing, so rules always see plain ``\\n`` text. Writes are atomic: a temporary file
in the same directory, the original permissions, then a rename.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from wikilint.config import ConfigError, Settings, glob_matches

BOM = "\ufeff"


class InputError(Exception):
    """A page that cannot be checked; the message is one line for the user."""


@dataclass(frozen=True)
class SourceText:
    """Decoded page text plus what is needed to write it back byte for byte."""

    text: str
    bom: bool = False
    crlf: bool = False
    final_newline: bool = False

    def encode(self, new_text: str) -> bytes:
        """``new_text`` (LF, no BOM) in the original's encoding conventions."""
        if self.final_newline and not new_text.endswith("\n"):
            new_text += "\n"
        elif not self.final_newline and new_text.endswith("\n") and not self.text.endswith("\n"):
            new_text = new_text[:-1]
        if self.crlf:
            new_text = new_text.replace("\n", "\r\n")
        return ((BOM if self.bom else "") + new_text).encode("utf-8")

    @classmethod
    def from_text(cls, text: str) -> SourceText:
        """Text already decoded (an editor's buffer): BOM and CRLF noted and taken off."""
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        # Only a text that uses CRLF throughout is normalised; mixed endings stay as they
        # are, so that writing back cannot turn a lone LF into CRLF.
        crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
        if crlf:
            text = text.replace("\r\n", "\n")
        return cls(text, bom=bom, crlf=crlf, final_newline=text.endswith("\n"))


def decode(data: bytes) -> SourceText:
    if b"\x00" in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("binary file (NUL bytes and not UTF-8); skipped") from None
        raise InputError("contains NUL bytes, which wikitext cannot hold; skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start:error.start + 1].hex()
        raise InputError(f"not valid UTF-8 (byte 0x{byte} at offset {error.start}); skipped") from None
    return SourceText.from_text(text)


def read_source(path: Path) -> SourceText:
    try:
        if path.is_dir():
            raise InputError("is a directory, expected a file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("cannot read: permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    return decode(data)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content in one step, keeping its permissions.

    A symbolic link is followed: the file it points to is replaced, the link stays.
    """
    import stat  # only when writing: keeps start-up lean
    import tempfile

    path = Path(os.path.realpath(path))
    mode = stat.S_IMODE(path.stat().st_mode)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".wikilint-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def relative_to_root(path: Path, root: Path) -> str:
    """``path`` relative to a config root, ``/``-separated (as given if outside it)."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_excluded(path: Path, settings: Settings) -> bool:
    """Whether the path, or any folder it sits in below the root, matches an exclude."""
    parts = relative_to_root(path, settings.root).split("/")
    patterns = settings.exclude + settings.extend_exclude
    return any(glob_matches(pattern, "/".join(parts[:depth]))
               for depth in range(1, len(parts) + 1) for pattern in patterns)


def is_included(path: Path, settings: Settings) -> bool:
    relative = relative_to_root(path, settings.root)
    return any(glob_matches(pattern, relative, ignore_case=True)
               for pattern in settings.include + settings.extend_include)


def discover(paths: list[Path], settings_for: Callable[[Path], Settings],
             force_exclude: bool = False) -> Iterator[tuple[Path, Exception | None]]:
    """The page files to check: explicit files as given, directories searched.

    Inside directories only included, non-excluded files count. Explicit files are
    always checked unless ``force_exclude`` is set and they match an exclude pattern
    (what pre-commit needs, since it passes every file by name). A problem (a missing
    path, a broken configuration file) comes back as ``(path, error)`` and the search
    goes on; a folder whose configuration is broken is reported once and skipped.
    """
    for path in paths:
        if not path.exists() and not path.is_symlink():
            yield path, InputError("no such file or directory")
            continue
        if not path.is_dir():
            if force_exclude:
                try:
                    if is_excluded(path, settings_for(path)):
                        continue
                except ConfigError as error:
                    yield path, error
                    continue
            yield path, None
            continue
        for directory, subdirectories, files in os.walk(path):
            directory_path = Path(directory)
            try:
                settings = settings_for(directory_path)
            except ConfigError as error:
                subdirectories[:] = []
                yield directory_path, error
                continue
            subdirectories[:] = sorted(
                name for name in subdirectories if not is_excluded(directory_path / name, settings)
            )
            for name in sorted(files):
                candidate = directory_path / name
                if is_included(candidate, settings) and not is_excluded(candidate, settings):
                    yield candidate, None

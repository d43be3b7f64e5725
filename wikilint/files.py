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


class GitIgnored:
    """What git ignores (``.gitignore`` files, ``.git/info/exclude``, the global excludes
    file), asked of git itself once per repository: ``git ls-files --others --ignored
    --exclude-standard --directory`` lists the ignored files and folders, so git's own
    rules (negation, anchoring, nested files) apply exactly. Files git tracks are never
    ignored. Outside a repository, or without git, nothing is.
    """

    def __init__(self) -> None:
        self._repositories: dict[Path, frozenset[Path]] = {}
        self._roots: dict[Path, Path | None] = {}

    def __call__(self, path: Path) -> bool:
        absolute = Path(os.path.abspath(path))
        root = self._repository_of(absolute.parent)
        if root is None:
            return False
        ignored = self._repositories.get(root)
        if ignored is None:
            ignored = self._repositories[root] = _ignored_by_git(root)
        return absolute in ignored

    def _repository_of(self, directory: Path) -> Path | None:
        walked = []
        current: Path | None = directory
        root: Path | None = None
        while current is not None:
            if current in self._roots:
                root = self._roots[current]
                break
            walked.append(current)
            if (current / ".git").exists():
                root = current
                break
            current = current.parent if current.parent != current else None
        for seen in walked:
            self._roots[seen] = root
        return root


def _ignored_by_git(root: Path) -> frozenset[Path]:
    import subprocess  # only when a folder inside a repository is searched

    try:
        listing = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
            capture_output=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):  # no git, or git refuses this folder
        return frozenset()
    names = (name for name in os.fsdecode(listing).split("\0") if name)
    return frozenset(root / name.rstrip("/") for name in names)


def discover(paths: list[Path], settings_for: Callable[[Path], Settings],
             force_exclude: bool = False, respect_gitignore: bool | None = None) -> Iterator[tuple[Path, Exception | None]]:
    """The page files to check: explicit files as given, directories searched.

    Inside directories only included, non-excluded files count, and only those git does
    not ignore unless ``respect_gitignore`` (``None``: as configured) says otherwise.
    Explicit files are always checked unless ``force_exclude`` is set and they match an
    exclude pattern (what pre-commit needs, since it passes every file by name); like
    ruff, an explicit file is checked even if git ignores it. A problem (a missing
    path, a broken configuration file) comes back as ``(path, error)`` and the search
    goes on; a folder whose configuration is broken is reported once and skipped.
    """
    git_ignored = GitIgnored()
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
            gitignore = settings.respect_gitignore if respect_gitignore is None else respect_gitignore
            subdirectories[:] = sorted(
                name for name in subdirectories if not is_excluded(directory_path / name, settings)
                and not (gitignore and git_ignored(directory_path / name))
            )
            for name in sorted(files):
                candidate = directory_path / name
                if (is_included(candidate, settings) and not is_excluded(candidate, settings)
                        and not (gitignore and git_ignored(candidate))):
                    yield candidate, None

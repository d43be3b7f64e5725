"""Reading, finding and writing page files.

Pages are decoded as strict UTF-8, or UTF-16 when the file says so (a byte-order mark,
or the NUL bytes of UTF-16 text); never lossily: text decoded with replacement
characters must not be written back. The encoding, a byte-order mark, CRLF line endings
and the presence or absence of a final newline are remembered on reading and restored
on writing, so rules always see plain ``\\n`` text. Only regular files are read (a FIFO
or a device would block or never end). Writes are atomic: a temporary file in the same
directory, the original permissions, owner and group, then a rename; a file that cannot
be replaced that way (read-only, hard-linked, owned by someone else) is refused.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from wikilint.config import ConfigError, Settings, glob_matches

BOM = "\ufeff"
#: The suffix of the temporary files ``--fix`` writes before renaming them into place.
TEMPORARY_SUFFIX = ".wikilint-tmp"


class InputError(Exception):
    """A page that cannot be checked; the message is one line for the user."""


@dataclass(frozen=True)
class SourceText:
    """Decoded page text plus what is needed to write it back byte for byte."""

    text: str
    bom: bool = False
    crlf: bool = False
    final_newline: bool = False
    #: ``utf-8``, ``utf-16-le`` or ``utf-16-be``.
    encoding: str = "utf-8"

    def render(self, new_text: str) -> str:
        """``new_text`` (LF, no BOM) with the original's BOM, line endings and final newline."""
        if self.final_newline and not new_text.endswith("\n"):
            new_text += "\n"
        elif not self.final_newline and new_text.endswith("\n") and not self.text.endswith("\n"):
            new_text = new_text[:-1]
        if self.crlf:
            new_text = new_text.replace("\n", "\r\n")
        return (BOM if self.bom else "") + new_text

    def encode(self, new_text: str) -> bytes:
        """``new_text`` (LF, no BOM) in the original's encoding and conventions."""
        return self.render(new_text).encode(self.encoding)

    @classmethod
    def from_text(cls, text: str, encoding: str = "utf-8") -> SourceText:
        """Text already decoded (an editor's buffer): BOM and CRLF noted and taken off."""
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        # Only a text that uses CRLF throughout is normalised; mixed endings stay as they
        # are, so that writing back cannot turn a lone LF into CRLF.
        crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
        if crlf:
            text = text.replace("\r\n", "\n")
        return cls(text, bom=bom, crlf=crlf, final_newline=text.endswith("\n"), encoding=encoding)


def _utf16_encoding(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the bytes are UTF-16 text, else ``None``."""
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    if len(data) < 2 or len(data) % 2:
        return None
    # Without a byte-order mark: text in Latin script has a NUL in every other byte.
    sample = data[:4096]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even == 0:
        return "utf-16-le"
    if even > half * 0.4 and odd == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> SourceText:
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data)
    utf16 = _utf16_encoding(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as error:
            raise InputError(f"not valid {utf16.upper()} (at byte offset {error.start}); skipped") from None
        if "\x00" in text:
            raise InputError("contains NUL characters, which wikitext cannot hold; skipped")
        return SourceText.from_text(text, encoding=utf16)
    if b"\x00" in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("binary file (NUL bytes, and neither UTF-8 nor UTF-16 text); skipped") from None
        raise InputError("contains NUL bytes, which wikitext cannot hold; skipped")
    return _decode_utf8(data)


def _decode_utf8(data: bytes) -> SourceText:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start:error.start + 1].hex()
        raise InputError(f"not valid UTF-8 (byte 0x{byte} at offset {error.start}); skipped") from None
    if "\x00" in text:
        raise InputError("contains NUL bytes, which wikitext cannot hold; skipped")
    return SourceText.from_text(text)


def read_source(path: Path, max_bytes: int | None = None) -> SourceText:
    """A page file, decoded. Only regular files are read (opened without blocking, so a
    FIFO cannot hang the run), and none larger than ``max_bytes``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("cannot read: permission denied") from None
    except OSError as error:
        raise InputError(_os_error_message(error, "cannot read")) from None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory, expected a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_file_kind(info.st_mode)}); skipped")
        if max_bytes is not None and info.st_size > max_bytes:
            raise InputError(page_too_large(info.st_size, max_bytes))
        try:
            data = stream.read()
        except OSError as error:
            raise InputError(_os_error_message(error, "cannot read")) from None
    return decode(data)


def page_too_large(size: int, limit: int) -> str:
    return (f"the page is {size / 1_048_576:.1f} MiB, over the {limit / 1_048_576:g} MiB limit "
            f"(max-page-size); skipped")


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a plain file"


def _os_error_message(error: OSError, action: str) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    return f"{action}: {error.strerror or error}"


def resolved(path: Path) -> Path:
    """``path.resolve()``, with a symbolic link loop as a one-line :class:`InputError`."""
    try:
        return path.resolve()
    except RuntimeError:  # Python before 3.13 reports a loop this way
        raise InputError("symbolic link loop; skipped") from None
    except OSError as error:
        raise InputError(_os_error_message(error, "cannot resolve the path")) from None


class WriteRefused(OSError):
    """``--fix`` will not replace this file (the message says why)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content in one step, keeping its permissions, owner and group.

    A symbolic link is followed: the file it points to is replaced, the link stays. A
    read-only file, a file with several hard links (replacing it would leave the other
    names with the old text) and a file that would change owner are refused with
    :class:`WriteRefused`. Temporary files that a killed run left beside the file are
    removed first.
    """
    import tempfile

    real = Path(os.path.realpath(path))
    info = real.stat()
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteRefused(errno.EACCES, "the file is read-only; not rewritten (make it writable to fix it)")
    if info.st_nlink > 1:
        raise WriteRefused(errno.EMLINK, f"the file has {info.st_nlink} hard links; not rewritten (replacing it "
                                         "would leave the other names with the old text)")
    remove_stale_temporaries(real)
    handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.{os.getpid()}.",
                                         suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        _keep_owner(temporary, info)
        os.replace(temporary, real)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _keep_owner(temporary: str, info: os.stat_result) -> None:
    current = os.stat(temporary)
    if (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid) or not hasattr(os, "chown"):
        return
    try:
        os.chown(temporary, info.st_uid, info.st_gid)
    except PermissionError:
        if current.st_uid != info.st_uid:
            raise WriteRefused(errno.EPERM, "the file belongs to another user; not rewritten (it would become "
                                            "yours)") from None
        try:  # same owner, another group: keep the group if we are a member of it
            os.chown(temporary, -1, info.st_gid)
        except PermissionError:
            raise WriteRefused(errno.EPERM, "the file's group cannot be kept; not rewritten") from None


def remove_stale_temporaries(path: Path) -> None:
    """Delete ``.NAME.PID.*.wikilint-tmp`` files beside ``path`` whose process is gone
    (a run killed while writing); a live run's temporary file is left alone."""
    prefix = f".{path.name}."
    try:
        names = [name for name in os.listdir(path.parent)
                 if name.startswith(prefix) and name.endswith(TEMPORARY_SUFFIX)]
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix):].split(".", 1)[0]
        if pid_text.isdigit() and _process_alive(int(pid_text)):
            continue
        try:
            os.unlink(path.parent / name)
        except OSError:
            pass


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def relative_to_root(path: Path, root: Path) -> str:
    """``path`` relative to a config root, ``/``-separated (as given if outside it).

    A path that cannot be resolved (a symbolic link loop) is taken as written; reading
    it reports the loop."""
    try:
        full = path.resolve()
    except (RuntimeError, OSError):
        full = Path(os.path.abspath(path))
    try:
        return full.relative_to(root).as_posix()
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
                except (ConfigError, InputError) as error:
                    yield path, error
                    continue
            yield path, None
            continue
        for directory, subdirectories, files in os.walk(path):
            directory_path = Path(directory)
            try:
                settings = settings_for(directory_path)
            except (ConfigError, InputError) as error:
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

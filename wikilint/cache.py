"""The result cache: a page whose content and settings did not change is not linted again.

One entry per page file, keyed by everything that decides its result: the file's path
and title, the profile's ``key`` (settings, command-line overrides and resolved site
data), per-file ignores, the mode (``check``, ``fix``, ``diff``: a check result never
stands in for a fix), and — through the folder the entry lives in — the versions of
wikilint and every installed plugin plus a fingerprint of their files (so that an
editable install being edited never serves results of the code it had). The entry also
records a hash of the page's content, checked on every read.

Only final, clean outcomes are stored: no error, no internal error, no refused fix and
no new text (a page that ``--fix`` changed is written, so its next read is another
content anyway; a ``--diff`` with changes is recomputed). A served result is therefore
exactly what processing the page would give.

Entries are JSON written to a temporary file and renamed into place, so a reader sees
a whole entry or none, and two runs at once cannot corrupt one. An entry that cannot be
read, does not parse, or belongs to another key, content or format is ignored (a miss)
and rewritten; it is never trusted. The folder is found as ruff finds its own:
``--cache-dir``, ``WIKILINT_CACHE_DIR``, the ``cache-dir`` setting, or
``.wikilint_cache`` at the project root (the folder of the configuration file that
applies to the working directory, else the working directory). ``--no-cache`` or
``WIKILINT_NO_CACHE=1`` turn it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import deque
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from wikilint.engine import Diagnostic, DiagnosticFix, EditLocation
from wikilint.results import PageResult
from wikilint.rule import Edit
from wikilint.runner import PageTask, SourceItem, installed_versions
from wikilint.session import Session

CACHE_DIR_NAME = ".wikilint_cache"
ENVIRONMENT_VARIABLE = "WIKILINT_CACHE_DIR"
#: Set (to anything but ``0``/``false``/empty) it works as ``--no-cache``, as ``RUFF_NO_CACHE`` does.
NO_CACHE_VARIABLE = "WIKILINT_NO_CACHE"
#: Bump on any change of the entry layout (entries of other formats live elsewhere).
FORMAT = 1
#: What ``wikilint clean`` looks for before it deletes a folder: only caches it made.
TAG_FILE = "CACHEDIR.TAG"
TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by wikilint.\n"
            "# For information about cache directory tags see https://bford.info/cachedir/\n")


def find_cache_dir(option: str | None, settings_cache_dir: Path | None, project_root: Path) -> Path:
    """Where the cache lives: ``--cache-dir``, then ``WIKILINT_CACHE_DIR``, then the
    ``cache-dir`` setting (already resolved against its file), then the project root."""
    if option:
        return Path(option)
    environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if environment:
        return Path(environment)
    if settings_cache_dir is not None:
        return settings_cache_dir
    return project_root / CACHE_DIR_NAME


def no_cache_from_environment() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def is_wikilint_cache(directory: Path) -> bool:
    """Whether ``directory`` is a cache wikilint made (``clean`` deletes nothing else)."""
    try:
        return (directory / TAG_FILE).read_text(encoding="utf-8") == TAG_TEXT
    except (OSError, UnicodeDecodeError):
        return False


class ResultCache:
    """Serves stored results in place of tasks, and stores the results of the others.

    ``serve`` wraps the source items on their way to ``run_tasks``; ``record`` is called
    with every result ``run_tasks`` gives back, in the same order, so each result meets
    the key of the item it came from.
    """

    def __init__(self, directory: Path, session: Session, *, warnings: TextIO | None = None) -> None:
        self.directory = directory
        self.bucket = directory / f"v{FORMAT}" / _code_fingerprint(session)
        self.warnings = warnings
        self.hits = 0
        self.misses = 0
        self._pending: deque[tuple[str, str] | None] = deque()
        self._writable = True
        self._prepared = False

    # -- reading -------------------------------------------------------------------------

    def serve(self, items: Iterable[SourceItem]) -> Iterator[SourceItem]:
        for item in items:
            if isinstance(item, PageResult):
                self._pending.append(None)
                yield item
                continue
            key, content = task_key(item), content_hash(item)
            hit = self._load(key, content, item)
            if hit is not None:
                self.hits += 1
                self._pending.append(None)
                yield hit
            else:
                self.misses += 1
                self._pending.append((key, content))
                yield item

    def _entry_path(self, key: str) -> Path:
        return self.bucket / key[:2] / f"{key}.json"

    def _load(self, key: str, content: str, task: PageTask) -> PageResult | None:
        try:
            data = self._entry_path(key).read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(data)
            if (entry.get("format") != FORMAT or entry.get("key") != key or entry.get("content") != content):
                return None
            diagnostics = [decode_diagnostic(item) for item in entry["diagnostics"]]
        except Exception:  # noqa: BLE001 - a corrupt or foreign entry is a miss, whatever is wrong with it
            return None
        return PageResult(task.path, diagnostics=diagnostics, title=task.title, namespace=task.namespace,
                          page_id=task.page_id, revision_id=task.revision_id, site=entry.get("site"),
                          site_evidence=tuple(entry.get("site_evidence", ())), notices=list(entry.get("notices", ())))

    # -- writing -------------------------------------------------------------------------

    def record(self, result: PageResult) -> None:
        pending = self._pending.popleft()
        if pending is None or not self._writable or not storable(result):
            return
        key, content = pending
        entry = {"format": FORMAT, "key": key, "content": content,
                 "diagnostics": [encode_diagnostic(d) for d in result.diagnostics],
                 "site": result.site, "site_evidence": list(result.site_evidence), "notices": result.notices}
        try:
            self._prepare()
            _write_atomic(self._entry_path(key), json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        except OSError as error:
            self._writable = False
            if self.warnings is not None:
                self.warnings.write(f"wikilint: warning: cannot write the cache in {self.directory}: "
                                    f"{error.strerror or error}; going on without it\n")

    def _prepare(self) -> None:
        """Make the folder, tagged (backup tools skip it, ``clean`` recognises it) and
        ignored by git, as ruff does for its own."""
        if self._prepared:
            return
        prepare_cache_dir(self.directory)
        self._prepared = True


def prepare_cache_dir(directory: Path) -> None:
    """Make the cache folder, tagged (backup tools skip it, ``clean`` recognises it) and
    ignored by git, as ruff does for its own (the result cache, the wiki index)."""
    directory.mkdir(parents=True, exist_ok=True)
    if not is_wikilint_cache(directory):
        _write_atomic(directory / TAG_FILE, TAG_TEXT.encode("utf-8"))
        _write_atomic(directory / ".gitignore", b"# Automatically created by wikilint.\n*\n")


def storable(result: PageResult) -> bool:
    """Only final, clean outcomes are stored (see the module docstring)."""
    return not (result.failed or result.new_text is not None or result.new_bytes is not None or result.diff
                or result.applied)


def task_key(task: PageTask) -> str:
    """Everything but the content that decides a page's result, hashed."""
    identity = [os.path.abspath(task.path), task.path, task.title, sorted(task.ignored), task.namespace,
                task.page_id, task.revision_id, task.profile.key, task.mode]
    return hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode("utf-8")).hexdigest()


def content_hash(task: PageTask) -> str:
    source = task.source
    digest = hashlib.sha256(source.text.encode("utf-8", "surrogatepass"))
    digest.update(bytes([source.bom, source.crlf, source.final_newline]))
    digest.update(source.encoding.encode("ascii"))
    return digest.hexdigest()


# -- diagnostics as JSON ----------------------------------------------------------------------
# A diagnostic is stored as the list of its fields' values; the field names are part of
# the code fingerprint, so a diagnostic that gains or loses a field reads no old entry.


def encode_diagnostic(diagnostic: Diagnostic) -> list[Any]:
    # astuple goes into the fix, its edit locations and the rule's edits too.
    return list(astuple(diagnostic))


def decode_diagnostic(values: list[Any]) -> Diagnostic:
    names = [field.name for field in fields(Diagnostic)]
    if len(values) != len(names):
        raise ValueError("diagnostic of another shape")
    data = dict(zip(names, values))
    fix = data["fix"]
    if fix is not None:
        applicability, message, edits = fix
        data["fix"] = DiagnosticFix(applicability, message, tuple(EditLocation(*edit) for edit in edits))
    data["edits"] = tuple(Edit(*edit) for edit in data["edits"])
    return Diagnostic(**data)


def _shapes() -> list[list[str]]:
    return [[field.name for field in fields(kind)] for kind in (Diagnostic, DiagnosticFix, EditLocation)] + [
        list(Edit.__slots__)]


# -- what the entries depend on besides the task ----------------------------------------------


def _code_fingerprint(session: Session) -> str:
    """The versions of wikilint and every plugin, the diagnostic's shape, and the size
    and modification time of every file of their packages: an editable install being
    edited keeps one version number while its code changes."""
    modules = {"wikilint"} | {info.rule.__module__.split(".")[0] for info in session.registry.rules.values()}
    files: list[tuple[str, int, int]] = []
    for name in sorted(modules):
        module = sys.modules.get(name)
        location = getattr(module, "__file__", None)
        if not location:
            continue
        package = Path(location).parent if Path(location).name == "__init__.py" else Path(location)
        files.extend(_file_stamps(package))
    identity = [FORMAT, installed_versions(session), _shapes(), files]
    return hashlib.sha256(json.dumps(identity).encode("utf-8")).hexdigest()[:20]


def _file_stamps(package: Path) -> Iterator[tuple[str, int, int]]:
    if package.is_file():
        stat = package.stat()
        yield str(package), stat.st_size, stat.st_mtime_ns
        return
    for directory, subdirectories, names in os.walk(package):
        subdirectories[:] = sorted(name for name in subdirectories if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(directory, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            yield path, stat.st_size, stat.st_mtime_ns


def _write_atomic(path: Path, data: bytes) -> None:
    """A temporary file beside the target, renamed over it: readers see all or nothing.
    No fsync: after a crash a torn entry is just a miss."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def clear(directory: Path) -> bool:
    """Delete a cache folder wikilint made; ``False`` when there is none there."""
    import shutil

    if not is_wikilint_cache(directory):
        return False
    shutil.rmtree(directory)
    return True

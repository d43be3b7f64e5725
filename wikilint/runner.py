"""Checks files (in a process pool when there are several) and collects the results.

Each file is one task: find its settings, read and decode it, parse it once, lint it
(or fix it), and return a :class:`FileResult`. Nothing is written here; the caller
writes the files whose fixes succeeded, so a page that failed is never touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from wikilint.config import (
    ConfigError, Overrides, RuleSet, Settings, apply_inline, build_rule_set, find_settings, read_config_file,
)
from wikilint.engine import Diagnostic, FixResult, fix_page, lint_page
from wikilint.files import InputError, SourceText, decode, read_source, relative_to_root
from wikilint.page import Page
from wikilint.plugin_host import get_registry

Mode = Literal["check", "fix", "diff"]


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: One-line problems with the file itself (unreadable, undecodable, bad config).
    errors: list[str] = field(default_factory=list)
    internal_error: bool = False
    #: Bytes to write back (fix mode, only when the page changed and the fix held).
    new_bytes: bytes | None = None
    #: The fixed text as text (stdin fix mode prints it).
    new_text: str | None = None
    diff: str = ""
    applied: list[tuple[str, str]] = field(default_factory=list)
    fix_failed: bool = False


@dataclass(frozen=True)
class Job:
    mode: Mode
    overrides: Overrides
    config_file: str | None = None
    title: str | None = None


_RULE_SETS: dict[tuple[str, str], RuleSet] = {}
_EXPLICIT_SETTINGS: dict[str, Settings] = {}


def settings_for(path: Path, job: Job) -> Settings:
    """The settings for ``path``: ``--config FILE`` or the nearest config file, then any
    inline ``--config "key = value"`` options on top."""
    if job.config_file is None:
        settings = find_settings(path)
    else:
        settings = _explicit_settings(job.config_file)
    return apply_inline(settings, job.overrides.inline)


def _explicit_settings(config_file: str) -> Settings:
    if config_file not in _EXPLICIT_SETTINGS:
        config_path = Path(config_file)
        if config_path.is_dir():
            raise ConfigError(f"--config {config_file}: is a directory, expected a TOML file")
        settings = read_config_file(config_path)
        if settings is None:  # a pyproject.toml without [tool.wikilint]: defaults, rooted there
            settings = Settings(root=config_path.parent.resolve(), source=config_path.resolve())
        _EXPLICIT_SETTINGS[config_file] = settings
    return _EXPLICIT_SETTINGS[config_file]


def rule_set_for(path: Path, job: Job) -> RuleSet:
    settings = settings_for(path, job)
    key = (str(settings.source), repr(job))  # Job holds dicts: repr is its hashable identity
    if key not in _RULE_SETS:
        _RULE_SETS[key] = build_rule_set(settings, job.overrides, get_registry())
    return _RULE_SETS[key]


def title_from_path(path: str) -> str:
    return Path(path).stem.replace("_", " ")


def process_text(source: SourceText, display_path: str, rule_set: RuleSet, job: Job,
                 relative_path: str) -> FileResult:
    """Lint or fix one decoded page."""
    result = FileResult(display_path)
    registry = get_registry()
    ignored = rule_set.ignored_for(relative_path, registry)
    try:
        page = Page(source.text, site=rule_set.site, title=job.title or title_from_path(display_path),
                    path=display_path)
    except Exception as error:  # noqa: BLE001 - mwparserfromhell's failure on one page
        result.errors.append(f"cannot parse: {type(error).__name__}: {error}")
        return result
    if job.mode == "check":
        lint = lint_page(page, rule_set, ignored)
        page.release()
        result.diagnostics, result.internal_error = lint.diagnostics, lint.internal_error
        return result
    fixed: FixResult = fix_page(page, rule_set, ignored)
    result.diagnostics = fixed.diagnostics
    result.internal_error = fixed.internal_error
    result.fix_failed = fixed.failed
    result.applied = fixed.applied
    if fixed.failed or fixed.text == source.text:
        return result
    result.new_text = fixed.text
    result.new_bytes = source.encode(fixed.text)
    if job.mode == "diff":
        # The diff is of the file as stored (BOM, CRLF) so that it applies as a patch.
        original = source.encode(source.text).decode("utf-8")
        result.diff = unified_diff(original, result.new_bytes.decode("utf-8"), display_path)
    return result


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff that ``patch`` accepts, marking a missing final newline as diff does."""
    import difflib  # only for --diff: keeps start-up lean

    lines = []
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                     f"a/{path}", f"b/{path}"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def process_file(path_text: str, job: Job) -> FileResult:
    return _process(path_text, job, lambda: read_source(Path(path_text)))


def process_stdin(data: bytes, display_path: str, job: Job) -> FileResult:
    """The page read from stdin; ``display_path`` (``--stdin-filename``) picks its config."""
    return _process(display_path, job, lambda: decode(data))


def _process(display_path: str, job: Job, load: Callable[[], SourceText]) -> FileResult:
    path = Path(display_path)
    try:
        rule_set = rule_set_for(path, job)
        source = load()
    except (InputError, ConfigError) as error:
        return FileResult(display_path, errors=[str(error)])
    return process_text(source, display_path, rule_set, job, relative_to_root(path, rule_set.settings.root))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _process_chunk(paths: list[str], job: Job) -> list[FileResult]:
    return [process_file(path, job) for path in paths]


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _chunks_by_size(paths: list[str], workers: int) -> list[list[int]]:
    """Indices of ``paths`` in chunks of similar byte size, largest pages first.

    Big pages go out first so that no worker is left with one huge page at the end;
    chunks of several small pages keep the per-task overhead low.
    """
    sizes = [_size(path) for path in paths]
    target = max(1, sum(sizes) // (workers * 8))
    chunks: list[list[int]] = []
    current: list[int] = []
    current_bytes = 0
    for index in sorted(range(len(paths)), key=lambda i: -sizes[i]):
        current.append(index)
        current_bytes += sizes[index]
        if current_bytes >= target:
            chunks.append(current)
            current, current_bytes = [], 0
    if current:
        chunks.append(current)
    return chunks


def run_files(paths: Iterable[str], job: Job, jobs: int) -> Iterator[FileResult]:
    """Results in the order of ``paths``; several processes when there are several files."""
    paths = list(paths)
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield process_file(path, job)
        return
    from concurrent.futures import ProcessPoolExecutor  # only when used: its import costs start-up time

    workers = min(jobs, len(paths))
    results: list[FileResult | None] = [None] * len(paths)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(_process_chunk, [paths[i] for i in chunk], job): chunk
            for chunk in _chunks_by_size(paths, workers)
        }
        for future, chunk in futures.items():
            for index, result in zip(chunk, future.result(), strict=True):
                results[index] = result
    yield from results  # type: ignore[misc]

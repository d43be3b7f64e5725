"""The result cache: served only when nothing that decides a result changed, never for
another mode, robust against corrupt and foreign entries and against runs at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from support import corpus_page_files, run_wikilint, staged_corpus_copy
from wikilint.cache import CACHE_DIR_NAME, TAG_FILE, ResultCache
from wikilint.plugin_host import get_registry
from wikilint.runner import run_tasks
from wikilint.session import Session
from wikilint.sources import discover_files, file_items

STALE = "Text.<!-- wikilint: disable-line -->\n"
LINKS = "[[Foo|Foo]] and [[Bar|Bar]].\n"


@pytest.fixture(autouse=True)
def _default_cache_place(monkeypatch):
    """These tests say where their cache goes (the suite's own folder would hide the default)."""
    monkeypatch.delenv("WIKILINT_CACHE_DIR", raising=False)


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("v*/*/*/*.json"))


def _run_in_process(folder: Path, cache_dir: Path, mode: str = "check") -> tuple[ResultCache, list]:
    session = Session(registry=get_registry())
    cache = ResultCache(cache_dir, session)
    items = file_items(discover_files([folder], session), session, mode)
    results = []
    for result in run_tasks(cache.serve(items), session):
        cache.record(result)
        results.append(result)
    return cache, results


@pytest.fixture
def folder(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.wiki").write_text(STALE, encoding="utf-8")
    (pages / "b.wiki").write_text(LINKS, encoding="utf-8")
    (pages / "c.wiki").write_text("Fine.\n", encoding="utf-8")
    return pages


def test_a_warm_run_serves_every_page_and_gives_the_same_results(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    cold, first = _run_in_process(folder, cache_dir)
    assert (cold.hits, cold.misses) == (0, 3)
    assert len(_entries(cache_dir)) == 3
    warm, second = _run_in_process(folder, cache_dir)
    assert (warm.hits, warm.misses) == (3, 0)
    assert [(r.path, r.diagnostics) for r in second] == [(r.path, r.diagnostics) for r in first]
    assert (cache_dir / TAG_FILE).is_file() and (cache_dir / ".gitignore").read_text().strip().endswith("*")


def test_a_changed_page_or_setting_is_processed_again(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    _run_in_process(folder, cache_dir)
    (folder / "c.wiki").write_text(STALE, encoding="utf-8")
    cache, results = _run_in_process(folder, cache_dir)
    assert (cache.hits, cache.misses) == (2, 1)
    assert [d.code for d in results[2].diagnostics] == ["WL100"]
    (folder / "wikilint.toml").write_text('ignore = ["LNK"]\n', encoding="utf-8")
    cache, results = _run_in_process(folder, cache_dir)
    assert (cache.hits, cache.misses) == (0, 3)
    assert results[1].diagnostics == []
    # Only the bytes count: the same text with CRLF endings is another content.
    (folder / "c.wiki").write_bytes(STALE.replace("\n", "\r\n").encode())
    cache, _ = _run_in_process(folder, cache_dir)
    assert (cache.hits, cache.misses) == (2, 1)


def test_a_check_result_never_stands_in_for_a_fix(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    assert run_wikilint("check", "--cache-dir", str(cache_dir), str(folder)).returncode == 1
    diff = run_wikilint("check", "--diff", "--cache-dir", str(cache_dir), str(folder))
    assert diff.returncode == 1 and "+[[Foo]] and [[Bar]]." in diff.stdout_text
    fixed = run_wikilint("check", "--fix", "--cache-dir", str(cache_dir), str(folder))
    assert fixed.returncode == 0, fixed.stdout_text + fixed.stderr_text
    assert (folder / "b.wiki").read_text(encoding="utf-8") == "[[Foo]] and [[Bar]].\n"
    assert (folder / "a.wiki").read_text(encoding="utf-8") == "Text.\n"
    # A clean page's fix result is stored and served; the fixed pages are read anew.
    cache, results = _run_in_process(folder, cache_dir, "fix")
    assert cache.hits == 1 and all(r.new_text is None and not r.diagnostics for r in results)


def test_failures_and_changed_pages_are_not_stored(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    _run_in_process(folder, cache_dir, "diff")
    assert len(_entries(cache_dir)) == 1  # only c.wiki, which --diff leaves as it is
    (folder / "bad.wiki").write_bytes(b"\xff not UTF-8")
    cache, results = _run_in_process(folder, cache_dir)
    assert results[2].errors and len(_entries(cache_dir)) == 4  # a, b, c checked; bad.wiki not stored


@pytest.mark.parametrize("damage", [
    b"", b"{not json", b"[1, 2, 3]", b'{"format": 1}', b"\x00\xff\xfe",
    b'{"format": 1, "key": "someone else", "content": "x", "diagnostics": []}',
])
def test_corrupt_or_foreign_entries_are_ignored_and_rewritten(folder, tmp_path, damage):
    cache_dir = tmp_path / "cache"
    _, first = _run_in_process(folder, cache_dir)
    for entry in _entries(cache_dir):
        entry.write_bytes(damage)
    cache, second = _run_in_process(folder, cache_dir)
    assert (cache.hits, cache.misses) == (0, 3)
    assert [r.diagnostics for r in second] == [r.diagnostics for r in first]
    for entry in _entries(cache_dir):
        assert json.loads(entry.read_bytes())["format"] == 1


def test_an_entry_of_another_shape_is_a_miss(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    _run_in_process(folder, cache_dir)
    for entry in _entries(cache_dir):
        data = json.loads(entry.read_bytes())
        data["diagnostics"] = [values[:-1] for values in data["diagnostics"]]  # a field fewer
        data["diagnostics"] = data["diagnostics"] or [["WL100"]]
        entry.write_text(json.dumps(data), encoding="utf-8")
    cache, _ = _run_in_process(folder, cache_dir)
    assert cache.hits == 0


def test_other_versions_use_another_folder(tmp_path):
    registry = get_registry()
    other = replace(registry, plugins={**registry.plugins, "extra": "wikilint-extra 9.9"})
    assert ResultCache(tmp_path, Session(registry=registry)).bucket != ResultCache(tmp_path, Session(registry=other)).bucket
    assert ResultCache(tmp_path, Session(registry=registry)).bucket == ResultCache(tmp_path, Session(registry=registry)).bucket


def test_where_the_cache_lives(tmp_path):
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "wikilint.toml").write_text("", encoding="utf-8")
    (project / "sub" / "p.wiki").write_text(STALE, encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key != "WIKILINT_CACHE_DIR"}

    def run(*args: str, env: dict[str, str] | None = None) -> None:
        full = {**environment, **(env or {})}
        process = subprocess.run([sys.executable, "-m", "wikilint", "check", *args, "p.wiki"], cwd=project / "sub",
                                 env=full, capture_output=True)
        assert process.returncode == 1, process.stderr

    run()  # the project root: the folder of the configuration that applies here
    assert (project / CACHE_DIR_NAME / TAG_FILE).is_file() and not (project / "sub" / CACHE_DIR_NAME).exists()
    run("--cache-dir", str(tmp_path / "option"))
    assert (tmp_path / "option" / TAG_FILE).is_file()
    run(env={"WIKILINT_CACHE_DIR": str(tmp_path / "environment")})
    assert (tmp_path / "environment" / TAG_FILE).is_file()
    (project / "wikilint.toml").write_text('cache-dir = "../setting"\n', encoding="utf-8")
    run()
    assert (tmp_path / "setting" / TAG_FILE).is_file()
    shutil.rmtree(tmp_path / "setting")
    run("--no-cache")
    assert not (tmp_path / "setting").exists()


def test_an_unwritable_cache_warns_once_and_the_run_goes_on(folder, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = run_wikilint("check", "--cache-dir", str(blocker / "cache"), str(folder))
    assert result.returncode == 1 and result.stdout_text.count("WL100") == 1
    warnings = [line for line in result.stderr_text.splitlines() if "cannot write the cache" in line]
    assert len(warnings) == 1


def test_clean_removes_only_caches_wikilint_made(tmp_path):
    (tmp_path / "p.wiki").write_text(STALE, encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "q.wiki").write_text(STALE, encoding="utf-8")
    assert run_wikilint("check", "p.wiki", cwd=tmp_path).returncode == 1
    assert run_wikilint("check", "--cache-dir", "nested/.wikilint_cache", "p.wiki", cwd=tmp_path).returncode == 1
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "data.txt").write_text("keep me", encoding="utf-8")
    cleaned = run_wikilint("clean", "--cache-dir", "precious", cwd=tmp_path)
    assert cleaned.returncode == 0
    assert (precious / "data.txt").is_file()  # not a wikilint cache: left alone
    assert not (tmp_path / CACHE_DIR_NAME).exists() and not (tmp_path / "nested" / CACHE_DIR_NAME).exists()
    assert run_wikilint("clean", cwd=tmp_path).stdout_text == "No cache to remove.\n"


def test_two_runs_at_once_leave_a_consistent_cache(corpus, tmp_path):
    """Two real processes fill one cache at the same time; every entry is whole, and the
    cache then serves exactly what a run without it gives."""
    pages = corpus_page_files(corpus)[:60]
    work = tmp_path / "work"
    staged_corpus_copy(pages, work)
    cache_dir = tmp_path / "cache"
    command = [sys.executable, "-m", "wikilint", "check", "-q", "-j", "1", "--cache-dir", str(cache_dir), str(work)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [process.communicate() for process in runs]
    assert all(process.returncode in (0, 1) for process in runs), [err for _, err in outputs]
    assert outputs[0][0] == outputs[1][0]
    entries = _entries(cache_dir)
    assert entries and all(json.loads(entry.read_bytes())["format"] == 1 for entry in entries)
    assert not list(cache_dir.rglob("*.tmp"))  # no temporary file left behind
    uncached = run_wikilint("check", "-q", "--no-cache", str(work)).stdout
    warm = subprocess.run(command, capture_output=True)
    assert warm.stdout == uncached == outputs[0][0]


def test_results_all_served_from_the_cache_start_no_worker():
    """A warm run over unchanged pages needs no worker process: a batch whose every result
    is known never goes to the executor (here one that refuses all work)."""
    from concurrent.futures import Executor

    from wikilint.results import PageResult
    from wikilint.runner import run_tasks
    from wikilint.session import Session

    class RefusingExecutor(Executor):
        def submit(self, fn, /, *args, **kwargs):
            raise AssertionError("a unit went to a worker")

    known = [PageResult(f"p{number}.wiki") for number in range(150)]  # several batches
    results = list(run_tasks(iter(known), Session(), jobs=2, executor=RefusingExecutor()))
    assert [result.path for result in results] == [result.path for result in known]

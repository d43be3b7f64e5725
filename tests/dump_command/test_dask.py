"""A real Dask cluster — a ``dask scheduler`` process and ``dask worker`` processes on
loopback — runs ``wikilint dump``: findings, edits and the fixed dump are byte for byte
those of the local process pool. One cluster, started once (CI time)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dump_command.pages import fixable_pages
from support import run_wikilint
from wikilint.dump import write_dump

distributed = pytest.importorskip("distributed", reason="the wikilint[distributed] extra (Dask) is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask")
    dask = [sys.executable, "-m", "dask"]
    processes = [subprocess.Popen(dask + ["scheduler", "--host", "127.0.0.1", "--port", str(port),
                                          "--no-dashboard"], stdout=subprocess.DEVNULL,
                                  stderr=open(logs / "scheduler.log", "wb"), start_new_session=True)]
    processes.append(subprocess.Popen(dask + ["worker", address, "--nworkers", "2", "--nthreads", "1",
                                              "--no-dashboard", "--host", "127.0.0.1"],
                                      stdout=subprocess.DEVNULL, stderr=open(logs / "workers.log", "wb"),
                                      start_new_session=True))
    try:
        client = None
        deadline = time.monotonic() + 180
        while client is None:
            try:
                client = distributed.Client(address, timeout=5)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        client.wait_for_workers(2, timeout=180)
        workers = client.nthreads()
        client.close()
        assert len(workers) == 2
        yield address
    finally:
        for process in reversed(processes):
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _run(source: Path, out: Path, *how: str):
    out.mkdir()
    result = run_wikilint("dump", str(source), *how, "-q", "--namespace", "0,1", "--fix",
                          "--output", str(out / "fixed.xml.bz2"), "--edits", str(out / "edits.jsonl"),
                          "--output-file", str(out / "findings.jsonl"), "--report", str(out / "report.html"))
    assert result.returncode in (0, 1), result.stderr_text
    return {path.name: path.read_bytes() for path in sorted(out.iterdir()) if path.name != "report.html"}


def test_a_dask_cluster_gives_the_local_outputs_byte_for_byte(cluster, tmp_path):
    pages = fixable_pages(700)
    multistream, _ = write_dump(pages, tmp_path / "testwiki-20240101-pages-articles-multistream.xml.bz2")
    (tmp_path / "plain").mkdir()
    plain, _ = write_dump(pages, tmp_path / "plain" / "testwiki.xml.gz")
    for source in (multistream, plain):  # byte ranges read by the workers; pages shipped in batches
        local = _run(source, tmp_path / f"{source.name}-local", "-j", "2")
        remote = _run(source, tmp_path / f"{source.name}-dask", "--scheduler", cluster)
        assert set(local) >= {"findings.jsonl", "edits.jsonl", "fixed.xml.bz2"}
        assert local["edits.jsonl"] and local == remote


def test_a_dask_workers_page_processes_do_not_inherit_its_nannys_malloc_setting(cluster):
    """A nanny sets ``MALLOC_TRIM_THRESHOLD_`` for its worker; the processes that worker
    runs pages in are set up as ``-j``'s are (without it, glibc's own allocator settings)."""
    from wikilint.workers import _child_environment

    with distributed.Client(cluster) as client:
        seen = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                                   _child_environment().get("MALLOC_TRIM_THRESHOLD_")))
    assert list(seen.values()) == [("65536", None)] * 2


def test_scheduler_needs_a_reachable_cluster(tmp_path):
    source, _ = write_dump(fixable_pages(5), tmp_path / "testwiki.xml")
    result = run_wikilint("dump", str(source), "--scheduler", f"tcp://127.0.0.1:{_free_port()}", "-q",
                          env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
    assert result.returncode == 2 and "cannot reach the Dask scheduler" in result.stderr_text
    assert "Traceback" not in result.stderr_text


def test_the_lean_dask_settings_are_settings_this_dask_has():
    """``--scheduler local`` quiets Dask's diagnostics with these keys: a key Dask does not
    know (renamed in a new release) would be set and silently do nothing."""
    import dask.config

    from wikilint.commands.dump import LEAN_DASK

    missing = object()
    assert [key for key in LEAN_DASK if dask.config.get(key, default=missing) is missing] == []

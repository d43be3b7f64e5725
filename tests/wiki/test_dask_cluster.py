"""The index pass on a real Dask cluster — a ``dask scheduler`` process and ``dask worker``
processes on loopback (the ``cluster`` fixture of the dump command's tests) — gives the
index and the findings of a run on this machine, row for row and byte for byte."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("distributed", reason="the wikilint[distributed] extra (Dask) is not installed")

from dump_command.test_dask import cluster  # (the fixture: one cluster for the module)
from wiki.test_wiki_index import CHECKED, FILLER, PLANTED, WIKI, run_cli, wiki_dump


def test_the_workers_of_a_cluster_build_the_index_the_local_run_builds(cluster, wiki_dump, tmp_path):
    outputs = {}
    for how, arguments in (("local", ["-j", "1"]), ("cluster", ["--scheduler", cluster])):
        index_path = tmp_path / f"{how}.sqlite"
        result = run_cli(["dump", str(wiki_dump), "--wiki-index", str(index_path), "--select", "WIK",
                          "--title-regex", f"^{CHECKED.title}$", *arguments])
        assert result.exit_code == 1, result.err
        # On the cluster too the index is built, by the pass (not reused from the local run).
        assert "building the wiki index" in result.err, result.err
        with sqlite3.connect(index_path) as db:
            rows = db.execute("SELECT * FROM pages ORDER BY title").fetchall()
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key NOT IN ('built')").fetchall())
        outputs[how] = (result.out, rows, meta)
    local, remote = outputs["local"], outputs["cluster"]
    assert len(local[1]) == len(FILLER) + len(WIKI) + 1
    assert len(local[0].splitlines()) >= len(PLANTED)
    assert local == remote

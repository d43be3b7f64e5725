"""The worker processes behind ``check`` and ``dump``: the per-page time budget, crashes and
version checks, on the real pool."""

from __future__ import annotations

import json
import os

import pytest

from dump_command.pages import SLOW_TEXT, CrashingBatch, WaitingBatch
from support import run_wikilint
from wikilint.dump import SyntheticPage, write_dump
from wikilint.files import SourceText
from wikilint.runner import PageBatch, PageTask, installed_versions, run_unit_here
from wikilint.session import Session
from wikilint.workers import UnitError, VersionMismatch, WorkerPool, processor_seconds, run_isolated


def tasks(session: Session, texts: dict[str, str]) -> list[PageTask]:
    from pathlib import Path

    profile = session.profile_for(Path.cwd())
    return [PageTask(title, SourceText.from_text(text), profile, "check", title=title) for title, text in texts.items()]


def test_a_page_past_its_budget_stops_its_worker_and_the_rest_of_the_batch_goes_on():
    session = Session()
    batch = PageBatch(tuple(tasks(session, {"A": "[[Apple|apple]]", "Slow": SLOW_TEXT, "B": "[[Pear|pear]] x",
                                            "C": "plain"})))
    with WorkerPool(1, page_timeout=2) as pool:
        outcome = pool.submit(batch, installed_versions(session)).result(timeout=120)
        assert pool.timeouts == 1
    expected = run_unit_here(PageBatch(tuple(t for t in batch.entries if t.title != "Slow")), session).results
    slow = outcome.results[1]
    assert slow.path == "Slow" and slow.title == "Slow" and slow.diagnostics == []
    assert slow.errors == ["processing this page used more than 2 s of processor time (--page-timeout): its worker "
                           "was stopped and the page skipped"]
    others = [outcome.results[i] for i in (0, 2, 3)]
    assert [r.path for r in others] == ["A", "B", "C"]
    assert [[d.code for d in r.diagnostics] for r in others] == [[d.code for d in r.diagnostics] for r in expected]
    assert others[0].diagnostics[0].code == "LNK001"


@pytest.mark.skipif(processor_seconds(os.getpid()) is None, reason="processor time is read from Linux's /proc")
def test_the_budget_is_processor_time_with_a_wall_clock_backstop(tmp_path):
    session = Session()
    texts = {"A": "[[Apple|apple]]", "held up": "x", "B": "y", "waits forever": "z", "C": "w"}
    # 3 s of waiting is past the 1 s budget in wall-clock time only; 11 s is past ten times it.
    unit = WaitingBatch(tasks(session, texts), {"held up": 3, "waits forever": 11}, str(tmp_path))
    with WorkerPool(1, page_timeout=1) as pool:
        outcome = pool.submit(unit, installed_versions(session)).result(timeout=120)
        assert pool.timeouts == 1
    assert [r.path for r in outcome.results] == list(texts)
    assert [r.errors for r in outcome.results] == [[], [], [], ["processing this page did not finish in 10 s "
                                                                "(--page-timeout): its worker was stopped and the "
                                                                "page skipped"], []]


def test_a_worker_that_dies_is_replaced_and_its_page_reported(tmp_path):
    session = Session()
    unit = CrashingBatch(tasks(session, {"A": "[[Apple|apple]]", "crash": "x", "B": "y"}), str(tmp_path / "crashed"))
    with WorkerPool(2, page_timeout=30) as pool:
        outcome = pool.submit(unit, installed_versions(session)).result(timeout=120)
    assert [r.path for r in outcome.results] == ["A", "crash", "B"]
    assert outcome.results[1].errors == ["the worker process died (exit status 70) while processing this page"]
    assert outcome.payload == 3  # the unit finished in the replacement worker


def test_a_worker_with_other_versions_refuses_in_one_line():
    session = Session()
    batch = PageBatch(tuple(tasks(session, {"A": "x"})))
    wrong = {**installed_versions(session), "wikilint": "0.0.1"}
    with WorkerPool(1) as pool:
        with pytest.raises(VersionMismatch) as caught:
            pool.submit(batch, wrong).result(timeout=120)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("a worker runs other versions than this wikilint")
    assert "wikilint 0.1.0 (this wikilint has 0.0.1)" in message
    with pytest.raises(VersionMismatch):
        run_isolated(batch, wrong, 10)


def test_a_unit_that_fails_as_a_whole_is_one_line_error(tmp_path):
    from wikilint.dump import MultistreamIndex, PageFilter, SiteInfo
    from wikilint.dump_source import RangeUnit

    session = Session()
    source, _ = write_dump([SyntheticPage(f"P {n}", "x") for n in range(150)],
                           tmp_path / "testwiki-pages-articles-multistream.xml.bz2")
    index = MultistreamIndex.load(source)
    first = index.ranges()[0]
    source.write_bytes(source.read_bytes()[:first.end - 10])  # the range is cut now
    unit = RangeUnit(first, PageFilter(), SiteInfo(), session.profile_for(tmp_path), "check")
    with WorkerPool(1) as pool:
        with pytest.raises(UnitError) as caught:
            pool.submit(unit, installed_versions(session)).result(timeout=120)
    assert str(caught.value).startswith(str(source)) and "\n" not in str(caught.value)


def test_dump_and_check_report_a_stuck_page_and_go_on(tmp_path):
    pages = [SyntheticPage("Before", "[[Apple|apple]]"), SyntheticPage("Stuck", SLOW_TEXT),
             SyntheticPage("After", "[[Pear|pear]]")] + [SyntheticPage(f"P {n}", "[[Fig|fig]]") for n in range(150)]
    source, _ = write_dump(pages, tmp_path / "testwiki-pages-articles-multistream.xml.bz2")
    result = run_wikilint("dump", str(source), "--page-timeout", "2", "-q", "--fix", "--output",
                          str(tmp_path / "fixed.xml.bz2"), "--edits", str(tmp_path / "edits.jsonl"))
    assert result.returncode == 2, result.stderr_text
    records = [json.loads(line) for line in result.stdout_text.splitlines()]
    assert records[0]["title"] == "Stuck" and records[0]["page_id"] == 2 and "--page-timeout" in records[0]["error"]
    edits = [json.loads(line)["title"] for line in (tmp_path / "edits.jsonl").read_text().splitlines()]
    assert edits[:2] == ["Before", "After"] and len(edits) == 152
    (tmp_path / "pages").mkdir()
    for name, text in (("a.wiki", "[[Apple|apple]]"), ("stuck.wiki", SLOW_TEXT), ("b.wiki", "[[Pear|pear]]")):
        (tmp_path / "pages" / name).write_text(text, encoding="utf-8")
    check = run_wikilint("check", "-j", "1", "--page-timeout", "2", str(tmp_path / "pages"))
    assert check.returncode == 2
    assert "stuck.wiki: error: processing this page used more than 2 s of processor time" in check.stderr_text
    assert "a.wiki:1:1: LNK001" in check.stdout_text and "b.wiki:1:1: LNK001" in check.stdout_text


def test_a_pool_started_at_once_serves_several_runs_with_the_same_workers():
    # What `wikilint dump` does: its workers start before the first unit, and the wiki index
    # pass and the lint pass both run on them.
    from wikilint.runner import run_units

    session = Session()
    batch = PageBatch(tuple(tasks(session, {"A": "[[Apple|apple]]", "B": "plain"})))
    with WorkerPool(2, page_timeout=10, start=True) as pool:
        started = {child.process.pid for child in pool._children}
        assert len(started) == 2  # before any unit was submitted
        for _run in range(2):
            outcomes = list(run_units([batch, batch, batch], session, jobs=2, pool=pool))
            assert [[d.code for d in r.diagnostics] for o in outcomes for r in o.results] == [["LNK001"], []] * 3
            assert {child.process.pid for child in pool._children} == started  # not shut down after a run


def test_prepare_isolation_starts_the_workers_run_isolated_then_uses():
    # What each Dask worker is asked to do when `wikilint dump --scheduler` connects: its
    # worker processes start (and import wikilint) before the first unit comes.
    from wikilint import workers

    session = Session()
    budget = 7.25  # a budget no other test's pool is kept under
    workers.prepare_isolation(budget, 1)
    try:
        pool = workers._pools[budget]
        started = [child.process.pid for child in pool._children]
        assert len(started) == 1
        batch = PageBatch(tuple(tasks(session, {"A": "[[Apple|apple]]", "B": "plain"})))
        outcome = run_isolated(batch, installed_versions(session), budget).unpack()
        assert [[d.code for d in r.diagnostics] for r in outcome.results] == [["LNK001"], []]
        assert [child.process.pid for child in pool._children] == started
        workers.prepare_isolation(budget, 1)  # a second call keeps the running pool
        assert workers._pools[budget] is pool
    finally:
        workers._pools.pop(budget).shutdown()

"""``--report``: one self-contained HTML file, checked as text and rendered by a real headless
Chromium (skipped only when no Chromium is installed: ``apt-get install chromium``)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from support import run_wikilint

GENSIM = "gensim__enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from support import CORPUS

    source = CORPUS / "dumps" / "dbpedia-minidumps" / "enwiki.xml.bz2"
    if not source.is_file():
        pytest.skip("../shared/corpus/dumps is not present")
    out = tmp_path_factory.mktemp("report")
    result = run_wikilint("dump", str(source), "--namespace", "all", "-q", "--report", str(out / "report.html"),
                          "--output-file", str(out / "findings.jsonl"))
    assert result.returncode == 1, result.stderr_text
    return out / "report.html", (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()


def test_the_report_is_self_contained_and_complete(report):
    path, findings = report
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    # Nothing to fetch, nothing to run (page text quoting a URL is only text).
    assert not re.search(r"<script|<link|<img|<iframe|<object|src=|href=|@import|url\(", page)
    assert f"<b>{len(findings)}</b><span>findings</span>" in page
    assert "<h2>Findings per rule</h2><svg" in page and "<h2>Findings per namespace</h2><svg" in page
    assert "<h2>Pages with most findings</h2><table>" in page and "<h2>Examples per rule</h2>" in page
    assert page.count("<mark>") >= 3 and "<td>enwiki</td>" in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_report_renders_in_headless_chromium(report, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium installed (apt-get install chromium)")
    path, _ = report
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'p'}",
             "--hide-scrollbars"]
    dom = subprocess.run(flags + ["--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert "Findings per rule" in dom.stdout and dom.stdout.count("<rect") >= 2
    screenshot = tmp_path / "report.png"
    subprocess.run(flags + ["--window-size=1280,1800", f"--screenshot={screenshot}", path.as_uri()],
                   capture_output=True, timeout=120)
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a rendered page, not a blank one

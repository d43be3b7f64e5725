"""``wikilint dump`` end to end: the real command on synthetic and real dumps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import run_wikilint
from wikilint.dump import DumpReader, PageFilter, mediawiki_sha1


def dump(*args, **options):
    return run_wikilint("dump", *args, **options)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def revisions(path: Path) -> list:
    return list(DumpReader(path, page_filter=PageFilter(namespaces=None, include_redirects=True,
                                                         all_revisions=True)))


def test_findings_are_json_lines_in_dump_order_whatever_the_jobs_and_the_reading(multistream, plain_dump, tmp_path):
    outputs = {}
    for name, source, jobs in [("ranges-j1", multistream, "1"), ("ranges-j2", multistream, "2"),
                               ("plain-j2", plain_dump, "2")]:
        result = dump(str(source), "-j", jobs, "-q", "--output-file", str(tmp_path / f"{name}.jsonl"))
        assert result.returncode == 1, result.stderr_text
        assert result.stdout_text == ""
        outputs[name] = (tmp_path / f"{name}.jsonl").read_bytes()
    assert outputs["ranges-j1"] == outputs["ranges-j2"] == outputs["plain-j2"]
    found = records(tmp_path / "ranges-j1.jsonl")
    pages = [page for page in DumpReader(multistream)]  # namespace 0, no redirects: what dump checks
    order = {page.title: number for number, page in enumerate(pages)}
    assert [order[record["title"]] for record in found] == sorted(order[record["title"]] for record in found)
    first = found[0]
    page = next(page for page in pages if page.title == first["title"])
    assert (first["page_id"], first["revision_id"], first["namespace"]) == (page.page_id, page.revision_id, 0)
    assert first["path"] == first["title"] and first["schema_version"] == 1
    assert {"line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "fix"} <= set(first)
    assert {record["code"] for record in found} >= {"LNK001"}
    assert not any(record["title"].startswith("Talk:") for record in found)  # --namespace 0 by default


def test_concise_output_and_namespaces(multistream):
    result = dump(str(multistream), "-q", "--output-format", "concise", "--namespace", "1")
    assert result.returncode == 1, result.stderr_text
    lines = result.stdout_text.splitlines()
    assert lines and all(line.startswith("Talk:Page ") for line in lines)
    assert lines[0] == "Talk:Page 6:1:12: LNK001 label repeats the link target: write [[page 6]]"


def _compare_all_but_texts(before: list, after: list, changed_titles: set[str]) -> None:
    assert len(before) == len(after)
    for old, new in zip(before, after):
        if old.title in changed_titles:
            assert new.text != old.text
            assert new.sha1 == mediawiki_sha1(new.text) and new.bytes == len(new.text.encode("utf-8"))
        else:
            assert (new.text, new.sha1, new.bytes) == (old.text, old.sha1, old.bytes)
        for name in ("title", "namespace", "page_id", "revision_id", "parent_id", "timestamp", "model", "format",
                     "redirect", "revision_index"):
            assert getattr(new, name) == getattr(old, name), name


@pytest.mark.parametrize("source_name, output_name", [("multistream", "fixed-multistream.xml.bz2"),
                                                       ("plain_dump", "fixed.xml.gz")])
def test_fix_writes_a_new_dump_that_differs_only_in_fixed_texts(request, tmp_path, source_name, output_name):
    source = request.getfixturevalue(source_name)
    original = source.read_bytes()
    output = tmp_path / output_name
    edits = tmp_path / "edits.jsonl"
    result = dump(str(source), "--fix", "--output", str(output), "--edits", str(edits), "-q", "-j", "2",
                  "--output-file", str(tmp_path / "remaining.jsonl"))
    assert result.returncode in (0, 1), result.stderr_text
    assert source.read_bytes() == original  # the input is never written
    changed = records(edits)
    assert changed and all(edit["summary"].startswith("wikilint: ") and "× LNK001" in edit["summary"]
                           for edit in changed)
    titles = {edit["title"] for edit in changed}
    before, after = revisions(source), revisions(output)
    _compare_all_but_texts(before, after, titles)
    by_title = {page.title: page for page in after}
    for edit in changed:
        page = by_title[edit["title"]]
        assert edit["text"] == page.text and edit["page_id"] == page.page_id
        assert edit["base_revision_id"] == page.revision_id
    if source_name == "multistream":  # a fresh index beside the output, matching it
        from wikilint.dump import MultistreamIndex, read_range

        index = MultistreamIndex.load(output)
        assert index.page_count == 300
        assert sum(len(list(read_range(r, page_filter=PageFilter.everything()))) for r in index.ranges()) == 300
    # Fixing the fixed dump changes nothing more.
    again = dump(str(output), "--fix", "--edits", str(tmp_path / "again.jsonl"), "-q", "--statistics")
    assert again.returncode in (0, 1) and (tmp_path / "again.jsonl").read_text() == ""


def test_edits_as_unified_diffs(multistream, tmp_path):
    edits = tmp_path / "edits.jsonl"
    result = dump(str(multistream), "--edits", str(edits), "--edits-format", "diff", "-q", "--statistics")
    assert result.returncode == 0, result.stderr_text  # every finding fixed: none remains
    first = records(edits)[0]
    assert "text" not in first and first["diff"].startswith("--- a/Page 0\n+++ b/Page 0\n")
    assert "-'''Page 0''' links [[Apple|apple]]" in first["diff"] and "+'''Page 0''' links [[apple]]" in first["diff"]


def test_statistics(multistream, tmp_path):
    result = dump(str(multistream), "--statistics", "-q", "--namespace", "0,1", "--exit-zero")
    assert result.returncode == 0, result.stderr_text
    out = result.stdout_text
    assert "Findings per rule:\n" in out and "LNK001\tredundant-label" in out
    assert "Findings per namespace:\n" in out and "\t1\t(" in out
    assert "Pages: 267 checked, 33 skipped, 0 failed" in out and "skipped: 33 redirects" in out
    assert "Throughput: " in out and "pages/s" in out and "MB/s of XML" in out
    assert not any(line.startswith("{") for line in out.splitlines())  # findings only to --output-file


def test_progress_lines_when_stderr_is_not_a_terminal_and_quiet_silences_them(plain_dump):
    logged = dump(str(plain_dump), "--statistics", env={"WIKILINT_PROGRESS_INTERVAL": "0"})
    lines = [line for line in logged.stderr_text.splitlines() if "pages/s" in line]
    assert len(lines) >= 3 and "ETA" in lines[0] and "findings" in lines[0] and "%" in lines[0]
    assert lines[-1].startswith("wikilint: 247 pages checked in ")  # the summary
    quiet = dump(str(plain_dump), "--statistics", "-q", env={"WIKILINT_PROGRESS_INTERVAL": "0"})
    assert quiet.stderr_text == ""


def test_progress_bar_on_a_terminal(multistream):
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    process = subprocess.run([sys.executable, "-m", "wikilint", "dump", str(multistream), "--statistics"],
                             stderr=follower, stdout=subprocess.PIPE, env={**os.environ, "TERM": "xterm"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.returncode == 1
    text = shown.decode("utf-8")
    assert "\r[" in text and "pages/s" in text and "ETA" in text and "\x1b[K" in text


def test_site_comes_from_siteinfo_and_site_or_a_config_file_overrides_it(tmp_path, monkeypatch):
    from wikilint.config import Overrides
    from wikilint.dump import SiteInfo
    from wikilint.dump_source import dump_profile
    from wikilint.session import Session

    monkeypatch.chdir(tmp_path)
    siteinfo = SiteInfo(dbname="zhwiki", case="case-sensitive", namespaces={0: "", 14: "分類", 6: "文件", 100: "主題"},
                        aliases={14: ("分类", "Kategorie")})
    data = dump_profile(Session(), siteinfo).site_data
    assert data["name"] == "zhwiki" and data["first-letter-case-insensitive"] is False  # the dump's case
    assert data["namespaces"]["category"][0] == "分類" and "Kategorie" in data["namespaces"]["category"]
    assert "Category" in data["namespaces"]["category"] and data["namespaces"]["portal"][0] == "主題"
    assert data["link-trail"] == ""  # the zhwiki preset's own facts stay
    unknown = dump_profile(Session(), SiteInfo(dbname="xxwiki", case="first-letter", namespaces={14: "Luokka"}))
    assert unknown.site_data["namespaces"]["category"][0] == "Luokka" and unknown.site_data["link-trail"]
    assert dump_profile(Session(Overrides(site="enwiki")), siteinfo).site_data["name"] == "enwiki"
    (tmp_path / "wikilint.toml").write_text('site = "enwiki"\n', encoding="utf-8")
    assert dump_profile(Session(), siteinfo).site_data["name"] == "enwiki"


def test_check_refuses_dumps_and_never_writes_them(dumps, tmp_path):
    for name in ("pywikibot__article-pear.xml", "pywikibot__article-pyrus.xml.bz2", "pywikibot__article-pyrus.xml.gz"):
        copy = tmp_path / name
        copy.write_bytes((dumps / name).read_bytes())
        for extra in ([], ["--fix"]):
            result = run_wikilint("check", *extra, str(copy))
            assert result.returncode == 2
            assert f"{copy} is an XML dump" in result.stderr_text
            assert f": use wikilint dump {copy}" in result.stderr_text
            assert copy.read_bytes() == (dumps / name).read_bytes()


def test_a_dump_without_siteinfo_detects_each_pages_site_and_reports_it(tmp_path):
    source = tmp_path / "bare.xml"
    source.write_text(
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n'
        "<page><title>甲</title><ns>0</ns><id>1</id><revision><id>2</id>"
        "<text>[[分类:乙]] [[丙|丙]]</text></revision></page>\n</mediawiki>\n", encoding="utf-8")
    report = tmp_path / "report.html"
    result = dump(str(source), "--report", str(report), "--quiet", cwd=tmp_path)
    assert result.returncode == 1, result.stderr_text
    assert "LNK001" in result.stdout_text  # [[丙|丙]]: the pipe is redundant on any site
    assert "auto (detected per page)" in report.read_text(encoding="utf-8")

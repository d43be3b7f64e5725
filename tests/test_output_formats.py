"""The machine-read output formats, each checked against what its consumer expects:
SARIF against the official 2.1.0 schema with format checking on, GitLab Code Quality
against the fields GitLab documents, JUnit XML read by junitparser, pylint's
``parseable`` lines; and colour in the human formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from support import REPO_ROOT, run_wikilint

SARIF_SCHEMA = REPO_ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
STALE = "Text.<!-- wikilint: disable-line -->\n"
TWO = "[[Foo|Foo]] x\nText.<!-- wikilint: disable-line -->\n"


@pytest.fixture
def pages(tmp_path):
    """Awkward names: a space, non-ASCII, '%' and '#' — all must survive as URIs."""
    folder = tmp_path / "my pages"
    folder.mkdir()
    names = ["plain.wiki", "with space.wiki", "中文 页面.wiki", "100%#1.wiki"]
    for name in names:
        (folder / name).write_text(TWO, encoding="utf-8")
    return tmp_path, [f"my pages/{name}" for name in names]


def _sarif_validator():
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    if not {"uri", "uri-reference"} <= set(checker.checkers):
        pytest.skip("jsonschema's URI format checkers are not installed (the test extra has them)")
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def test_sarif_is_valid_against_the_official_schema_with_formats(pages):
    validator = _sarif_validator()
    folder, names = pages
    result = run_wikilint("check", "--output-format", "sarif", *names, "missing.wiki", cwd=folder)
    document = json.loads(result.stdout_text)
    errors = sorted(validator.iter_errors(document), key=str)
    assert errors == [], "\n".join(error.message for error in errors[:5])
    (run,) = document["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    assert "my%20pages/with%20space.wiki" in uris
    assert "my%20pages/%E4%B8%AD%E6%96%87%20%E9%A1%B5%E9%9D%A2.wiki" in uris
    assert "my%20pages/100%25%231.wiki" in uris
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/")


def test_sarif_format_checking_catches_a_raw_path():
    validator = _sarif_validator()
    document = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "wikilint"}}, "results": [{
        "message": {"text": "x"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "my pages/中文.wiki"}}}]}]}]}
    assert any(error.validator == "format" for error in validator.iter_errors(document))


def test_sarif_absolute_paths_are_file_uris_and_engine_codes_have_rules(tmp_path):
    validator = _sarif_validator()
    page = tmp_path / "é x.wiki"
    page.write_text(STALE, encoding="utf-8")
    document = json.loads(run_wikilint("check", "--output-format", "sarif", str(page)).stdout_text)
    assert list(validator.iter_errors(document)) == []
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": page.as_uri()}


# The fields GitLab reads from a Code Quality report (docs.gitlab.com, "Code Quality",
# "Implement a custom tool": an array of objects with description, check_name,
# fingerprint, severity, location.path, and location.lines.begin or
# location.positions.begin.line).
GITLAB_REPORT = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object", "required": ["path"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^/"}},
                    "positions": {"type": "object", "required": ["begin"], "properties": {
                        "begin": {"type": "object", "required": ["line"],
                                  "properties": {"line": {"type": "integer", "minimum": 1}}}}},
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}


def test_gitlab_code_quality(pages):
    folder, names = pages
    result = run_wikilint("check", "--output-format", "gitlab", *names, cwd=folder)
    issues = json.loads(result.stdout_text)
    jsonschema.validate(issues, GITLAB_REPORT)
    assert len(issues) == 8
    assert len({issue["fingerprint"] for issue in issues}) == 8  # unique, as GitLab requires
    assert {issue["location"]["path"] for issue in issues} == set(names)
    # Stable across runs (GitLab compares reports of two pipelines by fingerprint) …
    again = json.loads(run_wikilint("check", "--output-format", "gitlab", *names, cwd=folder).stdout_text)
    assert [issue["fingerprint"] for issue in again] == [issue["fingerprint"] for issue in issues]
    # … and relative to the project (CI_PROJECT_DIR), even for absolute paths given.
    absolute = run_wikilint("check", "--output-format", "gitlab", str(folder / names[0]),
                            env={"CI_PROJECT_DIR": str(folder)})
    assert {issue["location"]["path"] for issue in json.loads(absolute.stdout_text)} == {names[0]}


def test_gitlab_identical_findings_get_distinct_fingerprints(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE * 3, encoding="utf-8")
    issues = json.loads(run_wikilint("check", "--output-format", "gitlab", "p.wiki", cwd=tmp_path).stdout_text)
    assert len(issues) == 3 and len({issue["fingerprint"] for issue in issues}) == 3
    clean = tmp_path / "clean.wiki"
    clean.write_text("Fine.\n", encoding="utf-8")
    assert json.loads(run_wikilint("check", "--output-format", "gitlab", "clean.wiki", cwd=tmp_path).stdout_text) == []


def test_junit_is_read_by_junitparser(pages, tmp_path):
    junitparser = pytest.importorskip("junitparser", reason="junitparser (test extra) reads JUnit XML as CI does")
    folder, names = pages
    control = tmp_path / "tab\x0b<&>.wiki"  # XML 1.0 cannot hold U+000B
    control.write_text("[[Foo|Foo]]\n", encoding="utf-8")
    result = run_wikilint("check", "--output-format", "junit", *names, str(control), "missing.wiki", cwd=folder)
    report_file = tmp_path / "report.xml"
    report_file.write_bytes(result.stdout)
    xml = junitparser.JUnitXml.fromfile(str(report_file))
    suites = {suite.name: suite for suite in xml}
    assert set(names) <= set(suites) and "missing.wiki" in suites
    cases = [case for suite in xml for case in suite]
    failures = [case for case in cases if case.result and isinstance(case.result[0], junitparser.Failure)]
    errors = [case for case in cases if case.result and isinstance(case.result[0], junitparser.Error)]
    assert len(failures) == 9 and len(errors) == 1
    assert any(name.endswith("tab\\x0b<&>.wiki") for name in suites)  # escaped, not dropped
    assert xml.failures == 9 and xml.errors == 1


def test_junit_clean_run_has_one_passing_case(tmp_path):
    junitparser = pytest.importorskip("junitparser")
    page = tmp_path / "clean.wiki"
    page.write_text("Fine.\n", encoding="utf-8")
    report_file = tmp_path / "report.xml"
    report_file.write_bytes(run_wikilint("check", "--output-format", "junit", str(page)).stdout)
    xml = junitparser.JUnitXml.fromfile(str(report_file))
    cases = [case for suite in xml for case in suite]
    assert len(cases) == 1 and cases[0].is_passed


# pylint's parseable template: {path}:{line}: [{msg_id}({symbol}), {obj}] {msg}
PYLINT_PARSEABLE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): \[(?P<id>[A-Z]+\d+)\((?P<symbol>[a-z0-9-]+)\), "
                              r"(?P<obj>[^\]]*)\] (?P<msg>.+)$")


def test_pylint_parseable(pages):
    folder, names = pages
    lines = run_wikilint("check", "--output-format", "pylint", *names, cwd=folder).stdout_text.splitlines()
    assert len(lines) == 8
    parsed = [PYLINT_PARSEABLE.match(line) for line in lines]
    assert all(parsed), lines
    assert (parsed[0]["path"], parsed[0]["line"], parsed[0]["id"], parsed[0]["symbol"]) == (
        names[0], "1", "LNK001", "redundant-label")


def test_colour_follows_the_flag_and_the_environment(tmp_path):
    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    plain = run_wikilint("check", str(page)).stdout_text
    assert "\x1b[" not in plain  # a pipe gets no colour
    forced = run_wikilint("check", str(page), env={"FORCE_COLOR": "1"}).stdout_text
    assert "\x1b[1;31mWL100\x1b[0m" in forced and "\x1b[36m[*]\x1b[0m" in forced and f"\x1b[1m{page}\x1b[0m" in forced
    assert "\x1b[" not in run_wikilint("check", str(page), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout_text
    assert "\x1b[" in run_wikilint("check", "--color", "always", str(page), env={"NO_COLOR": "1"}).stdout_text
    assert "\x1b[" not in run_wikilint("check", "--color", "never", str(page), env={"FORCE_COLOR": "1"}).stdout_text
    full = run_wikilint("check", "--output-format", "full", "--color", "always", str(page)).stdout_text
    assert "\x1b[1;31m^^^" in full
    # Colour codes never reach the machine formats.
    assert "\x1b[" not in run_wikilint("check", "--output-format", "json", str(page), env={"FORCE_COLOR": "1"}).stdout_text
    # Without colour codes the text is exactly the plain one.
    assert re.sub(r"\x1b\[[0-9;]*m", "", forced) == plain


def test_colour_on_a_real_terminal(tmp_path):
    """auto: colour when stdout is a terminal (a pseudo-terminal here)."""
    pty = pytest.importorskip("pty")
    import os
    import subprocess
    import sys

    page = tmp_path / "p.wiki"
    page.write_text(STALE, encoding="utf-8")
    leader, follower = pty.openpty()
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    environment["TERM"] = "xterm"
    process = subprocess.Popen([sys.executable, "-m", "wikilint", "check", str(page)], stdout=follower,
                               stderr=subprocess.DEVNULL, env=environment)
    os.close(follower)
    output = _read_all(leader)
    process.wait()
    assert "\x1b[1;31mWL100\x1b[0m" in output


def _read_all(fd: int) -> str:
    import os

    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", errors="replace")

"""The command line: options, output formats, exit codes, stdin, rule listing."""

from __future__ import annotations

import json

import jsonschema
import pytest

from support import run_wikilint

STALE = "Text.<!-- wikilint: disable-line -->\n"
ASTRAL = "𠀀𠀀 <!-- wikilint: disable-line -->\n"  # CJK Extension B: 2 UTF-16 units each


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.wiki"
    path.write_text(STALE, encoding="utf-8")
    return path


def test_exit_codes(tmp_path, page):
    clean = tmp_path / "clean.wiki"
    clean.write_text("Fine.\n", encoding="utf-8")
    assert run_wikilint("check", str(clean)).returncode == 0
    assert run_wikilint("check", str(page)).returncode == 1
    assert run_wikilint("check", "--exit-zero", str(page)).returncode == 0
    assert run_wikilint("check", "--select", "NOPE999", str(page)).returncode == 2
    assert run_wikilint("check", "--output-format", "xml", str(page)).returncode == 2
    assert run_wikilint().returncode == 2


def test_usage_error_is_one_line():
    result = run_wikilint("check", "--no-such-option")
    assert result.returncode == 2
    assert result.stderr_text.strip().splitlines() == [
        "wikilint: error: unrecognized arguments: --no-such-option"]


def test_unknown_selector_names_itself(page):
    result = run_wikilint("check", "--select", "WL100,XYZ1", str(page))
    assert "wikilint: error: command line: '--select' has unknown rule code or selector 'XYZ1'" in result.stderr_text


def test_concise_and_full(page):
    concise = run_wikilint("check", str(page)).stdout_text
    assert concise.splitlines()[0] == f"{page}:1:6: WL100 [*] unused suppression (disable-line: all rules)"
    assert "[*] 1 fixable with the `--fix` option." in concise
    full = run_wikilint("check", "--output-format", "full", str(page)).stdout_text
    assert " 1 | Text.<!-- wikilint: disable-line -->" in full
    assert "   |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^" in full
    assert "= help: remove the unused directive (safe: --fix)" in full


def test_quiet_drops_the_summary(page):
    assert run_wikilint("check", "-q", str(page)).stdout_text.count("\n") == 1


def test_json_output_schema(page):
    result = run_wikilint("check", "--output-format", "json", str(page))
    document = json.loads(result.stdout_text)
    assert document["schema_version"] == 1
    assert document["errors"] == []
    (diagnostic,) = document["diagnostics"]
    assert diagnostic == {
        "path": str(page), "line": 1, "column": 6, "end_line": 1, "end_column": 37,
        "column_utf16": 6, "end_column_utf16": 37,
        "code": "WL100", "rule": "unused-suppression", "severity": "warning",
        "message": "unused suppression (disable-line: all rules)",
        "fix": {"applicability": "safe", "message": "remove the unused directive",
                "edits": [{"start": {"line": 1, "column": 6}, "end": {"line": 1, "column": 37}, "content": ""}]},
    }


def test_json_reports_file_errors(tmp_path):
    result = run_wikilint("check", "--output-format", "json", str(tmp_path / "missing.wiki"))
    document = json.loads(result.stdout_text)
    assert document["errors"] == [{"path": str(tmp_path / "missing.wiki"), "message": "no such file or directory"}]
    assert result.returncode == 2


def test_utf16_columns_for_astral_characters(tmp_path):
    path = tmp_path / "astral.wiki"
    path.write_text(ASTRAL, encoding="utf-8")
    (diagnostic,) = json.loads(run_wikilint("check", "--output-format", "json", str(path)).stdout_text)["diagnostics"]
    assert (diagnostic["column"], diagnostic["column_utf16"]) == (4, 6)


def test_json_lines(page):
    lines = run_wikilint("check", "--output-format", "json-lines", str(page)).stdout_text.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["schema_version"] == 1 and record["code"] == "WL100" and record["path"] == str(page)


def test_github(page):
    line = run_wikilint("check", "--output-format", "github", str(page)).stdout_text.splitlines()[0]
    assert line == (f"::warning title=wikilint (WL100),file={page},line=1,col=6,endLine=1,endColumn=37::"
                    f"{page}:1:6: WL100 unused suppression (disable-line%3A all rules)".replace(
                        "(disable-line%3A", "(disable-line:"))


# The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that are required
# properties, enumerations or minimums for the objects wikilint emits.
SARIF_REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}, "rules": {"type": "array", "items": {
                        "type": "object", "required": ["id"],
                        "properties": {"shortDescription": {"type": "object", "required": ["text"]},
                                       "defaultConfiguration": {"type": "object", "properties": {
                                           "level": {"enum": ["none", "note", "warning", "error"]}}}}}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "message": {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}]},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
                                "properties": {"region": {"type": "object", "properties": {
                                    "startLine": {"type": "integer", "minimum": 1},
                                    "startColumn": {"type": "integer", "minimum": 1},
                                    "endLine": {"type": "integer", "minimum": 1},
                                    "endColumn": {"type": "integer", "minimum": 1}}}}}}}},
                        "fixes": {"type": "array", "items": {
                            "type": "object", "required": ["artifactChanges"],
                            "properties": {"artifactChanges": {"type": "array", "minItems": 1, "items": {
                                "type": "object", "required": ["artifactLocation", "replacements"],
                                "properties": {"replacements": {"type": "array", "minItems": 1, "items": {
                                    "type": "object", "required": ["deletedRegion"]}}}}}}}},
                    }}},
                "invocations": {"type": "array", "items": {"type": "object", "required": ["executionSuccessful"]}},
            }}},
    },
}


def test_sarif_validates_against_required_structure(page, tmp_path):
    result = run_wikilint("check", "--output-format", "sarif", str(page), str(tmp_path / "missing.wiki"))
    document = json.loads(result.stdout_text)
    jsonschema.validate(document, SARIF_REQUIRED)
    (run,) = document["runs"]
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "WL100"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_schema_check_can_fail():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, SARIF_REQUIRED)


def test_statistics(page):
    out = run_wikilint("check", "--statistics", "-q", str(page)).stdout_text
    assert "1\tWL100\t[*] unused-suppression" in out


def test_fix_diff_and_show_fixes(page):
    diff = run_wikilint("check", "--diff", str(page))
    assert diff.returncode == 1
    assert "-Text.<!-- wikilint: disable-line -->\n+Text.\n" in diff.stdout_text
    assert page.read_text(encoding="utf-8") == STALE  # --diff writes nothing
    fixed = run_wikilint("check", "--fix", "--show-fixes", str(page))
    assert fixed.returncode == 0
    assert "1 × WL100 (remove the unused directive)" in fixed.stdout_text
    assert page.read_text(encoding="utf-8") == "Text.\n"
    assert run_wikilint("check", "--diff", str(page)).returncode == 0


def test_stdin_check_and_fix():
    checked = run_wikilint("check", "--stdin-filename", "Talk_page.wiki", "-", input=STALE.encode())
    assert checked.stdout_text.startswith("Talk_page.wiki:1:6: WL100")
    fixed = run_wikilint("check", "--fix", "-", input=STALE.encode())
    assert fixed.stdout == b"Text.\n"  # the fixed text alone on stdout
    assert fixed.returncode == 0
    broken = run_wikilint("check", "--fix", "-", input=b"\xff bad")
    assert broken.stdout == b"\xff bad"  # an editor keeps its buffer when fixing fails
    assert broken.returncode == 2


def test_unfixable_keeps_a_rule_from_fixing(tmp_path):
    path = tmp_path / "p.wiki"
    path.write_text(STALE, encoding="utf-8")
    assert run_wikilint("check", "--fix", "--unfixable", "WL100", str(path)).returncode == 1
    assert path.read_text(encoding="utf-8") == STALE


def test_jobs_give_the_same_results(tmp_path):
    for index in range(6):
        (tmp_path / f"p{index}.wiki").write_text(STALE * (index + 1), encoding="utf-8")
    serial = run_wikilint("check", "-j", "1", str(tmp_path)).stdout_text
    parallel = run_wikilint("check", "-j", "2", str(tmp_path)).stdout_text
    assert serial == parallel and serial.count("WL100") == 21


def test_directories_are_searched_for_wikitext_extensions(tmp_path):
    for name in ("a.wiki", "b.WikiText", "c.mediawiki", "d.mw", "e.txt", "f.wiki.bak"):
        (tmp_path / name).write_text(STALE, encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "g.wiki").write_text(STALE, encoding="utf-8")
    out = run_wikilint("check", "-q", str(tmp_path)).stdout_text
    found = sorted(line.split(":")[0].rsplit("/", 1)[1] for line in out.splitlines())
    assert found == ["a.wiki", "b.WikiText", "c.mediawiki", "d.mw"]


def test_rules_listing_and_explanation():
    listing = run_wikilint("rules")
    assert listing.returncode == 0
    assert "WL100" in listing.stdout_text and "unused-suppression" in listing.stdout_text
    as_json = json.loads(run_wikilint("rules", "--output-format", "json").stdout_text)
    core = next(rule for rule in as_json if rule["code"] == "WL100")
    assert core["fix"] == "safe" and core["examples"]["good"] == "Text.\nMore text.\n"
    explained = run_wikilint("rule", "unused-suppression")
    assert explained.stdout_text.startswith("# WL100 `unused-suppression`")
    assert "**Bad**" in explained.stdout_text
    assert json.loads(run_wikilint("rule", "WL100", "--output-format", "json").stdout_text)["name"] == \
        "unused-suppression"
    assert run_wikilint("rule", "ZZZ999").returncode == 2


def test_version_lists_plugins():
    out = run_wikilint("--version").stdout_text
    assert out.startswith("wikilint 0.1.0\n")
    assert "plugin core: wikilint 0.1.0" in out


def test_full_format_carets_line_up_under_wide_characters(tmp_path):
    path = tmp_path / "zh.wiki"
    path.write_text("中文<!-- wikilint: disable-line -->\n", encoding="utf-8")
    lines = run_wikilint("check", "--output-format", "full", str(path)).stdout_text.splitlines()
    assert lines[1] == " 1 | 中文<!-- wikilint: disable-line -->"
    assert lines[2] == "   |     " + "^" * 31  # 中文 takes four terminal columns


def test_diff_applies_as_a_patch_without_final_newline(tmp_path):
    import shutil
    import subprocess

    page = tmp_path / "page.wiki"
    page.write_bytes(b"Text.<!-- wikilint: disable-line -->\r\nLast")
    diff = run_wikilint("check", "--diff", "page.wiki", cwd=tmp_path).stdout
    assert diff.endswith(b"\n\\ No newline at end of file\n")
    if shutil.which("patch"):
        copy = tmp_path / "copy"
        copy.mkdir()
        shutil.copy(page, copy / "page.wiki")
        subprocess.run(["patch", "-p1", "-s"], input=diff, cwd=copy, check=True)
        assert (copy / "page.wiki").read_bytes() == b"Text.\r\nLast"


def test_diff_reports_why_a_rules_fixes_were_dropped(tmp_path):
    page = tmp_path / "page.wiki"
    # LNK001 and LNK003 both want the second link: one pass cannot apply both, and with
    # fix-limit = 1 the second pass is not allowed. LNK003's pending fix is dropped and
    # said so on stderr; LNK001's fixes still make the patch.
    page.write_text("[[Foo|Foo]] and [[Foo|Foo]] again.\n", encoding="utf-8")
    result = run_wikilint("check", "--diff", "--select", "LNK001,LNK003", "--unsafe-fixes", "--config",
                          "fix-limit = 1", str(page))
    assert result.returncode == 2
    (refusal,) = [line for line in result.stderr_text.splitlines() if "WL002" in line]
    assert "fixes of LNK003 (repeated-link) not applied" in refusal and "fix-limit" in refusal
    assert "+[[Foo]] and [[Foo]] again." in result.stdout_text

"""``wikilint dump --format``: pages that a fix changes are formatted too; a page that only
formatting would change is left alone (wikis discourage cosmetic-only bot edits)."""

from __future__ import annotations

import json

from support import run_wikilint

HEADER = (b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n<siteinfo><dbname>testwiki'
          b'</dbname><case>first-letter</case></siteinfo>\n')


def page(number: int, title: str, text: str) -> bytes:
    return (f"<page><title>{title}</title><ns>0</ns><id>{number}</id><revision><id>{number}</id>"
            f"<text>{text}</text></revision></page>\n").encode()


def test_only_pages_with_a_substantive_fix_are_formatted(tmp_path):
    source = tmp_path / "dump.xml"
    source.write_bytes(HEADER + page(1, "Fixed", "==History==\n[[Apple|apple]] pie\n")
                       + page(2, "Cosmetic", "==History==\n*Only formatting.\n") + b"</mediawiki>\n")
    edits = tmp_path / "edits.jsonl"
    result = run_wikilint("dump", str(source), "--edits", str(edits), "--format", "-q", "--statistics",
                          "--isolated")
    assert result.returncode == 0, result.stderr_text
    changed = [json.loads(line) for line in edits.read_text(encoding="utf-8").splitlines()]
    assert [(record["title"], record["text"]) for record in changed] == [("Fixed", "== History ==\n[[apple]] pie\n")]
    assert "FMT001" in changed[0]["summary"] and "LNK001" in changed[0]["summary"]
    unformatted = tmp_path / "unformatted.jsonl"
    run_wikilint("dump", str(source), "--edits", str(unformatted), "-q", "--statistics", "--isolated")
    assert [json.loads(line)["text"] for line in unformatted.read_text(encoding="utf-8").splitlines()] == [
        "==History==\n[[apple]] pie\n"]


def test_format_needs_fixing():
    result = run_wikilint("dump", "x.xml", "--format")
    assert result.returncode == 2
    assert "--format formats the pages a fix changes: add --fix or --edits" in result.stderr_text

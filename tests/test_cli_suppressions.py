"""``--add-suppressions``: a suppression comment for every current finding, idempotent,
never breaking markup (templates, tables, headings, comments, literal tags)."""

from __future__ import annotations


import mwparserfromhell
import pytest

from support import corpus_page_files, run_wikilint, staged_corpus_copy
from wikilint.add_suppressions import plan, suppressible
from wikilint.api import lint_text
from wikilint.page import Page
from wikilint.site import load_site

TRICKY = """== [[Foo|Foo]] ==
{{Infobox
| name = [[Bar|Bar]]
| [[Baz|Baz]]
}}
{| class="wikitable"
| [[Qux|Qux]] || cell
|}
Done [[Foo|Foo]].<!-- wikilint: disable-line LNK004 -->
<!-- a comment that [[Foo|Foo]] spans
several lines -->
<nowiki>[[Foo|Foo]]</nowiki> [[Foo|Foo]]
"""


def _apply(text: str) -> str:
    page = Page(text, site=load_site("default"))
    edits, _ = plan(page, suppressible(lint_text(text, ["LNK001"])))
    from wikilint.engine import apply_edits

    return apply_edits(text, edits)


def test_directives_go_where_markup_stays_the_same():
    result = _apply(TRICKY)
    assert result.splitlines() == [
        "== [[Foo|Foo]] ==<!-- wikilint: disable-line LNK001 -->",
        "{{Infobox",
        "| name = [[Bar|Bar]]<!-- wikilint: disable-line LNK001 -->",
        "| [[Baz|Baz]]<!-- wikilint: disable-line LNK001 -->",  # no space: a positional value keeps its text
        "}}",
        '{| class="wikitable"',
        "| [[Qux|Qux]] || cell<!-- wikilint: disable-line LNK001 -->",
        "|}",
        "Done [[Foo|Foo]].<!-- wikilint: disable-line LNK004, LNK001 -->",  # merged into the existing one
        "<!-- a comment that [[Foo|Foo]] spans",
        "several lines -->",
        "<nowiki>[[Foo|Foo]]</nowiki> [[Foo|Foo]]<!-- wikilint: disable-line LNK001 -->",
    ]
    before, after = mwparserfromhell.parse(TRICKY), mwparserfromhell.parse(result)
    assert [str(h.title) for h in after.filter_headings()] == [str(h.title) for h in before.filter_headings()]
    assert [str(t.name).strip() for t in after.filter_templates()] == ["Infobox"]
    # With the directives taken out (MediaWiki's preprocessor drops comments), the text is
    # the original's.
    assert _without_new_comments(result) == _without_new_comments(TRICKY)


def _without_new_comments(text: str) -> str:
    import re

    return re.sub(r"<!-- wikilint: [^>]*-->", "", text)


def test_unsafe_line_ends_use_the_line_before_or_are_left_alone():
    site = load_site("default")
    # Line 2 ends inside <pre>: the line before takes a disable-next-line.
    text = "Intro line.\n<pre>[[Foo|Foo]]\nmore</pre>\n"
    edits, skipped = plan(Page(text, site=site), {2: {"LNK001"}})
    assert [(e.start, e.end, e.replacement) for e in edits] == [
        (len("Intro line."), len("Intro line."), "<!-- wikilint: disable-next-line LNK001 -->")]
    assert skipped == []
    # Line 2 ends inside a comment and line 1 holds nothing but a comment: no safe place.
    text = "<!-- just a comment -->\n<!-- c [[Foo|Foo]]\n-->\n"
    assert plan(Page(text, site=site), {2: {"LNK001"}}) == ([], [(2, "LNK001")])
    # An empty line never takes one (MediaWiki would drop the line, joining paragraphs).
    assert plan(Page("\n\n", site=site), {2: {"LNK001"}}) == ([], [(2, "LNK001")])


def test_cli_adds_once_and_check_is_clean_after(tmp_path):
    page = tmp_path / "page.wiki"
    page.write_bytes(TRICKY.replace("\n", "\r\n").encode())  # line endings survive
    # (LNK: WL100 would report the fixture's LNK004 directive, which suppresses nothing.)
    first = run_wikilint("check", "--add-suppressions", "--select", "LNK", str(page))
    assert first.returncode == 0, first.stderr_text
    assert first.stdout_text == "Added 6 suppression comments to 1 file.\n"  # one merged
    written = page.read_bytes()
    assert b"\r\n" in written and written.count(b"\r\n") == TRICKY.count("\n")
    second = run_wikilint("check", "--add-suppressions", "--select", "LNK", str(page))
    assert second.stdout_text == "Added 0 suppression comments to 0 files.\n"
    assert page.read_bytes() == written
    assert run_wikilint("check", "--select", "LNK", str(page)).returncode == 0


def test_add_suppressions_refuses_stdin_and_fix():
    assert run_wikilint("check", "--add-suppressions", "-", input=b"x").returncode == 2
    assert run_wikilint("check", "--add-suppressions", "--fix", ".").returncode == 2


def test_on_real_corpus_pages(corpus, tmp_path):
    """Real pages: every finding gets suppressed, a second run adds nothing, a check
    afterwards is clean, and the pages still parse to the same structure."""
    pages = [p for p in corpus_page_files(corpus) if p.parent.name in ("en", "zh")][:14]
    copies = list(zip(pages, staged_corpus_copy(pages, tmp_path)))
    before = run_wikilint("check", "--statistics", "--no-cache", str(tmp_path))
    assert before.returncode == 1, "the sample has findings to suppress"
    first = run_wikilint("check", "--add-suppressions", "--no-cache", str(tmp_path))
    assert first.returncode == 0, first.stderr_text
    assert not first.stdout_text.startswith("Added 0 ")
    second = run_wikilint("check", "--add-suppressions", "--no-cache", str(tmp_path))
    assert second.stdout_text == "Added 0 suppression comments to 0 files.\n"
    after = run_wikilint("check", "--no-cache", str(tmp_path))
    assert after.returncode == 0, after.stdout_text[-2000:]
    for source, copy in copies:
        original = source.read_text(encoding="utf-8")
        changed = copy.read_text(encoding="utf-8")
        assert _without_new_comments(changed) == original
        assert _shape(changed) == _shape(original), copy.name


def _shape(text: str) -> list[tuple[str, str]]:
    """Every node but text and comments (a comment splits a text node in two), with its
    text less the directives: the page's structure."""
    return [(type(node).__name__, _without_new_comments(str(node)))
            for node in mwparserfromhell.parse(text).filter(recursive=True)
            if not isinstance(node, (mwparserfromhell.nodes.Comment, mwparserfromhell.nodes.Text))]

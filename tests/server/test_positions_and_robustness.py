"""Positions on astral and CJK characters, BOM and CRLF in every encoding a real client
negotiates; and a server that stays up when a rule raises, the parser refuses a page or
the configuration is broken."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lsprotocol import types

from server.lsp_support import (
    CLIENTS, apply_edits, change_document, diagnostics_of, edits_of, open_document, run, start_server, stop_server,
    text_at, until,
)
from support import run_wikilint

# Two CJK Extension B characters (two UTF-16 units and four UTF-8 bytes each), CJK inside
# the link (one UTF-16 unit, three bytes), an emoji; a byte-order mark and CRLF endings.
ASTRAL_PAGE = "\ufeff𠀀𠀁 [[中文|中文]]\r\n😀 [[Foo|Foo]]\r\n"
#: (line, start, end) of the two redundant links, counted by hand in each encoding.
EXPECTED_RANGES = {
    types.PositionEncodingKind.Utf16: [(0, 6, 15), (1, 3, 14)],
    types.PositionEncodingKind.Utf8: [(0, 12, 29), (1, 5, 16)],
    types.PositionEncodingKind.Utf32: [(0, 4, 13), (1, 2, 13)],
}


def _range(d: types.Diagnostic) -> tuple[int, int, int]:
    assert d.range.start.line == d.range.end.line
    return d.range.start.line, d.range.start.character, d.range.end.character


@pytest.mark.parametrize("client_name", list(CLIENTS))
def test_positions_on_astral_cjk_bom_and_crlf(tmp_path: Path, client_name: str):
    encoding = CLIENTS[client_name]
    uri = (tmp_path / "astral.wiki").as_uri()

    async def scenario() -> None:
        client, _ = await start_server(tmp_path, client_name)
        try:
            open_document(client, uri, ASTRAL_PAGE)
            diagnostics = await diagnostics_of(client, uri, 1)
            assert [d.code for d in diagnostics] == ["LNK001", "LNK001"]
            assert [_range(d) for d in diagnostics] == EXPECTED_RANGES[encoding]
            assert [text_at(ASTRAL_PAGE, d.range, encoding) for d in diagnostics] == ["[[中文|中文]]", "[[Foo|Foo]]"]

            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostics[1].range,
                context=types.CodeActionContext(diagnostics=[diagnostics[1]])))
            fix = next(a for a in actions if a.is_preferred)
            assert apply_edits(ASTRAL_PAGE, edits_of(fix.edit, uri), encoding) == \
                "\ufeff𠀀𠀁 [[中文|中文]]\r\n😀 [[Foo]]\r\n"
            disable = next(a for a in actions if a.title == "wikilint: disable LNK001 for this line")
            # Before the CR: the line break stays whole.
            assert apply_edits(ASTRAL_PAGE, edits_of(disable.edit, uri), encoding) == \
                "\ufeff𠀀𠀁 [[中文|中文]]\r\n😀 [[Foo|Foo]] <!-- wikilint: disable-line LNK001 -->\r\n"

            (fix_all,) = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostics[0].range,
                context=types.CodeActionContext(diagnostics=[], only=["source"])))
            if fix_all.edit is None:
                fix_all = await client.code_action_resolve_async(fix_all)
            (edit,) = edits_of(fix_all.edit, uri)
            # One edit from the first change to the last, the rest of the buffer untouched.
            assert (edit.range.start.line, edit.range.end.line) == (0, 1)
            assert apply_edits(ASTRAL_PAGE, [edit], encoding) == "\ufeff𠀀𠀁 [[中文]]\r\n😀 [[Foo]]\r\n"
        finally:
            await stop_server(client)

    run(scenario)


def test_a_raising_rule_a_rejected_page_and_a_broken_config_become_diagnostics(tmp_path: Path):
    """Each failure is a diagnostic; after each, the server still lints the next text."""
    page = tmp_path / "page.wiki"
    uri = page.as_uri()
    config = tmp_path / "wikilint.toml"
    server = (sys.executable, str(Path(__file__).with_name("raising_rule_server.py")))

    async def scenario() -> None:
        client, _ = await start_server(tmp_path, command=server)
        try:
            open_document(client, uri, "BOOM [[Foo|Foo]]\n")
            diagnostics = await diagnostics_of(client, uri, 1)
            assert sorted(d.code for d in diagnostics) == ["LNK001", "WL001"]
            (failure,) = [d for d in diagnostics if d.code == "WL001"]
            assert failure.severity == types.DiagnosticSeverity.Error
            assert "rule TST900 (explodes) failed on page page: RuntimeError: the test rule exploded" in failure.message
            assert failure.code_description is None  # engine codes have no rule page
            assert "disable" not in (failure.data or {})

            change_document(client, uri, "a NUL \x00 stops the parser\n", 2)
            (refused,) = await diagnostics_of(client, uri, 2)
            assert refused.severity == types.DiagnosticSeverity.Error
            assert refused.message.startswith("wikilint: cannot parse: ValueError: the text contains NUL")

            config.write_text("select = 3\n", encoding="utf-8")
            client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
                types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]))
            change_document(client, uri, "[[Foo|Foo]]\n", 3)
            (broken,) = await diagnostics_of(client, uri, 3)
            assert broken.message == f"wikilint: {config.resolve()}: 'select' must be a list of rule selectors, not 3"

            config.write_text('select = ["LNK"]\n', encoding="utf-8")
            client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
                types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
            change_document(client, uri, "[[Foo|Foo]] BOOM\n", 4)
            assert [d.code for d in await diagnostics_of(client, uri, 4)] == ["LNK001"]  # TST900 not selected
        finally:
            await stop_server(client)

    run(scenario)


def test_what_is_not_wikitext_stale_fixes_untitled_buffers_and_closing(tmp_path: Path):
    (tmp_path / "wikilint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    notes = (tmp_path / "notes.txt").as_uri()
    draft = (tmp_path / "drafts" / "draft.wiki").as_uri()
    page = (tmp_path / "page.wiki").as_uri()
    untitled = "untitled:Untitled-1"

    async def scenario() -> None:
        client, _ = await start_server(tmp_path)
        try:
            open_document(client, notes, "[[Foo|Foo]]\n", language_id="plaintext")
            assert await diagnostics_of(client, notes, 1) == []  # neither wikitext nor included
            change_document(client, notes, "[[Foo|Foo]] [[Bar|Bar]]\n", 2)
            nothing = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=notes),
                range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                context=types.CodeActionContext(diagnostics=[], only=["source"])))
            assert not nothing  # fix-all never offered for a text that is not wikitext, even before its lint
            open_document(client, draft, "[[Foo|Foo]]\n")
            assert await diagnostics_of(client, draft, 1) == []  # excluded by the configuration
            open_document(client, untitled, "[[Foo|Foo]]\n")
            assert [d.code for d in await diagnostics_of(client, untitled, 1)] == ["LNK001"]

            open_document(client, page, "[[Foo|Foo]] [[Bar|Bar]]\n")
            old = await diagnostics_of(client, page, 1)
            change_document(client, page, "x [[Foo|Foo]] [[Bar|Bar]]\n", 2)
            await diagnostics_of(client, page, 2)
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=page), range=old[0].range,
                context=types.CodeActionContext(diagnostics=old)))
            # Made for version 1: their edits would land two characters early.
            assert [a.kind for a in actions] == ["source.fixAll.wikilint"]

            published = len(client.published)
            client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=page)))
            await until_cleared(client, page, published)
        finally:
            await stop_server(client)

    run(scenario)


async def until_cleared(client, uri: str, published: int) -> None:
    await until(lambda: any(p.uri == uri and not p.diagnostics for p in client.published[published:]),
                f"the diagnostics of {uri} to be cleared")


def test_the_command_without_the_lsp_extra_says_how_to_install_it(tmp_path: Path):
    # A sitecustomize that hides pygls, as in an install without the extra.
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\nsys.modules['pygls'] = None\n", encoding="utf-8")
    process = run_wikilint("server", env={"PYTHONPATH": str(tmp_path)})
    assert process.returncode == 2
    assert process.stderr_text.startswith("wikilint: error: the language server needs the lsp extra: "
                                          "pip install 'wikilint[lsp]'")
    assert "Traceback" not in process.stderr_text

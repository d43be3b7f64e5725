"""``wikilint server`` over stdio, driven by a real LSP client with the capabilities of
VS Code (UTF-16 positions), Neovim 0.11 (UTF-8) and Emacs (UTF-32), on a copy of the zh
reference page with a zhwiki ``wikilint.toml`` beside it.

What the server publishes is checked against ``wikilint check --output-format json`` run
on the same file, and every range against the page text itself.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lsprotocol import types

from server.lsp_support import (
    CLIENTS, apply_edits, change_document, diagnostics_of, edits_of, open_document, run, start_server, stop_server, text_at, until,
)
from support import run_wikilint

ZHWIKI_CONFIG = 'site = "zhwiki"\n'


@pytest.fixture
def workspace(tmp_path: Path, reference_page: Path) -> Path:
    shutil.copyfile(reference_page, tmp_path / "page.wiki")
    (tmp_path / "wikilint.toml").write_text(ZHWIKI_CONFIG, encoding="utf-8")
    return tmp_path


def _cli_diagnostics(workspace: Path) -> list[dict]:
    process = run_wikilint("check", "--output-format", "json", "page.wiki", cwd=workspace)
    assert process.returncode == 1, process.stderr_text
    return json.loads(process.stdout_text)["diagnostics"]


def _cli_fixed(workspace: Path, text: str) -> str:
    process = run_wikilint("check", "--fix", "--exit-zero", "--stdin-filename", "page.wiki", "-",
                           input=text.encode("utf-8"), cwd=workspace)
    assert process.returncode == 0, process.stderr_text
    return process.stdout.decode("utf-8")


def _cli_formatted(workspace: Path, text: str, *options: str) -> str:
    process = run_wikilint("format", *options, "--stdin-filename", "page.wiki", "-", input=text.encode("utf-8"),
                           cwd=workspace)
    assert process.returncode == 0, process.stderr_text
    return process.stdout.decode("utf-8")


@pytest.mark.parametrize("client_name", ["visual-studio-code", "neovim@v0.11.0"])
def test_document_and_range_formatting_match_wikilint_format(workspace: Path, client_name: str):
    encoding = CLIENTS[client_name]
    uri = (workspace / "page.wiki").as_uri()
    text = (workspace / "page.wiki").read_text(encoding="utf-8")
    formatted = _cli_formatted(workspace, text)
    assert formatted != text  # the reference page has something to format
    options = types.FormattingOptions(tab_size=4, insert_spaces=True)
    document = types.TextDocumentIdentifier(uri=uri)

    async def scenario() -> None:
        client, _initialized = await start_server(workspace, client_name)
        try:
            open_document(client, uri, text)
            await diagnostics_of(client, uri, 1)
            edits = await client.text_document_formatting_async(
                types.DocumentFormattingParams(text_document=document, options=options))
            assert apply_edits(text, edits, encoding) == formatted
            # A selection of lines 1 to 40 (ending at the start of line 41): as --range 1:40.
            selection = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=40, character=0))
            edits = await client.text_document_range_formatting_async(
                types.DocumentRangeFormattingParams(text_document=document, options=options, range=selection))
            in_range = _cli_formatted(workspace, text, "--range", "1:40")
            assert in_range not in (text, formatted)
            assert apply_edits(text, edits, encoding) == in_range
            change_document(client, uri, formatted, 2)
            await diagnostics_of(client, uri, 2)
            edits = await client.text_document_formatting_async(
                types.DocumentFormattingParams(text_document=document, options=options))
            assert not edits  # formatting formatted text changes nothing
        finally:
            await stop_server(client)

    run(scenario)


@pytest.mark.parametrize("client_name", list(CLIENTS))
def test_diagnostics_quick_fix_disable_fix_all_hover_and_config_change(workspace: Path, client_name: str):
    encoding = CLIENTS[client_name]
    page = workspace / "page.wiki"
    uri = page.as_uri()
    text = page.read_text(encoding="utf-8")
    expected = _cli_diagnostics(workspace)

    async def scenario() -> None:
        client, initialized = await start_server(workspace, client_name)
        try:
            capabilities = initialized.capabilities
            assert capabilities.position_encoding == encoding
            assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Full
            assert types.CodeActionKind.QuickFix in capabilities.code_action_provider.code_action_kinds
            assert "source.fixAll.wikilint" in capabilities.code_action_provider.code_action_kinds
            assert capabilities.hover_provider
            assert capabilities.document_formatting_provider
            assert capabilities.document_range_formatting_provider

            open_document(client, uri, text)
            diagnostics = await diagnostics_of(client, uri, 1)

            # The same findings as the CLI, at the same code points, in the client's units.
            assert [d.code for d in diagnostics] == [e["code"] for e in expected]
            for d, e in zip(diagnostics, expected):
                lines = text.split("\n")
                start = sum(len(line) + 1 for line in lines[:e["line"] - 1]) + e["column"] - 1
                end = sum(len(line) + 1 for line in lines[:e["end_line"] - 1]) + e["end_column"] - 1
                assert text_at(text, d.range, encoding) == text[start:end]
                assert d.source == "wikilint"
                assert d.code_description.href.endswith(f"/docs/rules/{d.code}.md")
                assert d.severity == {"error": 1, "warning": 2, "info": 3}[e["severity"]]
                if encoding == types.PositionEncodingKind.Utf16:
                    assert (d.range.start.character, d.range.end.character) == (
                        e["column_utf16"] - 1, e["end_column_utf16"] - 1)
            redundant = [d for d in diagnostics if d.code == "LNK001"]
            assert len(redundant) == 56
            for d in redundant:
                link = text_at(text, d.range, encoding)
                target, label = link[2:-2].split("|")
                assert target.replace("_", " ") == label, link

            # A quick fix, built from the diagnostic's data.
            first = redundant[0]
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=first.range,
                context=types.CodeActionContext(diagnostics=[first])))
            fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and "LNK001" in a.title
                       and "disable" not in a.title)
            assert fix.is_preferred and "unsafe" not in fix.title
            link = text_at(text, first.range, encoding)
            fixed = apply_edits(text, edits_of(fix.edit, uri), encoding)
            assert fixed == text.replace(link, link[:link.index("|")] + "]]", 1)
            change_document(client, uri, fixed, 2)
            after_fix = await diagnostics_of(client, uri, 2)
            assert len(after_fix) == len(diagnostics) - 1

            # Disable a rule for one line: the comment goes at the end of the finding's line.
            spilled = next(d for d in after_fix if d.code == "IMG001")
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=spilled.range,
                context=types.CodeActionContext(diagnostics=[spilled], only=[types.CodeActionKind.QuickFix])))
            titles = [a.title for a in actions]
            assert "wikilint: disable IMG001 for this line" in titles, titles
            assert any("(unsafe fix: review it)" in title for title in titles), titles  # IMG001's fix is unsafe
            disable = next(a for a in actions if a.title == "wikilint: disable IMG001 for this line")
            disabled = apply_edits(fixed, edits_of(disable.edit, uri), encoding)
            line = disabled.split("\n")[spilled.range.start.line]
            assert line.endswith(" <!-- wikilint: disable-line IMG001 -->")
            change_document(client, uri, disabled, 3)
            after_disable = await diagnostics_of(client, uri, 3)
            assert len(after_disable) == len(after_fix) - 1
            assert all(d.range.start.line != spilled.range.start.line or d.code != "IMG001" for d in after_disable)
            assert not any(d.code == "WL100" for d in after_disable)  # the directive is used

            # Fix all: the same result as `wikilint check --fix` on the same text.
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
            (fix_all,) = actions
            assert fix_all.kind == "source.fixAll.wikilint"
            if fix_all.edit is None:  # the client resolves edits lazily (all three here do)
                fix_all = await client.code_action_resolve_async(fix_all)
            all_fixed = apply_edits(disabled, edits_of(fix_all.edit, uri), encoding)
            assert all_fixed == _cli_fixed(workspace, disabled)
            assert all_fixed.count("|") < disabled.count("|")
            change_document(client, uri, all_fixed, 4)
            remaining = await diagnostics_of(client, uri, 4)
            assert not any(d.code == "LNK001" for d in remaining)

            # Hover on a diagnostic shows its rule's documentation.
            ref = next(d for d in remaining if d.code == "REF009")
            hover = await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=ref.range.start))
            assert hover.contents.kind == types.MarkupKind.Markdown
            # Every rule found under the cursor is documented; REF009 is one of them.
            assert "# REF009 `" in hover.contents.value
            assert "**Bad**" in hover.contents.value

            # The configuration changes: every open document is linted again with it.
            (workspace / "wikilint.toml").write_text(ZHWIKI_CONFIG + 'ignore = ["REF009"]\n', encoding="utf-8")
            published = len(client.published)
            watching = any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)
            if watching:  # VS Code and Emacs watch the files the server registers
                watchers = next(r for r in client.registrations
                                if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES).register_options
                # (the client keeps registration options as the JSON it received)
                patterns = {watcher["globPattern"] for watcher in watchers["watchers"]}
                assert patterns == {"**/wikilint.toml", "**/.wikilint.toml", "**/pyproject.toml"}
                client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
                    types.FileEvent(uri=(workspace / "wikilint.toml").as_uri(), type=types.FileChangeType.Changed)]))
            else:  # Neovim does not: saving a page reads the configuration again
                assert client_name.startswith("neovim")
                client.text_document_did_save(types.DidSaveTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=uri)))
            await until(lambda: len(client.published) > published, "diagnostics after the configuration change")
            reconfigured = client.published[-1]
            assert reconfigured.version == 4
            assert [d.code for d in reconfigured.diagnostics] == [d.code for d in remaining if d.code != "REF009"]
            assert len(reconfigured.diagnostics) < len(remaining)
        except BaseException:
            await stop_server(client)
            raise
        assert await stop_server(client) == 0  # shutdown, then exit: status 0, as LSP says

    run(scenario)

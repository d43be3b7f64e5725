"""The server's side of formatting, with a stand-in formatter in the one place where
``wikilint format`` plugs in (the real formatter is tested in test_end_to_end.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from lsprotocol import types

from server.lsp_support import (
    apply_edits, change_document, diagnostics_of, open_document, run, start_server, stop_server, until,
)
from wikilint.server.formatting import format_buffer, formatter

SERVER = (sys.executable, str(Path(__file__).with_name("formatting_server.py")))
PAGE = "a  \nb  \nc  \n"


def test_the_plug_offers_wikilint_format():
    assert formatter() is format_buffer


def test_document_and_range_formatting_through_the_plug(tmp_path: Path):
    uri = (tmp_path / "page.wiki").as_uri()

    async def scenario() -> None:
        client, initialized = await start_server(tmp_path, command=SERVER)
        try:
            assert initialized.capabilities.document_formatting_provider
            assert initialized.capabilities.document_range_formatting_provider
            open_document(client, uri, PAGE)
            await diagnostics_of(client, uri, 1)
            options = types.FormattingOptions(tab_size=4, insert_spaces=True)
            edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
                text_document=types.TextDocumentIdentifier(uri=uri), options=options))
            assert apply_edits(PAGE, edits, "utf-16") == "a\nb\nc\n"
            edits = await client.text_document_range_formatting_async(types.DocumentRangeFormattingParams(
                text_document=types.TextDocumentIdentifier(uri=uri), options=options,
                range=types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=1))))
            assert apply_edits(PAGE, edits, "utf-16") == "a  \nb\nc  \n"

            change_document(client, uri, "REFUSE  \n", 2)
            edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
                text_document=types.TextDocumentIdentifier(uri=uri), options=options))
            assert not edits  # the page stays as it is, and the user is told why
            await until(lambda: any("not formatted: the stand-in refuses" in m.message for m in client.messages),
                        "the refusal message")
        finally:
            await stop_server(client)

    run(scenario)

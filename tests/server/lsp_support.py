"""Driving ``wikilint server`` with a real LSP client (pytest-lsp's, built on pygls).

Positions are decoded here independently of the server: by walking the characters of a
line and counting each one's code units, as an editor does.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER_COMMAND = (sys.executable, "-m", "wikilint", "server")
#: Real clients' capabilities (recorded by pytest-lsp) and the encoding each one gets.
CLIENTS = {
    "visual-studio-code": types.PositionEncodingKind.Utf16,
    "neovim@v0.11.0": types.PositionEncodingKind.Utf8,
    "emacs": types.PositionEncodingKind.Utf32,
}
TIMEOUT = 60.0


class Client(LanguageClient):
    """pytest-lsp's client, also keeping every diagnostics notification and registration."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []


def _publish(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _register(client: Client, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def make_client() -> Client:
    client = Client()
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _publish,
                                   types.CLIENT_REGISTER_CAPABILITY: _register})
    return client


async def start_server(root: Path, client_name: str = "visual-studio-code", command=SERVER_COMMAND,
                ) -> tuple[Client, types.InitializeResult]:
    client = make_client()
    await client.start_io(*command)
    result = await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(client_name), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))
    return client, result


async def stop_server(client: Client) -> int | None:
    """Shut the server down as an editor does; its exit status."""
    try:
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    finally:
        await client.stop()
    return client._server.returncode if client._server is not None else None


async def until(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    """Wait for ``condition()`` to be true (the client handles messages meanwhile)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def diagnostics_of(client: Client, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for this version of the document."""
    def published():
        for params in reversed(client.published):
            if params.uri == uri and params.version == version:
                return params
        return None

    return list((await until(published, f"diagnostics of {uri} version {version}")).diagnostics)


def open_document(client: Client, uri: str, text: str, version: int = 1, language_id: str = "wikitext") -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language_id, version=version, text=text)))


def change_document(client: Client, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _units(character: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf8:
        return len(character.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf16:
        return 2 if ord(character) > 0xFFFF else 1
    return 1


def offset_of(text: str, position: types.Position, encoding: str) -> int:
    """The code-point offset of an LSP position in ``text`` (lines end in LF)."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[:position.line])
    line = lines[position.line]
    units = 0
    for index, character in enumerate(line):
        if units >= position.character:
            assert units == position.character, f"position {position} splits a character"
            return offset + index
        units += _units(character, encoding)
    assert units == position.character, f"position {position} is past the end of its line ({units} units)"
    return offset + len(line)


def text_at(text: str, range_: types.Range, encoding: str) -> str:
    return text[offset_of(text, range_.start, encoding):offset_of(text, range_.end, encoding)]


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def edits_of(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    """The text edits of one document in a workspace edit (either of its two shapes)."""
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return list((edit.changes or {}).get(uri, []))


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(scenario())

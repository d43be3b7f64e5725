"""The language server: pygls over stdio, one :class:`~wikilint.session.Session`.

Each open buffer is linted as ``wikilint check --stdin-filename PATH -`` would lint it:
the same configuration discovery (the nearest ``wikilint.toml``/``.wikilint.toml``/
``pyproject.toml``, with its site), the same page task and processing path
(:func:`~wikilint.sources.text_task`, :func:`~wikilint.runner.process_task`). Fix-all is
``check --fix`` on the buffer.

Work on the session (lint, fix, forgetting the configuration) runs on one worker thread,
in the order it was asked for, so the session is never used by two threads at once and
the event loop stays free to read the client's messages. A change is linted once the
buffer has been quiet for :data:`CHANGE_SETTLE_SECONDS`; a change that arrives while an
older version is waiting or being linted cancels that lint (its diagnostics would be
stale on arrival), so a burst of typing costs one lint, not one per keystroke.

Documents are synchronised in full: pygls's incremental sync splits lines on every
character :meth:`str.splitlines` knows (U+2028, form feed, …), which LSP does not count
as line breaks, and would corrupt such a buffer.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from wikilint import __version__
from wikilint.config import CONFIG_FILE_NAMES, ConfigError
from wikilint.files import is_excluded, is_included
from wikilint.results import PageResult
from wikilint.runner import Mode, process_task
from wikilint.server.convert import (
    FIX_ALL_KIND, Rules, contains, hover_markdown, lsp_diagnostics, problem_diagnostic, quick_fixes,
    replacement_edit, workspace_edit,
)
from wikilint.server.formatting import FormattingRefused, formatter
from wikilint.server.positions import DocumentPositions
from wikilint.session import Session
from wikilint.sources import text_task

logger = logging.getLogger(__name__)

#: Seconds a buffer must stay unchanged before it is linted (a burst of changes, such as
#: a paste or an editor's auto-edits, is linted once). Short: the lint itself is the wait.
CHANGE_SETTLE_SECONDS = 0.025

#: Language identifiers that are always wikitext; other documents are linted when their
#: path matches the configuration's ``include`` patterns (``*.wiki``, ``*.mediawiki``, …).
LANGUAGE_IDS = frozenset({"wikitext", "mediawiki"})

FIX_ALL_TITLE = "wikilint: fix all auto-fixable problems"


@dataclass
class _Linted:
    """The last diagnostics published for a document, and what they were made from."""

    version: int | None
    diagnostics: list[types.Diagnostic]
    #: Some diagnostic has a fix that ``check --fix`` would apply: offer fix-all.
    fixable: bool
    #: The document is wikitext that the configuration does not exclude.
    wanted: bool = True


class WikilintServer(LanguageServer):
    """The server's state; the LSP features are registered by :func:`create_server`."""

    def __init__(self, session: Session, *, settle_seconds: float = CHANGE_SETTLE_SECONDS) -> None:
        super().__init__("wikilint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.session = session
        self.settle_seconds = settle_seconds
        #: Whether the client tells us when a config file changes (else: on every save).
        self.watching_config = False
        #: The client asked for shutdown (the exit status is 0 only then).
        self.shut_down = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wikilint-worker")
        self._linted: dict[str, _Linted] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._documentation: dict[str, str] | None = None

    # -- the worker ------------------------------------------------------------------------

    async def on_worker(self, function, *args):
        """Run ``function(*args)`` on the worker thread, after the work queued before it."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, function, *args)

    def stop_worker(self) -> None:
        for task in self._pending.values():
            task.cancel()
        self._pending.clear()
        self._worker.shutdown(wait=False, cancel_futures=True)

    # -- linting ---------------------------------------------------------------------------

    def schedule_lint(self, uri: str, delay: float) -> None:
        """Lint the document after ``delay`` seconds, instead of any lint still to come."""
        if self.shut_down:
            return
        previous = self._pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self._pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    def forget(self, uri: str) -> None:
        previous = self._pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        if self._linted.pop(uri, None) is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    async def _lint_later(self, uri: str, delay: float) -> None:
        me = asyncio.current_task()
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            document = self.workspace.text_documents.get(uri)
            if document is None:
                return
            version = document.version
            linted = await self.on_worker(self.lint, uri, document.source, version, document.language_id)
            current = self.workspace.text_documents.get(uri)
            if current is None or current.version != version:
                return  # changed while it was linted: the lint of the newer text is on its way
            self._linted[uri] = linted
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=linted.diagnostics))
        finally:
            if self._pending.get(uri) is me:
                del self._pending[uri]

    def lint(self, uri: str, text: str, version: int | None, language_id: str | None) -> _Linted:
        """Lint one buffer version (on the worker). Never raises: whatever goes wrong is
        a diagnostic at the top of the document."""
        try:
            path = self.document_path(uri)
            if not self._wanted(path, language_id):
                return _Linted(version, [], fixable=False, wanted=False)
            positions = DocumentPositions(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
            item = text_task(text, path, self.session, "check")
            if isinstance(item, PageResult):  # the configuration or the text was refused
                return _Linted(version, lsp_diagnostics(item, positions, self._rules(None), version, False), False)
            result = process_task(item, self.session)
            rules = self._rules(item.profile if not result.errors else None)
            diagnostics = lsp_diagnostics(result, positions, rules, version, item.source.crlf)
            return _Linted(version, diagnostics, fixable=any(d.fix_enabled for d in result.diagnostics))
        except Exception as error:  # noqa: BLE001 - a bug of ours must not take the editor's server down
            logger.exception("linting %s failed", uri)
            return _Linted(version, [problem_diagnostic(f"internal error: {type(error).__name__}: {error}")], False)

    def _rules(self, profile) -> Rules:
        documented = frozenset(self.session.registry.rules)
        fixable = self.session.rule_set(profile).fixable if profile is not None else frozenset()
        return Rules(documented=documented, fixable=fixable)

    def document_path(self, uri: str) -> str:
        """The file a document is (an unsaved buffer: a name in the workspace root, so that
        the workspace's configuration applies to it)."""
        path = to_fs_path(uri)
        if path is not None:
            return path
        root = self.workspace.root_path or os.getcwd()
        return os.path.join(root, uri.rsplit("/", 1)[-1].replace(":", "-") or "untitled")

    def _wanted(self, path: str, language_id: str | None) -> bool:
        """Whether to lint a document: wikitext by language or by the ``include``
        patterns, and not excluded by the configuration (as ``--force-exclude``)."""
        file = Path(path)
        try:
            settings = self.session.settings_for(file)
        except ConfigError:
            return True  # linting it shows what is wrong with the configuration
        if is_excluded(file, settings):
            return False
        return language_id in LANGUAGE_IDS or is_included(file, settings)

    def reload_configuration(self) -> None:
        """A config file changed: forget every setting, then lint the open documents again."""
        if self.shut_down:
            return
        self._worker.submit(self.session.invalidate)
        for uri in list(self.workspace.text_documents):
            self.schedule_lint(uri, 0)

    # -- fixing and formatting -------------------------------------------------------------

    def fixed_text(self, uri: str, text: str) -> str | None:
        """The buffer after ``check --fix`` (on the worker); ``None`` if nothing changes."""
        return self._rewritten(uri, text, "fix")

    def _rewritten(self, uri: str, text: str, mode: Mode) -> str | None:
        item = text_task(text, self.document_path(uri), self.session, mode)
        if isinstance(item, PageResult):
            return None
        result = process_task(item, self.session)
        return result.new_bytes.decode("utf-8") if result.new_bytes is not None else None

    async def rewrite_edits(self, uri: str, rewrite, *args) -> tuple[int | None, list[types.TextEdit]] | None:
        """The document's version and the edits that turn it into ``rewrite(uri, text, *args)``
        (run on the worker; ``None`` from it: no change), or ``None`` when the document is
        gone or the rewrite failed."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        text, version = document.source, document.version
        try:
            new_text = await self.on_worker(rewrite, uri, text, *args)
        except FormattingRefused as refusal:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                             message=f"wikilint: not formatted: {refusal}"))
            return None
        except Exception:  # noqa: BLE001 - report it and keep serving
            logger.exception("rewriting %s failed", uri)
            return None
        positions = DocumentPositions(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        edit = replacement_edit(text, new_text, positions) if new_text is not None else None
        return version, [edit] if edit is not None else []

    async def fix_all_edit(self, uri: str) -> types.WorkspaceEdit | None:
        rewritten = await self.rewrite_edits(uri, self.fixed_text)
        if rewritten is None:
            return None
        version, edits = rewritten
        return workspace_edit(uri, version, edits, self.versioned_edits)

    # -- what the client can do ------------------------------------------------------------

    @property
    def versioned_edits(self) -> bool:
        return bool(get_capability(self.client_capabilities, "workspace.workspace_edit.document_changes", False))

    @property
    def resolves_edits(self) -> bool:
        properties = get_capability(self.client_capabilities, "text_document.code_action.resolve_support.properties",
                                    [])
        return "edit" in (properties or [])

    def documentation(self) -> dict[str, str]:
        """Each installed rule's page, for hover."""
        if self._documentation is None:
            from wikilint.docs import rule_markdown

            self._documentation = {code: rule_markdown(info) for code, info in self.session.registry.rules.items()}
        return self._documentation

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        linted = self._linted.get(uri)
        if linted is None:
            return None
        under = [d for d in linted.diagnostics if d.code is not None and contains(d.range, position)]
        markdown = hover_markdown((str(d.code) for d in under), self.documentation())
        if not markdown:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown),
                           range=under[0].range)

    def fix_all_wanted(self, uri: str, version: int | None) -> bool:
        """Whether to offer fix-all on a document we lint: some fix would apply, or the
        last lint is out of date (the text may have fixes by now)."""
        linted = self._linted.get(uri)
        return linted is not None and linted.wanted and (linted.version != version or linted.fixable)


def _kind_wanted(kind: str, only: list[str] | None) -> bool:
    """LSP kinds are hierarchical: asking for ``source.fixAll`` includes ``source.fixAll.wikilint``."""
    return only is None or any(kind == wanted or kind.startswith(wanted + ".") for wanted in only)


def create_server(session: Session, *, settle_seconds: float = CHANGE_SETTLE_SECONDS) -> WikilintServer:
    """A server with every feature registered, ready for ``start_io()``."""
    server = WikilintServer(session, settle_seconds=settle_seconds)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: WikilintServer, params: types.InitializedParams) -> None:
        if not get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration",
                              False):
            return  # then a save re-reads the configuration (see did_save)
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILE_NAMES]
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id="wikilint-configuration-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
            ls.watching_config = True
        except Exception as error:  # noqa: BLE001 - the client refused: fall back to saves
            logger.warning("the client did not watch the configuration files: %s", error)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WikilintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule_lint(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WikilintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule_lint(params.text_document.uri, ls.settle_seconds)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: WikilintServer, params: types.DidSaveTextDocumentParams) -> None:
        if not ls.watching_config:
            ls.reload_configuration()  # a config file may have changed without our knowing
            return
        uri = params.text_document.uri
        document = ls.workspace.text_documents.get(uri)
        linted = ls._linted.get(uri)
        if document is not None and (linted is None or linted.version != document.version):
            ls.schedule_lint(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WikilintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: WikilintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.rsplit("/", 1)[-1] in CONFIG_FILE_NAMES for change in params.changes):
            ls.reload_configuration()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True))
    async def code_action(ls: WikilintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        document = ls.workspace.text_documents.get(uri)
        if document is None:
            return None
        only = params.context.only
        actions: list[types.CodeAction] = []
        if _kind_wanted(types.CodeActionKind.QuickFix, only):
            actions.extend(quick_fixes(uri, document.version, params.context.diagnostics, ls.versioned_edits))
        if _kind_wanted(FIX_ALL_KIND, only) and ls.fix_all_wanted(uri, document.version):
            fix_all = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                                       data={"uri": uri, "version": document.version})
            if not ls.resolves_edits:
                fix_all.edit = await ls.fix_all_edit(uri)
            actions.append(fix_all)
        return actions

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve_code_action(ls: WikilintServer, action: types.CodeAction) -> types.CodeAction:
        data: Any = action.data
        if action.kind == FIX_ALL_KIND and isinstance(data, dict):
            document = ls.workspace.text_documents.get(data.get("uri", ""))
            if document is not None and document.version == data.get("version"):
                action.edit = await ls.fix_all_edit(document.uri)
        return action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: WikilintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    format_buffer = formatter()
    if format_buffer is not None:  # see wikilint/server/formatting.py
        @server.feature(types.TEXT_DOCUMENT_FORMATTING)
        async def formatting(ls: WikilintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
            return await _format_edits(ls, params.text_document.uri, None)

        @server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
        async def range_formatting(ls: WikilintServer,
                                   params: types.DocumentRangeFormattingParams) -> list[types.TextEdit]:
            start, end = params.range.start, params.range.end
            # A selection that ends at the start of a line does not take that line in.
            last = end.line + 1 if end.character > 0 or end.line == start.line else end.line
            lines = (start.line + 1, last)
            return await _format_edits(ls, params.text_document.uri, lines)

        async def _format_edits(ls: WikilintServer, uri: str, lines: tuple[int, int] | None) -> list[types.TextEdit]:
            def format_text(uri: str, text: str) -> str | None:
                formatted = format_buffer(text, ls.document_path(uri), ls.session, lines)
                return formatted if formatted != text else None

            rewritten = await ls.rewrite_edits(uri, format_text)
            return rewritten[1] if rewritten is not None else []

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: WikilintServer, params: None) -> None:
        ls.shut_down = True
        ls.stop_worker()

    return server


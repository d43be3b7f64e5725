"""The server's conversions on their own: positions, the minimal edit of a rewritten
buffer, and what a diagnostic's data holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from server.lsp_support import apply_edits, offset_of
from wikilint.config import Overrides
from wikilint.runner import process_task
from wikilint.server.convert import Rules, lsp_diagnostics, replacement_edit
from wikilint.server.positions import DocumentPositions
from wikilint.session import Session
from wikilint.sources import text_task

ENCODINGS = [types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("old, new", [
    ("abc", "abc"),
    ("[[Foo|Foo]] x\n", "[[Foo]] x\n"),
    ("x\r\ny", "x\rz\r\ny"),          # the common start ends inside a CR LF pair
    ("a\r\nb\r\n", "a\r\nB\r\nb\r\n"),  # … and the common end starts inside one
    ("\ufeff𠀀 [[中文|中文]]\r\n😀\r\n", "\ufeff𠀀 [[中文]]\r\n😀\r\n"),
    ("", "new"),
    ("gone", ""),
])
def test_replacement_edit_turns_old_into_new_without_splitting_a_line_break(encoding, old, new):
    edit = replacement_edit(old, new, DocumentPositions(old, encoding))
    if old == new:
        assert edit is None
        return
    assert apply_edits(old, [edit], encoding) == new
    for position in (edit.range.start, edit.range.end):
        offset = offset_of(old, position, encoding)
        assert not (0 < offset < len(old) and old[offset - 1] == "\r" and old[offset] == "\n")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_positions_count_the_byte_order_mark_on_the_first_line_only(encoding):
    positions = DocumentPositions("\ufeff中a\nb", encoding)
    bom = {"utf-8": 3, "utf-16": 1, "utf-32": 1}[encoding]
    cjk = {"utf-8": 3, "utf-16": 1, "utf-32": 1}[encoding]
    assert positions.position(1, 1) == types.Position(line=0, character=bom)  # the engine's column 1 is after it
    assert positions.position(1, 2) == types.Position(line=0, character=bom + cjk)
    assert positions.position(2, 1) == types.Position(line=1, character=0)


def _result(tmp_path: Path, text: str, config: str):
    (tmp_path / "wikilint.toml").write_text(config, encoding="utf-8")
    session = Session(Overrides())
    task = text_task(text, str(tmp_path / "page.wiki"), session, "check")
    return process_task(task, session), session.rule_set(task.profile)


def test_a_fix_travels_in_the_data_only_when_the_configuration_lets_it_apply(tmp_path: Path):
    text = "[[Foo|Foo]]\n"
    for config, fix_expected in (("", True), ('unfixable = ["LNK001"]\n', False)):
        result, rule_set = _result(tmp_path, text, config)
        rules = Rules(documented=frozenset({"LNK001"}), fixable=rule_set.fixable)
        (diagnostic,) = lsp_diagnostics(result, DocumentPositions(text, "utf-16"), rules, 7, crlf=False)
        assert diagnostic.data["version"] == 7
        assert ("fix" in diagnostic.data) is fix_expected
        # Disabling stays possible whatever the fix settings.
        assert diagnostic.data["disable"]["newText"] == " <!-- wikilint: disable-line LNK001 -->"


def test_disabling_a_second_rule_joins_the_line_s_directive(tmp_path: Path):
    text = "[[Foo|Foo]] <!-- wikilint: disable-line REF -->\n"
    result, rule_set = _result(tmp_path, text, "")
    rules = Rules(documented=frozenset({"LNK001"}), fixable=rule_set.fixable)
    diagnostics = lsp_diagnostics(result, DocumentPositions(text, "utf-16"), rules, 1, crlf=False)
    lnk = next(d for d in diagnostics if d.code == "LNK001")
    disable = lnk.data["disable"]
    edit = types.TextEdit(range=types.Range(
        start=types.Position(**disable["range"]["start"]), end=types.Position(**disable["range"]["end"])),
        new_text=disable["newText"])
    assert apply_edits(text, [edit], "utf-16") == "[[Foo|Foo]] <!-- wikilint: disable-line REF, LNK001 -->\n"

"""The editor configurations of docs/editors.md, as the tests run them."""

from __future__ import annotations

import re
from pathlib import Path

EDITORS_DOC = Path(__file__).resolve().parents[2] / "docs" / "editors.md"
_BLOCK = re.compile(r"^```(?P<language>\w+)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def doc_block(language: str, first_line: str) -> str:
    """The one ``language`` block of docs/editors.md whose first line starts with ``first_line``."""
    found = [m["body"] for m in _BLOCK.finditer(EDITORS_DOC.read_text(encoding="utf-8"))
             if m["language"] == language and m["body"].startswith(first_line)]
    assert len(found) == 1, f"docs/editors.md has {len(found)} {language} blocks starting {first_line!r}"
    return found[0]

"""``wikilint server`` with a stand-in formatter plugged in where ``wikilint format`` will
plug in (wikilint/server/formatting.py): it tests the server's side of formatting only.
The stand-in strips trailing spaces, on the lines asked for."""

from __future__ import annotations

import wikilint.server.server as server_module
from wikilint.server import create_server
from wikilint.server.formatting import FormattingRefused
from wikilint.session import Session


def strip_trailing_spaces(text: str, path: str, session: Session, lines: tuple[int, int] | None) -> str:
    if "REFUSE" in text:
        raise FormattingRefused("the stand-in refuses pages that say REFUSE")
    first, last = lines or (1, text.count("\n") + 1)
    return "".join(line[:-1].rstrip(" ") + "\n" if first <= number <= last and line.endswith("\n") else line
                   for number, line in enumerate(text.splitlines(keepends=True), start=1))


if __name__ == "__main__":
    server_module.formatter = lambda: strip_trailing_spaces
    create_server(Session()).start_io()

"""TOML reading: the standard library's tomllib, or tomli before Python 3.11."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on old interpreters
    import tomli as tomllib


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; syntax errors come out as ``ValueError`` with the position."""
    with open(path, "rb") as handle:
        return loads_toml(handle.read().decode("utf-8", errors="strict"))


def loads_toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(str(error)) from error
    except RecursionError:  # tomllib recurses once per nesting level
        raise ValueError("nested too deeply") from None

"""Fixtures of the ``wikilint dump`` command's tests: synthetic dumps with fixable pages,
and the corpus's real dumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import CORPUS
from dump_command.pages import fixable_pages
from wikilint.dump import write_dump

DUMPS = CORPUS / "dumps"


@pytest.fixture
def dumps() -> Path:
    if not DUMPS.is_dir():
        pytest.skip("../shared/corpus/dumps is not present")
    return DUMPS


@pytest.fixture
def multistream(tmp_path: Path) -> Path:
    """A 300-page multistream dump (3 page streams) with its index beside it."""
    dump, _index = write_dump(fixable_pages(300), tmp_path / "testwiki-20240101-pages-articles-multistream.xml.bz2")
    return dump


@pytest.fixture
def plain_dump(tmp_path: Path) -> Path:
    """The same pages as ``multistream``, as one plain XML file."""
    (tmp_path / "plain").mkdir()
    dump, _index = write_dump(fixable_pages(300), tmp_path / "plain" / "testwiki-pages-articles.xml")
    return dump

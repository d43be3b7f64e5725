"""Fixtures of the ``wikilint dump`` command's tests: synthetic dumps with fixable pages,
and the corpus's real dumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import CORPUS
from wikilint.dump import SyntheticPage, write_dump

DUMPS = CORPUS / "dumps"


def fixable_pages(count: int) -> list[SyntheticPage]:
    """Pages with findings (some fixable), CRLF-free escapes, non-ASCII text, redirects,
    another namespace and a page with two revisions."""
    pages = []
    for number in range(count):
        if number % 9 == 4:
            pages.append(SyntheticPage(f"Redirect {number}", f"#REDIRECT [[Page {number - 1}]]",
                                       redirect=f"Page {number - 1}"))
        elif number % 13 == 6:
            pages.append(SyntheticPage(f"Talk:Page {number}", f"Talk about [[Page {number}|page {number}]].",
                                       namespace=1))
        elif number % 5 == 0:
            pages.append(SyntheticPage(
                f"Page {number}", f"'''Page {number}''' links [[Apple|apple]] & \"quotes\" — 頁 {number}.<ref>A</ref>"
                f"\n\n== Notes ==\n<references/>\n" + "Filler text. " * number))
        else:
            pages.append(SyntheticPage(f"Page {number}", f"'''Page {number}''' is plain: [[Pear]] & <b>bold</b>.\n"
                                       + "More text. " * (number % 40)))
    return pages


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

"""Fixtures of the dump tests: the corpus's real dumps, and small synthetic dumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import CORPUS
from wikilint.dump import SyntheticPage, write_dump

DUMPS = CORPUS / "dumps"


@pytest.fixture
def dumps() -> Path:
    if not DUMPS.is_dir():
        pytest.skip("../shared/corpus/dumps is not present")
    return DUMPS


def sample_pages(count: int) -> list[SyntheticPage]:
    """Pages with markup, escapes, non-ASCII text and a few redirects and other namespaces."""
    pages = []
    for number in range(count):
        if number % 7 == 3:
            pages.append(SyntheticPage(f"Redirect {number}", f"#REDIRECT [[Page {number - 1}]]",
                                       redirect=f"Page {number - 1}"))
        elif number % 11 == 5:
            pages.append(SyntheticPage(f"Talk:Page {number}", f"Talk about [[Page {number}]] & more. ~~~~",
                                       namespace=1))
        else:
            pages.append(SyntheticPage(
                f"Page {number}",
                f"'''Page {number}''' is a <b>test</b> page & \"quoted\" — 頁 {number}.\n\n"
                f"== Section ==\n{{{{Infobox|a={number}}}}}<ref>Source {number}</ref>\n" + "Filler text. " * number))
    return pages


@pytest.fixture(name="sample_pages")
def sample_pages_fixture():
    return sample_pages


@pytest.fixture
def multistream_dump(tmp_path: Path) -> tuple[Path, Path]:
    """A 250-page multistream dump (3 page streams) and its index."""
    dump, index = write_dump(sample_pages(250), tmp_path / "testwiki-20240101-pages-articles-multistream.xml.bz2")
    return dump, index

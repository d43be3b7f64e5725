"""Fixtures shared by the tests (helpers live in ``support.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import CORPUS, REFERENCE_PAGE


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def reference_page() -> Path:
    if not REFERENCE_PAGE.is_file():
        pytest.skip("the zh reference page is not present in ../shared/corpus")
    return REFERENCE_PAGE

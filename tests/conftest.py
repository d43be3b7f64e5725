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


def pytest_configure(config) -> None:
    """Caches the commands make while tests run (result caches, wiki indexes of dumps run
    from the checkout) go to a temporary folder, never into the checkout; the cache tests
    say where they want theirs."""
    import os
    import tempfile

    if "WIKILINT_CACHE_DIR" not in os.environ:
        config._wikilint_cache_dir = os.environ["WIKILINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="wikilint-test-cache-")


def pytest_unconfigure(config) -> None:
    import shutil

    made = getattr(config, "_wikilint_cache_dir", None)
    if made is not None:
        shutil.rmtree(made, ignore_errors=True)

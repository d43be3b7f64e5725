"""``process_task``, the one path every page takes: the cyclic garbage collector is paused
while a page is processed and runs again between pages."""

from __future__ import annotations

import gc

import pytest

from wikilint import Finding, Rule, hookimpl
from wikilint.plugin_host import build_registry
from wikilint.runner import collector_paused, process_task
from wikilint.session import Session
from wikilint.sources import text_task


class CollectorWatch(Rule):
    """Say whether the cyclic garbage collector runs while the page is checked (a test rule).

    **Bad**

    ```wikitext
    watch
    ```

    **Good**

    ```wikitext
    calm
    ```
    """

    code = "TST910"
    name = "collector-watch"

    def check(self, page):
        if "watch" in page.text:
            yield Finding(0, 5, f"collector enabled: {gc.isenabled()}")
        if "BOOM" in page.text:
            raise RuntimeError("the test rule exploded")


class _Plugin:
    @hookimpl
    def wikilint_get_rules(self):
        return [CollectorWatch]


@pytest.fixture()
def session():
    from wikilint.config import Overrides

    return Session(Overrides(select=("TST910",)), registry=build_registry(extra_plugins=[("watch", _Plugin())]))


@pytest.fixture()
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.parametrize("mode", ["check", "fix"])
def test_the_collector_is_paused_during_a_page_and_runs_again_after_it(session, collector_enabled, mode):
    result = process_task(text_task("watch", "page.wiki", session, mode), session)
    assert [d.message for d in result.diagnostics] == ["collector enabled: False"]
    assert gc.isenabled()


def test_a_rule_that_raises_leaves_the_collector_running(session, collector_enabled):
    result = process_task(text_task("watch BOOM", "page.wiki", session, "check"), session)
    assert result.internal_error
    assert gc.isenabled()


def test_an_exception_through_the_pause_leaves_the_collector_running(collector_enabled):
    with pytest.raises(KeyboardInterrupt), collector_paused():
        assert not gc.isenabled()
        raise KeyboardInterrupt
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_keeps_it_off(session, collector_enabled):
    gc.disable()
    process_task(text_task("watch", "page.wiki", session, "check"), session)
    assert not gc.isenabled()

"""``wikilint server`` with one more plugin, whose rule raises on pages that say BOOM:
run as a real server process by test_robustness.py."""

from __future__ import annotations

from wikilint import Rule, hookimpl
from wikilint.plugin_host import build_registry
from wikilint.server import create_server
from wikilint.session import Session


class Explodes(Rule):
    """Raise on pages that say BOOM (a test rule).

    **Bad**

    ```wikitext
    BOOM
    ```

    **Good**

    ```wikitext
    calm
    ```
    """

    code = "TST900"
    name = "explodes"

    def check(self, page):
        if "BOOM" in page.text:
            raise RuntimeError("the test rule exploded")
        return iter(())


class _Plugin:
    @hookimpl
    def wikilint_get_rules(self):
        return [Explodes]


if __name__ == "__main__":
    create_server(Session(registry=build_registry(extra_plugins=[("explodes", _Plugin())]))).start_io()

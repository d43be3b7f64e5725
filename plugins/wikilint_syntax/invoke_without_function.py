"""SYN033: ``{{#invoke:}}`` without a module or a function name."""

from __future__ import annotations

from wikilint import Finding, Page, Rule, wikicode_text

from wikilint_syntax.markup import template_calls


class InvokeWithoutFunction(Rule):
    """A ``{{#invoke:}}`` call that names no module or no function.

    ``{{#invoke:Module}}`` shows "Script error: You must specify a function to call." on
    the page, and ``{{#invoke:}}`` "Script error: You must specify a module to call.".
    The function is the first parameter: ``{{#invoke:Module|function|…}}`` (its whole text,
    even one with an ``=``, is the function's name). No fix: the
    function's name cannot be guessed.

    **Bad**

    ```wikitext
    Population: {{#invoke:Population}}
    ```

    **Good**

    ```wikitext
    Population: {{#invoke:Population|total}}
    ```
    """

    code = "SYN033"
    name = "invoke-without-function"
    severity = "error"

    def check(self, page: Page):
        for item in template_calls(page).invokes:
            module = wikicode_text(item.node.name).partition(":")[2]
            params = item.node.params
            if not module.strip():
                yield Finding(item.start, item.end, "#invoke without a module: Script error")
            # Scribunto takes the first argument's whole text as the function's name, "="
            # and all: {{#invoke:M|f=x}} calls the function "f=x".
            elif not params or not str(params[0]).strip():
                yield Finding(item.start, item.end, "#invoke without a function name: Script error")

"""WIK005: a call of a template that does not exist on the wiki."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_wiki.wiki import template_calls


class MissingTemplate(Rule):
    """Call of a template that does not exist on the wiki.

    MediaWiki shows a call of a missing template as a red link to it (`Template:Reflist`
    on a wiki whose reference template has another name): the content meant never shows.
    The wiki index knows every template and redirect of the dump's wiki; parser functions,
    variables (`{{PAGENAME}}`) and calls whose name is built from parameters are left
    alone, and so are transcluded articles (`{{:Page}}`: a sample of a wiki lacks most of
    them), pages of namespaces the dump does not hold, and every call when the index holds
    one file of a split dump (the template may be in another).

    **Bad**

    ```wikitext
    Text.<ref>Source.</ref>
    == References ==
    {{Refs list}}
    ```

    **Good**

    ```wikitext
    Text.<ref>Source.</ref>
    == References ==
    {{Reflist}}
    ```
    """

    code = "WIK005"
    name = "missing-template"
    severity = "warning"
    needs = ("index",)
    example_wiki = {"Template:Reflist": "<references />"}

    def check(self, page: Page):
        for call in template_calls(page):
            if call.name.startswith(":"):
                continue  # an article transcluded: a sample of a wiki lacks most of them
            if page.index.missing(call.title):
                yield Finding(call.start, call.end, f"{{{{{call.name}}}}}: [[{call.title}]] does not exist on this "
                                                    "wiki")

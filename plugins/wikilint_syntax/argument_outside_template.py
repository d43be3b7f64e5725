"""SYN032: a template parameter, ``{{{1}}}``, on a page that is not a template."""

from __future__ import annotations

from mwparserfromhell.nodes import Argument, Tag

from wikilint import Finding, Fix, Page, Rule, brackets_pair_up, tag_name

#: Namespaces whose pages are transcluded or hold drafts of templates.
_TEMPLATE_NAMESPACES = frozenset({"template", "module", "mediawiki", "user"})


class ArgumentOutsideTemplate(Rule):
    """A template parameter such as ``{{{1}}}`` on a page that is not a template.

    Only a transcluded page gets parameters: in an article ``{{{1}}}`` is shown as it is,
    braces and all, and ``{{{1|default}}}`` always shows its default (CheckWiki #34). It
    is usually left over from a template's code pasted into the page. The safe fix
    replaces a parameter that has a default with the default, which is what the page
    shows. Pages in the Template, Module, MediaWiki and User namespaces, and
    ``<includeonly>`` parts, are left alone.

    **Bad**

    ```wikitext
    Berlin has {{{population|3.8 million}}} inhabitants.
    ```

    **Good**

    ```wikitext
    Berlin has 3.8 million inhabitants.
    ```
    """

    code = "SYN032"
    name = "argument-outside-template"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        arguments = page.nodes(Argument)
        if not arguments:
            return
        if page.title and page.site.split_namespace(page.title)[0] in _TEMPLATE_NAMESPACES:
            return
        for item in arguments:
            if any(type(parent) is Argument or type(parent) is Tag and tag_name(parent) == "includeonly"
                   for parent in item.ancestors):
                continue
            node = item.node
            if node.default is None:
                yield Finding(item.start, item.end, "template parameter on a page that is not a template: "
                                                    "MediaWiki shows it as text")
            else:
                default = str(node.default)
                # Only a default whose brackets pair up keeps its meaning out of the braces
                # (found by the fuzzer: "}}" in a default closed a template after it).
                yield Finding(item.start, item.end, "template parameter on a page that is not a template: "
                                                    "it always shows its default",
                              Fix.replace(item.start, item.end, default, "write the default")
                              if brackets_pair_up(default) else None)

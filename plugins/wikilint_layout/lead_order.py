"""LAY001: the elements above the first heading, out of the order the site's manual gives."""

from __future__ import annotations

from wikilint import Finding, Page, Rule

from wikilint_layout.layout import LeadElement, layout_index


def describe(kind: str) -> str:
    """``language-conversion`` → ``language-conversion template``, for messages."""
    if kind in ("text", "image", "infobox", "hatnote", "short-description"):
        return {"text": "article text"}.get(kind, kind.replace("-", " "))
    return kind.replace("-", " ") + " template"


def _named(element: LeadElement) -> str:
    if element.kind == "text":
        return "the article text"
    return f"the {describe(element.kind)} {element.label}"


class LeadOrder(Rule):
    """Elements above the first heading out of the order the site's manual of style gives.

    The manuals of style give the order of what stands above the article text. On zhwiki
    (格式手冊/版面佈局): hatnotes (消歧義連結模板) → status → maintenance → language
    conversion (`{{noteTA}}`) → guide templates → infobox → image → text. On enwiki
    (MOS:ORDER): short description → hatnotes → status → deletion/protection → maintenance
    → English variety and date format → infobox → image → text. An element placed after
    one that the order puts below it is reported (an image is never reported itself:
    images may stand anywhere once the text has begun). Which templates are which is site
    data: `layout-lead-order` lists the kinds in order, `layout-lead-templates` names the
    templates of each kind (`*` matches any text, as in `Infobox*`); a template the site
    does not list is not ranked, unless the run has a wiki index (`wikilint dump`,
    `check --wiki-index`): then a redirect to a listed template ranks as that template, and
    a template whose own text prints a hatnote (`class="hatnote"`, `{{hatnote}}`), a
    maintenance box (`{{ambox}}`) or an infobox ranks as one. The rule is off on sites that give no order (the
    `default` preset). No fix: moving a template can change what it means (on zhwiki a
    hatnote moved above `{{noteTA}}` is no longer converted by its rules).

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:哈萨克斯坦; zh-hant:哈薩克斯坦;
    }}
    {{not|中哈關係}}
    '''中華民國與哈薩克關係'''是指兩國之間的關係。
    ```

    **Good**

    ```wikitext
    {{not|中哈關係}}
    {{noteTA
    |1=zh-hans:哈萨克斯坦; zh-hant:哈薩克斯坦;
    }}
    '''中華民國與哈薩克關係'''是指兩國之間的關係。
    ```
    """

    code = "LAY001"
    name = "lead-order"
    severity = "info"
    example_site = "zhwiki"

    def check(self, page: Page):
        index = layout_index(page)
        order = index.facts.lead_order
        highest = None
        for element in index.lead:
            rank = order.get(element.kind)
            if rank is None:
                continue
            if highest is not None and rank < order[highest.kind]:
                if element.kind != "image":
                    yield Finding(element.start, element.end,
                                  f"{describe(element.kind)} {element.label} should come before {_named(highest)}: "
                                  f"the site's lead order is "
                                  + " → ".join(describe(kind) for kind in order))
                continue
            if highest is None or rank > order[highest.kind]:
                highest = element

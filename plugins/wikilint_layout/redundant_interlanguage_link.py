"""LAY004: an interlanguage-link template whose foreign title or label repeats the local title."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_layout.layout import Param, layout_index, template_params


def _same_title(first: str, second: str) -> bool:
    """Titles that name the same page: ``_`` and spaces alike, the first letter's case aside."""
    first, second = " ".join(first.replace("_", " ").split()), " ".join(second.replace("_", " ").split())
    return bool(first) and first[:1].upper() + first[1:] == second[:1].upper() + second[1:]


def _removal(params: tuple[Param, ...], param: Param) -> Fix | None:
    """A fix that drops ``param``, when the other parameters keep their meaning: a named
    parameter always, a positional one only when it is the last positional parameter."""
    if not param.showkey and any(not other.showkey for other in params if other.start > param.start):
        return None
    return Fix.replace(param.start, param.end, "", f"drop the redundant parameter {param.key}")


class RedundantInterlanguageLink(Rule):
    """Interlanguage-link template whose foreign title or label repeats the local title.

    Interlanguage-link templates (zhwiki's `{{link-en|local|foreign|label}}` family,
    enwiki's `{{ill|local|lang|foreign|lt=label}}`) link the local title and show the
    foreign article next to it while the local one does not exist. The foreign title and
    the label both default to the local title, so `{{link-en|AsiaOne|AsiaOne}}` says what
    `{{link-en|AsiaOne}}` says (like `[[X|X]]`, LNK001). The templates and the meaning of
    their parameters are site data: `layout-interlanguage-link-templates` is a list of
    tables, each with `names` (the templates; `Link-*` matches every `{{link-xx}}`) and the
    parameters that hold the `local` title, the `foreign` title, the `labels` and, where the
    template takes one, the `language` code (a call whose parameter there is not a language
    code is another parameter order and is left alone). The fix drops the repeated
    parameter when it is written exactly like the local title and dropping it leaves the
    other parameters' positions alone.

    **Bad**

    ```wikitext
    報導見{{link-en|AsiaOne|AsiaOne}}與{{link-en|哈薩克郵政|Kazpost|哈薩克郵政}}。
    ```

    **Good**

    ```wikitext
    報導見{{link-en|AsiaOne}}與{{link-en|哈薩克郵政|Kazpost}}。
    ```
    """

    code = "LAY004"
    name = "redundant-interlanguage-link"
    severity = "info"
    fix_applicability = "safe"
    example_site = "zhwiki"

    def check(self, page: Page):
        index = layout_index(page)
        facts = index.facts
        if not facts.interlanguage_links:
            return
        calls = [(spec, call) for number, spec in enumerate(facts.interlanguage_links)
                 for call in index.calls_with_role(f"interlanguage-link:{number}")]
        for spec, call in calls:
            params = template_params(page, call.located)
            by_name = {param.key: param for param in params}  # (a repeated name: the last wins)
            local = by_name.get(spec.local)
            if local is None or not local.value:
                continue
            if spec.language is not None:
                language = by_name.get(spec.language)
                if language is None or language.value.lower() not in page.site.interwiki_prefixes:
                    continue  # another parameter order (an older form of the template)
            foreign = by_name.get(spec.foreign)
            if foreign is not None and _same_title(foreign.value, local.value):
                fix = _removal(params, foreign) if foreign.value == local.value else None
                yield Finding(call.start, call.end,
                              f"{{{{{call.name}}}}}: the foreign title repeats the local title "
                              f"'{local.value}', which it defaults to", fix)
            for label_name in spec.labels:
                label = by_name.get(label_name)
                if label is not None and label.value == local.value:
                    yield Finding(call.start, call.end,
                                  f"{{{{{call.name}}}}}: the label repeats the local title "
                                  f"'{local.value}', which it defaults to", _removal(params, label))

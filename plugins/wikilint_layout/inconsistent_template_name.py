"""LAY005: one template written in several ways on a page, or in a non-canonical case."""

from __future__ import annotations

from collections import Counter

from wikilint import Edit, Finding, Fix, Page, Rule

from wikilint_layout.layout import TemplateCall, layout_index


def _is_template_name(name: str) -> bool:
    """Template names only: not parser functions (``#if:``), magic words with an argument
    (``DEFAULTSORT:``), namespaced names or names that are computed."""
    return ":" not in name and "：" not in name and not name.startswith("#") and "{" not in name


class InconsistentTemplateName(Rule):
    """A template name written in several ways on one page, or in a non-canonical case.

    MediaWiki ignores the case of a title's first letter and reads `_` as a space, so
    `{{Link-en}}` and `{{link-en}}` call the same template: writing it one way throughout
    keeps the source tidy and searchable. Where the page writes one template in several
    such ways, each spelling other than the page's most common one is reported once (at its
    first use), with a safe fix that writes all its uses the common way; when two spellings
    are as common, the site's canonical name decides. A name that differs from a canonical
    name only in the case of later letters (`{{REFLIST}}` for `{{Reflist}}`) is a different
    title, which works only through a redirect if there is one: it is reported with an
    unsafe fix to the canonical name (site data `layout-canonical-templates`). A matter of
    style: info.

    **Bad**

    ```wikitext
    {{link-en|多重委派|Dual accreditation}}、{{Link-en|共同管轄|Joint jurisdiction}}、{{link-en|領事|Consul}}
    ```

    **Good**

    ```wikitext
    {{link-en|多重委派|Dual accreditation}}、{{link-en|共同管轄|Joint jurisdiction}}、{{link-en|領事|Consul}}
    ```
    """

    code = "LAY005"
    name = "inconsistent-template-name"
    severity = "info"
    fix_applicability = "safe"

    def check(self, page: Page):
        index = layout_index(page)
        canonical = index.facts.canonical_templates
        names = index.template_names
        # Most keys are written one way and are no stray case of a canonical name: skip them.
        keys = [key for key, raws in names.items() if len(raws) > 1]
        keys += [key for key in index.keys_by_role.get("non-canonical", ()) if len(names[key]) == 1]
        for key in keys:
            raws = names[key]
            wanted = canonical.get(key.casefold())
            if not _is_template_name(key) or (len({raw.strip() for raw in raws}) == 1 and wanted in (None, key)):
                continue
            calls = index.calls([key])
            if wanted is not None and wanted != key:
                yield _finding(calls, wanted, f"{{{{{calls[0].name}}}}} is not the canonical name {{{{{wanted}}}}}",
                               "unsafe")
                continue
            counts = Counter(call.name for call in calls)
            (first, first_count), (_, second_count) = counts.most_common(2)
            if first_count == second_count:
                if wanted is None or wanted not in counts:
                    continue  # no majority and no canonical spelling to prefer
                first = wanted
            for spelling in counts:
                if spelling != first:
                    yield _finding([call for call in calls if call.name == spelling], first,
                                   f"{{{{{spelling}}}}} ({_times(counts[spelling])}) is written {{{{{first}}}}} "
                                   f"{_times(counts[first])} on this page", None)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _finding(calls: list[TemplateCall], spelling: str, message: str, applicability) -> Finding:
    """One finding at the first call; its fix renames every call of the list."""
    edits = tuple(Edit(call.name_start, call.name_start + len(call.name), spelling) for call in calls)
    first = calls[0]
    return Finding(first.name_start, first.name_start + len(first.name), message,
                   Fix(edits, f"write {{{{{spelling}}}}}", applicability))

"""REF007: refs with no reference list for their group, or placed after the last one."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Template

from wikilint import Finding, Fix, Page, Rule

from wikilint_references.refindex import RefIndex, ref_index

#: Lines that customarily close an article and stay below the reference list:
#: categories, sort keys, interlanguage links, and one-line templates (navboxes, stubs).
_TRAILING_LINE = re.compile(
    r"^\s*(?:\[\[[^\[\]|:]+:[^\[\]]*\]\]\s*|\{\{[^{}]*\}\}\s*|\{\{DEFAULTSORT:[^\n]*|__[A-Z]+__\s*)*$"
)


def _quotable(group: str) -> bool:
    """Whether a group name can be written into a new tag or template call as it is: a
    name holding markup (``{{``, ``[[``, ``|``, ``<``) or both quote marks cannot, and no
    fix is offered for it."""
    return not any(mark in group for mark in ("{", "}", "[", "]", "|", "<", ">", "=")) and not (
        '"' in group and "'" in group)


def _list_markup(page: Page, group: str) -> str:
    """The site's reference list markup, for ``group``."""
    markup = str(page.site.get("reference-list-markup", "<references />"))
    if not group:
        return markup
    quoted = f"'{group}'" if '"' in group else f'"{group}"'
    if markup.endswith("}}"):
        return f"{markup[:-2]}|group={group}}}}}"
    return f"{markup.removesuffix('/>').rstrip()} group={quoted} />"


def _standalone_template_starts(page: Page) -> list[int]:
    """Where the page's templates that stand alone on their line start (outside other
    templates and tags): where a reference-list template would be."""
    text = page.text
    starts = []
    for item in page.nodes(Template):
        if item.ancestors or item.in_literal:
            continue
        line_start = text.rfind("\n", 0, item.start) + 1
        line_end = text.find("\n", item.end)
        if not text[line_start:item.start].strip() and not text[item.end:len(text) if line_end == -1 else line_end].strip():
            starts.append(item.start)
    return starts


class MissingReferenceList(Rule):
    """Refs with no reference list for their group, or refs placed after the last list.

    Without `<references />` or a list template (`{{Reflist}}`, zh `{{Reflist}}`,
    `{{NoteFoot}}`…; site key `reference-list-templates`) for its group, a group's
    footnotes are either shown in an unexpected place or, for a named group, replaced
    by a red Cite error (CheckWiki #3). A ref after the last list of its group is not
    in that list (CheckWiki #111); that is reported without a fix. The unsafe fix adds
    the list: under the site's references heading if the page has one (site key
    `references-section-titles`), or else in a new section (`references-section-title`,
    zh `== 參考資料 ==`) above the closing categories, one-line navboxes and stubs. On a
    wiki whose list templates are not all known (site key `reference-list-templates-known
    = false`: no preset, or a guessed site), a template alone on its line after a ref may be
    the list, and the ref is left alone.

    **Bad**

    ```wikitext
    Paris is the capital of France.<ref>INSEE 2020.</ref>

    [[Category:Cities]]
    ```

    **Good**

    ```wikitext
    Paris is the capital of France.<ref>INSEE 2020.</ref>

    == References ==
    <references />

    [[Category:Cities]]
    ```
    """

    code = "REF007"
    name = "missing-reference-list"
    severity = "warning"
    fix_applicability = "unsafe"

    def check(self, page: Page):
        index = ref_index(page)
        if not index.refs:
            return
        last_list_end: dict[str, int] = {}
        for ref_list in index.lists:
            last_list_end[ref_list.group] = max(last_list_end.get(ref_list.group, 0), ref_list.end)
        # On a wiki whose list templates are not all known, a template standing on its own
        # line after a ref may be its list, and a ref inside a template may be defined in
        # it: say nothing of such refs.
        templates_known = page.site.get("reference-list-templates-known", True) is not False
        possible_list_start = -1 if templates_known else max(_standalone_template_starts(page), default=-1)
        reported: set[str] = set()
        # A "<references" the parse did not see as a list is swallowed by broken markup
        # (an unclosed template or tag around it): a list added below would be swallowed
        # the same way, pass after pass (found by the fuzzer, seed 3). Report, don't fix.
        swallowed = not index.lists and "<references" in page.text.lower()
        for ref in index.refs:
            if ref.list_defined or ref.nested or ref.start < possible_list_start:
                continue
            if not templates_known and any(isinstance(parent, Template) for parent in ref.located.ancestors):
                continue
            if ref.group not in last_list_end:
                if ref.group not in reported:
                    reported.add(ref.group)
                    group = f'group "{ref.group}"' if ref.group else "the default group"
                    yield Finding(ref.start, ref.end, f"no reference list for {group}",
                                  self._add_list(page, index, ref.group)
                                  if _quotable(ref.group) and not swallowed else None)
            elif ref.start > last_list_end[ref.group]:
                yield Finding(ref.start, ref.end, "ref after the last reference list of its group")

    def _add_list(self, page: Page, index: RefIndex, group: str) -> Fix:
        markup = _list_markup(page, group)
        titles = {str(title).casefold() for title in page.site.get("references-section-titles", []) or []}
        for _start, end, title in index.headings:
            if title.casefold() in titles:
                return Fix.replace(end, end, "\n" + markup, "add a reference list under the heading")
        text = page.text
        insert_at = len(text)
        # Walk back over the closing lines (blank ones included).
        while insert_at > 0:
            line_start = text.rfind("\n", 0, insert_at - 1) + 1
            line = text[line_start:insert_at]
            if not _TRAILING_LINE.match(line):
                break
            insert_at = line_start
        last_ref_end = max(ref.end for ref in index.refs)
        if insert_at < last_ref_end:  # a ref in the closing lines: the list goes below it
            insert_at = len(text)
        # Keep the blank lines that end the content where they are.
        while insert_at < len(text) and text[insert_at] == "\n":
            insert_at += 1
        before = text[:insert_at]
        addition = ""
        if before and not before.endswith("\n"):
            addition += "\n"
        if before and not before.endswith("\n\n"):
            addition += "\n"
        title = page.site.get("references-section-title", "References")
        addition += f"== {title} ==\n{markup}\n"
        if insert_at < len(text):
            addition += "\n"
        return Fix.replace(insert_at, insert_at, addition, "add a reference list section")

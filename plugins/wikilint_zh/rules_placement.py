"""Where noteTA templates are, and how many."""

from __future__ import annotations

from typing import Iterator

from wikilint import Edit, Finding, Fix, brackets_pair_up
from wikilint_zh.context import ZhPage, ZhRule
from wikilint_zh.notea import MAX_RULES, NoteTA, Param


def _head(notea: NoteTA) -> tuple[int, int]:
    """The ``{{noteTA`` part of a template: where its findings point."""
    return notea.start, notea.start + 2 + len(str(notea.located.node.name).rstrip())


def _moved(params: list[Param], kind: str, taken: list[int], prefix: str) -> list[tuple[Param, int]] | None:
    """Parameters of ``kind`` with the numbers they get after the ``taken`` ones."""
    start = max(taken, default=0)
    numbered = [(param, start + index) for index, param in enumerate(params, start=1)]
    return None if numbered and numbered[-1][1] > MAX_RULES else numbered


def merge_fix(text: str, target: NoteTA, sources: list[NoteTA]) -> tuple[Fix | None, list[NoteTA]]:
    """One fix moving the rules, groups and title of every mergeable template of
    ``sources`` into ``target`` and deleting those templates, so that any number of
    them merge in one pass; and the templates it merges. A template with unknown
    parameters, a second title, rules beyond the 30 numbers, or values whose brackets do
    not pair up stays where it is; nothing merges into a target whose brackets do not."""
    if not brackets_pair_up(text[target.start:target.end]):
        return None, []
    rule_numbers = [p.number for p in target.effective("rule")]
    group_numbers = [p.number for p in target.effective("group")]
    has_title = bool(target.of_kind("title"))
    lines: list[str] = []
    deletions: list[Edit] = []
    merged: list[NoteTA] = []
    for source in sources:
        if any(param.kind == "unknown" and param.value for param in source.params):
            continue
        if source.of_kind("title") and has_title:
            continue
        if not brackets_pair_up(text[source.start:source.end]):
            continue
        rules = _moved([p for p in source.effective("rule") if p.value], "rule", rule_numbers, "")
        groups = _moved([p for p in source.effective("group") if p.value], "group", group_numbers, "G")
        if rules is None or groups is None:
            continue
        for param, number in rules:
            lines.append(f"{number}={param.value}")
            description = source.description_of(param.number)
            if description is not None and description.value:
                lines.append(f"d{number}={description.value}")
        lines += [f"G{number}={param.value}" for param, number in groups]
        titles = [param for param in source.params if param.kind in ("title", "title-description") and param.value]
        lines += [f"{param.key}={param.value}" for param in titles]
        rule_numbers += [number for _param, number in rules]
        group_numbers += [number for _param, number in groups]
        has_title = has_title or bool(source.of_kind("title"))
        start, end = source.start, source.end
        if (start == 0 or text[start - 1] == "\n") and text[end:end + 1] == "\n":
            end += 1  # the template had a line of its own: remove the line
        deletions.append(Edit(start, end, ""))
        merged.append(source)
    if not merged:
        return None, []
    closing = target.end - 2
    if "\n" in text[target.start:target.end]:
        insertion = "".join(f"|{line}\n" for line in lines)
        if text[closing - 1] != "\n":
            insertion = "\n" + insertion.rstrip("\n")
    else:
        insertion = "".join(f"|{line}" for line in lines)
    return (Fix((Edit(closing, closing, insertion), *deletions),
                "merge into the first noteTA (its rules then apply from there: review)"), merged)


class MultipleNoteTA(ZhRule):
    """More than one noteTA although the first still has room (30 rules).

    Several templates make duplicates and conflicts easy to miss, and a later template's
    rules apply only below it. The unsafe fix moves the later templates' rules (with
    their descriptions), groups and title rule into the first, renumbered after its own,
    and deletes the later templates, all in one fix.

    **Bad**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    {{noteTA
    |1=zh-hans:打印机; zh-hant:印表機;
    |d1=printer
    }}
    軟體與印表機。
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    |2=zh-hans:打印机; zh-hant:印表機;
    |d2=printer
    }}
    軟體與印表機。
    ```
    """

    code = "ZH015"
    name = "multiple-notea"
    severity = "warning"
    fix_applicability = "unsafe"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        if len(zh.noteas) < 2:
            return
        first = zh.noteas[0]
        if len(first.effective("rule")) >= MAX_RULES:
            return
        # One fix merges every later template (each finding offers it): a fix per template
        # would edit the first template each time, one per pass.
        fix, merged = merge_fix(zh.page.text, first, zh.noteas[1:])
        for notea in zh.noteas[1:]:
            yield Finding(*_head(notea), f"a second noteTA although the first has {len(first.effective('rule'))} "
                                         f"of {MAX_RULES} rules: merge them",
                          fix if notea in merged else None)


class NoteTAAfterText(ZhRule):
    """A noteTA placed after text that already uses its words.

    Rules convert only the text below the template, so the words above it show
    unconverted. Put the noteTA at the top of the page.

    **Bad**

    ```wikitext
    軟體是程式。
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    軟體
    ```

    **Good**

    ```wikitext
    {{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}
    軟體是程式。
    軟體
    ```
    """

    code = "ZH016"
    name = "notea-after-text"
    severity = "warning"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        for notea in zh.noteas:
            used_above = [rule.param.key for rule in zh.rules
                          if rule.notea is notea and rule.param and zh.rule_occurs(rule, zh.visible, 0, notea.start)]
            if used_above:
                yield Finding(*_head(notea), f"text above this noteTA uses the words of its rules "
                                             f"{', '.join(used_above)}, which are not converted there")


class NoteTAInTemplate(ZhRule):
    """A noteTA on a template page (or in a template's ``<includeonly>`` source).

    Module:NoteTA puts such pages in Category:放置于模板的noteTA: a noteTA transcluded into
    articles duplicates or fights their own noteTA. Put the rules in the articles, or in a
    public conversion group.

    **Bad**

    ```wikitext
    <includeonly>{{noteTA
    |1=zh-hans:软件; zh-hant:軟體;
    }}</includeonly>{{{1}}}
    ```

    **Good**

    ```wikitext
    <includeonly>{{{1}}}</includeonly>
    ```
    """

    code = "ZH017"
    name = "notea-in-template"
    severity = "info"

    def check_zh(self, zh: ZhPage) -> Iterator[Finding]:
        page = zh.page
        in_template_namespace = bool(page.title) and page.site.split_namespace(page.title)[0] == "template"
        for notea in zh.noteas:
            if in_template_namespace or notea.located.inside_tag("includeonly"):
                yield Finding(*_head(notea), "noteTA in a template: it is transcluded into every page using it")

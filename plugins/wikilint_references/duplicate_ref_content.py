"""REF005: the same footnote text defined more than once instead of reusing a named ref."""

from __future__ import annotations

import re

from wikilint import Edit, Finding, Fix, Page, Rule

from wikilint_references.refindex import Ref, name_key, ref_index

#: Refs with other attributes (``follow``, ``details``, ``dir``…) mean something else.
_PLAIN_ATTRIBUTES = frozenset({"name", "group"})
#: "Ibid." repeated is not a duplicate: each points at the footnote before it.
_IBID = re.compile(r"^(?:ibid|ib\.|id\.|op\.\s*cit|同上)", re.IGNORECASE)
_URL_HOST = re.compile(r"https?://(?:www\d?\.)?([A-Za-z0-9.-]+[A-Za-z0-9])")


def _is_plain(ref: Ref) -> bool:
    return all(str(attribute.name).strip().lower() in _PLAIN_ATTRIBUTES for attribute in ref.tag.attributes)


def _quote(name: str) -> str:
    return f"'{name}'" if '"' in name else f'"{name}"'


class DuplicateRefContent(Rule):
    """The same footnote text defined more than once, unnamed or under the same name.

    Each copy makes its own entry in the reference list (CheckWiki #81). The unsafe
    fix names the first copy, choosing a name from the cited site's host or else `:0`,
    `:1`… (VisualEditor's style), never one the page already uses, and turns the others
    into `<ref name=… />`. When one copy is already named, that name is reused. The
    same text under two different names is reported without a fix (the names may be
    used elsewhere). "Ibid."-style refs and refs with attributes other than `name` and
    `group` are left alone.

    **Bad**

    ```wikitext
    Paris.<ref>INSEE 2020.</ref> Lyon.<ref>INSEE 2020.</ref>
    <references />
    ```

    **Good**

    ```wikitext
    Paris.<ref name=":0">INSEE 2020.</ref> Lyon.<ref name=":0" />
    <references />
    ```
    """

    code = "REF005"
    name = "duplicate-ref-content"
    severity = "warning"
    fix_applicability = "unsafe"

    def check(self, page: Page):
        index = ref_index(page)
        copies: dict[tuple[str, str], list[Ref]] = {}
        for ref in index.refs:
            if ref.content and not ref.nested and ref.name != "" and _is_plain(ref) \
                    and not _IBID.match(ref.content):
                copies.setdefault((ref.group, ref.content), []).append(ref)
        # Compared loosely: a new name differing from an old one only in case would be
        # reported by ref-name-syntax.
        taken = {name_key(ref.name) for ref in index.refs if ref.name}
        taken |= {name_key(name) for _, name in index.parser_function_names}
        for refs in copies.values():
            if len(refs) > 1:
                yield from self._duplicates(page, refs, taken)

    def _duplicates(self, page: Page, refs: list[Ref], taken: set[str]):
        names = list(dict.fromkeys(ref.name for ref in refs if ref.name))
        if len(names) > 1:
            for ref in refs[1:]:
                if ref.name != names[0]:
                    yield Finding(ref.start, ref.end,
                                  f'same content as the ref named "{names[0]}", under another name')
            return
        if names:
            name = names[0]
            keeper = next(ref for ref in refs if ref.name == name)
            naming: tuple[Edit, ...] = ()
        else:
            keeper = next((ref for ref in refs if not ref.list_defined and not ref.located.in_template), refs[0])
            name = self._new_name(keeper, taken)
            naming = (Edit(keeper.attributes_end, keeper.attributes_end, f" name={_quote(name)}"),)
        first_line, _ = page.line_col(keeper.start)
        for ref in refs:
            if ref is keeper:
                continue
            message = f"same content as the ref on line {first_line}: reuse it as <ref name={_quote(name)} />"
            if ref.list_defined:
                yield Finding(ref.start, ref.end, message)
                continue
            reuse = f"<{ref.tag.tag}{ref.attributes_text(without='name').rstrip()} name={_quote(name)} />"
            yield Finding(ref.start, ref.end, message,
                          Fix(naming + (Edit(ref.start, ref.end, reuse),), "reuse the first definition"))

    @staticmethod
    def _new_name(ref: Ref, taken: set[str]) -> str:
        """A name for ``ref`` that no ref on the page uses yet (recorded in ``taken``)."""
        host = _URL_HOST.search(ref.content) if "://" in ref.content else None
        if host:
            base = host[1].lower()
            candidates = (base if n == 0 else f"{base}-{n + 1}" for n in range(len(taken) + 2))
        else:
            candidates = (f":{n}" for n in range(len(taken) + 2))
        name = next(candidate for candidate in candidates if name_key(candidate) not in taken)
        taken.add(name_key(name))
        return name

"""REF006: ref names with broken quoting, bare numbers, or near-twins of other names."""

from __future__ import annotations

import re
from collections import Counter

from wikilint import Finding, Fix, Page, Rule

from wikilint_references.refindex import Ref, name_key, ref_index

#: The attributes Cite knows on ``<ref>``; any other bare word after an unquoted name
#: is the rest of a name that needed quotes.
_REF_ATTRIBUTES = frozenset({"name", "group", "follow", "details", "extends", "dir"})
#: Characters that an unquoted attribute value cannot hold safely.
_NEEDS_QUOTES = re.compile(r"[/=\s]")
_DIGITS_ONLY = re.compile(r"^[0-9]+$")


def _quoted(value: str) -> str:
    return f"'{value}'" if '"' in value else f'"{value}"'


class RefNameSyntax(Rule):
    """A ref name with unbalanced or missing quotes, a bare number, or a near-twin of another name.

    `<ref name="a>` (unbalanced quote, CheckWiki #104) and unquoted names holding a
    space, `/` or `=` (`<ref name=a b>` is the name `a` plus a stray attribute `b`, a
    Cite error) are quoted by the safe fix. A name that is only digits is a Cite error
    ("name cannot be a simple integer"); a name differing from another of the same group
    only in case, spaces or underscores is a different footnote to Cite, usually by
    mistake (the less used spelling is reported). These two are reported without a fix.

    **Bad**

    ```wikitext
    Paris.<ref name="insee>INSEE 2020.</ref> Lyon.<ref name=insee 2021>INSEE 2021.</ref>
    <references />
    ```

    **Good**

    ```wikitext
    Paris.<ref name="insee">INSEE 2020.</ref> Lyon.<ref name="insee 2021">INSEE 2021.</ref>
    <references />
    ```
    """

    code = "REF006"
    name = "ref-name-syntax"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        index = ref_index(page)
        for ref in index.refs:
            if ref.name_attribute is not None:
                yield from self._quoting(ref)
                if ref.name and _DIGITS_ONLY.match(ref.name):
                    yield Finding(ref.start, ref.end, f'ref name "{ref.name}" is only digits (a Cite error)')
        yield from self._near_twins(index.refs)

    def _quoting(self, ref: Ref):
        attribute = ref.name_attribute
        if attribute.quotes is not None or attribute.value is None:
            return
        # Where the value starts: walk the opening tag's attributes.
        position = ref.start + 1 + len(str(ref.tag.tag))
        attributes = list(ref.tag.attributes)
        at = next(i for i, candidate in enumerate(attributes) if candidate is attribute)
        position += sum(len(str(candidate)) for candidate in attributes[:at])
        value_start = (position + len(attribute.pad_first) + len(str(attribute.name))
                       + len(attribute.pad_before_eq) + 1 + len(attribute.pad_after_eq))
        value = str(attribute.value)
        value_end = value_start + len(value)
        # Bare words right after the unquoted name: the rest of a name with spaces.
        tail = []
        for candidate in attributes[at + 1:]:
            if candidate.value is not None or str(candidate.name).strip().lower() in _REF_ATTRIBUTES:
                break
            tail.append(candidate)
        if tail and value[:1] not in "\"'":
            words = [value] + [str(candidate.name) for candidate in tail]
            end = value_end + sum(len(str(candidate)) for candidate in tail)
            full = " ".join(words)
            yield Finding(value_start, end, f'ref name "{full}" needs quotes: unquoted, it ends at the space',
                          Fix.replace(value_start, end, _quoted(full), "quote the name"))
            return
        quotes = value.count('"') + value.count("'")
        for quote in "\"'":
            inner = value.strip(quote)
            # Exactly one quote, at one end: what was meant is clear.
            if quotes == 1 and quote in value and inner and not tail:
                yield Finding(value_start, value_end, f"ref name {value} has unbalanced quotes",
                              Fix.replace(value_start, value_end, _quoted(inner), "balance the quotes"))
                return
        if '"' in value or "'" in value:
            yield Finding(value_start, value_end, f"ref name {value} has stray quotes")
        elif _NEEDS_QUOTES.search(value):
            yield Finding(value_start, value_end, f'ref name {value} needs quotes (it holds "/" or "=")',
                          Fix.replace(value_start, value_end, _quoted(value), "quote the name"))

    @staticmethod
    def _near_twins(refs: list[Ref]):
        spellings: dict[tuple[str, str], Counter[str]] = {}
        for ref in refs:
            if ref.name:
                spellings.setdefault((ref.group, name_key(ref.name)), Counter())[ref.name] += 1
        preferred = {}
        for key, counter in spellings.items():
            if len(counter) > 1:
                # Counter keeps first-seen order, so a tie goes to the earlier spelling.
                preferred[key] = max(counter, key=counter.__getitem__)
        if not preferred:
            return
        for ref in refs:
            if ref.name:
                best = preferred.get((ref.group, name_key(ref.name)))
                if best is not None and ref.name != best:
                    yield Finding(ref.start, ref.end,
                                  f'ref name "{ref.name}" differs from "{best}" only in case or spacing')

"""What every zh rule needs from a page, computed once per page and shared.

The family runs on zh sites only (``site.language == "zh"``): elsewhere ``{{noteTA}}`` and
``-{ }-`` mean nothing (or belong to another language's converter). On a zh page without
``noteTA`` and ``-{``/``}-`` nothing is parsed at all.

Two masks of the page text, same length as the page (masked characters are ``\\0``):
``visible`` is what readers see and the converter converts (no comments, literal tags,
noteTA templates, link targets or URLs); ``targets`` holds only link targets and URLs,
where a rule's text does nothing.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Iterable, Iterator

from mwparserfromhell.nodes import Comment, ExternalLink, Wikilink

from wikilint import Finding
from wikilint import Rule as BaseRule
from wikilint.page import LITERAL_TAGS, Page, wikicode_text
from wikilint_zh.grammar import parse_rule
from wikilint_zh.inline import Lexed, lex_markup
from wikilint_zh.notea import NoteTA, Rule, find_noteas, notea_rules

_MASK = "\0"
_MASKED_RUN = re.compile("\0+")


#: The site languages the family applies to: zh's language converter.
LANGUAGES = ("zh",)


def applies(page: Page) -> bool:
    """Whether the zh family looks at this page at all (asked by every rule: shared)."""
    return page.site.language in LANGUAGES and page.derived("wikilint_zh.applies", _has_conversion_markup)


def _has_conversion_markup(page: Page) -> bool:
    text = page.text
    return "-{" in text or "}-" in text or "oteTA" in text or "ote TA" in text


def zh_page(page: Page) -> ZhPage:
    """The page's zh analysis, shared by every rule of the family."""
    return page.derived("wikilint_zh.page", ZhPage)


def _overlay(text: str, spans: list[tuple[int, int]], keep: bool) -> str:
    """``text`` with the spans masked (``keep=False``) or with everything else masked."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if start >= end:
            continue
        gap, inside = text[position:start], text[start:end]
        pieces.append(_MASK * len(gap) if keep else gap)
        pieces.append(inside if keep else _MASK * len(inside))
        position = end
    rest = text[position:]
    pieces.append(_MASK * len(rest) if keep else rest)
    return "".join(pieces)


class ZhPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.noteas: list[NoteTA] = find_noteas(page)
        self.rules: list[Rule] = notea_rules(self.noteas)

    @cached_property
    def lexed(self) -> Lexed:
        return lex_markup(self.page, [(notea.start, notea.end) for notea in self.noteas])

    @cached_property
    def inline_rules(self) -> list[Rule]:
        """``-{H|…}-`` and ``-{A|…}-`` markup: rules that apply from there to the end."""
        return [
            Rule(parse_rule(markup.text), markup.text_start, markup.text_end, flag=markup.rule_flag)
            for markup in self.lexed.markups if markup.rule_flag and markup.text.strip()
        ]

    @cached_property
    def _target_spans(self) -> list[tuple[int, int]]:
        site = self.page.site
        spans = []
        for item in self.page.nodes(Wikilink, ExternalLink):
            node = item.node
            if isinstance(node, ExternalLink):
                start = item.start + (1 if node.brackets else 0)
                spans.append((start, start + len(str(node.url))))
                continue
            title = wikicode_text(node.title)
            namespace = site.split_namespace(title.strip().lstrip(":"))[0]
            if node.text is not None or namespace in {"file", "category", "interwiki"}:
                spans.append((item.start + 2, item.start + 2 + len(title)))
        return spans

    @cached_property
    def _hidden_spans(self) -> list[tuple[int, int]]:
        spans = [(notea.start, notea.end) for notea in self.noteas]
        for item in self.page.nodes(Comment) + self.page.tags(*LITERAL_TAGS):
            spans.append((item.start, item.end))
        return spans

    @cached_property
    def visible(self) -> str:
        return _overlay(self.page.text, self._hidden_spans + self._target_spans, keep=False)

    @cached_property
    def targets(self) -> str:
        visible_targets = _overlay(self.page.text, self._target_spans, keep=True)
        return _overlay(visible_targets, self._hidden_spans, keep=False)

    def visible_between(self, start: int, end: int) -> str:
        """Readable text of ``[start, end)``, masked runs collapsed to a line break (so no
        term is matched across something that separates it)."""
        return _MASKED_RUN.sub("\n", self.visible[start:end])

    def rule_occurs(self, rule: Rule, masked: str, start: int, end: int | None = None) -> bool:
        end = len(masked) if end is None else end
        return any(masked.find(string, start, end) != -1 for string in rule.parsed.strings() if string)

    def scope_start(self, rule: Rule) -> int:
        """Where a rule starts to apply: after its template or markup."""
        return rule.notea.end if rule.notea is not None else rule.end


class ZhRule(BaseRule):
    """Base of the family: runs :meth:`check_zh` on zh pages that have conversion markup."""

    example_site = "zhwiki"
    languages = LANGUAGES

    def check(self, page: Page) -> Iterator[Finding]:
        if applies(page):
            yield from self.check_zh(zh_page(page))

    def check_zh(self, zh: ZhPage) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

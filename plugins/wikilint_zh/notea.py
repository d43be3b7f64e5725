"""``{{noteTA}}`` templates: their parameters, located in the page, and the rules they hold.

Module:NoteTA reads ``1``–``30`` (rules, each emitted as ``-{H|value}-``), ``d1``–``d30``
(their descriptions), ``G1``–``G30`` (public conversion groups), ``T`` (title rule) and
``dt``; anything else is ignored. Named values are trimmed by MediaWiki; positional ones are
not, but the rule parser trims every entry, so the trimmed value is what counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Template

from wikilint.page import Located, Page, wikicode_text
from wikilint.site import Site
from wikilint_zh.grammar import ParsedRule, parse_rule

MAX_RULES = 30
_TRIM = " \t\n\r\0\x0b"
_NUMBERED = re.compile(r"(?P<kind>d|G)?(?P<number>[1-9][0-9]*)")


def is_notea_name(site: Site, name: str) -> bool:
    """``noteTA``, ``NoteTA``, ``Template:Note TA``…: the first letter is case-insensitive."""
    return site.template_key(name).replace(" ", "") == "NoteTA"


@dataclass(frozen=True)
class Param:
    """One ``|name=value`` of a noteTA, with page offsets."""

    key: str
    showkey: bool
    #: Offset of the ``|`` that opens the parameter; the parameter ends at ``end``.
    start: int
    end: int
    name_start: int
    name_end: int
    #: The trimmed value and where it is.
    value: str
    value_start: int
    value_end: int

    @property
    def kind(self) -> str:
        """``rule``, ``description``, ``group``, ``title``, ``title-description`` or ``unknown``."""
        if self.key == "T":
            return "title"
        if self.key == "dt":
            return "title-description"
        match = _NUMBERED.fullmatch(self.key)
        if not match:
            return "unknown"
        return {None: "rule", "d": "description", "G": "group"}[match["kind"]]

    @property
    def number(self) -> int | None:
        match = _NUMBERED.fullmatch(self.key)
        return int(match["number"]) if match else None


@dataclass(frozen=True)
class NoteTA:
    located: Located
    params: tuple[Param, ...]

    @property
    def start(self) -> int:
        return self.located.start

    @property
    def end(self) -> int:
        return self.located.end

    def of_kind(self, kind: str) -> list[Param]:
        return [param for param in self.params if param.kind == kind]

    def effective(self, kind: str) -> list[Param]:
        """Parameters of ``kind`` MediaWiki uses: numbers 1–30, the last of duplicates, in
        the order the module emits them (by number)."""
        last: dict[str, Param] = {}
        for param in self.of_kind(kind):
            if param.number is None or param.number <= MAX_RULES:
                last[param.key] = param
        return sorted(last.values(), key=lambda param: (param.number or 0, param.start))

    def description_of(self, number: int) -> Param | None:
        found = [param for param in self.params if param.key == f"d{number}"]
        return found[-1] if found else None


@dataclass(frozen=True)
class Rule:
    """A conversion rule the page defines: a noteTA parameter or an inline ``-{H|…}-``."""

    parsed: ParsedRule
    #: Where the rule's (trimmed) text is in the page.
    start: int
    end: int
    #: The noteTA holding it and its parameter, or None for inline markup.
    notea: NoteTA | None = None
    param: Param | None = None
    #: ``H`` or ``A`` for inline markup.
    flag: str = ""

    @property
    def label(self) -> str:
        if self.param is not None:
            return f"noteTA rule {self.param.key}"
        return f"inline -{{{self.flag}|…}}- rule"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def read_params(page: Page, located: Located) -> tuple[Param, ...]:
    """Locate every parameter of a template (mirrors how mwparserfromhell writes it out)."""
    template: Template = located.node
    text = page.text
    position = located.start + 2 + len(str(template.name))
    params = []
    for param in template.params:
        start = position
        position += 1
        name_start = position
        if param.showkey:
            position += len(str(param.name))
        name_end = position
        if param.showkey:
            position += 1
        raw_end = position + len(str(param.value))
        value_start, value_end = _trimmed(text, position, raw_end)
        position = raw_end
        params.append(Param(str(param.name).strip(), bool(param.showkey), start, position,
                            name_start, name_end, text[value_start:value_end], value_start, value_end))
    return tuple(params)


def find_noteas(page: Page) -> list[NoteTA]:
    """The page's noteTA templates outside comments and literal tags, in text order."""
    return [
        NoteTA(item, read_params(page, item)) for item in page.nodes(Template)
        if not item.in_literal and is_notea_name(page.site, wikicode_text(item.node.name))
    ]


def notea_rules(noteas: list[NoteTA]) -> list[Rule]:
    """The numbered rules MediaWiki applies, in the order it applies them."""
    return [
        Rule(parse_rule(param.value), param.value_start, param.value_end, notea, param)
        for notea in noteas for param in notea.effective("rule") if param.value
    ]

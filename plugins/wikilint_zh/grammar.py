"""A conversion rule's text, parsed the way MediaWiki's ``ConverterRule::parseRules`` does.

Each numbered noteTA parameter is emitted as ``-{H|<value>}-``, so MediaWiki's parser is the
specification of what a rule means, including what it silently does with typing mistakes:

* the text is split on ``;`` only where the ``;`` is followed by a variant code and ``:``
  (or ``…=>code:``), or ends the text; the codes in that pattern are case-sensitive
  (lower case and the exact BCP-47 spellings). Anything else — ``zh-Tw``, ``zh_tw``, a
  full-width ``；`` or ``：``, a missing ``;`` — glues the next entry into the previous value;
* an entry without ``:`` is skipped; an entry whose code does not validate discards the
  whole rule, entries before and after it included (``parseRules`` empties both tables and
  stops: "syntax error, pass"); the text then protects itself from conversion, like a
  colon-less rule. An unknown code after a ``;`` never starts an entry (the separator
  pattern knows only valid codes): it is glued into the previous value;
* ``A=>zh-cn:B`` is one-way; a repeated variant keeps its last value; an empty value is ignored.

Besides the tables, :func:`parse_rule` lists the :class:`Problem` spots it met, with the
text an editor evidently meant where that is clear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from wikilint_zh.variants import (
    BCP47_SPELLINGS, FALLBACKS, REGIONAL, VARIANTS, intended_variant, validate_variant,
)

#: PHP's ``\s`` without the /u flag and ``trim()``: ASCII white space only (a full-width
#: space U+3000 is text, not a separator).
_SPACE = r"[ \t\n\r\x0b\x0c]"
_TRIM = " \t\n\r\0\x0b"


def _separator_pattern() -> re.Pattern[str]:
    # A ``;`` followed by ``code:`` or ``…=>code:``, or ending the text. The optional one-way
    # prefix is written once before the codes, not once per code: the same matches, but
    # ``re`` compiles it in a tenth of the time (some 2 ms less at every start-up).
    codes = "|".join(re.escape(code) for code in VARIANTS + BCP47_SPELLINGS)
    return re.compile(";" + _SPACE + "*(?=(?:[^;]*?=>" + _SPACE + "*)?(?:" + codes + ")" + _SPACE + "*:|"
                      + _SPACE + "*$)")


_SEPARATOR = _separator_pattern()
#: ``&amp;`` and friends: their ``;`` never separates entries.
_ENTITY_SEMICOLON = re.compile(r"(&[#a-zA-Z0-9]+);")
#: A variant-like code inside a value: the start of an entry that did not split off.
_GLUED_ENTRY = re.compile(r"(?<![A-Za-z])(?P<sep>[;；]?)(?P<space>[ \t]*)(?P<code>zh[-_][A-Za-z]+)[ \t]*[:：]")
#: An entry MediaWiki skipped because its colon is full-width.
_FULLWIDTH_COLON_ENTRY = re.compile(r"[ \t\n]*(?P<code>zh[-_][A-Za-z]+)[ \t]*：")
_MARKUP_IN_VALUE = re.compile(r"\[\[|\{\{|<ref|-\{|\}-", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """A spot of a rule's text (offsets into it) that does not mean what it looks like."""

    kind: str
    start: int
    end: int
    message: str
    #: What the editor evidently meant for ``text[start:end]``, when that is clear.
    replacement: str | None = None


#: Problems that make the rule convert something other than what its author wrote (a
#: repeated variant is not one: the last value is what the author wrote last).
BREAKING_PROBLEMS = frozenset({"invalid-variant", "glued-entry", "fullwidth-semicolon", "skipped-entry",
                               "protected-semicolon"})
#: Every problem rule-syntax (ZH003) reports.
SYNTAX_PROBLEMS = BREAKING_PROBLEMS | {"repeated-variant"}


@dataclass(frozen=True)
class ParsedRule:
    text: str
    #: variant → text (the rule as written, before fallbacks).
    bidirectional: dict[str, str]
    #: target variant → {source text: output} for ``source=>variant:output`` entries.
    unidirectional: dict[str, dict[str, str]]
    #: True when an invalid code made MediaWiki drop every entry.
    discarded: bool
    problems: tuple[Problem, ...] = field(default=())

    @property
    def broken(self) -> bool:
        """MediaWiki reads the rule differently from what it looks like (rule-syntax reports
        how): what it converts, or whether it is used, says nothing about the author's words."""
        return any(problem.kind in BREAKING_PROBLEMS for problem in self.problems)

    @property
    def protects(self) -> bool:
        """No conversion entries: the H rule protects its whole text from conversion."""
        return not self.bidirectional and not self.unidirectional and bool(self.text.strip(_TRIM))

    def strings(self) -> frozenset[str]:
        """Every text the rule matches or produces (what to look for in the page)."""
        if self.protects:
            return frozenset({self.text.strip(_TRIM)})
        found = set(self.bidirectional.values())
        for pairs in self.unidirectional.values():
            found.update(pairs)
            found.update(pairs.values())
        return frozenset(found)

    def identity(self) -> tuple:
        """Two rules with equal identities convert exactly alike (spacing and order aside)."""
        if self.protects:
            return ("protect", self.text.strip(_TRIM))
        return (tuple(sorted(self.bidirectional.items())),
                tuple(sorted((variant, tuple(sorted(pairs.items())))
                             for variant, pairs in self.unidirectional.items())))

    def filled(self) -> dict[str, str]:
        """The bidirectional table with missing variants filled from their fallbacks.

        Fallbacks are looked up in the rule as written, not in the filled table
        (``ConverterRule::generateConvTable`` uses ``getTextInBidtable``).
        """
        full = dict(self.bidirectional)
        for variant in VARIANTS:
            if variant not in self.bidirectional:
                for fallback in FALLBACKS.get(variant, ()):
                    if fallback in self.bidirectional:
                        full[variant] = self.bidirectional[fallback]
                        break
        return full

    def conversions(self) -> dict[str, dict[str, str]]:
        """Regional variant → {source text: output}: what the rule makes MediaWiki do."""
        full = self.filled()
        table: dict[str, dict[str, str]] = {}
        for target in REGIONAL:
            pairs: dict[str, str] = {}
            if target in full:
                for variant, source in full.items():
                    if variant != target:
                        pairs[source] = full[target]
            pairs.update(self.unidirectional.get(target, {}))
            if pairs:
                table[target] = pairs
        return table


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _split_entries(text: str) -> list[tuple[int, int]]:
    """Entry spans as ``preg_split`` with the variant separator pattern yields them."""
    protected = _ENTITY_SEMICOLON.sub("\\1\x01", text)  # same length: offsets stay valid
    spans, previous = [], 0
    for match in _SEPARATOR.finditer(protected):
        spans.append((previous, match.start()))
        previous = match.end()
    spans.append((previous, len(text)))
    return spans


def _glue_problems(text: str, start: int, end: int, variant: str) -> list[Problem]:
    """Entries swallowed into the value ``text[start:end]`` of ``variant``."""
    problems = []
    value = text[start:end]
    covered_end = -1
    for match in _GLUED_ENTRY.finditer(value):
        intended = intended_variant(match["code"])
        if match.start() == 0 and not match["sep"] or intended is None and not match["sep"]:
            continue
        glued = text[start + match.start():start + match.end()].strip()
        if intended is None:  # "; zh-xx:": an entry was meant, but with no code MediaWiki knows
            problems.append(Problem(
                "glued-entry", start + match.start(), start + match.end(),
                f"'{match['code']}' is not a variant code, so '{glued}' does not start a new entry: "
                f"it is glued into the {variant} value"))
        else:
            problems.append(Problem(
                "glued-entry", start + match.start(), start + match.end(),
                f"'{glued}' does not start a new entry (MediaWiki splits only on ';' followed by a "
                f"lower-case or BCP-47 variant code and ':'): it is glued into the {variant} value",
                ";" + match["space"] + intended + ":"))
        covered_end = match.end()
    if value.endswith("；") and len(value) > covered_end:
        problems.append(Problem(
            "fullwidth-semicolon", end - 1, end,
            f"full-width '；' ends the {variant} value and becomes part of it", ";"))
    return problems


@lru_cache(maxsize=4096)
def parse_rule(text: str) -> ParsedRule:
    """Parse a rule's text (a noteTA value or the text of ``-{H|…}-``)."""
    bidirectional: dict[str, str] = {}
    unidirectional: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    discarded = False
    for piece_start, piece_end in _split_entries(text):
        colon = text.find(":", piece_start, piece_end)
        if colon == -1:
            skipped = _FULLWIDTH_COLON_ENTRY.match(text, piece_start, piece_end)
            if skipped and intended_variant(skipped["code"]):
                problems.append(Problem(
                    "skipped-entry", piece_start + skipped.start("code"), skipped.end(),
                    f"full-width '：' after '{skipped['code']}': MediaWiki skips this entry",
                    intended_variant(skipped["code"]) + ":"))
            continue
        code_start, code_end = _trim_span(text, piece_start, colon)
        value_start, value_end = _trim_span(text, colon + 1, piece_end)
        code, value = text[code_start:code_end], text[value_start:value_end]
        arrow = code.find("=>")
        if arrow == -1:
            variant = validate_variant(code)
            if variant and value:
                if variant in bidirectional:
                    problems.append(Problem(
                        "repeated-variant", code_start, code_end,
                        f"variant {variant} appears twice in the rule; MediaWiki keeps the last value"))
                bidirectional[variant] = value
        else:
            source_start, source_end = _trim_span(text, code_start, code_start + arrow)
            code_start, code_end = _trim_span(text, code_start + arrow + 2, code_end)
            code = text[code_start:code_end]
            source = text[source_start:source_end]
            variant = validate_variant(code)
            if variant and source:
                unidirectional.setdefault(variant, {})[source] = value
        if variant is None:
            intended = intended_variant(code)
            problems.append(Problem(
                "invalid-variant", code_start, code_end,
                f"'{code}' is not a variant code: MediaWiki discards the whole rule, its other "
                f"entries included",
                intended))
            bidirectional, unidirectional, discarded = {}, {}, True
            break
        if code != variant:
            problems.append(Problem(
                "case", code_start, code_end,
                f"variant code '{code}' works but is not canonical: write '{variant}'", variant))
        problems.extend(_glue_problems(text, value_start, value_end, variant))
    if not bidirectional and not unidirectional and not discarded and ":" not in text:
        stripped_start, stripped_end = _trim_span(text, 0, len(text))
        if stripped_end > stripped_start and text[stripped_end - 1] == ";":
            problems.append(Problem(
                "protected-semicolon", stripped_end - 1, stripped_end,
                f"a rule without ':' protects its whole text, so the trailing ';' makes it protect "
                f"'{text[stripped_start:stripped_end]}' rather than '{text[stripped_start:stripped_end - 1]}'",
                ""))
    return ParsedRule(text, bidirectional, unidirectional, discarded, tuple(problems))


def markup_in_rule(text: str) -> list[tuple[int, int, str]]:
    """``[[``, ``{{``, ``<ref``, ``-{`` or ``}-`` inside a rule's text: (start, end, markup)."""
    return [(match.start(), match.end(), match.group()) for match in _MARKUP_IN_VALUE.finditer(text)]

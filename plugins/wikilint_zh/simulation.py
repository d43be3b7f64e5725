"""Conversion with MediaWiki's current tables (the optional ``zhconv-rs`` package).

``zhconv-rs`` is imported inside the functions that use it: it is optional (its tables are
GPL-licensed; install ``wikilint[zh]``) and loading it costs start-up time. Without it the
table-based rules skip their work and :func:`converter` prints one notice per process.

zhconv-rs is more lenient than MediaWiki on malformed rules, so it is only used for
conversion; what a rule means comes from :mod:`wikilint_zh.grammar`.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from typing import Callable

from wikilint_zh.context import ZhPage
from wikilint_zh.notea import Rule
from wikilint_zh.variants import REGIONAL

Convert = Callable[[str, str, bool], str]
INSTALL_HINT = "pip install 'wikilint[zh]'"
#: In a pre-commit hook (pre-commit sets PRE_COMMIT=1), pip is not the user's to run.
PRE_COMMIT_HINT = 'add additional_dependencies: ["zhconv-rs"] to the wikilint hook in .pre-commit-config.yaml'
TABLE_RULES = "redundant-rule, subsumed-rule and rule-changes-citation"
_notice_given = False


def converter() -> Convert | None:
    """zhconv-rs's ``zhconv(text, target, wikitext)``, or None (after a one-time notice)."""
    global _notice_given
    try:
        from zhconv_rs import zhconv
    except ImportError:
        if not _notice_given:
            _notice_given = True
            hint = PRE_COMMIT_HINT if os.environ.get("PRE_COMMIT") == "1" else f"install it with: {INSTALL_HINT}"
            print(f"wikilint-zh: the zh rules {TABLE_RULES} need the optional zhconv-rs package "
                  f"and are skipped; {hint}", file=sys.stderr)
        return None
    return zhconv


@lru_cache(maxsize=65536)
def builtin(text: str, variant: str) -> str:
    """What MediaWiki's built-in table alone makes of ``text`` in ``variant``."""
    convert = converter()
    assert convert is not None
    return convert(text, variant, False)


def redundant_with_table(rule: Rule) -> bool:
    """Every conversion of the rule is one the built-in table already makes (per regional
    variant, after fallbacks; a no-conversion rule never is)."""
    table = rule.parsed.conversions()
    if not table:
        return False
    return all(builtin(source, variant) == output
               for variant, pairs in table.items() for source, output in pairs.items())


#: Put between the rules and the text converted after them, so that the text's own
#: conversion can be read out of the output: zhconv-rs prints a rule it cannot read
#: (``-{H|zh_tw:…}-``) as text, and that text must not be taken for the fragment's.
_FRAGMENT_MARK = "\n\nwikilint-fragment\n\n"


def _after_mark(converted: str) -> str | None:
    """The converted fragment (what follows the mark), or None if the mark got lost."""
    _, mark, fragment = converted.partition(_FRAGMENT_MARK)
    return fragment if mark else None


def _hidden_rules(rules: list[Rule], skip: Rule | None) -> str:
    return "".join("-{H|" + _convertible(rule.parsed.text) + "}-" for rule in rules if rule is not skip)


_EMPTY_ONE_WAY_SOURCE = re.compile(r"(?:^|(?<=;))\s*=>[^;]*;?")


def _convertible(rule_text: str) -> str:
    """The rule without one-way entries whose source is empty (``=>zh-sg:x``): they can
    match nothing, and zhconv-rs panics on them (a Rust assertion)."""
    return _EMPTY_ONE_WAY_SOURCE.sub("", rule_text) if "=>" in rule_text else rule_text


def simulation_text(zh: ZhPage, skip: Rule | None = None) -> str:
    """The page as the converter sees it from the first noteTA on: each noteTA replaced by
    its rules as ``-{H|…}-`` (minus ``skip``), then the readable text that follows it."""
    parts = []
    for index, notea in enumerate(zh.noteas):
        parts.append(_hidden_rules([rule for rule in zh.rules if rule.notea is notea], skip))
        following = zh.noteas[index + 1].start if index + 1 < len(zh.noteas) else len(zh.page.text)
        parts.append(zh.visible_between(notea.end, following))
    return "".join(parts)


#: Characters kept on each side of a rule's occurrence, beyond the longest rule word, so
#: that longest-match segmentation around it is the same as in the whole page.
CONTEXT = 8


def _windows(body: str, strings: frozenset[str], margin: int) -> str | None:
    """The stretches of ``body`` around each occurrence of ``strings``, one per line; None
    when ``body`` holds conversion markup that a window could cut in half."""
    if "-{" in body or "}-" in body:
        return None
    spans = []
    for string in strings:
        if not string:
            continue
        found = body.find(string)
        while found != -1:
            spans.append((max(0, found - margin), found + len(string) + margin))
            found = body.find(string, found + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return "\n".join(body[start:end] for start, end in merged)


class LeaveOneOut:
    """Converted page with all rules, compared with the page converted without one rule.

    Converting a whole long page with rules is slow (milliseconds per variant), so on
    pages whose text after the noteTA has no inline markup only the windows around the
    rule's words are converted: elsewhere removing the rule cannot change anything.
    """

    def __init__(self, zh: ZhPage, convert: Convert) -> None:
        self.zh = zh
        self.convert = convert
        self._cache: dict[int, bool] = {}

    def _converted(self, text: str, variant: str) -> str:
        return self.convert(text, variant, True)

    def changes_page(self, rule: Rule) -> bool:
        """Whether removing ``rule`` changes the converted page in some regional variant."""
        key = id(rule)
        if key not in self._cache:
            self._cache[key] = self._changes(rule)
        return self._cache[key]

    def _changes(self, rule: Rule) -> bool:
        zh = self.zh
        if len(zh.noteas) == 1:
            body = zh.visible_between(zh.noteas[0].end, len(zh.page.text))
            margin = max((len(string) for other in zh.rules for string in other.parsed.strings()), default=0)
            windows = _windows(body, rule.parsed.strings(), margin + CONTEXT)
            if windows is not None:
                return self.changes_fragment(rule, windows) is not None
        with_all, without = simulation_text(zh), simulation_text(zh, skip=rule)
        return any(self._converted(with_all, variant) != self._converted(without, variant) for variant in REGIONAL)

    def changes_fragment(self, rule: Rule, fragment: str) -> tuple[str, str, str] | None:
        """(variant, with all rules, without ``rule``) for the first regional variant where
        ``rule`` changes how ``fragment`` (placed after every rule) is converted."""
        with_all = _hidden_rules(self.zh.rules, None) + _FRAGMENT_MARK
        without = _hidden_rules(self.zh.rules, rule) + _FRAGMENT_MARK
        for variant in REGIONAL:
            converted = _after_mark(self._converted(with_all + fragment, variant))
            plain = _after_mark(self._converted(without + fragment, variant))
            if converted is not None and plain is not None and converted != plain:
                return variant, converted, plain
        return None


def leave_one_out(zh: ZhPage) -> LeaveOneOut | None:
    """The page's shared simulation (None without zhconv-rs)."""
    convert = converter()
    if convert is None:
        return None
    # Kept with the page (not on ``zh``, which it refers to: that would be a cycle that
    # outlives the page's release).
    return zh.page.derived("wikilint_zh.simulation", lambda page: LeaveOneOut(zh, convert))

"""The rule API: what a plugin subclasses, and what a rule reports.

A rule is a class with declarative metadata and one method, :meth:`Rule.check`, that
yields :class:`Finding` objects for a :class:`~wikilint.page.Page`. A finding may carry
a :class:`Fix`: edits ``(start, end, replacement)`` against the page text the rule saw.

The rule's docstring is its documentation. It starts with the one-line summary and
holds a bad and a good example in fenced ``wikitext`` blocks after the lines
``**Bad**`` and ``**Good**`` (see :func:`docstring_examples`); the test suite checks
every installed rule against its own examples.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Literal, Mapping

if TYPE_CHECKING:
    from wikilint.page import Page

Severity = Literal["error", "warning", "info"]
Applicability = Literal["none", "safe", "unsafe"]
Kind = Literal["lint", "format"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
APPLICABILITIES: tuple[Applicability, ...] = ("none", "safe", "unsafe")
KINDS: tuple[Kind, ...] = ("lint", "format")
#: What a rule may need (:attr:`Rule.needs`).
NEEDS: tuple[str, ...] = ("index",)

CODE_PATTERN = re.compile(r"^[A-Z]{1,4}[0-9]{1,4}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (code-point offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"edit range {self.start}..{self.end} is not a valid range")


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that resolve one finding; they apply all together or not at all.

    ``applicability`` defaults to the rule's own; a rule whose fixes are usually safe can
    mark one fix ``"unsafe"`` (never the other way round: a rule declared unsafe stays so).
    """

    edits: tuple[Edit, ...]
    message: str = ""
    applicability: Applicability | None = None

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, message: str = "",
                applicability: Applicability | None = None) -> Fix:
        return cls((Edit(start, end, replacement),), message, applicability)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: a range of the page, a message, and maybe a fix."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    #: Overrides the rule's default severity for this finding only.
    severity: Severity | None = None


@dataclass(frozen=True)
class Examples:
    bad: str
    good: str


class Rule:
    """Base class of every rule. Subclass it, fill in the class attributes, write ``check``.

    ``options`` declares the rule's settings and their defaults; users set them in
    ``[tool.wikilint.rules.<name>]`` and the values reach :meth:`check` through
    ``self.options`` (a value must have the type of its default).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    #: Default severity of the rule's findings.
    severity: ClassVar[Severity] = "warning"
    #: Whether the rule runs when the user selects nothing explicitly.
    default_enabled: ClassVar[bool] = True
    #: ``none``, ``safe`` (always correct, touches nothing else) or ``unsafe`` (review it).
    fix_applicability: ClassVar[Applicability] = "none"
    options: ClassVar[Mapping[str, Any]] = {}
    #: Allowed values of options that take one of a few words (for a list option: of
    #: each element), e.g. ``{"scope": ("page", "section")}``; checked with the config.
    option_choices: ClassVar[Mapping[str, tuple[Any, ...]]] = {}
    #: Run after every other rule, once suppression comments have been applied
    #: (``page.suppressions`` then records which directives were used).
    after_suppressions: ClassVar[bool] = False
    #: The site preset the docstring examples are written for (``zhwiki`` for zh rules).
    example_site: ClassVar[str] = "default"
    #: The site languages (``site.language``) the rule applies to, e.g. ``("zh",)`` for
    #: rules on zh language-conversion markup; empty for every site. The engine runs the
    #: rule only on sites of these languages.
    languages: ClassVar[tuple[str, ...]] = ()
    #: ``lint`` (run by ``check``) or ``format``: a formatting rule, which changes only how
    #: the page is written, never what it shows; run by ``format`` alone, with safe fixes.
    kind: ClassVar[Kind] = "lint"
    #: What the rule needs beyond the page: ``("index",)`` for a rule that reads the wiki
    #: index of a dump (``page.index``, facts about every other page). The engine runs such
    #: a rule only when an index is there (``wikilint dump``, ``check --wiki-index``).
    needs: ClassVar[tuple[str, ...]] = ()
    #: For a rule that needs the index: the other pages of the wiki its docstring examples
    #: live in, ``{title: wikitext}`` (``#REDIRECT [[…]]`` makes a redirect).
    example_wiki: ClassVar[Mapping[str, str]] = {}

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options: dict[str, Any] = {**type(self).options, **(options or {})}

    def check(self, page: Page) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The docstring's first line."""
        return docstring_summary(cls.documentation())

    @classmethod
    def documentation(cls) -> str:
        return inspect.getdoc(cls) or ""

    @classmethod
    def examples(cls) -> Examples | None:
        return docstring_examples(cls.documentation())


_EXAMPLE_BLOCK = re.compile(
    r"^\*\*(?P<kind>Bad|Good)\*\*[^\n]*\n+```wikitext\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL
)


def docstring_summary(doc: str) -> str:
    """A docstring's first line (empty when there is none)."""
    return doc.strip().splitlines()[0].strip() if doc.strip() else ""


def docstring_examples(doc: str) -> Examples | None:
    """The first ``**Bad**`` and ``**Good**`` fenced ``wikitext`` blocks of a docstring.

    The block's text is the example exactly, including its final newline.
    """
    found: dict[str, str] = {}
    for match in _EXAMPLE_BLOCK.finditer(doc):
        found.setdefault(match["kind"].lower(), match["body"])
    if "bad" in found and "good" in found:
        return Examples(bad=found["bad"], good=found["good"])
    return None


def validate_rule_class(rule: type) -> list[str]:
    """Everything wrong with a rule class's metadata (empty when it is usable)."""
    problems = []
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        return [f"{rule!r} is not a subclass of wikilint.Rule"]
    code = getattr(rule, "code", None)
    name = getattr(rule, "name", None)
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        problems.append(f"code {code!r} must be 1-4 upper-case letters and 1-4 digits, like LNK001")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        problems.append(f"name {name!r} must be kebab-case, like redundant-label")
    if rule.severity not in SEVERITIES:
        problems.append(f"severity {rule.severity!r} must be one of {', '.join(SEVERITIES)}")
    if rule.fix_applicability not in APPLICABILITIES:
        problems.append(f"fix_applicability {rule.fix_applicability!r} must be one of {', '.join(APPLICABILITIES)}")
    if rule.kind not in KINDS:
        problems.append(f"kind {rule.kind!r} must be one of {', '.join(KINDS)}")
    elif rule.kind == "format" and rule.fix_applicability != "safe":
        problems.append("a format rule's fixes must be safe (fix_applicability = \"safe\")")
    for option, choices in rule.option_choices.items():
        default = rule.options.get(option)
        values = default if isinstance(default, (list, tuple)) else [default]
        if option not in rule.options or any(value not in choices for value in values):
            problems.append(f"option_choices[{option!r}] must name a declared option whose default is allowed")
    languages = rule.languages
    if not isinstance(languages, tuple) or not all(isinstance(code, str) and code for code in languages):
        problems.append(f"languages {languages!r} must be a tuple of language codes, like ('zh',)")
    needs = rule.needs
    if not isinstance(needs, tuple) or not all(need in NEEDS for need in needs):
        problems.append(f"needs {needs!r} must be a tuple of {', '.join(map(repr, NEEDS))}")
    # The docstring is cleaned once for both checks (every installed rule is validated at
    # every start-up, and inspect.getdoc is most of what that costs).
    documentation = rule.documentation()
    if not docstring_summary(documentation):
        problems.append("the docstring must start with a one-line summary")
    if docstring_examples(documentation) is None:
        problems.append("the docstring must hold a **Bad** and a **Good** ```wikitext example")
    return problems


@dataclass(frozen=True)
class RuleInfo:
    """A registered rule and where it came from."""

    rule: type[Rule]
    plugin: str
    distribution: str = field(default="")

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def name(self) -> str:
        return self.rule.name

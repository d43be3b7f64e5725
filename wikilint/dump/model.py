"""The plain records a dump reader yields: pages, the site's description, filters, counts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

#: The content model of wikitext pages; any other model is skipped (and counted).
WIKITEXT_MODEL = "wikitext"

#: MediaWiki's canonical namespace names, valid on every wiki whatever its language.
CANONICAL_NAMESPACES: dict[int, str] = {
    -2: "Media", -1: "Special", 0: "", 1: "Talk", 2: "User", 3: "User talk", 4: "Project", 5: "Project talk",
    6: "File", 7: "File talk", 8: "MediaWiki", 9: "MediaWiki talk", 10: "Template", 11: "Template talk",
    12: "Help", 13: "Help talk", 14: "Category", 15: "Category talk", 828: "Module", 829: "Module talk",
}

#: How many page problems :class:`ReadStats` keeps (all are counted).
KEPT_PROBLEMS = 100


@dataclass(frozen=True)
class SiteInfo:
    """The ``<siteinfo>`` of a dump (fields are ``None`` or empty when the dump lacks them).

    ``namespaces`` maps each namespace id to its local name (``""`` for the main
    namespace); ``namespace_cases`` holds the per-namespace ``case`` attribute
    (schema 0.4+), ``aliases`` the namespace aliases (schema 0.11).
    """

    sitename: str | None = None
    dbname: str | None = None
    base: str | None = None
    generator: str | None = None
    case: str | None = None
    namespaces: dict[int, str] = field(default_factory=dict)
    namespace_cases: dict[int, str] = field(default_factory=dict)
    aliases: dict[int, tuple[str, ...]] = field(default_factory=dict)
    schema_version: str | None = None
    language: str | None = None

    def namespace_of(self, title: str) -> int:
        """The namespace a prefixed title is in (for schema 0.3-0.5 dumps, which have no ``<ns>``):
        by the dump's namespace names and aliases, then MediaWiki's canonical names."""
        prefix, colon, _ = title.partition(":")
        if not colon or not prefix:
            return 0
        wanted = prefix.replace("_", " ").strip().casefold()
        names = [(key, (name,)) for key, name in self.namespaces.items()]
        names += list(self.aliases.items())
        names += [(key, (name,)) for key, name in CANONICAL_NAMESPACES.items()]
        for key, group in names:
            if key != 0 and any(name.casefold() == wanted for name in group):
                return key
        return 0


@dataclass(frozen=True, slots=True)
class DumpPage:
    """One revision of one page, as read from a dump (the latest revision unless all are read).

    ``redirect`` is ``None`` for a page that is not a redirect, else the target title
    (``""`` when the dump flags a redirect without naming its target, schema 0.4-0.5).
    ``bytes`` and ``sha1`` are what the dump declares (``sha1`` in MediaWiki's base-36
    form). ``offset`` is the byte offset in the *compressed* input at which the page's
    data was being read: exact (the stream's offset) for a multistream range, otherwise
    the compressed position when the page began, good for progress and error messages.
    ``xml_offset`` is the exact offset of ``<page`` in the uncompressed XML of its input
    (of its range, for a multistream range). ``revision_index`` is the revision's position
    among the page's ``<revision>`` elements; with the title it forms :attr:`key`, which
    the dump writer uses to find the revision again.
    """

    title: str
    namespace: int
    page_id: int | None
    revision_id: int | None
    parent_id: int | None
    timestamp: str | None
    model: str | None
    format: str | None
    redirect: str | None
    text: str
    sha1: str | None
    bytes: int | None
    offset: int
    xml_offset: int
    source: str
    revision_index: int = 0

    @property
    def key(self) -> tuple[str, int]:
        """``(title, revision_index)``: which revision of which page this is."""
        return (self.title, self.revision_index)

    @property
    def is_redirect(self) -> bool:
        return self.redirect is not None


@dataclass(frozen=True)
class PageProblem:
    """A page that cannot be checked; the reader reports it and goes on (unless strict).

    ``kind`` is one of ``"no-revision"``, ``"text-missing"``, ``"text-deleted"``.
    """

    kind: str
    source: str
    title: str
    offset: int
    message: str

    def __str__(self) -> str:
        return f"{self.source} (page {self.title!r}, byte {self.offset}): {self.message}"


@dataclass(frozen=True)
class PageFilter:
    """Which pages a reader yields.

    ``namespaces=None`` reads every namespace; ``title_regex`` is searched (``re.search``)
    in the full title; redirects are skipped unless ``include_redirects``; pages whose
    content model is not wikitext are always skipped and counted; ``limit`` stops after
    that many pages; ``all_revisions`` yields every revision of a page instead of the
    latest (by timestamp; the last in the dump on a tie).
    """

    namespaces: frozenset[int] | None = frozenset({0})
    title_regex: re.Pattern[str] | None = None
    include_redirects: bool = False
    limit: int | None = None
    all_revisions: bool = False

    @classmethod
    def everything(cls) -> PageFilter:
        """Every page of every namespace, redirects included (non-wikitext still skipped)."""
        return cls(namespaces=None, include_redirects=True)


@dataclass
class ReadStats:
    """Counts of one read (one reader, or one multistream range); :meth:`add` merges them."""

    pages_seen: int = 0
    pages_yielded: int = 0
    revisions_yielded: int = 0
    skipped_namespace: int = 0
    skipped_title: int = 0
    skipped_redirects: int = 0
    skipped_models: Counter[str] = field(default_factory=Counter)
    skipped_deleted_revisions: int = 0
    problem_count: int = 0
    problems: list[PageProblem] = field(default_factory=list)
    xml_bytes: int = 0
    compressed_bytes: int = 0

    @property
    def skipped(self) -> int:
        return (self.skipped_namespace + self.skipped_title + self.skipped_redirects
                + sum(self.skipped_models.values()) + self.problem_count)

    def record_problem(self, problem: PageProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)

    def add(self, other: ReadStats) -> None:
        for name in ("pages_seen", "pages_yielded", "revisions_yielded", "skipped_namespace", "skipped_title",
                     "skipped_redirects", "skipped_deleted_revisions", "xml_bytes", "compressed_bytes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.skipped_models.update(other.skipped_models)
        for problem in other.problems:
            self.record_problem(problem)
        self.problem_count += other.problem_count - len(other.problems)


ProblemHandler = Callable[[PageProblem], None]

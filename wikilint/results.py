"""What processing one page gives back: the same shape for files, stdin, dump pages and
editor buffers, and what every output format reads (outputs never import the runner)."""

from __future__ import annotations

from dataclasses import dataclass, field

from wikilint.engine import Diagnostic


@dataclass
class PageResult:
    """The outcome for one page task."""

    #: The name outputs show: a file path, ``-``/``--stdin-filename``, or a dump page's title.
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: One-line problems with the page itself (unreadable, undecodable, bad config).
    errors: list[str] = field(default_factory=list)
    #: A rule raised or misbehaved (exit status 2).
    internal_error: bool = False
    #: The fixed text (fix and diff modes, only when the page changed and the fixes held).
    new_text: str | None = None
    #: ``new_text`` encoded as the input was (BOM, CRLF, final newline): what ``--fix`` writes.
    new_bytes: bytes | None = None
    diff: str = ""
    #: ``(code, fix message)`` of every fix applied, in order.
    applied: list[tuple[str, str]] = field(default_factory=list)
    #: Of ``applied``, the fixes whose findings appeared only after other fixes.
    found_later: int = 0
    #: Some fix was refused (WL002): the page is written without it, or not at all.
    fix_failed: bool = False
    #: The site the page was linted as, and with ``site = "auto"`` why (the detection's evidence).
    site: str | None = None
    site_evidence: tuple[str, ...] = ()
    #: Things the run should say once (the same notice from many pages is printed once).
    notices: list[str] = field(default_factory=list)
    #: For dump pages: where the page came from.
    title: str | None = None
    namespace: int | None = None
    page_id: int | None = None
    revision_id: int | None = None

    @property
    def failed(self) -> bool:
        """Whether this page makes the run exit with status 2."""
        return bool(self.errors) or self.internal_error or self.fix_failed

"""The streaming XML core shared by the dump reader and the dump writer.

Why the standard library's expat (``xml.parsers.expat``) and not lxml or defusedxml:

* it is a push parser: the reader feeds it one decompressed chunk at a time, so memory
  stays bounded by the largest revision, whatever the dump's size;
* it reports the exact byte offset of every tag (``CurrentByteIndex``), which the writer
  needs to copy every byte of the input through and replace only a ``<text>``'s content
  (lxml's iterparse gives line numbers, not byte offsets);
* safety needs three switches, all set here: an entity declaration raises (before any
  expansion, so "billion laughs" never starts), a DOCTYPE naming an external DTD raises,
  and no external-entity handler is installed and parameter entities are never parsed,
  so nothing is ever fetched. defusedxml sets the same expat handlers; it would add a
  dependency for three lines;
* the time goes into decompression and into the rules, not into expat (see
  ``benchmarks/dump_read.py``).

Elements are matched by name and parent, without namespace processing, so every export
schema (0.3 to 0.11, with or without ``xmlns``) reads the same way; unknown elements are
ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from wikilint.dump.errors import DumpEntityError, DumpIncompleteError, DumpXMLError, NotADumpError
from wikilint.dump.model import SiteInfo

#: Leaf elements whose text the parser keeps, by parent element.
_PAGE_FIELDS = frozenset({"title", "ns", "id"})
_REVISION_FIELDS = frozenset({"id", "parentid", "timestamp", "model", "format", "sha1"})
_SLOT_FIELDS = frozenset({"role", "model", "format"})
_SITE_FIELDS = frozenset({"sitename", "dbname", "base", "generator", "case"})

_TEXT_BUFFER = 1 << 20  # expat hands character data over in pieces of at most this size


@dataclass
class Slot:
    """The ``<text>`` of a revision's slot (the main slot, or a ``<content>`` of schema 0.11)."""

    role: str = "main"
    model: str | None = None
    format: str | None = None
    present: bool = False  # a <text> element was seen
    text: str | None = None  # None when the reader does not keep text
    deleted: bool = False
    stub: bool = False  # <text id=… /> or <text location=… />: a stub dump without content
    bytes: int | None = None
    sha1: str | None = None  # the <text sha1="…"> attribute (schema 0.11)
    tag_start: int = -1  # offset of "<text"
    end_index: int = -1  # offset of "</text>", or just past "<text … />"


@dataclass
class Revision:
    index: int
    start: int
    id: int | None = None
    parent_id: int | None = None
    timestamp: str | None = None
    sha1: str | None = None
    sha1_start: int = -1  # offset of "<sha1"
    sha1_end_index: int = -1  # offset of "</sha1>", or just past "<sha1/>"
    main: Slot = field(default_factory=Slot)
    slots: list[Slot] = field(default_factory=list)  # the non-main <content> slots
    end: int = -1  # offset of "</revision>"


@dataclass
class Page:
    start: int
    compressed_offset: int
    title: str | None = None
    namespace: int | None = None
    id: int | None = None
    redirect: str | None = None
    revision_count: int = 0
    end: int = -1  # offset of "</page>"


class DumpParser:
    """Feeds bytes to expat and turns them into events, drained after each :meth:`feed`.

    Events are tuples: ``("siteinfo", SiteInfo)``, ``("page_start", Page)``,
    ``("revision", Page, Revision)`` at each ``</revision>``, ``("page_end", Page)`` and
    ``("end", offset)`` at ``</mediawiki>``. Offsets are byte offsets in the fed data,
    shifted by ``offset_shift`` (negative when a synthetic prefix was fed first); errors
    name them "uncompressed byte" when the input is ``compressed``.
    ``keep_text=False`` skips collecting text, for the writer, which copies bytes instead.
    """

    def __init__(self, source: str, *, keep_text: bool = True, offset_shift: int = 0, compressed: bool = False):
        self.source = source
        self.unit = "uncompressed byte" if compressed else "byte"
        self.keep_text = keep_text
        self.offset_shift = offset_shift
        self.compressed_offset = 0  # set by the caller before each feed, for page records
        self.events: list[tuple] = []
        self.siteinfo: SiteInfo | None = None
        self.pages_done = 0
        self.root_closed = False
        self.last_title: str | None = None
        self._stack: list[str] = []
        self._page: Page | None = None
        self._revision: Revision | None = None
        self._slot: Slot | None = None
        self._site: dict | None = None
        self._namespace_key: tuple[str, int, str | None] | None = None
        self._chars: list[str] | None = None
        self._collect_depth = -1
        self._root_seen = False
        self._root_attrs: dict[str, str] = {}
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = _TEXT_BUFFER
        parser.ordered_attributes = False
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.UnparsedEntityDeclHandler = self._entity
        self._expat: expat.XMLParserType | None = parser

    # -- feeding ----------------------------------------------------------------------
    def feed(self, data: bytes, final: bool = False) -> list[tuple]:
        try:
            self._expat.Parse(data, final)
        except expat.ExpatError as error:
            raise self._xml_error(error, final) from None
        finally:
            if final:
                self.close()
        events, self.events = self.events, []
        return events

    def close(self) -> None:
        """Let go of expat now (its handlers hold this object, a cycle with a 1 MB buffer that
        the garbage collector would free late); :meth:`feed` with ``final`` does it too."""
        parser = self._expat
        if parser is not None:
            parser.StartElementHandler = parser.EndElementHandler = parser.CharacterDataHandler = None
            parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = parser.UnparsedEntityDeclHandler = None
            self._expat = None

    def _offset(self) -> int:
        return self._expat.CurrentByteIndex + self.offset_shift

    def _xml_error(self, error: expat.ExpatError, final: bool) -> DumpXMLError:
        offset = self._expat.ErrorByteIndex + self.offset_shift
        reason = expat.ErrorString(error.code)
        at_end = final and error.code in (expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],
                                          expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN],
                                          expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR],
                                          expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION])
        if not self._root_seen:
            if at_end and offset <= 0:
                return NotADumpError(self.source, "empty: no XML at all", offset=0)
            return NotADumpError(self.source, f"not XML ({reason}, line {error.lineno}, column {error.offset})",
                                 offset=offset, unit=self.unit)
        if at_end and self._page is not None:
            title = self._page.title
            return DumpIncompleteError(
                self.source, f"the XML ends inside a page (which starts at byte {self._page.start}): the dump is cut "
                f"short after {self.pages_done} complete pages", offset=offset, title=title, unit=self.unit)
        if at_end:
            after = f" (last complete page {self.last_title!r})" if self.last_title is not None else ""
            return DumpIncompleteError(self.source, f"the XML ends before </mediawiki>: the dump is cut short after "
                                       f"{self.pages_done} complete pages{after}", offset=offset, unit=self.unit)
        title = self._page.title if self._page is not None else None
        return DumpXMLError(self.source, f"not well-formed XML: {reason} (line {error.lineno}, column {error.offset})",
                            offset=offset, title=title, unit=self.unit)

    # -- safety -----------------------------------------------------------------------
    def _doctype(self, name, system_id, public_id, has_internal_subset) -> None:
        if system_id or public_id:
            raise DumpEntityError(self.source, f"the DOCTYPE names an external DTD ({system_id or public_id!s}); "
                                  "dumps have none and wikilint never fetches one", offset=self._offset(),
                                  unit=self.unit)

    def _entity(self, name, *rest) -> None:
        raise DumpEntityError(self.source, f"the DOCTYPE declares the entity {name!r}; dumps declare none and "
                              "wikilint never expands declared entities", offset=self._offset(),
                              unit=self.unit)

    # -- collecting leaf text -----------------------------------------------------------
    def _collect(self, depth: int) -> None:
        self._chars = []
        self._collect_depth = depth
        self._expat.CharacterDataHandler = self._chars.append

    def _take(self) -> str:
        chars, self._chars = self._chars, None
        self._collect_depth = -1
        self._expat.CharacterDataHandler = None
        return "".join(chars)

    # -- elements -----------------------------------------------------------------------
    def _start(self, name: str, attrs: dict[str, str]) -> None:
        stack = self._stack
        depth = len(stack)
        stack.append(name)
        if depth == 0:
            self._root(name, attrs)
            return
        parent = stack[-2]
        if depth == 1:
            if name == "page":
                self._page = Page(self._offset(), self.compressed_offset)
                self.events.append(("page_start", self._page))
            elif name == "siteinfo":
                self._site = {"namespaces": {}, "namespace_cases": {}, "aliases": {}}
            return
        if depth == 2 and parent == "page":
            page = self._page
            if name == "revision":
                self._revision = Revision(page.revision_count, self._offset())
                page.revision_count += 1
            elif name in _PAGE_FIELDS:
                self._collect(depth)
            elif name == "redirect":
                page.redirect = attrs.get("title", "")
        elif depth == 3 and parent == "revision" and self._revision is not None:
            if name == "text":
                self._text(self._revision.main, attrs, depth)
            elif name in _REVISION_FIELDS:
                if name == "sha1":
                    self._revision.sha1_start = self._offset()
                self._collect(depth)
            elif name == "content":
                self._slot = Slot(role="")
        elif depth == 4 and parent == "content" and self._slot is not None:
            if name == "text":
                self._text(self._slot, attrs, depth)
            elif name in _SLOT_FIELDS:
                self._collect(depth)
        elif self._site is not None:
            if depth == 2 and name in _SITE_FIELDS:
                self._collect(depth)
            elif depth == 3 and name == "namespace" and parent in ("namespaces", "namespacealiases"):
                try:
                    key = int(attrs.get("key", ""))
                except ValueError:
                    return
                self._namespace_key = (parent, key, attrs.get("case"))
                self._collect(depth)

    def _text(self, slot: Slot, attrs: dict[str, str], depth: int) -> None:
        slot.present = True
        slot.tag_start = self._offset()
        slot.deleted = attrs.get("deleted") == "deleted"
        slot.stub = "id" in attrs or "location" in attrs
        slot.sha1 = attrs.get("sha1")
        size = attrs.get("bytes")
        slot.bytes = int(size) if size and size.isdigit() else None
        if self.keep_text:
            self._collect(depth)

    def _end(self, name: str) -> None:
        stack = self._stack
        stack.pop()
        depth = len(stack)
        value = self._take() if self._collect_depth == depth else None
        if depth == 0:
            self.root_closed = True
            self.events.append(("end", self._offset()))
            return
        parent = stack[-1]
        if depth == 1:
            if name == "page" and self._page is not None:
                page, self._page = self._page, None
                page.end = self._offset()
                self.pages_done += 1
                self.last_title = page.title
                self.events.append(("page_end", page))
            elif name == "siteinfo" and self._site is not None:
                self.siteinfo = SiteInfo(schema_version=self._root_attrs.get("version"),
                                         language=self._root_attrs.get("xml:lang"), **self._site)
                self._site = None
                self.events.append(("siteinfo", self.siteinfo))
            return
        if depth == 2 and parent == "page":
            page = self._page
            if name == "revision" and self._revision is not None:
                revision, self._revision = self._revision, None
                revision.end = self._offset()
                if not revision.main.present:
                    main = next((slot for slot in revision.slots if slot.role == "main"), None)
                    if main is not None:
                        revision.main = main
                        revision.slots.remove(main)
                self.events.append(("revision", page, revision))
            elif value is not None:
                if name == "title":
                    page.title = value
                elif name == "ns":
                    page.namespace = _integer(value)
                elif name == "id":
                    page.id = _integer(value)
        elif depth == 3 and parent == "revision" and self._revision is not None:
            revision = self._revision
            if name == "text":
                revision.main.end_index = self._offset()
                if value is not None:
                    revision.main.text = value
            elif name == "content" and self._slot is not None:
                revision.slots.append(self._slot)
                self._slot = None
            elif value is not None:
                if name == "id":
                    revision.id = _integer(value)
                elif name == "parentid":
                    revision.parent_id = _integer(value)
                elif name == "timestamp":
                    revision.timestamp = value
                elif name == "model":
                    revision.main.model = value
                elif name == "format":
                    revision.main.format = value
                elif name == "sha1":
                    revision.sha1 = value
                    revision.sha1_end_index = self._offset()
        elif depth == 4 and parent == "content" and self._slot is not None:
            slot = self._slot
            if name == "text":
                slot.end_index = self._offset()
                if value is not None:
                    slot.text = value
            elif value is not None:
                setattr(slot, name, value)
        elif self._site is not None and value is not None:
            if depth == 2:
                self._site[name] = value
            elif depth == 3 and self._namespace_key is not None:
                group, key, case = self._namespace_key
                self._namespace_key = None
                if group == "namespaces":
                    self._site["namespaces"][key] = value
                    if case:
                        self._site["namespace_cases"][key] = case
                else:
                    self._site["aliases"][key] = self._site["aliases"].get(key, ()) + (value,)

    def _root(self, name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(":")[2] != "mediawiki":
            raise NotADumpError(self.source, f"not a MediaWiki XML dump: the root element is <{name}>, "
                                "not <mediawiki>", offset=self._offset(), unit=self.unit)
        self._root_seen = True
        self._root_attrs = dict(attrs)


def _integer(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None

"""Writing a dump: the input's bytes, with the text of changed revisions replaced.

:class:`DumpRewriter` reads its input dump again, in step with the changes it is given
(in dump order), and copies every byte of the decompressed XML through, except, for each
changed revision: the content of its ``<text>`` (escaped as MediaWiki escapes it), the
``bytes`` (and, schema 0.11, ``sha1``) attribute of that ``<text>``, and the content of
the revision's ``<sha1>``. Nothing is re-serialised, so whitespace, attribute order,
comments and unknown elements survive byte for byte.

    with DumpRewriter("zhwiki-…-pages-articles.xml.bz2", "fixed.xml.bz2") as rewriter:
        for page, new_text in results_in_dump_order:
            rewriter.replace(page.key, new_text)
    # leaving the block finishes: the rest is copied, the output renamed into place

The output is compressed as its name says (``.bz2 .gz .xz .lzma .zst .7z``, else plain)
and written to a temporary file in the same directory, renamed only once complete; an
error inside the ``with`` block removes it. A multistream input (one with an index)
gives a multistream output, 100 pages a stream as Wikimedia does, with a fresh index.
"""

from __future__ import annotations

import bz2
import hashlib
import lzma
import os
import re
import zlib
import io
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from wikilint.dump.errors import DumpError, DumpWriteError, DumpXMLError
from wikilint.dump.multistream import (RANGE_PREFIX, RANGE_SUFFIX, MultistreamIndex, StreamRange, check_range_pages,
                                       find_index, index_path_for, open_range, range_mismatch)
from wikilint.dump.parser import DumpParser, Page, Revision, Slot
from wikilint.dump.reader import CHUNK_SIZE
from wikilint.dump.sniff import (BZ2, GZIP, LZMA, NONE, SEVEN_ZIP, SUFFIXES, XZ, ZSTD, OpenedInput, Source,
                                 missing_extra, zstd_module, open_input, sniff_encoding, source_name)

#: Pages per stream of a multistream output (Wikimedia's choice).
PAGES_PER_STREAM = 100

#: Compressions whose files may be a concatenation of independent streams.
STREAMABLE = frozenset({BZ2, GZIP, XZ, ZSTD})

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"}
_TRANSLATIONS = {(quotes, greater): str.maketrans({char: escape for char, escape in _ESCAPES.items()
                                                   if (quotes or char != '"') and (greater or char != ">")})
                 for quotes in (True, False) for greater in (True, False)}


def base36_sha1(data: bytes) -> str:
    """SHA-1 in MediaWiki's form: base 36, lowercase, zero-padded to 31 digits."""
    number = int.from_bytes(hashlib.sha1(data).digest(), "big")
    digits = []
    while number:
        number, digit = divmod(number, 36)
        digits.append(_BASE36[digit])
    return "".join(reversed(digits)).rjust(31, "0")


def mediawiki_sha1(text: str) -> str:
    """The ``<sha1>`` MediaWiki gives a revision whose only slot holds ``text``."""
    return base36_sha1(text.encode("utf-8"))


def escape_text(text: str, *, quotes: bool = True, greater: bool = True) -> str:
    """``text`` as the content of a ``<text>`` element, escaped as MediaWiki's dumps escape it
    (``& < > "``; ``quotes=False`` and ``greater=False`` leave ``"`` and ``>`` as they are, as
    some dump producers do), with carriage returns as ``&#13;`` so that parsing gives them back."""
    invalid = _INVALID_XML.search(text)
    if invalid:
        raise ValueError(f"U+{ord(invalid.group()):04X} at offset {invalid.start()} cannot be written in XML")
    return text.translate(_TRANSLATIONS[quotes, greater])


def compression_for_name(path: str | Path) -> str:
    """The compression an output file's name asks for (``"none"`` for ``.xml`` and the rest)."""
    return SUFFIXES.get(Path(path).suffix.lower(), NONE)


class _Compressor:
    """One compressed stream: ``compress`` then ``flush``."""

    def __init__(self, compression: str):
        if compression == BZ2:
            self._engine = bz2.BZ2Compressor(9)
        elif compression == GZIP:
            self._engine = zlib.compressobj(6, zlib.DEFLATED, 31)  # gzip wrapper, no name, mtime 0
        elif compression == XZ:
            self._engine = lzma.LZMACompressor(lzma.FORMAT_XZ)
        elif compression == LZMA:
            self._engine = lzma.LZMACompressor(lzma.FORMAT_ALONE)
        elif compression == ZSTD:
            zstd = zstd_module()
            if zstd is None:
                raise missing_extra("output", ZSTD)
            self._engine = zstd.ZstdCompressor()
        else:
            self._engine = None

    def compress(self, data: bytes) -> bytes:
        return self._engine.compress(data) if self._engine is not None else data

    def flush(self) -> bytes:
        return self._engine.flush() if self._engine is not None else b""


class DumpOutput:
    """A compressed output file written to a temporary name and renamed by :meth:`commit`.

    ``new_stream()`` ends the current compressed stream: the next write starts another
    (for multistream outputs), at offset ``stream_start``; ``write_compressed`` appends
    bytes already compressed as whole streams. ``target`` may be a binary stream (then
    nothing is renamed, and 7z is not possible).
    """

    def __init__(self, target: str | Path | BinaryIO, *, compression: str | None = None):
        self.name = source_name(target)
        self.compression = compression or (compression_for_name(target) if isinstance(target, (str, Path)) else NONE)
        self._final: Path | None = None
        self._temporary: Path | None = None
        self._xml_temporary: Path | None = None
        if isinstance(target, (str, Path)):
            self._final = Path(target)
            self._temporary = self._final.with_name(f".{self._final.name}.{os.getpid()}.tmp")
            if self.compression == SEVEN_ZIP:
                self._xml_temporary = self._final.with_name(f".{self._final.name}.{os.getpid()}.xml.tmp")
            try:
                self._file: BinaryIO = open(self._xml_temporary or self._temporary, "wb")
            except OSError as error:
                raise DumpWriteError(self.name, f"cannot write: {error.strerror or error}") from None
        else:
            if self.compression == SEVEN_ZIP:
                raise DumpWriteError(self.name, "7z output needs a file name")
            self._file = target
        self._stream_compression = NONE if self.compression == SEVEN_ZIP else self.compression
        self._compressor = _Compressor(self._stream_compression)
        self.position = 0  # compressed bytes written so far
        self.stream_start = 0  # where the current stream starts
        self.streams = 0  # streams started so far
        self.xml_bytes = 0
        self._stream_bytes = 0  # uncompressed bytes in the current stream
        self._stream_ended = True

    def write(self, data: bytes) -> None:
        if not data:
            return
        if self._stream_ended:
            self._end_stream()
            self.stream_start = self.position
            self.streams += 1
            self._stream_ended = False
        self.xml_bytes += len(data)
        self._stream_bytes += len(data)
        self._put(self._compressor.compress(data))

    def new_stream(self) -> None:
        """End the current stream; the next write starts a new one."""
        self._stream_ended = True

    def write_compressed(self, data: bytes) -> None:
        """Append whole compressed streams as they are."""
        self._end_stream()
        self._stream_ended = True
        self._put(data)

    def _end_stream(self) -> None:
        if self._stream_bytes:
            self._put(self._compressor.flush())
            self._compressor = _Compressor(self._stream_compression)
            self._stream_bytes = 0

    def _put(self, data: bytes) -> None:
        if data:
            try:
                self._file.write(data)
            except OSError as error:
                raise DumpWriteError(self.name, f"cannot write: {error.strerror or error}") from None
            self.position += len(data)

    def commit(self) -> None:
        """Finish the data and move it to its final name (the output is complete only now)."""
        self._end_stream()
        if self.streams == 0 and self.position == 0:
            self._put(self._compressor.flush())  # an empty but valid compressed file
        if self._final is None:
            self._file.flush()
            return
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            if self._xml_temporary is not None:
                _write_7z(self._xml_temporary, self._temporary, self._final)
                self._xml_temporary.unlink()
            os.replace(self._temporary, self._final)
        except OSError as error:
            self.abort()
            raise DumpWriteError(self.name, f"cannot write: {error.strerror or error}") from None

    def abort(self) -> None:
        """Drop the unfinished output; a file already at the final name is left as it was."""
        if self._final is None:
            return
        self._file.close()
        for path in (self._temporary, self._xml_temporary):
            if path is not None:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass


def _write_7z(xml_path: Path, archive_path: Path, final: Path) -> None:
    try:
        import py7zr
    except ImportError:
        raise missing_extra(final.name, SEVEN_ZIP) from None
    member = final.name[:-3] if final.name.lower().endswith(".7z") else final.name
    with py7zr.SevenZipFile(archive_path, "w") as archive:
        archive.write(xml_path, arcname=member)


@dataclass
class RewriteStats:
    pages: int = 0
    revisions_replaced: int = 0
    streams: int = 0
    xml_bytes_in: int = 0
    xml_bytes_out: int = 0


IndexEntry = Callable[[int, "int | None", str], None]


class _Copier:
    """Copies a decompressed input to an output in step with the changes it is given.

    The input is parsed as it is copied; bytes are written out only up to the last parser
    event handled, so that when a revision's event comes (at its ``</revision>``), its
    ``<text>`` and ``<sha1>`` are still in the buffer and can be replaced. ``suffix`` is
    fed to the parser (never copied) when the input ends without ``</mediawiki>``: a range
    of a multistream dump. ``on_page(stream_offset, page_id, title)`` is called at each
    page's end in multistream mode, for the index.
    """

    def __init__(self, opened: OpenedInput, parser: DumpParser, output: DumpOutput, *, multistream: bool,
                 pages_per_stream: int, on_page: IndexEntry | None = None, suffix: bytes = b""):
        self.opened = opened
        self.parser = parser
        self.output = output
        self.multistream = multistream
        self.pages_per_stream = pages_per_stream
        self.on_page = on_page
        self.suffix = suffix
        self.stats = RewriteStats()
        self.pages: list[Page] = []  # for a range: its pages, to check against the index
        self.keep_pages = False
        self._codec = "utf-8"
        self._buffer = bytearray()
        self._buffer_start = 0  # input offset of self._buffer[0]
        self._written = 0  # input offset up to which the output has been written
        self._fed_end = 0
        self._events: deque[tuple] = deque()
        self._input_done = False
        self._pending: tuple[tuple[str, int], str] | None = None
        self._pages_in_stream = 0
        self._escapes = {"quotes": True, "greater": True}  # MediaWiki's, until the input shows otherwise

    def replace(self, key: tuple[str, int], text: str) -> None:
        self._pending = (key, text)
        while self._pending is not None:
            if not self._step():
                self._pending = None
                raise DumpWriteError(self.output.name, f"no revision #{key[1] + 1} of page {key[0]!r} after the "
                                     "previous change: changes must name pages of this dump, in dump order")

    def copy_rest(self) -> RewriteStats:
        while self._step():
            pass
        self._emit(self._fed_end)
        self.stats.xml_bytes_in = self._fed_end
        self.stats.xml_bytes_out = self.output.xml_bytes
        self.stats.streams = self.output.streams
        return self.stats

    # -- reading in step ----------------------------------------------------------------
    def _step(self) -> bool:
        """Handle one parser event (reading input as needed); False at the end of the input."""
        while not self._events:
            if self._input_done:
                return False
            self.parser.compressed_offset = self.opened.compressed_position()
            data = self.opened.read(CHUNK_SIZE)
            if self._fed_end == 0 and data:
                self._codec = sniff_encoding(data[:4096])
            self._buffer += data
            self._fed_end += len(data)
            self._input_done = not data
            if self._input_done and not self.parser.root_closed:
                data = self.suffix
            self._events.extend(self.parser.feed(data, final=self._input_done))
        self._handle(self._events.popleft())
        return True

    def _handle(self, event: tuple) -> None:
        kind = event[0]
        if kind == "page_start":
            page: Page = event[1]
            if self.multistream and (self.stats.pages == 0 or self._pages_in_stream >= self.pages_per_stream):
                # A stream starts at the start of the <page> line, indentation included, as Wikimedia's do.
                line_start = page.start
                while line_start > self._written and self._buffer[line_start - self._buffer_start - 1] in b" \t":
                    line_start -= 1
                self._emit(line_start)
                self.output.new_stream()
                self._pages_in_stream = 0
            self._emit(page.start)
            self._pages_in_stream += 1
            self.stats.pages += 1
        elif kind == "revision":
            page, revision = event[1], event[2]
            if self._pending is not None and self._pending[0] == (page.title or "", revision.index):
                self._splice(page, revision, self._pending[1])
                self._pending = None
            self._emit(revision.end)
        elif kind == "page_end":
            page = event[1]
            self._emit(page.end)
            if self.keep_pages:
                self.pages.append(page)
            if self.on_page is not None:
                self.on_page(self.output.stream_start, page.id, page.title or "")
        elif kind == "end":
            self._emit(min(event[1], self._fed_end))
            if self.multistream:
                self.output.new_stream()  # </mediawiki> in a stream of its own, as Wikimedia does

    # -- output -------------------------------------------------------------------------
    def _emit(self, upto: int) -> None:
        """Copy input bytes up to offset ``upto`` to the output."""
        if upto > self._written:
            start = self._written - self._buffer_start
            self.output.write(bytes(self._buffer[start:upto - self._buffer_start]))
            self._written = upto
        consumed = self._written - self._buffer_start
        if consumed > CHUNK_SIZE:
            del self._buffer[:consumed]
            self._buffer_start = self._written

    def _raw(self, start: int, end: int) -> bytes:
        return bytes(self._buffer[start - self._buffer_start:end - self._buffer_start])

    def _tag(self, start: int) -> tuple[str, int]:
        """The start tag beginning at input offset ``start``, and the offset just past it."""
        window = self._raw(start, min(start + 4096, self._fed_end))
        text = window.decode(self._codec, errors="ignore")
        quote = None
        for position, char in enumerate(text):
            if quote:
                if char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char == ">":
                tag = text[:position + 1]
                return tag, start + len(tag.encode(self._codec))
        raise DumpError(self.opened.name, "a start tag longer than 4096 bytes", offset=start)

    def _splice(self, page: Page, revision: Revision, text: str) -> None:
        main = revision.main
        title = page.title or ""
        if not main.present or main.deleted:
            state = "deleted" if main.deleted else "missing"
            raise DumpWriteError(self.output.name, f"cannot replace a {state} text", title=title,
                                 offset=main.tag_start)
        tag, tag_end = self._tag(main.tag_start)
        self._learn_escapes(self._raw(tag_end, main.end_index) if not tag.endswith("/>") else b"")
        try:
            escaped = escape_text(text, **self._escapes)
        except ValueError as error:
            raise DumpWriteError(self.output.name, f"the new text cannot be written: {error}", title=title) from None
        slot_sha1 = mediawiki_sha1(text)
        tag = _set_attribute(tag, "bytes", str(len(text.encode("utf-8"))))
        tag = _set_attribute(tag, "sha1", slot_sha1)
        if tag.endswith("/>"):  # <text … /> becomes <text …>new</text>
            edits = [(main.tag_start, main.end_index, tag[:-2].rstrip() + ">" + escaped + "</text>")]
        else:
            edits = [(main.tag_start, main.end_index, tag + escaped)]
        if revision.sha1_start >= 0:
            sha1_tag, sha1_tag_end = self._tag(revision.sha1_start)
            new_sha1 = _revision_sha1(slot_sha1, revision.slots)
            if sha1_tag.endswith("/>"):
                edits.append((revision.sha1_start, revision.sha1_end_index,
                              sha1_tag[:-2].rstrip() + ">" + new_sha1 + "</sha1>"))
            else:
                edits.append((sha1_tag_end, revision.sha1_end_index, new_sha1))
        for start, end, replacement in sorted(edits):  # <sha1> follows <text> in every schema, but in case
            self._emit(start)
            self._write_text(replacement)
            self._written = end
        self.stats.revisions_replaced += 1

    def _learn_escapes(self, content: bytes) -> None:
        """Escape ``"`` and ``>`` as the input does (MediaWiki does, some producers do not), so that
        a changed text differs from the original only where its characters do."""
        original = content.decode(self._codec, errors="ignore")
        for key, char, entity in (("quotes", '"', "&quot;"), ("greater", ">", "&gt;")):
            if entity in original:
                self._escapes[key] = True
            elif char in original:
                self._escapes[key] = False

    def _write_text(self, text: str) -> None:
        self.output.write(text.encode(self._codec, errors="xmlcharrefreplace"))


class DumpRewriter:
    """Copy one dump to ``output``, replacing the text of the revisions given to :meth:`replace`.

    ``replace(key, text)`` must be called in dump order (``key`` is
    :attr:`DumpPage.key <wikilint.dump.DumpPage.key>`); the input is read up to that
    revision as it is called, so memory stays bounded whatever the dump's size.
    ``multistream`` (default: when the input has a multistream index beside it and the
    output's compression can hold several streams) writes ``pages_per_stream`` pages a
    stream and an index at ``index_output`` (default: Wikimedia's name beside the output).
    """

    def __init__(self, source: Source, output: str | Path | BinaryIO, *, multistream: bool | None = None,
                 index_output: str | Path | None = None, pages_per_stream: int = PAGES_PER_STREAM):
        opened = open_input(source)
        try:
            self._output = DumpOutput(output)
        except BaseException:
            opened.close()
            raise
        if multistream is None:
            multistream = (isinstance(source, (str, Path)) and find_index(source) is not None
                           and self._output.compression in STREAMABLE)
        if multistream and self._output.compression not in STREAMABLE:
            self._output.abort()
            opened.close()
            raise DumpWriteError(self._output.name, f"a multistream output must be .bz2, .gz, .xz or .zst, "
                                 f"not {self._output.compression}")
        self.multistream = bool(multistream)
        self._index: DumpOutput | None = None
        if self.multistream:
            target = index_output if index_output is not None else index_path_for(output)
            self._index = DumpOutput(target, compression=compression_for_name(target))
        parser = DumpParser(opened.name, keep_text=False, compressed=opened.compression != NONE)
        self._copier = _Copier(opened, parser, self._output, multistream=self.multistream,
                               pages_per_stream=pages_per_stream, on_page=self._index_entry if self._index else None)
        self._opened = opened
        self._finished = False

    @property
    def stats(self) -> RewriteStats:
        return self._copier.stats

    def _index_entry(self, offset: int, page_id: int | None, title: str) -> None:
        self._index.write(f"{offset}:{page_id or 0}:{title}\n".encode("utf-8"))

    def replace(self, key: tuple[str, int], text: str) -> None:
        """Give revision ``key`` (title, revision index) the text ``text``."""
        self._copier.replace(key, text)

    def finish(self) -> RewriteStats:
        """Copy the rest of the input, then move the output (and index) into place."""
        if self._finished:
            return self.stats
        try:
            self._copier.copy_rest()
            if self._index is not None:
                self._index.commit()
            self._output.commit()
        except BaseException:
            self.abort()
            raise
        self._finished = True
        self._opened.close()
        return self.stats

    def abort(self) -> None:
        """Drop the unfinished output (and index)."""
        self._finished = True
        self._copier.parser.close()
        self._output.abort()
        if self._index is not None:
            self._index.abort()
        self._opened.close()

    def __enter__(self) -> DumpRewriter:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.abort()


@dataclass(frozen=True)
class RewrittenRange:
    """One range of a multistream dump, rewritten and compressed in a worker.

    ``data`` is whole compressed streams (``pages_per_stream`` pages each, and
    ``</mediawiki>`` in one of its own for the dump's last range); ``entries`` are its
    index lines as ``(offset in data, page id, title)``.
    """

    path: str
    start: int
    end: int
    ordinal: int
    data: bytes
    entries: tuple[tuple[int, int, str], ...]
    stats: RewriteStats


def rewrite_range(stream_range: StreamRange, changes: Iterable[tuple[tuple[str, int], str]], *,
                  pages_per_stream: int = PAGES_PER_STREAM) -> RewrittenRange:
    """The pages of ``stream_range`` with ``changes`` (in dump order) applied, compressed as
    the dump is: what :func:`assemble_multistream` joins. Run it where the range's pages
    were checked, so that only compressed bytes travel back."""
    entries: list[tuple[int, int, str]] = []
    buffer = io.BytesIO()
    with open_range(stream_range.path, stream_range.start, stream_range.end) as opened:
        output = DumpOutput(buffer, compression=opened.compression)
        parser = DumpParser(opened.name, keep_text=False, offset_shift=-len(RANGE_PREFIX), compressed=True)
        parser.feed(RANGE_PREFIX)
        copier = _Copier(opened, parser, output, multistream=True, pages_per_stream=pages_per_stream,
                         on_page=lambda offset, page_id, title: entries.append((offset, page_id or 0, title)),
                         suffix=RANGE_SUFFIX)
        copier.keep_pages = True
        try:
            for key, text in changes:
                copier.replace(key, text)
            stats = copier.copy_rest()
        except DumpXMLError as error:
            raise range_mismatch(stream_range, error) from None
        finally:
            parser.close()
        output.commit()
    check_range_pages(stream_range, [(page.id, page.title) for page in copier.pages])
    return RewrittenRange(stream_range.path, stream_range.start, stream_range.end, stream_range.ordinal,
                          buffer.getvalue(), tuple(entries), stats)


def assemble_multistream(index: MultistreamIndex, parts: Iterable[RewrittenRange], output: str | Path, *,
                         index_output: str | Path | None = None) -> RewriteStats:
    """Write ``output``: the dump's header stream as it is, then the rewritten ranges in order
    (they must cover every page stream), with a fresh index (default: Wikimedia's name
    beside ``output``). Temporary files are renamed only when both are complete."""
    stats = RewriteStats()
    dump = DumpOutput(output, compression=BZ2)
    target = index_output if index_output is not None else index_path_for(output)
    index_file = DumpOutput(target, compression=compression_for_name(target))
    try:
        with open(index.dump_path, "rb") as source:
            dump.write_compressed(source.read(index.header_end))
        expected = index.header_end
        for part in parts:
            if part.start != expected:
                raise DumpWriteError(dump.name, f"the rewritten ranges leave a gap or overlap at byte {expected} "
                                     f"(the next one starts at {part.start}): each page stream must be written once")
            base = dump.position
            dump.write_compressed(part.data)
            for offset, page_id, title in part.entries:
                index_file.write(f"{base + offset}:{page_id}:{title}\n".encode("utf-8"))
            for name in ("pages", "revisions_replaced", "streams", "xml_bytes_in", "xml_bytes_out"):
                setattr(stats, name, getattr(stats, name) + getattr(part.stats, name))
            expected = part.end
        if expected != index.dump_size:
            raise DumpWriteError(dump.name, f"the rewritten ranges stop at byte {expected} of {index.dump_size}")
        index_file.commit()
        dump.commit()
    except BaseException:
        dump.abort()
        index_file.abort()
        raise
    stats.streams += 1  # the header's
    return stats


def _set_attribute(tag: str, name: str, value: str) -> str:
    """``tag`` with attribute ``name`` set to ``value`` when the tag has it (kept otherwise)."""
    return re.sub(rf"(\s{name}\s*=\s*)([\"'])[^\"']*\2", lambda m: f"{m[1]}{m[2]}{value}{m[2]}", tag, count=1)


def _revision_sha1(main_sha1: str, other_slots: list[Slot]) -> str:
    """A revision's sha1: its main slot's, folded with the other slots' in role order (MediaWiki's
    RevisionSlots::computeSha1), when the dump gives those (schema 0.11)."""
    slots = sorted([("main", main_sha1)] + [(slot.role, slot.sha1) for slot in other_slots if slot.sha1])
    combined = None
    for _role, sha1 in slots:
        combined = sha1 if combined is None else base36_sha1((combined + sha1).encode("ascii"))
    return combined


def rewrite_dump(source: Source, output: str | Path | BinaryIO, changes: Iterable[tuple[tuple[str, int], str]],
                 **options) -> RewriteStats:
    """Write ``output``: ``source`` with the texts of ``changes`` (``(key, text)`` pairs, in
    dump order). ``options`` are :class:`DumpRewriter`'s."""
    with DumpRewriter(source, output, **options) as rewriter:
        for key, text in changes:
            rewriter.replace(key, text)
    return rewriter.stats

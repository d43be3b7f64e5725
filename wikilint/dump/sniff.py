"""Recognising and opening a dump by its content, never by its name.

The first bytes tell the compression (bz2, gzip, xz, legacy lzma, zstd, 7z, or none) and,
once decompressed, the text encoding (UTF-8, or UTF-16 with or without a byte-order
mark). zstd needs Python 3.14's ``compression.zstd`` or the ``backports.zstd`` package
(the ``wikilint[zstd]`` extra, the same API); 7z needs ``py7zr`` (``wikilint[7z]``).
Both are imported only when such a file is opened.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import queue
import re
import sys
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Union

from wikilint.dump.errors import DumpCompressionError, DumpError, DumpTruncatedError, MissingExtraError

#: A dump source: a path, ``"-"`` for standard input, or an open binary stream.
Source = Union[str, Path, BinaryIO]

NONE, BZ2, GZIP, XZ, LZMA, ZSTD, SEVEN_ZIP = "none", "bz2", "gzip", "xz", "lzma", "zstd", "7z"

#: File-name suffixes of each compression, used only to *write* (and to word messages).
SUFFIXES = {".bz2": BZ2, ".gz": GZIP, ".xz": XZ, ".lzma": LZMA, ".zst": ZSTD, ".zstd": ZSTD, ".7z": SEVEN_ZIP}

#: The optional extra that provides each compression which the standard library lacks.
EXTRAS = {ZSTD: "zstd", SEVEN_ZIP: "7z"}

_BZ2_BLOCK = (b"1AY&SY", b"\x17rE8P\x90")  # first block magic, or the end-of-stream magic of an empty stream
SNIFF_BYTES = 4096


def sniff_compression(head: bytes) -> str:
    """The compression of data starting with ``head`` (a few dozen bytes suffice)."""
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in _BZ2_BLOCK:
        return BZ2
    if head[:2] == b"\x1f\x8b":
        return GZIP
    if head[:6] == b"\xfd7zXZ\x00":
        return XZ
    if head[:4] == b"\x28\xb5\x2f\xfd":
        return ZSTD
    if head[:6] == b"7z\xbc\xaf\x27\x1c":
        return SEVEN_ZIP
    # Legacy .lzma ("alone") has no magic: a properties byte (0x5d for the lc=3, lp=0, pb=2
    # that every encoder uses by default), a little-endian dictionary size, then the
    # uncompressed size as 8 bytes, all ones when unknown.
    if head[:1] == b"\x5d" and len(head) >= 13 and int.from_bytes(head[1:5], "little") >= 4096 \
            and (head[5:13] == b"\xff" * 8 or head[12] == 0):
        return LZMA
    return NONE


def sniff_encoding(head: bytes) -> str:
    """The Python codec of an XML document starting with ``head`` (after decompression).

    A byte-order mark decides; without one, ``<`` followed or preceded by NUL is UTF-16
    (XML 1.0, appendix F); otherwise the XML declaration's encoding, else UTF-8.
    """
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be"
    if head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<"):
        return "utf-16-be"
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", head)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        return "utf-8" if name in ("utf8", "utf-8") else name
    return "utf-8"


def source_name(source: Source) -> str:
    if isinstance(source, (str, Path)):
        return "<stdin>" if str(source) == "-" else str(source)
    return str(getattr(source, "name", "<stream>"))


class _CountingReader(io.RawIOBase):
    """A non-seekable stream (stdin) that counts the bytes read from it."""

    def __init__(self, stream: BinaryIO, prefix: bytes = b""):
        self._stream = stream
        self._prefix = prefix
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
        else:
            data = self._stream.read(len(buffer))
            size = len(data)
            buffer[:size] = data
        self.position += size
        return size

    def tell(self) -> int:
        return self.position


@dataclass
class OpenedInput:
    """A dump opened for reading: ``stream`` yields the decompressed bytes.

    ``compressed_position()`` is how far into the compressed input reading has got (for
    progress); ``size`` is the compressed size when known (a regular file).
    """

    name: str
    compression: str
    stream: BinaryIO
    size: int | None
    _position: Callable[[], int]
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def compressed_position(self) -> int:
        try:
            return self._position()
        except (OSError, ValueError):
            return 0

    def read(self, size: int) -> bytes:
        """Decompressed bytes; damaged or cut compressed data raise :class:`DumpCompressionError`."""
        try:
            return self.stream.read(size)
        except EOFError:
            raise DumpTruncatedError(
                self.name, f"the {self.compression} data ends before its end-of-stream marker: the file is truncated",
                offset=self.compressed_position()) from None
        except DumpError:
            raise
        except (OSError, lzma.LZMAError, zlib.error, ValueError) as error:
            raise DumpCompressionError(self.name, f"damaged {self.compression} data: {error}",
                                       offset=self.compressed_position()) from None
        except Exception as error:  # zstd's and py7zr's own error types
            if type(error).__name__ in ("ZstdError", "Bad7zFile", "CrcError", "UnsupportedCompressionMethodError"):
                raise DumpCompressionError(self.name, f"damaged {self.compression} data: {error}",
                                           offset=self.compressed_position()) from None
            raise

    def close(self) -> None:
        for closer in reversed(self._closers):
            closer()
        self._closers.clear()

    def __enter__(self) -> OpenedInput:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def zstd_module():
    try:
        from compression import zstd  # Python 3.14+
    except ImportError:
        try:
            from backports import zstd
        except ImportError:
            return None
    return zstd


def missing_extra(name: str, compression: str) -> MissingExtraError:
    extra = EXTRAS[compression]
    return MissingExtraError(name, f"reading {compression} needs the optional extra: pip install 'wikilint[{extra}]'")


def decompressing_reader(raw: BinaryIO, compression: str, name: str) -> BinaryIO:
    """A reader of the decompressed bytes of ``raw`` (concatenated streams are read through)."""
    if compression == BZ2:
        return bz2.BZ2File(raw)
    if compression == GZIP:
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if compression in (XZ, LZMA):
        return lzma.LZMAFile(raw)
    if compression == ZSTD:
        zstd = zstd_module()
        if zstd is None:
            raise missing_extra(name, ZSTD)
        return zstd.ZstdFile(raw)
    return raw


def open_input(source: Source) -> OpenedInput:
    """Open a dump for reading, recognising its compression by content.

    ``source`` is a path, ``"-"`` (standard input) or a binary stream. A file whose
    content is not compressed but whose name says it is (``x.7z`` holding text) is
    reported as damaged compressed data, since that is what its owner expects.
    """
    name = source_name(source)
    closers: list[Callable[[], None]] = []
    if isinstance(source, (str, Path)) and str(source) != "-":
        try:
            raw: BinaryIO = open(source, "rb")
        except FileNotFoundError:
            raise DumpError(name, "no such file") from None
        except IsADirectoryError:
            raise DumpError(name, "is a directory, expected a dump file") from None
        except OSError as error:
            raise DumpError(name, f"cannot read: {error.strerror or error}") from None
        closers.append(raw.close)
        size = os.fstat(raw.fileno()).st_size
        head = raw.read(SNIFF_BYTES)
        raw.seek(0)
        position = raw.tell
    else:
        stream = sys.stdin.buffer if isinstance(source, (str, Path)) else source
        if _seekable(stream):
            raw, size = stream, None
            start = stream.tell()
            head = stream.read(SNIFF_BYTES)
            stream.seek(start)
            position = lambda: raw.tell() - start  # noqa: E731
        else:
            head = stream.read(SNIFF_BYTES)
            counting = _CountingReader(stream, head)
            raw, size, position = io.BufferedReader(counting, 1 << 16), None, counting.tell
    compression = sniff_compression(head)
    if compression == NONE:
        _refuse_misnamed(name, head)
    if compression == SEVEN_ZIP:
        stream_out = _open_7z(raw, name, closers)
    else:
        stream_out = decompressing_reader(raw, compression, name)
        if stream_out is not raw:
            closers.append(stream_out.close)
    return OpenedInput(name, compression, stream_out, size, position, closers)


def _seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, ValueError):
        return False


def _refuse_misnamed(name: str, head: bytes) -> None:
    suffix = Path(name).suffix.lower()
    if suffix in SUFFIXES and not head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith((b"<", b"\x00<")):
        start = head[:24].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise DumpCompressionError(name, f"named like a {SUFFIXES[suffix]} file but is not one "
                                   f"(it starts with {start!r})", offset=0)


def _open_7z(raw: BinaryIO, name: str, closers: list[Callable[[], None]]) -> BinaryIO:
    """The single file of a 7z archive, decompressed by py7zr in a thread into a bounded queue.

    py7zr pushes the data it decompresses into writer objects; a small queue turns that
    into a stream that is read at the reader's pace, so memory stays bounded.
    """
    try:
        import py7zr
    except ImportError:
        raise missing_extra(name, SEVEN_ZIP) from None
    if not _seekable(raw):
        raise DumpCompressionError(name, "a 7z archive cannot be read from a pipe (its index is at its end); "
                                   "give its path")
    try:
        archive = py7zr.SevenZipFile(raw, mode="r")
    except Exception as error:  # py7zr raises Bad7zFile, EOFError, lzma and struct errors alike
        raise DumpCompressionError(name, f"invalid 7z archive: {error or type(error).__name__}", offset=0) from None
    files = [info for info in archive.list() if not info.is_directory]
    if len(files) != 1:
        archive.close()
        raise DumpCompressionError(name, f"the 7z archive holds {len(files)} files; a dump archive holds one")
    pipe = _QueueStream()
    closers.append(pipe.abandon)
    closers.append(archive.close)
    target = files[0].filename

    class Writer(py7zr.io.Py7zIO):
        def write(self, data: bytes) -> int:
            pipe.put(bytes(data))
            return len(data)

        def read(self, size=None) -> bytes:
            return b""

        def seek(self, offset, whence=0) -> int:
            return 0

        def flush(self) -> None:
            pass

        def size(self) -> int:
            return 0

    class Factory(py7zr.io.WriterFactory):
        def create(self, filename: str) -> Writer:
            return Writer()

    def extract() -> None:
        try:
            archive.extract(targets=[target], factory=Factory())
        except _Abandoned:
            return
        except BaseException as error:  # handed to the reading thread
            pipe.fail(error)
            return
        pipe.finish()

    threading.Thread(target=extract, name=f"7z:{name}", daemon=True).start()
    return pipe


class _Abandoned(Exception):
    """The reader stopped early; the 7z thread stops writing."""


class _QueueStream(io.RawIOBase):
    """Bytes put by one thread, read by another, with at most a few chunks in between."""

    def __init__(self, depth: int = 8):
        self._queue: queue.Queue = queue.Queue(depth)
        self._pending = b""
        self._done = False
        self._abandoned = False

    def readable(self) -> bool:
        return True

    def put(self, data: bytes) -> None:
        while True:
            if self._abandoned:
                raise _Abandoned
            try:
                self._queue.put(data, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        self.put(None)

    def fail(self, error: BaseException) -> None:
        try:
            self.put(error)
        except _Abandoned:
            pass

    def abandon(self) -> None:
        self._abandoned = True

    def readinto(self, buffer) -> int:
        while not self._pending and not self._done:
            item = self._queue.get()
            if item is None:
                self._done = True
            elif isinstance(item, BaseException):
                self._done = True
                if isinstance(item, (EOFError, OSError)):
                    raise item
                raise OSError(f"{item or type(item).__name__}") from item  # reported as damaged 7z data
            else:
                self._pending = item
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
        buffer = bytearray(size)
        return bytes(buffer[:self.readinto(buffer)])


def _xml_root_is_mediawiki(head: bytes) -> bool:
    codec = sniff_encoding(head)
    try:
        text = head.decode(codec, errors="ignore")
    except LookupError:
        return False
    text = text.lstrip("\ufeff")
    # Skip the XML declaration, processing instructions, comments, DOCTYPE and blanks.
    prolog = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.S)
    position = 0
    while match := prolog.match(text, position):
        if match.end() == position:
            break
        position = match.end()
    return re.match(r"<(\w+:)?mediawiki[\s>/]", text[position:]) is not None


def describe_dump(path: str | Path) -> str | None:
    """What makes ``path`` a dump rather than a page: ``"bz2-compressed"``, ``"an XML dump"``, or ``None``.

    Decided by content: any known compression magic, or an XML document whose root
    element is ``<mediawiki``. ``wikilint check`` uses it to refuse dumps.
    """
    try:
        with open(path, "rb") as file:
            head = file.read(SNIFF_BYTES)
    except OSError:
        return None
    compression = sniff_compression(head)
    if compression != NONE:
        return f"{compression}-compressed"
    return "an XML dump" if _xml_root_is_mediawiki(head) else None


def is_dump_or_compressed(path: str | Path) -> bool:
    """True when ``path`` is a MediaWiki XML dump or a compressed file (by content)."""
    return describe_dump(path) is not None

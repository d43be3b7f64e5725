"""Reading and writing MediaWiki XML dumps (export schema 0.3 to 0.11).

Reading streams pages with bounded memory from plain, bz2, gzip, xz, lzma, zstd or 7z
input (recognised by content), UTF-8 or UTF-16, never resolving entities or fetching
anything; Wikimedia multistream dumps split into byte ranges that workers read on their
own. Writing copies a dump byte for byte except the texts it is given. See
``docs/dumps.md``.
"""

from __future__ import annotations

from wikilint.dump.errors import (DumpCompressionError, DumpEntityError, DumpError, DumpIncompleteError,
                                  DumpMismatchError, DumpPageError, DumpTruncatedError, DumpWriteError, DumpXMLError,
                                  MissingExtraError, NotADumpError)
from wikilint.dump.model import WIKITEXT_MODEL, DumpPage, PageFilter, PageProblem, ReadStats, SiteInfo
from wikilint.dump.multistream import MultistreamIndex, StreamRange, find_index, index_path_for, read_range
from wikilint.dump.reader import DumpReader, iter_batches, read_dump
from wikilint.dump.sniff import describe_dump, is_dump_or_compressed, open_input, sniff_compression, sniff_encoding
from wikilint.dump.synthetic import SyntheticPage, realistic_pages, write_dump
from wikilint.dump.writer import (DumpOutput, DumpRewriter, RewriteStats, RewrittenRange, assemble_multistream,
                                  base36_sha1, compression_for_name, escape_text, mediawiki_sha1, rewrite_dump,
                                  rewrite_range)

__all__ = [
    "DumpCompressionError", "DumpEntityError", "DumpError", "DumpIncompleteError", "DumpMismatchError", "DumpOutput",
    "DumpPage", "DumpPageError", "DumpReader", "DumpRewriter", "DumpTruncatedError", "DumpWriteError", "DumpXMLError",
    "MissingExtraError", "MultistreamIndex", "NotADumpError", "PageFilter", "PageProblem", "ReadStats",
    "RewriteStats", "RewrittenRange", "SiteInfo", "StreamRange", "SyntheticPage", "WIKITEXT_MODEL",
    "assemble_multistream", "base36_sha1",
    "compression_for_name", "describe_dump", "escape_text", "find_index", "index_path_for", "is_dump_or_compressed",
    "iter_batches", "mediawiki_sha1", "open_input", "read_dump", "read_range", "realistic_pages", "rewrite_dump",
    "rewrite_range", "sniff_compression", "sniff_encoding", "write_dump",
]

"""Building dumps from page texts, for tests and benchmarks.

:func:`write_dump` lays pages out exactly as MediaWiki's export does (schema 0.11:
``bytes``/``sha1`` attributes, ``<sha1>``, ``<origin>``), compressed as the file name
says, and for ``.bz2`` as a Wikimedia multistream dump with its index beside it.
:func:`realistic_pages` cuts real article texts to the size distribution of a
Wikipedia's pages, with a share of redirects, so that a benchmark over it measures what
a real dump would cost.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from wikilint.dump.model import CANONICAL_NAMESPACES
from wikilint.dump.multistream import index_path_for
from wikilint.dump.sniff import BZ2
from wikilint.dump.writer import PAGES_PER_STREAM, DumpOutput, compression_for_name, escape_text, mediawiki_sha1

#: The namespaces of the synthetic wiki: MediaWiki's canonical ones, the project named "Wikipedia".
DEFAULT_NAMESPACES: dict[int, str] = {**CANONICAL_NAMESPACES, 4: "Wikipedia", 5: "Wikipedia talk"}

_MODEL_FORMATS = {"wikitext": "text/x-wiki", "css": "text/css", "javascript": "text/javascript",
                  "json": "application/json", "Scribunto": "text/plain"}


@dataclass(frozen=True)
class SyntheticPage:
    """A page to write: ``redirect`` is the target title of a redirect page."""

    title: str
    text: str
    namespace: int = 0
    redirect: str | None = None
    model: str = "wikitext"
    page_id: int | None = None
    timestamp: str = "2024-01-01T00:00:00Z"


def _header(dbname: str, sitename: str, base: str, case: str, namespaces: Mapping[int, str]) -> str:
    lines = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" '
        'version="0.11" xml:lang="en">',
        "  <siteinfo>",
        f"    <sitename>{escape_text(sitename)}</sitename>",
        f"    <dbname>{escape_text(dbname)}</dbname>",
        f"    <base>{escape_text(base)}</base>",
        "    <generator>wikilint synthetic dump</generator>",
        f"    <case>{case}</case>",
        "    <namespaces>",
    ]
    for key in sorted(namespaces):
        name = namespaces[key]
        attributes = f'key="{key}" case="{case}"'
        lines.append(f"      <namespace {attributes}>{escape_text(name)}</namespace>" if name
                     else f"      <namespace {attributes} />")
    lines += ["    </namespaces>", "  </siteinfo>", ""]
    return "\n".join(lines)


def page_xml(page: SyntheticPage, page_id: int, revision_id: int) -> str:
    """One ``<page>`` element as MediaWiki exports it (schema 0.11), with its trailing newline."""
    sha1 = mediawiki_sha1(page.text)
    size = len(page.text.encode("utf-8"))
    lines = [
        "  <page>",
        f"    <title>{escape_text(page.title)}</title>",
        f"    <ns>{page.namespace}</ns>",
        f"    <id>{page_id}</id>",
    ]
    if page.redirect is not None:
        lines.append(f'    <redirect title="{escape_text(page.redirect)}" />')
    lines += [
        "    <revision>",
        f"      <id>{revision_id}</id>",
        f"      <timestamp>{page.timestamp}</timestamp>",
        "      <contributor>",
        "        <username>Wikilint</username>",
        "        <id>1</id>",
        "      </contributor>",
        f"      <origin>{revision_id}</origin>",
        f"      <model>{page.model}</model>",
        f"      <format>{_MODEL_FORMATS.get(page.model, 'text/plain')}</format>",
        f'      <text bytes="{size}" sha1="{sha1}" xml:space="preserve">{escape_text(page.text)}</text>',
        f"      <sha1>{sha1}</sha1>",
        "    </revision>",
        "  </page>",
        "",
    ]
    return "\n".join(lines)


def write_dump(pages: Iterable[SyntheticPage], path: str | Path, *, dbname: str = "testwiki",
               sitename: str = "Wikipedia", base: str = "https://test.wikipedia.org/wiki/Main_Page",
               case: str = "first-letter", namespaces: Mapping[int, str] = DEFAULT_NAMESPACES,
               multistream: bool | None = None, pages_per_stream: int = PAGES_PER_STREAM) -> tuple[Path, Path | None]:
    """Write ``pages`` as a dump at ``path``; returns ``(dump path, index path or None)``.

    ``multistream`` defaults to true for ``.bz2`` (the index goes to Wikimedia's name
    beside the dump); page ids are 1, 2, … and revision ids 1001, 1002, … unless the
    pages give theirs.
    """
    path = Path(path)
    compression = compression_for_name(path)
    if multistream is None:
        multistream = compression == BZ2
    output = DumpOutput(path)
    index = DumpOutput(index_path_for(path), compression=BZ2) if multistream else None
    try:
        output.write(_header(dbname, sitename, base, case, namespaces).encode("utf-8"))
        for number, page in enumerate(pages):
            if multistream and number % pages_per_stream == 0:
                output.new_stream()
            page_id = page.page_id if page.page_id is not None else number + 1
            output.write(page_xml(page, page_id, 1000 + number + 1).encode("utf-8"))
            if index is not None:
                index.write(f"{output.stream_start}:{page_id}:{page.title}\n".encode("utf-8"))
        if multistream:
            output.new_stream()
        output.write(b"</mediawiki>\n")
        if index is not None:
            index.commit()
        output.commit()
    except BaseException:
        output.abort()
        if index is not None:
            index.abort()
        raise
    return path, index_path_for(path) if multistream else None


def realistic_pages(sources: Sequence[tuple[str, str]], count: int, *, seed: int = 0, redirect_share: float = 0.3,
                    median_bytes: int = 4000, spread: float = 1.0) -> Iterable[SyntheticPage]:
    """``count`` pages cut from real ``(title, text)`` pairs to a Wikipedia-like size mix.

    Article sizes follow a log-normal distribution (median ``median_bytes``, ``spread``
    its sigma; with the defaults the mean is about 6.6 KB, as on large Wikipedias); each
    article is a source text cut at the first paragraph break past its size (whole when
    shorter), so its markup is real. ``redirect_share`` of the pages are redirects to
    earlier titles. Deterministic for a given ``seed``.
    """
    if not sources:
        raise ValueError("no source pages")
    rng = random.Random(seed)
    titles: list[str] = []
    used: set[str] = set()
    for number in range(count):
        source_title, text = sources[number % len(sources)]
        title, copy = source_title, 1
        while title in used:  # titles are unique in a wiki
            copy += 1
            title = f"{source_title} ({copy})"
        used.add(title)
        if titles and rng.random() < redirect_share:
            target = rng.choice(titles)
            yield SyntheticPage(title, f"#REDIRECT [[{target}]]", redirect=target)
            continue
        size = int(math.exp(rng.gauss(math.log(median_bytes), spread)))
        yield SyntheticPage(title, _cut(text, size))
        titles.append(title)


def _cut(text: str, size: int) -> str:
    """``text`` up to the first paragraph break at or after ``size`` characters."""
    if len(text) <= size:
        return text
    cut = text.find("\n\n", size)
    return text if cut < 0 else text[:cut + 1]

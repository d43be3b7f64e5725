#!/usr/bin/env python3
"""Language-server latency: from ``didChange`` to ``publishDiagnostics``, warm server.

    .venv/bin/python benchmarks/server_latency.py [--corpus ../shared/corpus] [--rounds 20]

Starts ``wikilint server`` (needs the ``lsp`` extra) with pygls's client over stdio, as
an editor would, and opens each page with a ``wikilint.toml`` beside it naming its wiki's
site. Once the first diagnostics arrived (the server is warm: rules built, caches filled),
each round sends one ``didChange`` with the whole text (the server syncs in full) after a
one-character edit that alternates between two versions, and times the wait for the
diagnostics of that version. The time includes the server's settle delay
(``CHANGE_SETTLE_SECONDS``), JSON on both pipes, and the lint. Targets (issue 14): under
100 ms on the 15 KB reference page, under 1 s on a 300 KB page.

On a shared machine the wait mostly measures the other processes; so it also reports
the server's CPU time per change (from ``/proc``, on Linux), which the load hardly
touches: on an idle machine the wait is about the settle delay plus that CPU time.

Pages: the zh reference page and the largest real page of the corpus
(``en/wtf_wikipedia.enwiki__United-Kingdom.wiki``, 328 KB); ``--page PATH:SITE`` instead.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = (("zh/000_b92423fca3869b69.txt", "zhwiki", 100), ("en/wtf_wikipedia.enwiki__United-Kingdom.wiki",
                                                                  "enwiki", 1000))


class _Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("server-latency-benchmark", "1")
        #: (uri, version) -> when its diagnostics arrived, and how many there were
        self.arrivals: dict[tuple[str, int | None], tuple[float, int]] = {}
        self.arrived = asyncio.Event()


async def _wait(client: _Client, key: tuple[str, int], timeout: float = 120.0) -> tuple[float, int]:
    """Wake on each notification rather than poll: polling would take CPU from the server."""
    deadline = time.perf_counter() + timeout
    while key not in client.arrivals:
        client.arrived.clear()
        await asyncio.wait_for(client.arrived.wait(), max(0.0, deadline - time.perf_counter()))
    return client.arrivals[key]


def _cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process so far (Linux), else ``None``."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(page: Path, site: str, rounds: int) -> dict[str, float]:
    """Latencies in milliseconds of ``rounds`` changes to a copy of ``page``."""
    with tempfile.TemporaryDirectory(prefix="wikilint-latency-") as folder:
        root = Path(folder)
        copy = root / "page.wiki"
        shutil.copyfile(page, copy)
        (root / "wikilint.toml").write_text(f'site = "{site}"\n', encoding="utf-8")
        text = copy.read_text(encoding="utf-8")
        uri = copy.as_uri()

        client = _Client()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(ls: _Client, params: types.PublishDiagnosticsParams) -> None:
            ls.arrivals[(params.uri, params.version)] = (time.perf_counter(), len(params.diagnostics))
            ls.arrived.set()

        await client.start_io(sys.executable, "-m", "wikilint", "server")
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                             root_uri=root.as_uri()))
        client.initialized(types.InitializedParams())
        started = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="wikitext", version=1, text=text)))
        arrived, count = await _wait(client, (uri, 1))
        first = (arrived - started) * 1000
        pid = client._server.pid
        cpu_before = _cpu_seconds(pid)
        latencies = []
        for version in range(2, rounds + 2):
            # A character typed at the end of the first line, then taken back.
            changed = text if version % 2 else text.replace("\n", " x\n", 1)
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)]))
            arrived, _ = await _wait(client, (uri, version))
            latencies.append((arrived - sent) * 1000)
        cpu_after = _cpu_seconds(pid)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    latencies.sort()
    return {"bytes": len(text.encode("utf-8")), "diagnostics": count, "first": first,
            "min": latencies[0], "median": statistics.median(latencies),
            "p90": latencies[min(len(latencies) - 1, int(len(latencies) * 0.9))], "max": latencies[-1],
            "cpu": (cpu_after - cpu_before) * 1000 / rounds if cpu_before is not None and cpu_after is not None
            else float("nan")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--page", action="append", default=[], metavar="PATH:SITE",
                        help="a page and its site instead of the default two (repeatable)")
    args = parser.parse_args()
    if args.page:
        pages = [(Path(spec.rsplit(":", 1)[0]), spec.rsplit(":", 1)[1], None) for spec in args.page]
    else:
        pages = [(args.corpus / name, site, target) for name, site, target in DEFAULT_PAGES]
    missing = [str(path) for path, _, _ in pages if not path.is_file()]
    if missing:
        sys.exit(f"server_latency.py: pages not found: {', '.join(missing)}")
    print(f"wikilint server latency, didChange -> publishDiagnostics, {args.rounds} changes per page, "
          f"{os.cpu_count()} cores, load average {', '.join(f'{n:.1f}' for n in os.getloadavg())}\n")
    print("| page | size | findings | first lint | min | median | p90 | max | server CPU per change | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for path, site, target in pages:
        figures = asyncio.run(measure(path, site, args.rounds))
        verdict = "—" if target is None else (
            f"< {target} ms: {'holds' if figures['median'] < target else 'MISSED'} (median)")
        print(f"| {path.name} ({site}) | {figures['bytes'] / 1024:.0f} KB | {figures['diagnostics']} | "
              f"{figures['first']:.0f} ms | {figures['min']:.0f} ms | {figures['median']:.0f} ms | "
              f"{figures['p90']:.0f} ms | {figures['max']:.0f} ms | {figures['cpu']:.0f} ms | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

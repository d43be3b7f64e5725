"""What sites cost: loading one preset, and detecting a page's wiki (a plain script).

Run: .venv/bin/python benchmarks/site_cost.py [corpus-dir]
Prints, best of several rounds:
* the time to load each preset (``load_site``: read and merge its TOML files and the
  ``default`` one it extends, compile its link trail), as at the start of a run that
  names it — the slowest and the median;
* building the detector over every preset (once per run in ``site = "auto"`` mode);
* ``detect_site`` per page over the corpus's page files, beside ``mwparserfromhell.parse``
  of the same pages, and their ratio (the figure to watch: it does not depend on how
  loaded the machine is).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


from wikilint.detect import INDEX_FILE, SiteDetector, detect_site
from wikilint.plugin_host import get_registry
import wikilint.site as site_module
from wikilint.site import load_site, preset_names
from wikilint.parsing import parse  # the parse wikilint does (the baseline a family adds to)

ROUNDS = 5
corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
paths = sorted(corpus.glob("*/*.wiki")) + sorted(corpus.glob("zh/*.txt"))
texts = [path.read_text(encoding="utf-8") for path in paths]
contributions = get_registry().site_presets


def best_of(function) -> float:
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def load_cold(name: str) -> None:
    """As at the start of a run: nothing read yet."""
    site_module._read_preset_file.cache_clear()
    load_site(name, contributions=contributions)


loads = {name: best_of(lambda name=name: load_cold(name)) for name in preset_names()}
slowest = max(loads, key=loads.get)
print(f"load one site: median {statistics.median(loads.values()) * 1000:.2f} ms, "
      f"slowest {slowest} {loads[slowest] * 1000:.2f} ms ({len(loads)} presets)")
candidates = [name for name in preset_names() if name != "default"]
# What a run with site = "auto" does once: read the shipped detection index (wikilint/detect.py).
build = best_of(lambda: SiteDetector(json.loads(INDEX_FILE.read_text(encoding="utf-8"))))
print(f"build the detector over {len(candidates)} presets (from the shipped index): {build * 1000:.1f} ms "
      f"(once per run)")
if texts:
    detect_site(texts[0])  # the detector, built once
    detect = best_of(lambda: [detect_site(text) for text in texts])
    parse = best_of(lambda: [parse(text) for text in texts])
    size = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} pages, {size / 1000:.1f} k characters on average")
    print(f"detect_site: {detect / len(texts) * 1000:.3f} ms per page")
    print(f"parse:       {parse / len(texts) * 1000:.3f} ms per page")
    print(f"detect / parse: {detect / parse:.3f}")

#!/usr/bin/env python3
"""The formatter over the whole corpus: no crash, idempotent, the same meaning (issue 13).

    .venv/bin/python benchmarks/format_corpus_check.py [--corpus ../shared/corpus] [--every N] [-j JOBS]

Every page file of the corpus (``*/*.wiki`` and the zh reference ``*.txt``, each on its
own wiki's site) and every snippet of the parser tests (``parsertests/**/*.txt``) is
formatted as ``wikilint format`` formats it (:func:`wikilint.formatter.format_page`):

- with the default formatting rules and options, and (every third page, every snippet)
  with every rule on in the other styles (:data:`OTHER_STYLES`);
- the formatter must not raise, must not refuse (a refusal names the first semantic
  difference: a formatter bug, never a page to skip), formatting its output again must
  change nothing, and the output must mean what the input meant
  (:func:`wikilint.semantic.first_difference`, checked here once more on its own).

Prints one line per problem and a summary; exits 1 when there is any. The whole corpus
takes minutes on two cores, too long for CI: ``tests/format/test_format_corpus.py`` runs
:func:`check_corpus` on a sample (``every``), and this script is run by hand on all of it.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
#: Every option value that is not a default (with every rule on, FMT013 included).
OTHER_STYLES = {
    "heading-spacing": {"style": "compact"},
    "list-marker-spacing": {"style": "compact"},
    "template-layout": {"align_equals": "always"},
    "br-style": {"style": "<br>"},
    "ref-attribute-quotes": {"quotes": "single"},
}
#: A case: ``(label, text, site, every rule in other styles?)``.
Case = tuple[str, str, str, bool]


@lru_cache(maxsize=None)
def _rule_set(site: str, other_styles: bool):
    from wikilint.api import make_rule_set

    if other_styles:
        return make_rule_set(["FMT"], site=site, rule_options=OTHER_STYLES, kind="format")
    return make_rule_set(None, site=site, kind="format")


def check_case(case: Case) -> str | None:
    """The problem with formatting one case, or ``None`` when it formats soundly."""
    from wikilint.formatter import format_page, refusal
    from wikilint.page import Page
    from wikilint.semantic import first_difference

    label, text, site, other_styles = case
    rule_set = _rule_set(site, other_styles)
    try:
        result = format_page(Page(text, site=rule_set.site, title=label), rule_set)
        why = refusal(result)
        if why is not None:
            return f"{label}: refused: {why}"
        if result.text == text:
            return None
        again = format_page(Page(result.text, site=rule_set.site, title=label), rule_set)
        if again.text != result.text:
            return f"{label}: not idempotent: formatting the output changes it again ({again.applied[:3]})"
        difference = first_difference(Page(text, site=rule_set.site), Page(result.text, site=rule_set.site))
        if difference is not None:
            return f"{label}: means something else: {difference}"
    except Exception as error:  # noqa: BLE001 - a crash is what this looks for
        return f"{label}: crashed: {type(error).__name__}: {error}"
    return None


def corpus_cases(corpus: Path, every: int = 1) -> Iterator[Case]:
    """Every ``every``-th page file and parser-test file of the corpus, as cases."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support import corpus_page_files, parser_test_snippets, site_for_corpus_page

    for number, path in enumerate(corpus_page_files(corpus)[::every]):
        text = path.read_text(encoding="utf-8")
        site = site_for_corpus_page(path)
        yield path.name, text, site, False
        if number % 3 == 0:
            yield f"{path.name} (other styles)", text, site, True
    for path in sorted((corpus / "parsertests").rglob("*.txt"))[::every]:
        for number, (name, wikitext) in enumerate(parser_test_snippets(path), 1):
            if "\x00" in wikitext:
                continue  # refused before any rule runs (see tests/test_corpus.py)
            label = f"{path.parent.name}/{path.name} case {number} {name}".strip()
            yield label, wikitext, "default", False
            yield f"{label} (other styles)", wikitext, "default", True


def check_corpus(corpus: Path, every: int = 1, jobs: int = 1) -> tuple[int, list[str]]:
    """How many cases were formatted, and the problems found."""
    cases = list(corpus_cases(corpus, every))
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            outcomes = list(pool.map(check_case, cases, chunksize=16))
    else:
        outcomes = [check_case(case) for case in cases]
    return len(cases), [problem for problem in outcomes if problem is not None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--every", type=int, default=1, help="only every N-th page file and parser-test file")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}; nothing to check")
        return 0
    start = time.perf_counter()
    count, problems = check_corpus(args.corpus, args.every, args.jobs)
    for problem in problems:
        print(problem)
    print(f"{count} cases formatted in {time.perf_counter() - start:.0f} s with {args.jobs} processes: "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

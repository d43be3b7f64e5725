"""Helpers the tests share: running the real CLI, locating the corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
REFERENCE_PAGE = CORPUS / "zh" / "000_b92423fca3869b69.txt"


def run_wikilint(*args: str, input: bytes | None = None, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real ``wikilint`` command in a subprocess (bytes in, text out)."""
    full_env = {**os.environ, **(env or {})}
    process = subprocess.run([sys.executable, "-m", "wikilint", *args], input=input, capture_output=True,
                             cwd=cwd, env=full_env)
    process.stdout_text = process.stdout.decode("utf-8", errors="replace")
    process.stderr_text = process.stderr.decode("utf-8", errors="replace")
    return process


def modules_after_check(*args: str) -> tuple[int, set[str]]:
    """Run ``wikilint check ARGS`` in a fresh interpreter: its exit status and the names of
    every module it had imported by the end (what start-up and the run loaded)."""
    probe = (
        "import sys\n"
        "from wikilint.cli import main\n"
        f"status = main(['check', *{list(args)!r}])\n"
        "print(status, ' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    status, loaded = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(status), set(loaded.split())


def parser_test_cases(path: Path) -> list[dict[str, str]]:
    """Every ``!! test`` … ``!! end`` case with wikitext in a MediaWiki parser-test file,
    as its sections by keyword (``wikitext``, ``html/php``, ``html``, ``options``…) and
    ``name``, the test's name on one line (MediaWiki's parserTests format)."""
    cases: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    section = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True):
        if line.startswith("!!"):
            keyword = line[2:].strip().split(" ", 1)[0].lower()
            if keyword == "test":  # the name follows on the same line or on the next ones
                current, section = {"name": line[2:].strip()[4:] + "\n"}, "name"
            elif keyword == "end":
                if current is not None and "wikitext" in current:
                    current["name"] = " ".join(current["name"].split())
                    cases.append(current)
                current, section = None, None
            elif current is not None:
                section = keyword
                current[section] = ""
            continue
        if current is not None and section is not None:
            current[section] += line
    return cases


def parser_test_snippets(path: Path) -> list[tuple[str, str]]:
    """``(test name, wikitext)`` of every case in a MediaWiki parser-test file."""
    return [(case["name"], case["wikitext"]) for case in parser_test_cases(path)]


def corpus_page_files(corpus: Path) -> list[Path]:
    """The corpus's page files: every ``*/*.wiki`` plus the zh reference ``*.txt``."""
    return sorted(corpus.glob("*/*.wiki")) + sorted((corpus / "zh").glob("*.txt"))


def site_for_corpus_page(path: Path) -> str:
    return {"zh": "zhwiki", "en": "enwiki"}.get(path.parent.name, "default")


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` (as a fixed test author); its output, stripped."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}).stdout.strip()


def snapshot_repository(destination: Path) -> str:
    """A copy of this working tree (uncommitted changes included) as a git repository at
    ``destination``, as pre-commit wants a hook repository; its commit."""
    shutil.copytree(REPO_ROOT, destination, ignore=shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", "*.egg-info", "build", ".pytest_cache"))
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "snapshot")
    return git(destination, "rev-parse", "HEAD")


def staged_corpus_copy(pages: list[Path], into: Path) -> list[Path]:
    """The corpus pages copied into ``into/<language folder>/``, each folder with a
    ``wikilint.toml`` naming its site (zh rules run on zh pages, as in the benchmark)."""
    import shutil

    copies = []
    for page in pages:
        folder = into / page.parent.name
        if not folder.is_dir():
            folder.mkdir(parents=True)
            (folder / "wikilint.toml").write_text(f'site = "{site_for_corpus_page(page)}"\n', encoding="utf-8")
        copies.append(Path(shutil.copyfile(page, folder / page.name)))
    return copies

"""What the sites must hold on real pages: each page of ../shared/corpus/other linted with
its wiki's preset (or, for a wiki with none, ``default`` with the unknown-wiki flags), and
the zh reference page linted with the site detected from it."""

from __future__ import annotations

import csv
import dataclasses
import re
from functools import lru_cache
from pathlib import Path

import pytest

from wikilint.api import make_rule_set
from wikilint.detect import detect_site
from wikilint.engine import lint_page
from wikilint.page import Page
from wikilint.plugin_host import get_registry
from wikilint.site import UNKNOWN_WIKI, Site, load_site, preset_names
from wikilint.siteinfo import image_options_from_magic_words
from wikilint_images.file_links import Kind, page_images
from wikilint_links.links import internal_links

from sites.sitedata import SITEDATA, wiki_facts


@lru_cache(maxsize=1)
def _rule_set():
    return make_rule_set()


@lru_cache(maxsize=None)
def _site(dbname: str) -> Site:
    registry = get_registry()
    if dbname in preset_names():
        return load_site(dbname, contributions=registry.site_presets)
    return load_site("default", contributions=registry.site_presets, overrides=UNKNOWN_WIKI)


def _other_pages(corpus: Path) -> list[tuple[Path, str]]:
    """The ``other/`` page files with the dbname of their wiki (from the file name, as in index.tsv)."""
    with open(corpus / "index.tsv", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["bucket"] == "other"]
    return [(corpus / row["file"], Path(row["file"]).name.split(".", 1)[1].split("__")[0]) for row in rows]


@lru_cache(maxsize=None)
def _lint(path: Path, dbname: str):
    """The page and its diagnostics with its wiki's site (each page is linted once)."""
    site = _site(dbname)
    rule_set = _rule_set()
    title = path.stem.split("__", 1)[1].replace("_", " ") if "__" in path.stem else None
    page = Page(path.read_text(encoding="utf-8"), site=site, title=title)
    return page, lint_page(page, dataclasses.replace(rule_set, site=site)).diagnostics


def test_the_zh_reference_page_keeps_its_findings_when_its_site_is_detected(reference_page):
    text = reference_page.read_text(encoding="utf-8")
    detection = detect_site(text)
    assert detection.name == "zhwiki"
    zhwiki = [(d.code, d.line, d.column, d.message) for d in _lint(reference_page, "zhwiki")[1]]
    detected = [(d.code, d.line, d.column, d.message) for d in _lint(reference_page, detection.name)[1]]
    assert detected == zhwiki and len(zhwiki) > 50
    assert {code for code, *_rest in zhwiki} >= {"ZH013", "LNK001", "IMG001"}


def test_no_missing_reference_list_on_a_page_with_its_wikis_list_template(corpus):
    checked = 0
    for path, dbname in _other_pages(corpus):
        site = _site(dbname)
        page, diagnostics = _lint(path, dbname)
        names = {site.template_key(name) for name in site.get("reference-list-templates", [])}
        used = {site.template_key(match) for match in re.findall(r"\{\{\s*([^{}|\n]+?)\s*[|}]", page.text)}
        if "<references" in page.text.lower() or names & used:
            checked += 1
            missing = [d for d in diagnostics if d.code == "REF007" and "no reference list" in d.message]
            assert not missing, f"{path.name}: {missing[0].message} at line {missing[0].line}"
    assert checked >= 40


def _local_image_words(dbname: str) -> set[str]:
    """Every image keyword of the wiki's language, from MediaWiki's data (not the preset's)."""
    words = image_options_from_magic_words(wiki_facts(dbname).magic_words)
    return {word for key, spelled in words.items() if key != "px-suffix" for word in spelled}


def test_no_image_finding_comes_from_a_local_keyword(corpus):
    if not (SITEDATA / "wikimedia-wikis.json").is_file():
        pytest.skip("../shared/sitedata is not present")
    findings = 0
    for path, dbname in _other_pages(corpus):
        if dbname == "commonswiki":
            continue  # not a Wikipedia: no entry in the Wikimedia settings
        page, diagnostics = _lint(path, dbname)
        local = _local_image_words(dbname)
        links = page_images(page).links
        for diagnostic in diagnostics:
            if diagnostic.code not in ("IMG004", "IMG007"):
                continue
            findings += 1
            link = next(link for link in links if link.start <= diagnostic.start < link.end)
            captions = [option.stripped for option in link.options if option.kind == Kind.CAPTION]
            assert not set(captions) & local, f"{path.name} line {diagnostic.line}: {set(captions) & local}"
    assert findings > 10  # the rules still find what they should


def test_no_local_file_link_is_taken_for_a_page_link(corpus):
    if not (SITEDATA / "wikimedia-wikis.json").is_file():
        pytest.skip("../shared/sitedata is not present")
    file_links = 0
    for path, dbname in _other_pages(corpus):
        if dbname == "commonswiki":
            continue
        facts = wiki_facts(dbname)
        file_names = {name.casefold() for number in (6, -2) for name in facts.names.get(number, ())}
        page, _diagnostics = _lint(path, dbname)
        for link in internal_links(page):
            prefix, colon, _rest = link.title.strip().partition(":")
            if colon and prefix.replace("_", " ").strip().casefold() in file_names:
                file_links += 1
                assert link.kind in ("file", "media"), f"{path.name}: [[{link.title}]] read as {link.kind}"
    assert file_links > 1000

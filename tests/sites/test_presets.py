"""Every site preset against MediaWiki's language data and Wikimedia's settings.

The presets are facts written in the project; ``../shared/sitedata`` (read by
``sitedata.py``) is an independent extraction of the same sources, used here only. The
tests skip when that folder is absent.
"""

from __future__ import annotations

import pytest

from wikilint.detect import _detector
from wikilint.plugin_host import get_registry
from wikilint.site import load_site, preset_data, preset_names
from wikilint.siteinfo import CORE_NAMESPACE_KEYS, IMAGE_OPTION_KEYS, image_options_from_magic_words, link_trail_from_php

from sites.sitedata import SITEDATA, language_facts, wiki_facts

WIKI_PRESETS = [name for name in preset_names() if name != "default"]


@pytest.fixture(scope="module", autouse=True)
def _sitedata():
    if not (SITEDATA / "mediawiki-languages.json").is_file():
        pytest.skip("../shared/sitedata is not present")


def _data(name: str) -> dict:
    """The preset as the rules see it: with what it extends and what plugins add."""
    return preset_data(name, get_registry().site_presets)


def _folded(names) -> set[str]:
    # MediaWiki compares namespace names case-insensitively (Language::getNsIndex).
    return {name.replace("_", " ").casefold() for name in names}


def test_there_is_a_preset_for_each_of_the_largest_wikipedias():
    # The 40 largest Wikipedias by article count (pywikibot's wikipedia_family.py
    # languages_by_size, the last list it kept, January 2024).
    largest = ("en ceb de fr sv nl ru es it arz pl ja zh uk vi war ar pt fa ca sr id ko no ce fi tr cs hu tt sh "
               "ro zh_min_nan eu ms eo he hy da bg").split()
    assert sorted(set(f"{code}wiki" for code in largest) - set(WIKI_PRESETS)) == []


@pytest.mark.parametrize("name", WIKI_PRESETS)
def test_language_and_title_case(name):
    facts = wiki_facts(name)
    data = _data(name)
    assert data["language"] == facts.language
    assert data.get("first-letter-case-insensitive", True) == facts.capital_links


@pytest.mark.parametrize("name", WIKI_PRESETS)
def test_namespace_names_and_aliases(name):
    facts = wiki_facts(name)
    namespaces = _data(name)["namespaces"]
    key_of_number: dict[int, str] = {}
    for number in facts.names:
        if number not in facts.display and number not in facts.grammar:
            continue  # an alias of a namespace the wiki does not have: MediaWiki drops it
        display = facts.display.get(number, "")
        key = CORE_NAMESPACE_KEYS.get(number) or next(
            (key for key, names in namespaces.items() if display.casefold() in _folded(names)), None)
        assert key in namespaces, f"{name}: no namespace for {number} ({display or 'GRAMMAR'})"
        key_of_number[number] = key
    for number, accepted in facts.names.items():
        if number not in key_of_number:
            continue
        missing = _folded(accepted) - _folded(namespaces[key_of_number[number]])
        assert not missing, f"{name}: {key_of_number[number]} lacks {sorted(missing)}"
    number_of_key = {key: number for number, key in key_of_number.items()}
    for key, names in namespaces.items():
        if key in ("module", "module-talk"):
            continue  # Scribunto's names: an extension, not in the language data
        assert key in number_of_key, f"{name}: namespace {key!r} is not one of the wiki's"
        number = number_of_key[key]
        unknown = _folded(names) - _folded(facts.names[number])
        if number in facts.grammar:  # the shown name, which the data leaves to {{GRAMMAR:…}}
            unknown.discard(names[0].casefold())
        assert not unknown, f"{name}: {key} has names MediaWiki does not know: {sorted(unknown)}"


@pytest.mark.parametrize("name", [*WIKI_PRESETS, "default"])
def test_image_option_magic_words(name):
    magic_words = language_facts("en")[2] if name == "default" else wiki_facts(name).magic_words
    expected = image_options_from_magic_words(magic_words)
    options = _data(name)["image-options"]
    for key in IMAGE_OPTION_KEYS.values():
        if key == "manualthumb" and key not in options:
            continue  # the image rules read thumbnail's words as manual-thumbnail keys too
        assert sorted(options.get(key, [])) == sorted(expected.get(key, [])), f"{name}: image option {key}"


@pytest.mark.parametrize("name", [*WIKI_PRESETS, "default"])
def test_link_trail(name):
    trail = language_facts("en")[3] if name == "default" else wiki_facts(name).link_trail
    assert _data(name).get("link-trail", "") == link_trail_from_php(trail)


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_loads(name):
    site = load_site(name, contributions=get_registry().site_presets)
    assert site.name == name
    assert site.is_namespace(f"{site.namespaces['file'][0]}:X.jpg", "file")
    assert site.is_namespace("Category:X", "category")  # canonical names work everywhere


@pytest.mark.parametrize("name", [name for name in WIKI_PRESETS if preset_data(name).get("common-words")])
def test_common_words_are_common_on_the_wikis_pages(name, corpus):
    """A preset's common words make up a good share of its wiki's own pages, close to the
    best of all presets' (related languages share words: Danish and Norwegian)."""
    pages = sorted(corpus.glob(f"*/*.{name}__*.wiki"))
    if not pages:
        pytest.skip(f"no {name} page in the corpus")
    detector = _detector(tuple(sorted(set(preset_names()) - {"default"})))
    best = max((detector._read(page.read_text(encoding="utf-8")) for page in pages), key=lambda s: s.word_count)
    share = best.word_share[name]
    assert share >= 0.04 and share >= 0.6 * max(best.word_share.values()), (name, share)

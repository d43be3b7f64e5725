"""MediaWiki's language data and Wikimedia's wiki settings from ``../shared/sitedata``,
combined the way MediaWiki combines them (see that folder's README): reference data to
check the presets against, for tests only."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from support import REPO_ROOT

SITEDATA = REPO_ROOT.parent / "shared" / "sitedata"

#: The language converters' variants (MediaWiki's includes/language/converters): their
#: namespace names are aliases on a wiki in that language.
VARIANTS = {"sr": ("sr-ec", "sr-el"), "sh": ("sh-latn", "sh-cyrl"), "zh": ("zh-hans", "zh-hant", "zh-cn", "zh-hk",
            "zh-mo", "zh-my", "zh-sg", "zh-tw")}


@lru_cache(maxsize=1)
def languages() -> dict:
    return json.loads((SITEDATA / "mediawiki-languages.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def wikis() -> dict:
    return json.loads((SITEDATA / "wikimedia-wikis.json").read_text(encoding="utf-8"))["wikis"]


def chain(code: str) -> list[str]:
    """The language, its fallbacks (breadth first, as LanguageFallback), then ``en``."""
    records = languages()["languages"]
    order = [code]
    for each in order:
        for fallback in records.get(each, {}).get("fallback", []):
            if fallback not in order:
                order.append(fallback)
    return order + ([] if "en" in order else ["en"])


@dataclass
class WikiFacts:
    """What MediaWiki makes of one wiki's settings and language."""

    language: str
    capital_links: bool
    #: namespace number → every name MediaWiki accepts for it (spaces, not underscores).
    names: dict[int, set[str]] = field(default_factory=dict)
    #: namespace number → the name MediaWiki shows.
    display: dict[int, str] = field(default_factory=dict)
    #: namespaces whose shown name the data leaves to ``{{GRAMMAR:…}}`` (not resolved here).
    grammar: set[int] = field(default_factory=set)
    magic_words: dict[str, list[str]] = field(default_factory=dict)
    link_trail: str | None = None


def _space(name: str) -> str:
    return name.replace("_", " ").strip()


def language_facts(code: str) -> tuple[dict[int, str], dict[int, set[str]], dict[str, list[str]], str | None]:
    """Merged namespace names, aliases (with gender forms), magic words and link trail."""
    records = languages()["languages"]
    names: dict[int, str] = {}
    aliases: dict[int, set[str]] = {}
    magic: dict[str, list[str]] = {}
    trail = None
    gender: dict = {}
    for each in chain(code):
        record = records.get(each, {})
        if not gender and record.get("namespaceGenderAliases"):
            gender = record["namespaceGenderAliases"]  # not merged: the first language's only
        for number, name in record.get("namespaceNames", {}).items():
            names.setdefault(int(number), name)
        for alias, number in record.get("namespaceAliases", {}).items():
            aliases.setdefault(int(number), set()).add(_space(alias))
        for magic_id, spec in record.get("magicWords", {}).items():
            words = magic.setdefault(magic_id, [])
            words += [alias for alias in spec["aliases"] if alias not in words]
        if trail is None and "linkTrail" in record:
            trail = record["linkTrail"]
    for number, forms in gender.items():
        aliases.setdefault(int(number), set()).update(_space(form) for form in forms.values())
    for alias, number in languages()["canonicalNamespaceAliases"].items():
        aliases.setdefault(int(number), set()).add(_space(alias))
    return names, aliases, magic, trail


def wiki_facts(dbname: str) -> WikiFacts:
    settings = wikis()[dbname]
    code = settings["languageCode"]
    names, aliases, magic, trail = language_facts(code)
    facts = WikiFacts(code, settings["capitalLinks"], magic_words=magic, link_trail=trail)
    display = {int(n): v for n, v in names.items() if int(n) != 0}
    meta = settings.get("metaNamespace")
    if meta:
        display[4] = meta
    if settings.get("metaNamespaceTalk"):
        display[5] = settings["metaNamespaceTalk"]
    elif meta and "$1" in display.get(5, ""):
        display[5] = display[5].replace("$1", meta)
    for number, name in settings.get("extraNamespaces", {}).items():
        display[int(number)] = name
    canonical = {int(n): v for n, v in languages()["canonicalNamespaces"].items() if int(n) != 0}
    for number, name in display.items():
        accepted = facts.names.setdefault(number, set())
        if "{{" in name:  # {{GRAMMAR:…}}: the rendered form is not in the data
            facts.grammar.add(number)
        else:
            accepted.add(_space(name))
            facts.display[number] = _space(name)
        if number in canonical:
            accepted.add(_space(canonical[number]))
        for alias in aliases.get(number, set()):
            if "$1" in alias and meta:
                alias = alias.replace("$1", meta)
            if "{{" not in alias and "$1" not in alias:
                accepted.add(alias)
    for variant in VARIANTS.get(code, ()):
        variant_names, variant_aliases, _, _ = language_facts(variant)
        for number, name in variant_names.items():
            if int(number) in facts.names and int(number) not in (4, 5):
                facts.names[int(number)].add(_space(name))
    for alias, number in settings.get("namespaceAliases", {}).items():
        facts.names.setdefault(int(number), set()).add(_space(alias))
    return facts

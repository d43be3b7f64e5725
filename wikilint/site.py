"""Per-wiki facts: namespace names, title case, link trail, reference-list templates.

A site is read from a preset shipped in ``wikilint/sites/<name>.toml`` or from a TOML
file a user writes. Either may say ``extends = "<preset or path>"``; tables are merged
key by key and every other value (lists included) replaces the inherited one.
Plugins can add keys to presets through the ``wikilint_site_presets`` hook; a preset
file's own values win over what plugins contribute.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from wikilint._toml import load_toml

PRESET_DIR = Path(__file__).parent / "sites"

#: A site sets these to ``false`` when its per-wiki lists may be incomplete (a wiki with
#: no preset, or one guessed from the page): rules then prefer silence to a guess.
#: ``reference-list-templates-known``: a template not in ``reference-list-templates`` may
#: still print the reference list. ``image-options-known``: a word not in
#: ``[image-options]`` may still be one of the wiki's image keywords.
REFERENCE_LIST_TEMPLATES_KNOWN = "reference-list-templates-known"
IMAGE_OPTIONS_KNOWN = "image-options-known"
#: The overrides for a wiki whose lists are not known.
UNKNOWN_WIKI: Mapping[str, Any] = {REFERENCE_LIST_TEMPLATES_KNOWN: False, IMAGE_OPTIONS_KNOWN: False}


class SiteError(Exception):
    """A site preset or site file that cannot be used."""


def preset_names() -> list[str]:
    return sorted(_preset_names())


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``; nested tables merge, everything else replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_WHITESPACE_RUN = re.compile(r"[\s_]+")
#: A title that normalises to itself but for its first letter: single spaces between
#: words, and no underscore, entity, namespace colon or fragment.
_PLAIN_TITLE = re.compile(r"[^\s_&:#]+(?: [^\s_&:#]+)*")
_TITLE_CACHE_SIZE = 100_000


@dataclass(frozen=True)
class Site:
    """The facts about one wiki that rules need. Unknown keys stay in ``data``."""

    name: str
    language: str
    #: MediaWiki's ``$wgCapitalLinks``: the first letter of a title is case-insensitive.
    first_letter_case_insensitive: bool
    #: Characters after ``]]`` that join the link's label, or ``None`` (e.g. zh).
    link_trail: re.Pattern[str] | None
    #: Canonical namespace key (``file``, ``category``…) → every name and alias.
    namespaces: Mapping[str, tuple[str, ...]]
    #: Interlanguage and interwiki prefixes (``en``, ``de``, ``wikt``…), lower case.
    interwiki_prefixes: frozenset[str]
    data: Mapping[str, Any] = field(repr=False)
    _namespace_by_name: Mapping[str, str] = field(repr=False, default_factory=dict)
    _normalized_titles: dict[str, str] = field(repr=False, default_factory=dict, compare=False)
    _template_keys: dict[str, str] = field(repr=False, default_factory=dict, compare=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Site:
        try:
            namespaces = {key: tuple(names) for key, names in data.get("namespaces", {}).items()}
            link_trail = data.get("link-trail", "")
            site = cls(
                name=str(data.get("name", "custom")),
                language=str(data.get("language", "en")),
                first_letter_case_insensitive=bool(data.get("first-letter-case-insensitive", True)),
                link_trail=re.compile(link_trail) if link_trail else None,
                namespaces=namespaces,
                interwiki_prefixes=frozenset(p.lower() for p in data.get("interwiki-prefixes", [])),
                data=dict(data),
                _namespace_by_name={
                    name.replace("_", " ").strip().casefold(): key
                    for key, names in namespaces.items() for name in names
                },
            )
        except (TypeError, AttributeError, re.error) as error:
            raise SiteError(f"invalid site data for {data.get('name', '?')!r}: {error}") from error
        return site

    def get(self, key: str, default: Any = None) -> Any:
        """Any other site fact, e.g. ``reference-list-templates``."""
        return self.data.get(key, default)

    def split_namespace(self, title: str) -> tuple[str | None, str]:
        """``("file", "X.png")`` for ``File:X.png``; ``(None, title)`` in the main namespace.

        Interwiki prefixes come back as ``("interwiki", title)``.
        """
        prefix, colon, rest = title.partition(":")
        if not colon:
            return None, title
        key = prefix.replace("_", " ").strip().casefold()
        if key in self._namespace_by_name:
            return self._namespace_by_name[key], rest
        if key in self.interwiki_prefixes:
            return "interwiki", title
        return None, title

    def is_namespace(self, title: str, namespace: str) -> bool:
        return self.split_namespace(title.lstrip())[0] == namespace

    def normalize_title(self, title: str) -> str:
        """Normalise a link target the way MediaWiki does before comparing titles.

        Entities are decoded, underscores and runs of white space become one space, the
        ends are trimmed, the namespace name becomes its canonical first spelling and, on
        first-letter-case-insensitive sites, the first letter is upper-cased.
        A ``#fragment`` is kept but normalised the same way (minus the case rule).
        Memoised per site: the same titles recur from page to page.
        """
        cache = self._normalized_titles
        normalized = cache.get(title)
        if normalized is None:
            if len(cache) >= _TITLE_CACHE_SIZE:
                cache.clear()
            normalized = cache[title] = self._normalize_title(title)
        return normalized

    def template_key(self, name: str) -> str:
        """A template's name as MediaWiki compares it: without a ``Template:`` prefix (any
        alias), underscores as spaces, white space collapsed and trimmed, and the first
        letter upper-cased on first-letter-case-insensitive sites. ``{{cite_web }}`` and
        ``{{Template:Cite web}}`` both give ``Cite web``."""
        cache = self._template_keys
        key = cache.get(name)
        if key is None:
            if len(cache) >= _TITLE_CACHE_SIZE:
                cache.clear()
            namespace, rest = self.split_namespace(name.strip())
            bare = rest if namespace == "template" else name
            bare = _WHITESPACE_RUN.sub(" ", bare).strip()
            if self.first_letter_case_insensitive:
                bare = bare[:1].upper() + bare[1:]
            key = cache[name] = bare
        return key

    def _normalize_title(self, title: str) -> str:
        """:meth:`normalize_title` without the memo."""
        if _PLAIN_TITLE.fullmatch(title):  # most titles: nothing to do but the first letter
            return title[0].upper() + title[1:] if self.first_letter_case_insensitive else title
        title = html.unescape(title)
        page, hash_sign, fragment = title.partition("#")
        page = _WHITESPACE_RUN.sub(" ", page).strip()
        namespace, rest = self.split_namespace(page)
        if namespace is not None and namespace != "interwiki":
            rest = _WHITESPACE_RUN.sub(" ", rest).strip()
            prefix = self.namespaces[namespace][0] + ":"
        else:
            rest, prefix = page, ""
        if self.first_letter_case_insensitive and rest:
            rest = rest[0].upper() + rest[1:]
        fragment = _WHITESPACE_RUN.sub(" ", fragment).strip()
        return prefix + rest + (hash_sign + fragment if hash_sign else "")


def _read_site_file(path: Path) -> dict[str, Any]:
    try:
        return load_toml(path)
    except OSError as error:
        raise SiteError(f"cannot read site file {path}: {error.strerror or error}") from error
    except ValueError as error:
        raise SiteError(f"invalid TOML in site file {path}: {error}") from error


@lru_cache(maxsize=None)
def _read_preset_file(name: str) -> Mapping[str, Any]:
    """A preset's own file, read once per process (callers change a deep copy only)."""
    return _read_site_file(PRESET_DIR / f"{name}.toml")


@lru_cache(maxsize=1)
def _preset_names() -> frozenset[str]:
    return frozenset(path.stem for path in PRESET_DIR.glob("*.toml"))


def _resolve(reference: str, base_dir: Path, contributions: Mapping[str, Mapping[str, Any]],
             seen: tuple[str, ...]) -> dict[str, Any]:
    """Load a preset name or a site-file path, following ``extends``."""
    if reference in seen:
        raise SiteError(f"site 'extends' loop: {' -> '.join(seen + (reference,))}")
    if reference in _preset_names():
        data = deep_merge(contributions.get(reference, {}), copy.deepcopy(_read_preset_file(reference)))
        data.setdefault("name", reference)
        origin_dir = PRESET_DIR
    elif reference.endswith(".toml") or "/" in reference or "\\" in reference:
        path = (base_dir / reference).resolve()
        data = _read_site_file(path)
        data.setdefault("name", path.stem)
        origin_dir = path.parent
    else:
        raise SiteError(
            f"unknown site {reference!r}: use a preset ({', '.join(preset_names())}) or a path to a .toml file"
        )
    return _resolve_extends(data, reference, origin_dir, contributions, seen + (reference,))


def _resolve_extends(data: dict[str, Any], label: str, origin_dir: Path,
                     contributions: Mapping[str, Mapping[str, Any]], seen: tuple[str, ...]) -> dict[str, Any]:
    """``data`` on top of what its ``extends`` names (``data`` itself is consumed)."""
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise SiteError(f"'extends' in site {label!r} must be a string")
    return deep_merge(_resolve(parent, origin_dir, contributions, seen), data)


def resolve_site(reference: str, base_dir: Path | str = ".",
                 contributions: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The merged data of a preset name (``zhwiki``) or site file, ``extends`` followed.

    ``contributions`` are the preset additions plugins made through the
    ``wikilint_site_presets`` hook. Plain data: it travels to worker processes with a task.
    """
    return _resolve(reference, Path(base_dir), contributions or {}, ())


def load_site(reference: str, base_dir: Path | str = ".",
              contributions: Mapping[str, Mapping[str, Any]] | None = None,
              overrides: Mapping[str, Any] | None = None) -> Site:
    """The site for a preset name (``zhwiki``) or a path to a site file.

    ``contributions`` are the preset additions plugins made through the
    ``wikilint_site_presets`` hook; ``overrides`` go on top of everything (e.g.
    :data:`UNKNOWN_WIKI` when the site is a guess). Callers cache the result: a site is
    loaded once per run.
    """
    data = _resolve(reference, Path(base_dir), contributions or {}, ())
    return Site.from_data(deep_merge(data, overrides) if overrides else data)


def site_from_data(data: Mapping[str, Any], base_dir: Path | str = ".",
                   contributions: Mapping[str, Mapping[str, Any]] | None = None) -> Site:
    """The site for site data held in memory (a siteinfo import, a dump's ``<siteinfo>``),
    its ``extends`` followed as in a site file in ``base_dir``."""
    label = str(data.get("name", "custom"))
    return Site.from_data(_resolve_extends(dict(data), label, Path(base_dir), contributions or {}, ()))


def preset_data(name: str, contributions: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """A preset's data with everything it extends merged in (``SiteError`` if unknown)."""
    if name not in _preset_names():
        raise SiteError(f"unknown site preset {name!r}")
    return _resolve(name, PRESET_DIR, contributions or {}, ())

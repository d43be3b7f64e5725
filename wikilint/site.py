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


_STRINGS = "a list of strings"
_TABLE_OF_STRINGS = "a table of lists of strings"
#: The site keys the engine and the shipped families read, and what each must be. A key a
#: plugin contributes to a preset (``wikilint_site_presets``) is known too, with the kind
#: of value the plugin gave it; any other key in a site file is an error, not ignored.
SITE_KEYS: Mapping[str, str] = {
    "name": "a string", "language": "a string", "extends": "a string", "link-trail": "a string",
    "first-letter-case-insensitive": "true or false", "variants": _STRINGS, "interwiki-prefixes": _STRINGS,
    "namespaces": _TABLE_OF_STRINGS, "image-options": _TABLE_OF_STRINGS, "image-options-known": "true or false",
    "reference-list-templates": _STRINGS, "reference-list-templates-known": "true or false",
    "reference-list-markup": "a string", "references-section-title": "a string",
    "references-section-titles": _STRINGS, "ref-punctuation-order": '"after-punctuation" or "before-punctuation"',
    "common-words": _STRINGS, "extension-tags": _STRINGS, "default-rules": _STRINGS,
}


def _fits(value: Any, kind: str) -> bool:
    if kind == "a string":
        return isinstance(value, str)
    if kind == "true or false":
        return isinstance(value, bool)
    if kind == _STRINGS:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == _TABLE_OF_STRINGS:
        return isinstance(value, dict) and all(_fits(item, _STRINGS) for item in value.values())
    if kind.startswith('"'):
        return value in {choice.strip('" ') for choice in kind.split(" or ")}
    return True


def _kind_of(value: Any) -> str:
    """What a plugin's contributed value is, as :data:`SITE_KEYS` says it."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return _STRINGS if all(isinstance(item, str) for item in value) else "a list"
    if isinstance(value, dict):
        return _TABLE_OF_STRINGS if _fits(value, _TABLE_OF_STRINGS) else "a table"
    return "any value"


def check_site_data(data: Mapping[str, Any], where: str, contributions: Mapping[str, Mapping[str, Any]]) -> None:
    """A one-line :class:`SiteError` naming ``where`` and the key for an unknown key or a
    value of the wrong kind (``reference-list-templates = "Reflist"`` would otherwise be
    read letter by letter)."""
    contributed = {key: _kind_of(value) for additions in contributions.values() for key, value in additions.items()}
    for key, value in data.items():
        kind = SITE_KEYS.get(key) or contributed.get(key)
        if kind is None:
            known = sorted(set(SITE_KEYS) | set(contributed))
            close = [name for name in known if name.replace("-", "") == key.replace("_", "").replace("-", "")]
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SiteError(f"{where}: unknown site key {key!r}{hint}")
        if not _fits(value, kind):
            raise SiteError(f"{where}: site key {key!r} must be {kind}, not {value!r:.60}")


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
#: Entries of each per-site memo (normalised titles, template keys) before it starts over:
#: some 3 MB each. (100,000 took some 15 MB each, reached only on larger dumps: a dump
#: run's memory grew with the dump.)
_TITLE_CACHE_SIZE = 20_000


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
        check_site_data(data, str(path), contributions)
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

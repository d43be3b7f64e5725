"""Configuration: discovery, validation and rule selection.

Settings come from ``.wikilint.toml`` or ``wikilint.toml`` (top-level keys) or the
``[tool.wikilint]`` table of ``pyproject.toml``, whichever is nearest to the checked
file, looking upward from its directory (in one directory, that order decides). As in
ruff, the nearest file wins whole; there is no merging with files further up unless a
file asks for it with ``extend = "../wikilint.toml"``: the base is read first and the
file's own keys are merged in (see :func:`read_config_file`). Command line options
override the file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from wikilint._toml import load_toml, loads_toml
from wikilint.plugin_host import Registry
from wikilint.rule import Rule, RuleInfo
from wikilint.site import Site, SiteError, resolve_site

CONFIG_FILE_NAMES = (".wikilint.toml", "wikilint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.wiki", "*.wikitext", "*.mediawiki", "*.mw")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
                   "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache")


DEFAULT_MAX_PAGE_SIZE = 4 * 1024 * 1024
#: The site setting that has each page's site detected from the page.
AUTO_SITE = "auto"
#: Keys whose values are glob patterns (checked when the settings are read).
_GLOB_KEYS = ("include", "extend-include", "exclude", "extend-exclude")


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


def _list_of_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _table_of_string_lists(value: Any) -> bool:
    return isinstance(value, dict) and all(_list_of_strings(item) for item in value.values())


# key -> (attribute name, type check, type description)
_KEYS: dict[str, tuple[str, Any, str]] = {
    "select": ("select", _list_of_strings, "a list of rule selectors"),
    "extend-select": ("extend_select", _list_of_strings, "a list of rule selectors"),
    "ignore": ("ignore", _list_of_strings, "a list of rule selectors"),
    "extend-ignore": ("extend_ignore", _list_of_strings, "a list of rule selectors"),
    "per-file-ignores": ("per_file_ignores", _table_of_string_lists, "a table of glob = [selectors]"),
    "extend-per-file-ignores": ("extend_per_file_ignores", _table_of_string_lists, "a table of glob = [selectors]"),
    "fixable": ("fixable", _list_of_strings, "a list of rule selectors"),
    "extend-fixable": ("extend_fixable", _list_of_strings, "a list of rule selectors"),
    "unfixable": ("unfixable", _list_of_strings, "a list of rule selectors"),
    "unsafe-fixes": ("unsafe_fixes", lambda v: isinstance(v, bool), "true or false"),
    "site": ("site", lambda v: isinstance(v, str), '"auto", a preset name or a path to a site file'),
    "include": ("include", _list_of_strings, "a list of glob patterns"),
    "extend-include": ("extend_include", _list_of_strings, "a list of glob patterns"),
    "exclude": ("exclude", _list_of_strings, "a list of glob patterns"),
    "extend-exclude": ("extend_exclude", _list_of_strings, "a list of glob patterns"),
    "fix-limit": ("fix_limit", lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
                  "a positive integer"),
    "max-page-size": ("max_page_size", lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
                      "a positive number of bytes"),
    "rules": ("rules", lambda v: isinstance(v, dict) and all(isinstance(t, dict) for t in v.values()),
              "a table of rule tables"),
    "respect-gitignore": ("respect_gitignore", lambda v: isinstance(v, bool), "true or false"),
    "cache-dir": ("cache_dir", lambda v: isinstance(v, str) and v != "", "a path"),
    "extend": ("extend", lambda v: isinstance(v, str) and v != "", "a path to another configuration file"),
    "format": ("format", lambda v: isinstance(v, dict), "a table (select, extend-select, ignore, rules)"),
}

#: The keys of the ``[format]`` table: which formatting rules ``wikilint format`` runs
#: (as ``select``/``extend-select``/``ignore`` choose lint rules) and their options.
_FORMAT_KEYS: dict[str, tuple[Any, str]] = {
    "select": (_list_of_strings, "a list of formatting rule selectors"),
    "extend-select": (_list_of_strings, "a list of formatting rule selectors"),
    "ignore": (_list_of_strings, "a list of formatting rule selectors"),
    "rules": (lambda v: isinstance(v, dict) and all(isinstance(t, dict) for t in v.values()),
              "a table of formatting rule tables"),
}

#: Keys whose values add up along an ``extend`` chain (the base's first); every other
#: key of the extending file replaces the base's (``rules`` merge option by option;
#: selection goes by layers, see :attr:`Settings.selection_layers`).
_ACCUMULATING = ("extend_per_file_ignores", "extend_include", "extend_exclude", "unfixable", "extend_fixable")

SelectionLayer = tuple["tuple[str, ...] | None", "tuple[str, ...]", "tuple[str, ...]"]


@dataclass(frozen=True)
class Settings:
    """One configuration file's settings (or the defaults), before CLI overrides."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: Kept as ruff keeps it, for old configurations: the same as more ``ignore``.
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extend_per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fixable: tuple[str, ...] = ("ALL",)
    extend_fixable: tuple[str, ...] = ()
    unfixable: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    #: ``auto``: each page's site is detected from the page itself (its namespace names,
    #: script, headings, markup); or a preset name, or a path to a site file.
    site: str = AUTO_SITE
    include: tuple[str, ...] = DEFAULT_INCLUDE
    extend_include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    fix_limit: int = 10
    #: Pages larger than this (bytes) are reported and skipped. MediaWiki refuses pages over
    #: 2 MiB ($wgMaxArticleSize); twice that leaves room for pages kept outside a wiki.
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    respect_gitignore: bool = True
    #: As written (relative to ``root``); see :attr:`cache_path`.
    cache_dir: str | None = None
    #: The ``extend`` value as written.
    extend: str | None = None
    #: The ``[format]`` table, validated (lists as tuples): see :func:`format_selection`.
    format: Mapping[str, Any] = field(default_factory=dict)
    #: The selection layers of the files this one extends, the furthest base first.
    inherited_selection: tuple[SelectionLayer, ...] = ()
    #: The files merged into these settings, the furthest base first (``extend``).
    extended: tuple[Path, ...] = field(default=(), repr=False, compare=False)
    #: For each key set by a file: that file (``--show-settings`` says where a value comes from).
    origins: Mapping[str, Path] = field(default_factory=dict, repr=False, compare=False)

    @property
    def label(self) -> str:
        return str(self.source) if self.source else "(defaults)"

    @property
    def selection_layers(self) -> tuple[SelectionLayer, ...]:
        """ruff's layers: each file of an ``extend`` chain, base first, is one layer of
        select/extend-select/ignore (a later ``select`` starts afresh; ``ignore``s add up)."""
        return self.inherited_selection + ((self.select, self.extend_select, self.ignore + self.extend_ignore),)

    @property
    def cache_path(self) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.root / _expand(self.cache_dir)


@dataclass(frozen=True)
class Overrides:
    """What the command line says; ``None`` means "as configured"."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fixable: tuple[str, ...] | None = None
    extend_fixable: tuple[str, ...] = ()
    unfixable: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None
    site: str | None = None
    #: The wiki index rules that need one read (``--wiki-index``, or the one ``dump`` built).
    wiki_index: str | None = None
    #: Inline ``--config "key = value"`` settings, applied on top of the file.
    inline: Mapping[str, Any] = field(default_factory=dict)
    #: ``dump --format``: a page that a fix changes is formatted too (never one that only
    #: formatting would change: wikis discourage cosmetic-only bot edits).
    format_fixed: bool = False


def parse_settings(data: Mapping[str, Any], root: Path, source: Path | None) -> Settings:
    """Validate a ``[tool.wikilint]``-shaped table into :class:`Settings`."""
    where = str(source) if source else "--config"
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            close = [known for known in _KEYS if known.replace("-", "") == key.replace("_", "").replace("-", "")]
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")
        attribute, check, description = _KEYS[key]
        if not check(value):
            raise ConfigError(f"{where}: {key!r} must be {description}, not {value!r:.80}")
        if key in _GLOB_KEYS:
            for pattern in value:
                _check_glob(pattern, where, key)
        elif key.endswith("per-file-ignores"):
            for pattern in value:
                _check_glob(pattern, where, f"{key}.{pattern}")
        if key == "format":
            value = _parse_format_table(value, where)
        elif isinstance(value, list):
            value = tuple(value)
        elif key.endswith("per-file-ignores"):
            value = {pattern: tuple(selectors) for pattern, selectors in value.items()}
        values[attribute] = value
    origins = {key: source for key in data} if source is not None else {}
    return Settings(root=root, source=source, origins=origins, **values)


def _parse_format_table(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _FORMAT_KEYS:
            known = ", ".join(_FORMAT_KEYS)
            raise ConfigError(f"{where}: unknown key 'format.{key}' (the [format] table has: {known})")
        check, description = _FORMAT_KEYS[key]
        if not check(value):
            raise ConfigError(f"{where}: 'format.{key}' must be {description}, not {value!r:.80}")
        parsed[key] = tuple(value) if isinstance(value, list) else value
    return parsed


def format_selection(settings: Settings) -> SelectionLayer:
    """The ``[format]`` table's ``(select, extend-select, ignore)``: the one selection layer
    of formatting rules (the top-level selection keys choose lint rules)."""
    table = settings.format
    return table.get("select"), table.get("extend-select", ()), table.get("ignore", ())


def read_config_file(path: Path, *, _chain: tuple[Path, ...] = ()) -> Settings | None:
    """Settings from one file; ``None`` for a ``pyproject.toml`` without ``[tool.wikilint]``.

    With ``extend = "PATH"`` (relative to the file; ``~`` and ``$VARIABLES`` expanded)
    the base file is read first, then this file's keys are merged in as ruff does: a key
    set here replaces the base's, except that the ``extend-*`` lists, ``unfixable`` and
    ``extend-per-file-ignores`` add up, ``[rules.*]`` tables merge option by option, and
    rule selection goes by layers (a ``select`` here starts afresh; ``ignore``s add up).
    Patterns and the ``cache-dir`` of the merged settings are relative to this file's
    folder; a site file named by the base stays relative to the base.
    """
    path = path.resolve()
    if path in _chain:
        raise ConfigError(f"{path}: 'extend' loop: {' -> '.join(str(p) for p in _chain + (path,))}")
    try:
        data = load_toml(path)
    except OSError as error:
        where = f"{_chain[-1]}: 'extend' names " if _chain else ""
        raise ConfigError(f"{where}{path}: cannot read: {error.strerror or error}") from error
    except ValueError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: [tool] must be a table, not {tool!r:.40}")
        if "wikilint" not in tool:
            if _chain:
                raise ConfigError(f"{_chain[-1]}: 'extend' names {path}, which has no [tool.wikilint] table")
            return None
        data = tool["wikilint"]
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.wikilint] must be a table")
    settings = parse_settings(data, path.parent, path)
    if settings.extend is None:
        return settings
    base_path = path.parent / _expand(settings.extend)
    base = read_config_file(base_path, _chain=_chain + (path,))
    assert base is not None  # a pyproject.toml without the table raised above
    return extend_settings(base, settings, set(data))


def extend_settings(base: Settings, own: Settings, own_keys: set[str]) -> Settings:
    """``own`` (the keys ``own_keys`` of one file) merged over the settings it extends."""
    merged: dict[str, Any] = {}
    for key, (attribute, _check, _description) in _KEYS.items():
        if key in ("select", "extend-select", "ignore", "extend-ignore", "extend"):
            continue  # selection goes by layers; ``extend`` is this file's own
        base_value = getattr(base, attribute)
        if key == "site" and _is_site_file(base_value) or key == "cache-dir" and base_value is not None:
            base_value = str(base.root / _expand(base_value))  # a path written in the base stays relative to it
        if key not in own_keys:
            merged[attribute] = base_value
        elif attribute in _ACCUMULATING:
            merged[attribute] = _accumulate(base_value, getattr(own, attribute))
        elif key == "rules":
            merged[attribute] = _merge_rule_options(base_value, own.rules)
        elif key == "format":  # its keys replace the base's, its rule tables merge option by option
            merged[attribute] = {**base_value, **own.format,
                                 "rules": _merge_rule_options(base_value.get("rules", {}), own.format.get("rules", {}))}
    origins = {**base.origins, **own.origins}
    return replace(own, inherited_selection=base.selection_layers, extended=base.extended + (base.source,),
                   origins=origins, **merged)


def _merge_rule_options(base: Mapping[str, Mapping[str, Any]],
                        own: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    rules = {name: dict(options) for name, options in base.items()}
    for name, options in own.items():
        rules[name] = {**rules.get(name, {}), **options}
    return rules


def settings_in_directory(directory: Path, cache: dict[Path, Settings | None]) -> Settings | None:
    """The settings of the nearest config file at or above ``directory`` (``None``: none).

    ``cache`` remembers every directory already looked at (a :class:`~wikilint.session.Session`
    owns it, so an editor can forget it when a config file changes).
    """
    walked: list[Path] = []
    found: Settings | None = None
    current = directory
    while True:
        if current in cache:
            found = cache[current]
            break
        walked.append(current)
        found = _settings_here(current)
        if found is not None:
            break
        parent = current.parent
        if parent == current:
            break
        current = parent
    for path in walked:
        cache[path] = found
    return found


def _settings_here(directory: Path) -> Settings | None:
    for name in CONFIG_FILE_NAMES:
        candidate = directory / name
        if candidate.is_file():
            settings = read_config_file(candidate)
            if settings is not None:
                return settings
        elif os.path.lexists(candidate):  # there, but not a file we can read: say so, never skip it
            if candidate.is_dir():
                raise ConfigError(f"{candidate}: is a directory, expected a TOML file")
            if candidate.is_symlink() and not candidate.exists():
                raise ConfigError(f"{candidate}: symbolic link that leads nowhere (a loop or a missing target)")
            raise ConfigError(f"{candidate}: not a regular file")
    return None


def _expand(path: str) -> str:
    """``~`` and ``$VARIABLES`` in a path, as ruff expands them."""
    return os.path.expandvars(os.path.expanduser(path))


def _is_site_file(reference: str) -> bool:
    return reference.endswith(".toml") or "/" in reference or "\\" in reference


def _accumulate(base: Any, own: Any) -> Any:
    if isinstance(own, dict):  # extend-per-file-ignores: a glob in both gets both lists
        return {**base, **{glob: tuple(base.get(glob, ())) + tuple(codes) for glob, codes in own.items()}}
    return tuple(base) + tuple(own)


def apply_inline(settings: Settings, inline: Mapping[str, Any]) -> Settings:
    """``settings`` with the keys of ``--config "key = value"`` options replaced."""
    if not inline:
        return settings
    parsed = parse_settings(inline, settings.root, None)
    return replace(settings, **{_KEYS[key][0]: getattr(parsed, _KEYS[key][0]) for key in inline})


def check_inline(inline: Mapping[str, Any], registry: Registry) -> None:
    """Validate ``--config "key = value"`` options once, before any file is read."""
    if "extend" in inline:
        raise ConfigError("--config: 'extend' belongs in a configuration file, not inline")
    settings = parse_settings(inline, Path.cwd(), None)
    for key in _SELECTOR_KEYS:
        check_selectors(getattr(settings, _KEYS[key][0]) or (), registry, "--config", key)
    for table in (settings.per_file_ignores, settings.extend_per_file_ignores):
        for pattern, selectors in table.items():
            check_selectors(selectors, registry, "--config", f"per-file-ignores.{pattern}")


def parse_inline_config(options: Iterable[str]) -> dict[str, Any]:
    """``--config "key = value"`` overrides, in TOML syntax."""
    merged: dict[str, Any] = {}
    for option in options:
        try:
            merged.update(loads_toml(option))
        except ValueError as error:
            raise ConfigError(f"--config {option!r}: not a file and not valid 'key = value' TOML: {error}") from error
    return merged


# -- rule selection -----------------------------------------------------------------------

_SELECTOR_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "fixable", "extend-fixable", "unfixable")


def selector_matches(selector: str, info: RuleInfo) -> bool:
    return selector == "ALL" or info.code.startswith(selector) or selector == info.name


def _specificity(selector: str) -> int:
    # "ALL" < "LNK" < "LNK0" < "LNK001"; a rule name is as specific as a full code.
    return 0 if selector == "ALL" else (1000 if not selector.isupper() else len(selector))


def check_selectors(selectors: Iterable[str], registry: Registry, where: str, key: str) -> None:
    for selector in selectors:
        if not any(selector_matches(selector, info) for info in registry.rules.values()):
            raise ConfigError(f"{where}: {key!r} has unknown rule code or selector {selector!r}")


def _selected(infos: Iterable[RuleInfo], base: set[str], select: tuple[str, ...] | None,
              extend: tuple[str, ...], ignore: tuple[str, ...]) -> set[str]:
    """One layer of ruff-style selection: select replaces, extend adds, ignore removes.

    Between a positive and a negative selector of one layer, the more specific wins
    (``select = ["LNK001"]`` with ``ignore = ["LNK"]`` keeps LNK001); on a tie, ignore wins.
    """
    chosen = set(base)
    if select is None and not extend and not ignore:  # most layers choose nothing
        return chosen
    for info in infos:
        positive = [s for s in (select or ()) + extend if selector_matches(s, info)]
        negative = [s for s in ignore if selector_matches(s, info)]
        best_positive = max(map(_specificity, positive), default=-1)
        best_negative = max(map(_specificity, negative), default=-1)
        if select is not None and best_positive < 0:
            chosen.discard(info.code)
        if best_positive >= 0 and best_positive > best_negative:
            chosen.add(info.code)
        elif best_negative >= 0:
            chosen.discard(info.code)
    return chosen


@dataclass(frozen=True)
class Profile:
    """How the pages under one configuration are processed, in a form any process can use.

    A :class:`~wikilint.session.Session` builds one per settings file; each page task
    carries it to whichever process handles the page (pickled once per batch of tasks).
    ``key`` identifies it by content, so a worker that serves many runs rebuilds its rule
    set only when the configuration really differs.
    """

    settings: Settings
    overrides: Overrides
    #: The resolved site (``extends`` followed, plugin additions merged): plain data; or
    #: ``None``: each page's site is detected from the page (``site = "auto"``).
    site_data: Mapping[str, Any] | None
    key: str

    @classmethod
    def build(cls, settings: Settings, overrides: Overrides, site_data: Mapping[str, Any] | None) -> Profile:
        import hashlib  # only when a profile is made: once per settings file

        site = sorted(site_data.items(), key=lambda item: item[0]) if site_data is not None else AUTO_SITE
        identity = repr((settings, overrides, site))
        return cls(settings, overrides, site_data, hashlib.sha256(identity.encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class RuleSet:
    """The rules to run for one settings file, instantiated with their options."""

    rules: tuple[Rule, ...]
    fixable: frozenset[str]
    unsafe_fixes: bool
    site: Site
    settings: Settings
    #: Rules a selector names explicitly that do not apply to this site's language (the
    #: zh rules on an English page): they do not run, and the run says so once.
    inapplicable: tuple[str, ...] = ()


def build_rule_set(settings: Settings, overrides: Overrides, registry: Registry, site: Site | None = None,
                   kind: str = "lint") -> RuleSet:
    """Resolve selection, fixability, rule options and site for one settings file.

    ``site`` is the site already resolved for these settings (a session caches it);
    without it the site named by the overrides or the settings is loaded here. ``kind``
    says which rules take part: ``lint`` rules (``check``) or ``format`` rules.
    """
    where = settings.label
    for key in _SELECTOR_KEYS:
        check_selectors(getattr(settings, _KEYS[key][0]) or (), registry, where, key)
    for layer in settings.inherited_selection:
        for selectors in layer:
            check_selectors(selectors or (), registry, where, "select/ignore of an extended file")
    for table in (settings.per_file_ignores, settings.extend_per_file_ignores):
        for pattern, selectors in table.items():
            check_selectors(selectors, registry, where, f"per-file-ignores.{pattern}")
    format_infos = [info for info in registry.sorted_rules() if info.rule.kind == "format"]
    for key, selectors in zip(("select", "extend-select", "ignore"), format_selection(settings)):
        for selector in selectors or ():
            if not any(selector_matches(selector, info) for info in format_infos):
                raise ConfigError(f"{where}: 'format.{key}' has unknown formatting rule code or selector {selector!r}")
    infos = [info for info in registry.sorted_rules() if info.rule.kind == kind]
    enabled = {info.code for info in infos if info.rule.default_enabled}
    if site is None:
        data = resolve_site_data(settings, overrides, registry)
        site = Site.from_data(data if data is not None else resolve_site("default", ".", registry.site_presets))
    # A wiki's own conventions may turn on rules that are off elsewhere (zhwiki asks for the
    # access date of web sources): the site's default layer comes before the user's.
    enabled = _selected(infos, enabled, None, tuple(site.get("default-rules", ())), ())
    # The top-level keys choose lint rules; the [format] table chooses formatting rules.
    layers = settings.selection_layers if kind == "lint" else (format_selection(settings),)
    for select, extend_select, ignore in layers:
        enabled = _selected(infos, enabled, select, extend_select, ignore)
    enabled = _selected(infos, enabled, overrides.select, overrides.extend_select, overrides.ignore)
    fixable = _selected(infos, set(), overrides.fixable or settings.fixable,
                        settings.extend_fixable + overrides.extend_fixable, settings.unfixable + overrides.unfixable)

    options = _rule_options(settings, registry)
    applicable = [info for info in infos if info.code in enabled and applies_to(info.rule, site.language)]
    named = [selector for selector in (settings.select or ()) + settings.extend_select + (overrides.select or ())
             + overrides.extend_select if selector != "ALL"]
    inapplicable = tuple(info.code for info in infos if info.code in enabled and not applies_to(info.rule, site.language)
                         and any(selector_matches(selector, info) for selector in named))
    rules = tuple(info.rule(options.get(info.code)) for info in applicable)
    unsafe = overrides.unsafe_fixes if overrides.unsafe_fixes is not None else settings.unsafe_fixes
    return RuleSet(rules=rules, fixable=frozenset(fixable), unsafe_fixes=unsafe, site=site, settings=settings,
                   inapplicable=inapplicable)


def applies_to(rule: type[Rule], language: str) -> bool:
    """Whether a rule runs on a site of ``language`` (its ``languages``, or every language)."""
    return not rule.languages or any(language == code or language.startswith(code + "-") for code in rule.languages)


def site_reference(settings: Settings, overrides: Overrides) -> tuple[str, Path]:
    """The site the settings name and the folder a relative site-file path starts from."""
    if overrides.site:
        return overrides.site, Path.cwd()
    return settings.site, settings.root


def resolve_site_data(settings: Settings, overrides: Overrides, registry: Registry) -> dict[str, Any] | None:
    """The merged data of the site that applies (``extends`` followed, plugin additions in);
    ``None`` when each page's site is detected (``site = "auto"``)."""
    reference, base = site_reference(settings, overrides)
    if reference == AUTO_SITE:
        return None
    try:
        return resolve_site(reference, base, registry.site_presets)
    except SiteError as error:
        raise ConfigError(f"{settings.label}: site: {error}") from error


def _rule_options(settings: Settings, registry: Registry) -> dict[str, dict[str, Any]]:
    """Per-rule options by code: declared defaults < plugin defaults < the user's file."""
    by_name = registry.by_name()
    resolved: dict[str, dict[str, Any]] = {}
    layers = ((registry.default_config.get("rules", {}), "plugin defaults", "rules"),
              (settings.rules, settings.label, "rules"),
              (settings.format.get("rules", {}), settings.label, "format.rules"))
    for table, where, section in layers:
        for key, values in table.items():
            info = by_name.get(key) or registry.rules.get(key)
            if info is None:
                raise ConfigError(f"{where}: [{section}.{key}]: unknown rule (use a rule name or code)")
            if section == "format.rules" and info.rule.kind != "format":
                raise ConfigError(f"{where}: [{section}.{key}]: not a formatting rule (its options go in [rules.{key}])")
            declared = info.rule.options
            for option, value in values.items():
                if option not in declared:
                    known = ", ".join(sorted(declared)) or "none"
                    raise ConfigError(f"{where}: [{section}.{key}]: unknown option {option!r} (options: {known})")
                default = declared[option]
                if not _same_type(value, default):
                    raise ConfigError(
                        f"{where}: [{section}.{key}]: {option!r} must be of type {type(default).__name__}, not {value!r}"
                    )
                choices = info.rule.option_choices.get(option)
                chosen = value if isinstance(value, (list, tuple)) else [value]
                if choices is not None and any(item not in choices for item in chosen):
                    allowed = ", ".join(repr(choice) for choice in choices)
                    raise ConfigError(f"{where}: [{section}.{key}]: {option!r} must be one of {allowed}, not {value!r}")
                resolved.setdefault(info.code, {})[option] = value
    return resolved


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


# -- globs ---------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob (``*``, ``?``, ``**``, ``{a,b}``, ``[...]``) to a regex on ``/`` paths."""
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            close = pattern.find("}", index)
            if close == -1:
                out.append(re.escape(char))
            else:
                alternatives = pattern[index + 1:close].split(",")
                out.append("(?:" + "|".join(re.escape(a) for a in alternatives) + ")")
                index = close
        elif char == "[":
            # A "]" right after "[" or "[!" belongs to the class, as in fnmatch.
            body_start = index + 2 if pattern[index + 1:index + 2] == "!" else index + 1
            close = pattern.find("]", body_start + 1 if pattern[body_start:body_start + 1] == "]" else body_start)
            if close == -1:
                out.append(re.escape(char))
            else:
                negate = "^" if body_start == index + 2 else ""
                body = pattern[body_start:close].replace("\\", "\\\\").replace("]", "\\]")
                out.append("[" + negate + body + "]")
                index = close
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z", re.IGNORECASE if os.name == "nt" else 0)


def _check_glob(pattern: str, where: str, key: str) -> None:
    """A one-line error for a glob that cannot mean what it says (``[z-a]``, ``{a,``, ``[``)."""
    problem = None
    if pattern.count("{") != pattern.count("}") or _unclosed_bracket(pattern):
        problem = "an unclosed '[' or '{'"
    else:
        try:
            _glob_regex(pattern)
        except re.error as error:
            problem = str(error)
    if problem:
        raise ConfigError(f"{where}: {key!r} has an invalid glob pattern {pattern!r}: {problem}")


def _unclosed_bracket(pattern: str) -> bool:
    index = pattern.find("[")
    while index != -1:
        body_start = index + 2 if pattern[index + 1:index + 2] == "!" else index + 1
        close = pattern.find("]", body_start + 1 if pattern[body_start:body_start + 1] == "]" else body_start)
        if close == -1:
            return True
        index = pattern.find("[", close + 1)
    return False


def glob_matches(pattern: str, relative_path: str, *, ignore_case: bool = False) -> bool:
    """Whether a ``/``-separated relative path matches; a pattern without ``/`` matches
    the file name or any directory name along the path."""
    path = relative_path.replace(os.sep, "/")
    if path.startswith("./"):
        path = path[2:]
    regex = _glob_regex(pattern.lower() if ignore_case else pattern)
    subject = path.lower() if ignore_case else path
    if "/" not in pattern.rstrip("/"):
        return any(regex.match(part) for part in subject.split("/"))
    return bool(regex.match(subject.lstrip("/")))

"""A session: what a run, or an editor server, resolves once and then reuses.

The plugin registry, the settings found for each directory, the profile built for each
settings file, the rule sets and sites: all of it lives on a :class:`Session`, never in
module-level caches, so that a long-lived process (a language server, a Dask worker that
serves many runs) can hold several sessions or forget one (:meth:`Session.invalidate`)
when a ``wikilint.toml`` changes. Tests construct their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from wikilint.config import (
    ConfigError, Overrides, Profile, RuleSet, Settings, apply_inline, build_rule_set, glob_matches, read_config_file, resolve_site_data, selector_matches, settings_in_directory,
)
from wikilint.files import relative_to_root, resolved
from wikilint.plugin_host import Registry, build_registry, get_registry
from wikilint.site import UNKNOWN_WIKI, Site, deep_merge, preset_data

if TYPE_CHECKING:
    from wikilint.detect import Detection
    from wikilint.wikiindex import WikiIndex


class Session:
    """Settings, profiles, rule sets and sites for one configuration of the command line.

    ``overrides`` are what the command line says (selection, site, inline ``--config``
    options); ``config_file`` is ``--config FILE``, which then applies to every path
    instead of the nearest config file; ``isolated`` reads no config file at all.
    """

    def __init__(self, overrides: Overrides | None = None, *, config_file: str | Path | None = None,
                 registry: Registry | None = None, isolated: bool = False) -> None:
        self.overrides = overrides or Overrides()
        self.config_file = Path(config_file) if config_file is not None else None
        self.isolated = isolated
        self._registry = registry
        self._clear()

    def _clear(self) -> None:
        self._directory_settings: dict[Path, Settings | None] = {}
        self._explicit_settings: Settings | None = None
        self._applied: dict[Path | None, Settings] = {}
        self._profiles: dict[Path | None, Profile] = {}
        #: ``(profile key, detected site)`` → rule set (``""``: the profile's own site).
        self._rule_sets: dict[tuple[str, str], RuleSet] = {}
        self._sites: dict[str, Site] = {}
        self._wiki_indexes: dict[str, WikiIndex] = {}

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = get_registry()
        return self._registry

    def invalidate(self, *, plugins: bool = False) -> None:
        """Forget every setting, profile, rule set and site (a config file changed);
        with ``plugins``, load the plugins again too."""
        self._clear()
        if plugins:
            self._registry = build_registry()

    # -- settings ------------------------------------------------------------------------

    def settings_for(self, path: Path) -> Settings:
        """The settings for a file or directory: ``--config FILE`` or the nearest config
        file, with any inline ``--config "key = value"`` options on top."""
        if self.isolated:
            base = Settings(root=Path.cwd().resolve())
        elif self.config_file is not None:
            base = self._explicit()
        else:
            directory = resolved(path) if path.is_dir() else resolved(path.parent)
            found = settings_in_directory(directory, self._directory_settings)
            base = found if found is not None else Settings(root=Path.cwd().resolve())
        applied = self._applied.get(base.source)
        if applied is None:
            applied = self._applied[base.source] = apply_inline(base, self.overrides.inline)
        return applied

    def _explicit(self) -> Settings:
        if self._explicit_settings is None:
            config_path = self.config_file
            assert config_path is not None
            if config_path.is_dir():
                raise ConfigError(f"--config {config_path}: is a directory, expected a TOML file")
            settings = read_config_file(config_path)
            if settings is None:  # a pyproject.toml without [tool.wikilint]: defaults, rooted there
                settings = Settings(root=config_path.parent.resolve(), source=config_path.resolve())
            self._explicit_settings = settings
        return self._explicit_settings

    def profile_for(self, path: Path) -> Profile:
        """The profile of the settings that apply to ``path``: validated once per settings
        file (a broken one raises :class:`ConfigError` naming file and key)."""
        settings = self.settings_for(path)
        profile = self._profiles.get(settings.source)
        if profile is None:
            data = resolve_site_data(settings, self.overrides, self.registry)
            # Built once here so that a broken setting is reported before any page is read.
            rule_set = build_rule_set(settings, self.overrides, self.registry,
                                      site=self.site(data if data is not None else self.preset_data("default")))
            profile = Profile.build(settings, self.overrides, data)
            if data is not None:
                self._rule_sets[(profile.key, "")] = rule_set
            self._profiles[settings.source] = profile
        return profile

    def rule_set(self, profile: Profile) -> RuleSet:
        """The rule set a profile describes, built once (in whichever process calls this);
        with ``site = "auto"``, the one for the ``default`` site (see :meth:`rule_set_for_text`)."""
        return self.rule_set_for_text(profile, "")[0]

    def rule_set_for_text(self, profile: Profile, text: str, kind: str = "lint") -> tuple[RuleSet, Detection | None]:
        """The rule set for a page of ``text``: the profile's own site, or with
        ``site = "auto"`` the site detected from the page (and the detection, which says why).
        ``kind="format"``: the formatting rules (``wikilint format``) instead of the lint rules."""
        detection = None
        if profile.overrides.wiki_index is not None:
            return self._rule_set_with_index(profile, kind), None
        if profile.site_data is not None:
            key, data = "", profile.site_data
        else:
            from wikilint.detect import detect_site  # only in auto mode: it reads the detection index

            detection = detect_site(text) if text else None
            name = detection.name if detection is not None else "default"
            overrides = detection.site_overrides if detection is not None else UNKNOWN_WIKI
            key = f"{name}{'?' if overrides else ''}"
            data = None
        if kind != "lint":
            key = f"{kind}:{key}"
        rule_set = self._rule_sets.get((profile.key, key))
        if rule_set is None:
            if data is None:
                data = deep_merge(self.preset_data(name), overrides) if overrides else self.preset_data(name)
            rule_set = self._rule_sets[(profile.key, key)] = build_rule_set(
                profile.settings, profile.overrides, self.registry, site=self.site(data), kind=kind)
        return rule_set, detection

    def _rule_set_with_index(self, profile: Profile, kind: str) -> RuleSet:
        """The rule set (of ``kind``) of a run with a wiki index: the profile's site (or, with
        ``site = "auto"``, the site of the dump the index was built from) with what the index
        adds to it (the wiki's reference-list templates, its redirects)."""
        rule_set = self._rule_sets.get((profile.key, f"{kind}:index"))
        if rule_set is None:
            index = self.wiki_index(profile.overrides.wiki_index)
            assert index is not None
            data = profile.site_data if profile.site_data is not None else index.site_data
            data = {**data, **index.site_additions(data)}
            rule_set = self._rule_sets[(profile.key, f"{kind}:index")] = build_rule_set(
                profile.settings, profile.overrides, self.registry, site=self.site(data), kind=kind)
        return rule_set

    def wiki_index(self, path: str | None) -> WikiIndex | None:
        """The wiki index at ``path``, opened once per session (``None`` for no path)."""
        if path is None:
            return None
        index = self._wiki_indexes.get(path)
        if index is None:
            from wikilint.wikiindex import WikiIndex

            index = self._wiki_indexes[path] = WikiIndex(path)
        return index

    def preset_data(self, name: str) -> dict[str, Any]:
        """A shipped preset's data, plugin additions included."""
        return preset_data(name, self.registry.site_presets)

    def site(self, data: Mapping[str, Any]) -> Site:
        """The site made from resolved site data, built once per distinct data."""
        key = repr(sorted(data.items(), key=lambda item: item[0]))
        site = self._sites.get(key)
        if site is None:
            site = self._sites[key] = Site.from_data(data)
        return site

    def ignored_codes(self, profile: Profile, path: Path) -> frozenset[str]:
        """Codes that ``per-file-ignores`` switch off for ``path``."""
        settings = profile.settings
        tables = (settings.per_file_ignores, settings.extend_per_file_ignores)
        if not any(tables):
            return frozenset()
        relative = relative_to_root(path, settings.root)
        codes: set[str] = set()
        for table in tables:
            for pattern, selectors in table.items():
                if glob_matches(pattern, relative):
                    codes.update(info.code for info in self.registry.rules.values()
                                 if any(selector_matches(s, info) for s in selectors))
        return frozenset(codes)


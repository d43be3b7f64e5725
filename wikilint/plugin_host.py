"""Finds plugins in the ``wikilint`` entry-point group and builds the rule registry.

Each entry point is loaded on its own: one that fails to import, or whose hooks raise,
costs one error line naming the plugin and its distribution, and every other plugin
still runs. The shipped rule families are found the same way as third-party ones.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass, field
from typing import Any, Iterable

import pluggy

from wikilint import hookspecs
from wikilint.rule import RuleInfo, validate_rule_class
from wikilint.site import deep_merge

ENTRY_POINT_GROUP = "wikilint"


@dataclass
class Registry:
    """Every installed rule, plugin default configuration and site-preset additions."""

    rules: dict[str, RuleInfo] = field(default_factory=dict)
    #: One line per plugin that could not be loaded or whose rules were refused.
    errors: list[str] = field(default_factory=list)
    default_config: dict[str, Any] = field(default_factory=dict)
    site_presets: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: ``plugin name -> distribution "name version"``, for ``--version``.
    plugins: dict[str, str] = field(default_factory=dict)

    def by_name(self) -> dict[str, RuleInfo]:
        return {info.name: info for info in self.rules.values()}

    def sorted_rules(self) -> list[RuleInfo]:
        return sorted(self.rules.values(), key=lambda info: info.code)


def _distribution_label(entry_point: importlib.metadata.EntryPoint, labels: dict[int, str]) -> str:
    """``"name version"`` of the entry point's distribution. Each of ``dist.name`` and
    ``dist.version`` reads and parses the distribution's whole METADATA file again (the
    long description included), so it is read once per distribution (``labels``, by the
    distribution object the group's entry points share), not twice per plugin."""
    dist = entry_point.dist
    if dist is None:
        return "unknown distribution"
    label = labels.get(id(dist))
    if label is None:
        metadata = dist.metadata
        label = labels[id(dist)] = f"{metadata['Name']} {metadata['Version']}"
    return label


def _answers(plugin_manager: pluggy.PluginManager, hook_name: str) -> dict[str, Any]:
    """Each plugin's answer to a hook, called one by one so one failure stays local."""
    answers: dict[str, Any] = {}
    for implementation in getattr(plugin_manager.hook, hook_name).get_hookimpls():
        answers[implementation.plugin_name] = implementation.function
    return answers


def build_registry(extra_plugins: Iterable[tuple[str, object]] = ()) -> Registry:
    """Load every plugin of the entry-point group (plus ``extra_plugins``, for tests)."""
    registry = Registry()
    plugin_manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    plugin_manager.add_hookspecs(hookspecs)

    loaded: list[tuple[str, str, object]] = []
    entry_points = sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    seen_names = set()
    labels: dict[int, str] = {}
    for entry_point in entry_points:
        if entry_point.name in seen_names:  # the same distribution visible twice on sys.path
            continue
        seen_names.add(entry_point.name)
        distribution = _distribution_label(entry_point, labels)
        try:
            plugin = entry_point.load()
            plugin_manager.register(plugin, name=entry_point.name)
        except (KeyboardInterrupt, GeneratorExit):
            raise
        except BaseException as error:  # noqa: BLE001 - any failure of third-party code, SystemExit included
            registry.errors.append(
                f"plugin {entry_point.name!r} from {distribution} failed to load: "
                f"{type(error).__name__}: {error}"
            )
            continue
        loaded.append((entry_point.name, distribution, plugin))
    for name, plugin in extra_plugins:
        plugin_manager.register(plugin, name=name)
        loaded.append((name, "(registered directly)", plugin))

    rules_by_name: dict[str, RuleInfo] = {}
    hooks = {hook: _answers(plugin_manager, hook)
             for hook in ("wikilint_get_rules", "wikilint_default_config", "wikilint_site_presets")}
    for name, distribution, _plugin in loaded:
        registry.plugins[name] = distribution
        try:
            rules = _call(hooks["wikilint_get_rules"].get(name)) or []
            defaults = _call(hooks["wikilint_default_config"].get(name)) or {}
            presets = _call(hooks["wikilint_site_presets"].get(name)) or {}
            problem = _answer_problem(rules, defaults, presets)
        except (KeyboardInterrupt, GeneratorExit):
            raise
        except BaseException as error:  # noqa: BLE001
            registry.errors.append(
                f"plugin {name!r} from {distribution} failed while registering: {type(error).__name__}: {error}"
            )
            continue
        if problem:
            registry.errors.append(f"plugin {name!r} from {distribution}: {problem}; plugin ignored")
            continue
        for rule in rules:
            problems = validate_rule_class(rule)
            label = getattr(rule, "__name__", repr(rule))
            if problems:
                registry.errors.append(
                    f"plugin {name!r} from {distribution}: rule {label} refused: {'; '.join(problems)}"
                )
                continue
            clash = registry.rules.get(rule.code) or rules_by_name.get(rule.name)
            if clash is not None:
                registry.errors.append(
                    f"plugin {name!r} from {distribution}: rule {rule.code} ({rule.name}) clashes with "
                    f"{clash.code} ({clash.name}) from plugin {clash.plugin!r}; ignored"
                )
                continue
            registry.rules[rule.code] = rules_by_name[rule.name] = RuleInfo(rule, plugin=name, distribution=distribution)
        registry.default_config = deep_merge(registry.default_config, {"rules": defaults.get("rules", {})})
        for preset, additions in presets.items():
            registry.site_presets[preset] = deep_merge(registry.site_presets.get(preset, {}), additions)
    return registry


def _call(function: Any) -> Any:
    return function() if function is not None else None


def _answer_problem(rules: Any, defaults: Any, presets: Any) -> str | None:
    """What is wrong with a plugin's hook answers (checked before anything is used)."""
    if not isinstance(rules, (list, tuple)):
        return f"wikilint_get_rules() returned {type(rules).__name__} {rules!r:.40}, not a list of rule classes"
    if not isinstance(defaults, dict) or not isinstance(defaults.get("rules", {}), dict) or not all(
            isinstance(options, dict) for options in defaults.get("rules", {}).values()):
        return (f"wikilint_default_config() returned {defaults!r:.60}, not a table like "
                "{'rules': {'<rule name>': {'option': value}}}")
    if not isinstance(presets, dict) or not all(
            isinstance(key, str) and isinstance(value, dict) for key, value in presets.items()):
        return (f"wikilint_site_presets() returned {presets!r:.60}, not a table like "
                "{'<preset>': {'<site key>': value}}")
    return None


_REGISTRY: Registry | None = None


def get_registry() -> Registry:
    """The process-wide registry, built on first use."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = build_registry()
    return _REGISTRY

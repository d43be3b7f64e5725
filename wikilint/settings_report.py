"""``wikilint check --show-settings PATH``: the settings that apply to a file, and where
each comes from (which configuration file, an ``extend``ed base, the command line, or
the defaults)."""

from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wikilint.commands.common import EXIT_CLEAN, UsageError
from wikilint.config import _KEYS, AUTO_SITE, Overrides, Settings
from wikilint.files import InputError, read_source
from wikilint.session import Session
from wikilint.sources import discover_files

if TYPE_CHECKING:
    from wikilint.detect import Detection


def write_settings(args: argparse.Namespace, session: Session, out: TextIO, *, cache_dir: Path) -> int:
    path = _first_file(args, session)
    settings = session.settings_for(path)
    profile = session.profile_for(path)
    rule_set, detection = session.rule_set_for_text(profile, _page_text(path))
    out.write(f"Settings for: {path}\n")
    out.write(f"Configuration file: {configuration_origin(session, settings)}\n")
    for base in settings.extended:
        out.write(f"  extends: {base}\n")
    out.write(f"Project root: {settings.root}\n")
    out.write(f"Site: {rule_set.site.data.get('name', '?')} ({site_origin(settings, session.overrides, detection)})\n")
    for sign in detection.evidence if detection is not None else ():
        out.write(f"  {sign}\n")
    out.write(f"Cache: {cache_dir}\n")
    out.write("\nSettings:\n")
    defaults = Settings(root=settings.root)
    for key, (attribute, _check, _description) in _KEYS.items():
        value = getattr(settings, attribute)
        origin = settings.origins.get(key)
        if origin is None and key in session.overrides.inline:
            where = "--config (inline)"
        elif origin is not None:
            where = str(origin)
        elif value == getattr(defaults, attribute):
            where = "default"
        else:
            where = "inherited"
        out.write(f"  {key} = {_toml(value)}    # {where}\n")
    if settings.inherited_selection:
        out.write("\nSelection of the extended files (applied first, base first; then the keys above):\n")
        for source, (select, extend_select, ignore) in zip(settings.extended, settings.inherited_selection):
            parts = [f"{key} = {_toml(value)}" for key, value in
                     (("select", select), ("extend-select", extend_select), ("ignore", ignore)) if value]
            out.write(f"  {source}: {'; '.join(parts) or '(no selection)'}\n")
    command_line = command_line_overrides(session.overrides)
    out.write("\nCommand line:\n" + ("".join(f"  {line}\n" for line in command_line) or "  (nothing)\n"))
    enabled = [rule.code for rule in rule_set.rules]
    out.write(f"\nEnabled rules ({len(enabled)}): {', '.join(enabled) or '(none)'}\n")
    fixable = [rule.code for rule in rule_set.rules if rule.code in rule_set.fixable and rule.fix_applicability != "none"]
    out.write(f"Fixable: {', '.join(fixable) or '(none)'}; unsafe fixes: {'on' if rule_set.unsafe_fixes else 'off'}\n")
    ignored = sorted(session.ignored_codes(profile, path))
    out.write(f"Ignored for this file (per-file-ignores): {', '.join(ignored) or '(none)'}\n")
    return EXIT_CLEAN


def configuration_origin(session: Session, settings: Settings) -> str:
    if session.isolated:
        return "(none: --isolated)"
    if session.config_file is not None:
        return f"{settings.label} (--config)"
    if settings.source is None:
        return "(none found: defaults)"
    return f"{settings.source} (the nearest to the file)"


def site_origin(settings: Settings, overrides: Overrides, detection: Detection | None = None) -> str:
    """Why this site applies: the setting that names it, or what detection read in the page."""
    if overrides.site:
        where = "--site on the command line"
    elif "site" in overrides.inline:
        where = "--config 'site = …'"
    elif settings.origins.get("site") is not None:
        where = f"'site' in {settings.origins['site']}"
    else:
        where = "the default"
    if (overrides.site or settings.site) != AUTO_SITE:
        return where
    if detection is None:
        return f"site = \"auto\" ({where}): detected from each page"
    if detection.guessed:
        return (f"site = \"auto\" ({where}): the page's signs name no wiki clearly, so the default site, "
                "with the wiki's template and keyword lists taken as unknown")
    return f"site = \"auto\" ({where}): detected from the page, confidence {detection.confidence:.2f}"


def _page_text(path: Path) -> str:
    """The page's text for site detection ("" when it cannot be read: then no detection)."""
    try:
        return read_source(path).text
    except InputError:
        return ""


def command_line_overrides(overrides: Overrides) -> list[str]:
    lines = []
    for item in fields(Overrides):
        value = getattr(overrides, item.name)
        if value not in (None, (), {}):
            lines.append(f"{item.name.replace('_', '-')}: {_toml(value)}")
    return lines


def _first_file(args: argparse.Namespace, session: Session) -> Path:
    if args.paths == ["-"]:
        return Path(args.stdin_filename or "-")
    found = discover_files([Path(p) for p in args.paths], session, force_exclude=args.force_exclude,
                           respect_gitignore=args.respect_gitignore)
    for item in found:
        if isinstance(item, Path):
            return item
    if args.paths and not Path(args.paths[0]).is_dir():
        return Path(args.paths[0])
    raise UsageError("--show-settings: no file to show the settings of (name one)")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r} = {_toml(item)}" for key, item in value.items()) + "}"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "(unset)"
    return str(value)

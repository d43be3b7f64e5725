"""A small Python API: lint, fix or format a string, as the CLI would, without files.

    >>> from wikilint.api import lint_text, fix_text, format_text
    >>> [d.code for d in lint_text("[[Foo|Foo]]", select=["LNK001"])]   # doctest: +SKIP
    ['LNK001']
    >>> format_text("==History==\n*item\n")
    '== History ==\n* item\n'

Plugin authors use these in their tests; ``select`` takes the same selectors as the
``--select`` option, ``site`` a preset name or site-file path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from wikilint.config import Overrides, RuleSet, Settings, build_rule_set, check_selectors, resolve_site_data
from wikilint.engine import Diagnostic, FixResult, fix_page, lint_page
from wikilint.formatter import FormattingRefused, LineRange, format_page, refusal
from wikilint.page import Page
from wikilint.plugin_host import Registry, get_registry
from wikilint.site import Site, preset_names

__all__ = ["FormattingRefused", "fix_text", "fix_text_result", "format_text", "lint_text", "make_rule_set"]

if TYPE_CHECKING:
    from wikilint.wikiindex import WikiIndex

#: Sites of the installed presets, per registry (presets are installed files and plugin
#: additions: they cannot change while the registry lives, unlike a user's site file).
_PRESET_SITES: dict[tuple[int, str], tuple[Registry, Site]] = {}


def make_rule_set(select: Iterable[str] | None = None, *, site: str = "default", unsafe_fixes: bool = False,
                  rule_options: Mapping[str, Mapping[str, Any]] | None = None,
                  registry: Registry | None = None, kind: str = "lint") -> RuleSet:
    """The rules to run, as ``--select`` and ``[tool.wikilint.rules.*]`` would choose them
    (``kind="format"``: the formatting rules instead of the lint rules)."""
    registry = registry or get_registry()
    selected = tuple(select) if select is not None else None
    check_selectors(selected or (), registry, "api", "select")
    settings = Settings(root=Path.cwd().resolve(), rules=dict(rule_options or {}))
    overrides = Overrides(select=selected, site=site, unsafe_fixes=unsafe_fixes)
    return build_rule_set(settings, overrides, registry, site=_site(settings, overrides, registry), kind=kind)


def _site(settings: Settings, overrides: Overrides, registry: Registry) -> Site:
    reference = overrides.site or settings.site
    if reference not in preset_names():
        return Site.from_data(resolve_site_data(settings, overrides, registry))
    key = (id(registry), reference)
    cached = _PRESET_SITES.get(key)
    if cached is None or cached[0] is not registry:
        cached = _PRESET_SITES[key] = (registry, Site.from_data(resolve_site_data(settings, overrides, registry)))
    return cached[1]


def _site_for(text: str, site: str) -> str:
    """``site``, or with ``"auto"`` the preset detected from the text (``default`` when unclear)."""
    if site != "auto":
        return site
    from wikilint.detect import detect_site

    return detect_site(text).name


def lint_text(text: str, select: Iterable[str] | None = None, *, site: str = "default", title: str | None = None,
              rule_options: Mapping[str, Mapping[str, Any]] | None = None, kind: str = "lint",
              index: WikiIndex | None = None) -> list[Diagnostic]:
    """The diagnostics for a page's text; ``site="auto"`` detects the site from the text;
    ``index``: the wiki index rules that need one read."""
    rule_set = make_rule_set(select, site=_site_for(text, site), rule_options=rule_options, kind=kind)
    page = Page(text, site=rule_set.site, title=title, index=index)
    diagnostics = lint_page(page, rule_set).diagnostics
    page.release()  # as the CLI does: the page goes at once, derived values and all
    return diagnostics


def fix_text_result(text: str, select: Iterable[str] | None = None, *, site: str = "default",
                    title: str | None = None, unsafe_fixes: bool = False,
                    rule_options: Mapping[str, Mapping[str, Any]] | None = None, kind: str = "lint",
                    index: WikiIndex | None = None) -> FixResult:
    """The whole fix result: text, remaining diagnostics, applied fixes, failure flag."""
    rule_set = make_rule_set(select, site=_site_for(text, site), unsafe_fixes=unsafe_fixes,
                             rule_options=rule_options, kind=kind)
    return fix_page(Page(text, site=rule_set.site, title=title, index=index), rule_set)


def fix_text(text: str, select: Iterable[str] | None = None, *, site: str = "default", title: str | None = None,
             unsafe_fixes: bool = False, rule_options: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The text with every applicable fix applied (unchanged if fixing failed)."""
    return fix_text_result(text, select, site=site, title=title, unsafe_fixes=unsafe_fixes,
                           rule_options=rule_options).text


def format_text(text: str, select: Iterable[str] | None = None, *, site: str = "default", title: str | None = None,
                rule_options: Mapping[str, Mapping[str, Any]] | None = None, lines: LineRange | None = None,
                verify: bool = True) -> str:
    """``text`` formatted as ``wikilint format`` would (``select``: formatting rules, default
    the default-on ones; ``lines``: ``(first, last)``, 1-based, to format only those lines).

    Raises :class:`FormattingRefused` (the message gives the first difference) when the
    formatted page would not mean the same as ``text``, unless ``verify=False``.
    """
    rule_set = make_rule_set(select, site=_site_for(text, site), rule_options=rule_options, kind="format")
    result = format_page(Page(text, site=rule_set.site, title=title), rule_set, verify=verify, lines=lines)
    why = refusal(result)
    if why is not None:
        raise FormattingRefused(why)
    return result.text

"""Hook specifications: what a wikilint plugin can implement.

A plugin is a module (or object) registered under the ``wikilint`` entry-point group.
It implements any of the hooks below, decorated with :data:`wikilint.hookimpl`::

    from wikilint import hookimpl

    @hookimpl
    def wikilint_get_rules():
        from my_plugin.rules import MyRule   # import inside: keeps start-up fast
        return [MyRule]

Every hook is a plain pluggy hook: each plugin's answer is collected and merged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from wikilint.rule import Rule

PROJECT_NAME = "wikilint"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def wikilint_get_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin contributes.

    Called once per process, when the rule registry is built. Each class must subclass
    :class:`wikilint.Rule` and have a unique ``code`` and ``name``.
    """


@hookspec
def wikilint_default_config() -> dict[str, Any]:
    """Return default configuration, in the shape of a ``[tool.wikilint]`` table.

    Only the ``rules`` table is taken: ``{"rules": {"<rule name>": {"option": value}}}``
    overrides a rule's declared option defaults before the user's configuration applies.
    """


@hookspec
def wikilint_site_presets() -> dict[str, dict[str, Any]]:
    """Return additions to site presets: ``{"zhwiki": {"some-key": [...]}}``.

    The additions are merged under the preset's own file (the file wins on a clash), so
    a plugin can teach every site about the facts its rules need. A name that is not a
    shipped preset is ignored.
    """

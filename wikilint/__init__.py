"""wikilint: a linter, fixer and formatter for MediaWiki wikitext.

The public API for plugin authors is re-exported here: :class:`Rule`, :class:`Finding`,
:class:`Fix`, :class:`Edit`, :class:`Page`, :func:`tag_name` and :data:`hookimpl`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from wikilint.hookspecs import hookimpl
from wikilint.page import Located, Page, tag_name
from wikilint.rule import Edit, Finding, Fix, Rule

__all__ = ["Edit", "Finding", "Fix", "Located", "Page", "Rule", "__version__", "hookimpl", "tag_name"]

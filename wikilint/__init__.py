"""wikilint: a linter, fixer and formatter for MediaWiki wikitext.

The public API for plugin authors is re-exported here: :class:`Rule`, :class:`Finding`,
:class:`Fix`, :class:`Edit`, :class:`Page`, :class:`Located`, :func:`tag_name`,
:func:`tag_spans`, :func:`plain_text`, :func:`wikicode_text` and :data:`hookimpl`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from wikilint.hookspecs import hookimpl
from wikilint.page import Located, Page, TagSpans, plain_text, tag_name, tag_spans, wikicode_text
from wikilint.rule import Edit, Finding, Fix, Rule

__all__ = ["Edit", "Finding", "Fix", "Located", "Page", "Rule", "TagSpans", "__version__", "hookimpl", "plain_text",
           "tag_name", "tag_spans", "wikicode_text"]

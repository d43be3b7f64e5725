"""wikilint: a linter, fixer and formatter for MediaWiki wikitext.

The public API for plugin authors is re-exported here: :class:`Rule`, :class:`Finding`,
:class:`Fix`, :class:`Edit`, :class:`Page`, :class:`Located`, :func:`tag_name`,
:func:`tag_spans`, :func:`plain_text`, :func:`wikicode_text` and :data:`hookimpl`; for
formatting rules, what :mod:`wikilint.semantic` knows of how MediaWiki reads a page
(:data:`WIKITEXT_TAGS`, :data:`VOID_TAGS`, :data:`LIST_MARKUP`, :func:`is_parser_function`,
:func:`is_language_link`, :func:`format_off_regions`).
"""

from __future__ import annotations

__version__ = "0.1.0"

from wikilint.hookspecs import hookimpl
from wikilint.page import Located, Page, TagSpans, plain_text, tag_name, tag_spans, wikicode_text
from wikilint.rule import Edit, Finding, Fix, Rule
from wikilint.semantic import (
    LIST_MARKUP,
    VOID_TAGS,
    WIKITEXT_TAGS,
    format_off_regions,
    is_language_link,
    is_parser_function,
)

__all__ = ["LIST_MARKUP", "VOID_TAGS", "WIKITEXT_TAGS", "Edit", "Finding", "Fix", "Located", "Page", "Rule", "TagSpans",
           "__version__", "format_off_regions", "hookimpl", "is_language_link", "is_parser_function", "plain_text",
           "tag_name", "tag_spans", "wikicode_text"]

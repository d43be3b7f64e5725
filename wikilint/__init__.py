"""wikilint: a linter, fixer and formatter for MediaWiki wikitext.

The public API for plugin authors is re-exported here: :class:`Rule`, :class:`Finding`,
:class:`Fix`, :class:`Edit`, :class:`Page`, :class:`Located`, :func:`tag_name`,
:func:`tag_spans`, :func:`plain_text`, :func:`wikicode_text` and :data:`hookimpl`; for
formatting rules, what :mod:`wikilint.semantic` knows of how MediaWiki reads a page
(:data:`WIKITEXT_TAGS`, :data:`VOID_TAGS`, :data:`LIST_MARKUP`, :func:`is_parser_function`,
:func:`is_language_link`, :func:`format_off_regions`); for rules that need the wiki index
(``needs = ("index",)``), :class:`WikiIndex`, :class:`IndexedPage`, :func:`anchor_key`,
:func:`fragment_forms`, :func:`text_anchors` and :func:`title_folder`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers and editors read; at run time each name is imported on first use
    from wikilint.hookspecs import hookimpl
    from wikilint.page import (Located, Page, TagSpans, brackets_pair_up, plain_text, tag_name, tag_spans,
                               wikicode_text)
    from wikilint.rule import Edit, Finding, Fix, Rule
    from wikilint.semantic import (LIST_MARKUP, VOID_TAGS, WIKITEXT_TAGS, format_off_regions, is_language_link,
                                   is_parser_function)
    from wikilint.wikiindex import IndexedPage, WikiIndex, anchor_key, fragment_forms, text_anchors, title_folder

__all__ = ["LIST_MARKUP", "VOID_TAGS", "WIKITEXT_TAGS", "Edit", "Finding", "Fix", "IndexedPage", "Located", "Page",
           "Rule", "TagSpans", "WikiIndex", "__version__", "anchor_key", "brackets_pair_up", "format_off_regions",
           "fragment_forms", "hookimpl", "is_language_link", "is_parser_function", "plain_text", "tag_name",
           "tag_spans", "text_anchors", "title_folder", "wikicode_text"]

#: Each public name's module, imported on first use (PEP 562), so that ``import wikilint.cli``
#: is cheap: the command line decides how the garbage collector runs while it imports the
#: parser, the page model and every plugin (see :func:`wikilint.cli.main`). The wiki
#: index's API is only needed by runs with an index.
_EXPORTS = {
    "hookimpl": "wikilint.hookspecs",
    **dict.fromkeys(("Located", "Page", "TagSpans", "brackets_pair_up", "plain_text", "tag_name", "tag_spans",
                     "wikicode_text"), "wikilint.page"),
    **dict.fromkeys(("Edit", "Finding", "Fix", "Rule"), "wikilint.rule"),
    **dict.fromkeys(("LIST_MARKUP", "VOID_TAGS", "WIKITEXT_TAGS", "format_off_regions", "is_language_link",
                     "is_parser_function"), "wikilint.semantic"),
    **dict.fromkeys(("IndexedPage", "WikiIndex", "anchor_key", "fragment_forms", "text_anchors", "title_folder"),
                    "wikilint.wikiindex"),
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'wikilint' has no attribute {name!r}")
    import importlib

    value = globals()[name] = getattr(importlib.import_module(module), name)
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

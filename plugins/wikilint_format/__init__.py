"""wikilint's formatting rules (codes ``FMT…``): how a page is written, never what it shows.

Every rule here has ``kind = "format"``: ``wikilint check`` does not run them, ``wikilint
format`` runs only them. They share :mod:`wikilint_format.index`, which keeps them out of
everything MediaWiki treats as content and out of ``<!-- wikilint: format off -->`` regions.
"""

from __future__ import annotations

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    from wikilint_format.blank_line_before_heading import BlankLineBeforeHeading
    from wikilint_format.blank_lines_before_categories import BlankLinesBeforeCategories
    from wikilint_format.br_style import BrStyle
    from wikilint_format.final_newline import FinalNewline
    from wikilint_format.gather_categories import GatherCategories
    from wikilint_format.heading_spacing import HeadingSpacing
    from wikilint_format.internal_link_style import InternalLinkStyle
    from wikilint_format.list_marker_spacing import ListMarkerSpacing
    from wikilint_format.ref_attribute_quotes import RefAttributeQuotes
    from wikilint_format.self_closing_tag_spacing import SelfClosingTagSpacing
    from wikilint_format.template_layout import TemplateLayout
    from wikilint_format.template_name_spacing import TemplateNameSpacing
    from wikilint_format.trailing_whitespace import TrailingWhitespace

    return [HeadingSpacing, BlankLineBeforeHeading, ListMarkerSpacing, InternalLinkStyle, TemplateNameSpacing,
            TemplateLayout, SelfClosingTagSpacing, BrStyle, RefAttributeQuotes, TrailingWhitespace, FinalNewline,
            BlankLinesBeforeCategories, GatherCategories]

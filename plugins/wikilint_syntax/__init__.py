"""wikilint's markup-syntax rules: brackets, comments and tags, headings, tables, templates, text.

Each rule reports markup that MediaWiki renders differently from what the writer meant
(shown as text, swallowing the rest of the page, silently dropped…), checked against
MediaWiki's parser tests; obsolete HTML is reported as ``info``.
"""

from __future__ import annotations

from typing import Any

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    from wikilint_syntax.argument_outside_template import ArgumentOutsideTemplate
    from wikilint_syntax.bold_heading import BoldHeading
    from wikilint_syntax.conflicting_defaultsort import ConflictingDefaultsort
    from wikilint_syntax.double_bracketed_external_link import DoubleBracketedExternalLink
    from wikilint_syntax.dropped_attribute import DroppedAttribute
    from wikilint_syntax.duplicate_category import DuplicateCategory
    from wikilint_syntax.duplicate_template_parameter import DuplicateTemplateParameter
    from wikilint_syntax.external_link_without_protocol import ExternalLinkWithoutProtocol
    from wikilint_syntax.extra_link_pipe import ExtraLinkPipe
    from wikilint_syntax.fostered_table_content import FosteredTableContent
    from wikilint_syntax.heading_end_punctuation import HeadingEndPunctuation
    from wikilint_syntax.inconsistent_table_columns import InconsistentTableColumns
    from wikilint_syntax.invalid_isbn import InvalidIsbn
    from wikilint_syntax.invoke_without_function import InvokeWithoutFunction
    from wikilint_syntax.level_one_heading import LevelOneHeading
    from wikilint_syntax.link_in_external_link import LinkInExternalLink
    from wikilint_syntax.magic_link_lookalike import MagicLinkLookalike
    from wikilint_syntax.malformed_line_break import MalformedLineBreak
    from wikilint_syntax.markup import DEFAULTSORT_KEY
    from wikilint_syntax.obsolete_tag import ObsoleteTag
    from wikilint_syntax.presentational_attribute import PresentationalAttribute
    from wikilint_syntax.ref_in_heading import RefInHeading
    from wikilint_syntax.stray_closing_tag import StrayClosingTag
    from wikilint_syntax.stray_link_brackets import StrayLinkBrackets
    from wikilint_syntax.stray_template_braces import StrayTemplateBraces
    from wikilint_syntax.tag_like_text import TagLikeText
    from wikilint_syntax.template_link_target import TemplateLinkTarget
    from wikilint_syntax.text_after_heading import TextAfterHeading
    from wikilint_syntax.unbalanced_heading import UnbalancedHeading
    from wikilint_syntax.unbalanced_quotes import UnbalancedQuotes
    from wikilint_syntax.unclosed_attribute_quote import UnclosedAttributeQuote
    from wikilint_syntax.unclosed_comment import UnclosedComment
    from wikilint_syntax.unclosed_link import UnclosedLink
    from wikilint_syntax.unclosed_quotes_in_heading import UnclosedQuotesInHeading
    from wikilint_syntax.unclosed_table import UnclosedTable
    from wikilint_syntax.unclosed_tag import UnclosedTag
    from wikilint_syntax.unclosed_template import UnclosedTemplate
    from wikilint_syntax.url_into_cjk_punctuation import UrlIntoCjkPunctuation

    return [UnclosedLink, StrayLinkBrackets, UnclosedTemplate, StrayTemplateBraces, UnclosedComment, UnclosedTag,
            StrayClosingTag, MalformedLineBreak, TagLikeText, UnclosedAttributeQuote, DroppedAttribute, ObsoleteTag,
            PresentationalAttribute, LevelOneHeading, UnbalancedHeading, HeadingEndPunctuation, BoldHeading,
            UnclosedQuotesInHeading, TextAfterHeading, RefInHeading, UnclosedTable, FosteredTableContent,
            InconsistentTableColumns, DuplicateTemplateParameter, DuplicateCategory, ConflictingDefaultsort,
            ArgumentOutsideTemplate, InvokeWithoutFunction, LinkInExternalLink, DoubleBracketedExternalLink,
            ExternalLinkWithoutProtocol, TemplateLinkTarget, ExtraLinkPipe, InvalidIsbn, MagicLinkLookalike,
            UrlIntoCjkPunctuation, UnbalancedQuotes]


@hookimpl
def wikilint_site_presets() -> dict[str, dict[str, Any]]:
    from wikilint_syntax.markup import DEFAULTSORT_KEY

    # MediaWiki's magic word "defaultsort" (MessagesEn.php; zh-hans adds its own names in
    # MessagesZh_hans.php, which zh falls back to). Case-sensitive, written with a colon.
    english = ["DEFAULTSORT", "DEFAULTSORTKEY", "DEFAULTCATEGORYSORT"]
    return {
        "default": {DEFAULTSORT_KEY: english},
        "zhwiki": {DEFAULTSORT_KEY: ["默认排序", "默认排序关键字", "默认分类排序", *english]},
    }

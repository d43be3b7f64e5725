"""wikilint's layout rules: the order of a page's parts, consistent templates and citations,
categories, sourcing smells, and zh conversion rules that are only partly effective.

The per-wiki facts (which templates are hatnotes, maintenance tags or infoboxes, the
appendix headings, the interlanguage-link templates, the preferred quotation marks) are
site data under ``layout-*`` keys, contributed to the ``default``, ``enwiki`` and ``zhwiki``
presets by :func:`wikilint_site_presets` (see :mod:`wikilint_layout.presets`). When the
page has a wiki index (``page.index``: ``wikilint dump``, ``check --wiki-index``), the
index completes the lists for templates they do not name: redirects to listed templates,
and the hatnote, maintenance and infobox templates the index found in the wiki
(:meth:`wikilint_layout.layout.LayoutIndex.lead_kind`).
"""

from __future__ import annotations

from typing import Any

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    # Imported here so that start-up stays fast for runs that do not need the family.
    from wikilint_layout.anchor_script import AnchorScript
    from wikilint_layout.appendix_order import AppendixOrder
    from wikilint_layout.consecutive_hatnotes import ConsecutiveHatnotes
    from wikilint_layout.defaultsort_after_categories import DefaultsortAfterCategories
    from wikilint_layout.empty_category_sort_key import EmptyCategorySortKey
    from wikilint_layout.hand_written_citation import HandWrittenCitation
    from wikilint_layout.inconsistent_template_name import InconsistentTemplateName
    from wikilint_layout.lead_order import LeadOrder
    from wikilint_layout.mixed_citation_dates import MixedCitationDates
    from wikilint_layout.mixed_quotation_marks import MixedQuotationMarks
    from wikilint_layout.partly_effective_conversion_rule import PartlyEffectiveConversionRule
    from wikilint_layout.redundant_interlanguage_link import RedundantInterlanguageLink
    from wikilint_layout.site_root_citation_url import SiteRootCitationUrl
    from wikilint_layout.wikipedia_as_source import WikipediaAsSource

    return [LeadOrder, AppendixOrder, ConsecutiveHatnotes, RedundantInterlanguageLink, InconsistentTemplateName,
            EmptyCategorySortKey, DefaultsortAfterCategories, HandWrittenCitation, MixedCitationDates,
            MixedQuotationMarks, WikipediaAsSource, SiteRootCitationUrl, AnchorScript, PartlyEffectiveConversionRule]


@hookimpl
def wikilint_site_presets() -> dict[str, dict[str, Any]]:
    from wikilint_layout.presets import PRESETS

    return PRESETS

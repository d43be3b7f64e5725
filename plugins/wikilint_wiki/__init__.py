"""wikilint's cross-page rules: what only the whole wiki can tell (the wiki index of a dump).

Every rule here declares ``needs = ("index",)``: it runs in ``wikilint dump`` (which
builds the index in a first pass) and in ``wikilint check --wiki-index FILE``, and is
silent otherwise.
"""

from __future__ import annotations

from typing import Any

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    from wikilint_wiki.broken_section_link import BrokenSectionLink
    from wikilint_wiki.link_to_disambiguation import LinkToDisambiguation
    from wikilint_wiki.link_to_redirect import LinkToRedirect
    from wikilint_wiki.missing_template import MissingTemplate
    from wikilint_wiki.red_link_other_case import RedLinkOtherCase

    return [BrokenSectionLink, LinkToRedirect, LinkToDisambiguation, RedLinkOtherCase, MissingTemplate]


@hookimpl
def wikilint_site_presets() -> dict[str, dict[str, Any]]:
    from wikilint_wiki.wiki import SITE_LISTS

    return SITE_LISTS

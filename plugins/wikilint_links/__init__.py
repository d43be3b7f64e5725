"""wikilint's link rules: redundant and trail-able labels, repeated, ambiguous, self and malformed links."""

from __future__ import annotations

from typing import Any

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    from wikilint_links.ambiguous_label import AmbiguousLabel
    from wikilint_links.malformed_link import MalformedLink
    from wikilint_links.redundant_label import RedundantLabel
    from wikilint_links.repeated_link import RepeatedLink
    from wikilint_links.self_link import SelfLink
    from wikilint_links.trail_label import TrailLabel

    return [RedundantLabel, TrailLabel, RepeatedLink, AmbiguousLabel, SelfLink, MalformedLink]


@hookimpl
def wikilint_site_presets() -> dict[str, dict[str, Any]]:
    from wikilint_links.links import DEFAULT_LITERAL_TEMPLATES, LITERAL_TEMPLATES_KEY

    return {"default": {LITERAL_TEMPLATES_KEY: list(DEFAULT_LITERAL_TEMPLATES)}}

"""Site data from a dump's ``<siteinfo>`` (a minimal version, until the sites work lands).

:func:`site_data_from_dump` has the signature and the result's shape of the sites
engineer's function: site data that ``extends`` the preset named by the dump's ``dbname``
(``default`` when there is none), with the dump's namespace names added to the preset's
and its title ``case`` applied.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from wikilint.site import preset_names, resolve_site


class SiteInfoError(ValueError):
    """Site information that cannot be turned into site data."""


#: MediaWiki's namespace numbers (``includes/Defines.php``, Scribunto's 828/829) → key.
CORE_NAMESPACE_KEYS: Mapping[int, str] = {
    -2: "media", -1: "special", 1: "talk", 2: "user", 3: "user-talk", 4: "project", 5: "project-talk",
    6: "file", 7: "file-talk", 8: "mediawiki", 9: "mediawiki-talk", 10: "template", 11: "template-talk",
    12: "help", 13: "help-talk", 14: "category", 15: "category-talk", 828: "module", 829: "module-talk",
}


def site_data_from_dump(dbname: str | None, case: str, namespaces: Mapping[int, str], *,
                        reference_list_templates: Iterable[str] | None = None) -> dict[str, Any]:
    """Site data for the pages of a dump: the preset named by ``dbname`` (else ``default``)
    with the dump's namespace names added and its title ``case`` (``first-letter`` or
    ``case-sensitive``)."""
    if case not in ("first-letter", "case-sensitive"):
        raise SiteInfoError(f"unknown title case {case!r} (first-letter or case-sensitive)")
    known = bool(dbname) and dbname in preset_names()
    base = resolve_site(dbname if known else "default")
    data: dict[str, Any] = {"extends": dbname if known else "default", "name": dbname or "default",
                            "first-letter-case-insensitive": case == "first-letter"}
    present = {key: list(names) for key, names in base.get("namespaces", {}).items()}
    key_of_name = {name.casefold(): key for key, names in present.items() for name in names}
    overlay: dict[str, list[str]] = {}
    for number in sorted(namespaces):
        name = str(namespaces[number]).replace("_", " ").strip()
        if number == 0 or not name:
            continue
        key = CORE_NAMESPACE_KEYS.get(number) or key_of_name.get(name.casefold()) \
            or re.sub(r"[\s_]+", "-", name).lower()
        names = overlay.setdefault(key, [name])
        names.extend(known_name for known_name in present.get(key, []) if known_name not in names)
    data["namespaces"] = overlay
    if reference_list_templates is not None:
        templates = list(base.get("reference-list-templates", []))
        data["reference-list-templates"] = templates + [t for t in reference_list_templates if t not in templates]
    return data

"""REF010: refs that cite too little: a bare URL, a ``{{cite web}}`` missing its basics."""

from __future__ import annotations

import re

from wikilint import Finding, Page, Rule

from wikilint_references.refindex import ref_index

_BARE_URL = re.compile(r"^\[?\s*(?:https?:)?//[^\s\[\]]+\s*\]?$")
_CITE_WEB = frozenset({"cite web", "cite news"})


def _has(params: dict[str, str], *names: str) -> bool:
    return any(params.get(name) for name in names)


class RefContentSmells(Rule):
    """A ref that cites too little: only a bare URL, or a `{{cite web}}` without `url`, `title` or `access-date`.

    A bare URL says nothing once the link dies; `{{cite web}}` and `{{cite news}}` need
    `url` and `title`, and `access-date` (or `accessdate`) tells readers which version
    was cited. Off by default (info): many wikis accept these; on by default where the
    wiki's guideline asks for them (site key `default-rules`: zhwiki).

    **Bad**

    ```wikitext
    Paris.<ref>https://example.org/paris</ref>
    <references />
    ```

    **Good**

    ```wikitext
    Paris.<ref>{{cite web |url=https://example.org/paris |title=Paris |access-date=2024-01-01}}</ref>
    <references />
    ```
    """

    code = "REF010"
    name = "ref-content-smells"
    severity = "info"
    default_enabled = False
    fix_applicability = "none"

    def check(self, page: Page):
        for ref in ref_index(page).refs:
            if not ref.content or ref.nested:
                continue
            if _BARE_URL.match(ref.content):
                yield Finding(ref.start, ref.end, "ref holds only a bare URL")
                continue
            if "{{" not in ref.content:
                continue
            for template in ref.tag.contents.filter_templates(recursive=False):
                name = str(template.name).strip().replace("_", " ").lower()
                if name not in _CITE_WEB:
                    continue
                params = {str(param.name).strip().lower(): str(param.value).strip() for param in template.params}
                missing = [label for label, names in (("url", ("url",)), ("title", ("title",)))
                           if not _has(params, *names)]
                if not missing and not _has(params, "access-date", "accessdate"):
                    missing.append("access-date")
                if missing:
                    yield Finding(ref.start, ref.end, f"{{{{{name}}}}} without {', '.join(missing)}")

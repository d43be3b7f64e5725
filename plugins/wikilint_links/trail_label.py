"""LNK002: a label that the site's link trail can replace (``[[Dog|Dogs]]`` → ``[[Dog]]s``)."""

from __future__ import annotations

from wikilint import Finding, Fix, Page, Rule

from wikilint_links.links import page_links, split_target


class TrailLabel(Rule):
    """Piped link that the site's link trail can write without a pipe.

    On wikis with a link trail (English: the letters ``a``–``z``), letters written right
    after ``]]`` join the link's text, so ``[[Dog|Dogs]]`` and ``[[Dog]]s`` show and link the
    same thing and the second is easier to read and edit. The rule reports a label that is
    the target (up to title normalisation) followed by characters the link trail takes.
    Sites without a link trail, such as Chinese Wikipedia, never trigger it. Only trails of
    at most ``max-trail-length`` characters are suggested (default 3: plurals and endings
    such as ``s``, ``es``, ``ing``; ``[[lac]]ustre`` renders the same but reads worse);
    0 means any length.

    **Bad**

    ```wikitext
    Most [[dog|dogs]] bark.
    ```

    **Good**

    ```wikitext
    Most [[dog]]s bark.
    ```
    """

    code = "LNK002"
    name = "trail-label"
    severity = "info"
    default_enabled = True
    fix_applicability = "safe"
    options = {"max-trail-length": 3}

    def check(self, page: Page):
        trail = page.site.link_trail
        if trail is None:
            return
        site = page.site
        max_trail = self.options["max-trail-length"]
        for link in page_links(page):
            label = link.label
            if not label or not link.label_is_plain or len(label) <= len(link.bare_title.strip()):
                continue
            split = self._split(site, trail, link, label, max_trail)
            if split is None:
                continue
            shown, trailing = split
            replacement = "[[" + (":" if link.colon else "") + shown + "]]" + trailing
            yield Finding(link.start, link.end, f"the link trail can show this label: write {replacement}",
                          Fix.replace(link.start, link.end, replacement, "use the link trail"))

    @staticmethod
    def _split(site, trail, link, label: str, max_trail: int) -> tuple[str, str] | None:
        """``(target text, trail)`` with ``label == target text + trail``, or ``None``."""
        shortest_cut = max(1, len(label) - max_trail) if max_trail > 0 else 1
        # Shortest trail first: the longest target text that still names the same page.
        for cut in range(len(label) - 1, shortest_cut - 1, -1):
            trailing = label[cut:]
            if not trail.fullmatch(trailing):
                return None  # a trail that fails here cannot match with more characters
            shown = label[:cut]
            if shown.strip() and shown[-1] not in " _" and split_target(site, shown) == (link.target, link.fragment):
                return shown, trailing
        return None

"""SYN009: a second ``|`` in an internal link, ``[[A|b|c]]``."""

from __future__ import annotations

import re

from wikilint import Finding, Fix, Page, Rule

from wikilint_syntax.markup import is_file_target, literals

#: A link with a second pipe in its label, and no brackets or braces in between.
_TWO_PIPES = re.compile(r"\[\[([^\[\]{}|\n]+)\|([^\[\]{}|\n]+)\|([^\[\]{}\n]*)\]\]")
#: Its start: a quicker search (no groups, no end to reach), then the full match there.
_TWO_PIPES_START = re.compile(r"\[\[[^\[\]{}|\n]+\|[^\[\]{}|\n]+\|")


class ExtraLinkPipe(Rule):
    """An internal link with a second pipe in its label, which MediaWiki shows as text.

    Only the first ``|`` separates the target from the label: MediaWiki shows the rest,
    "capital|city", pipe included (CheckWiki #32). A ``|`` at the very end of the label
    (``[[Berlin|capital|]]``) is dropped by the safe fix; otherwise which part is the
    label is a guess. File links (whose options are separated by pipes), category links,
    a pipe inside a tag's attributes (``[[A|<span class="x|y">b</span>]]``) and
    ``[[A||b]]`` (LNK006) are left alone.

    **Bad**

    ```wikitext
    Berlin is the [[Capital city|capital|]] of Germany.
    ```

    **Good**

    ```wikitext
    Berlin is the [[Capital city|capital]] of Germany.
    ```
    """

    code = "SYN009"
    name = "extra-link-pipe"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page):
        text = page.text
        site = page.site
        for candidate in _TWO_PIPES_START.finditer(text):
            # (A candidate holds no bracket: searching on from its end finds every other.)
            match = _TWO_PIPES.match(text, candidate.start())
            if match is None:
                continue
            target = match[1].strip()
            if not match[2].strip() or literals(page).spans.overlaps(match.start(), match.end()):
                continue
            if match[2].rfind("<") > match[2].rfind(">"):
                continue  # the pipe is inside a tag's attributes (<span class="a|b">): not the label's

            if is_file_target(site, target.lstrip(":")) or (
                    not target.startswith(":") and site.is_namespace(target, "category")):
                continue
            fix = None
            if not match[3].strip():
                pipe = match.end(2)
                fix = Fix.replace(pipe, match.end(3), "", "drop the trailing pipe")
            yield Finding(match.start(), match.end(), f"second '|' in the link: MediaWiki shows "
                                                      f"{match[2] + '|' + match[3]!r} as the label", fix)


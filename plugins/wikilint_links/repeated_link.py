"""LNK003: the same target linked more than once (MOS:DUPLINK)."""

from __future__ import annotations

import bisect

from mwparserfromhell.nodes import Tag, Template, Wikilink

from wikilint import Finding, Fix, Page, Rule, tag_name

from wikilint_links.links import InternalLink, link_index, page_links, unlink_replacement

SCOPES = ("page", "section")
CONTEXTS = ("lead", "templates", "captions", "tables", "references")


class RepeatedLink(Rule):
    """Target linked again after its first link.

    A link is for the reader who has not met the term yet; linking it again further down
    adds clutter (MOS:DUPLINK). Targets are compared after title normalisation, without
    their ``#section`` (set ``compare-fragments`` to count sections apart); redirects are
    unknown to the linter, so two names of one article are not caught. Some places are
    allowed a link of their own even when the body already has one: the lead, each
    infobox or other template, each image caption, each table and each reference
    (``separate-contexts``; remove an entry to count it with the body). With ``scope =
    "section"`` every section starts afresh. The fix, unsafe because an editor may want
    the second link, unlinks the later occurrence and keeps its visible text.

    Off by default (select it with ``extend-select = ["LNK003"]``): the guideline has many
    exceptions and a typical English article repeats some thirty links, so on by default
    it would bury every other finding.

    **Bad**

    ```wikitext
    A [[dog]] is a mammal. Every [[Dog|dog]] barks.
    ```

    **Good**

    ```wikitext
    A [[dog]] is a mammal. Every dog barks.
    ```
    """

    code = "LNK003"
    name = "repeated-link"
    severity = "info"
    default_enabled = False
    fix_applicability = "unsafe"
    options = {"scope": "page", "separate-contexts": list(CONTEXTS), "compare-fragments": False}
    option_choices = {"scope": ("page", "section"), "separate-contexts": tuple(CONTEXTS)}

    def check(self, page: Page):
        scope = self.options["scope"]
        if scope not in SCOPES:
            raise ValueError(f"option scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        separate = frozenset(self.options["separate-contexts"])
        unknown = separate - set(CONTEXTS)
        if unknown:
            raise ValueError(f"unknown separate-contexts {sorted(unknown)}; known: {', '.join(CONTEXTS)}")
        compare_fragments = self.options["compare-fragments"]
        links = [link for link in page_links(page) if link.target]
        if not links:
            return
        heading_starts = link_index(page).heading_starts
        lead_end = heading_starts[0] if heading_starts else len(page.text)
        first_seen: dict[tuple, InternalLink] = {}
        for link in links:
            section = bisect.bisect_right(heading_starts, link.start) if scope == "section" else 0
            context = _context(link, separate) or ("lead" if "lead" in separate and link.start < lead_end else "body")
            target = link.target + ("#" + link.fragment if compare_fragments and link.fragment else "")
            key = (section, context, target)
            first = first_seen.setdefault(key, link)
            if first is link:
                continue
            line = page.line_col(first.start)[0]
            replacement = unlink_replacement(page, link)
            fix = None if replacement is None else Fix.replace(link.start, link.end, replacement, "unlink the repeat")
            yield Finding(link.start, link.end, f"{target!r} is already linked on line {line}", fix)


def _context(link: InternalLink, separate: frozenset[str]):
    """The reference, caption, template or table whose links count on their own, if any.

    A reference is the innermost one (a footnote inside an infobox is still a footnote);
    the others are the outermost (a table inside an infobox belongs to the infobox).
    """
    found: dict[str, object] = {}
    for parent in link.located.ancestors:
        kind = type(parent)
        if kind is Tag:
            name = tag_name(parent)
            if name == "ref":
                found["references"] = parent
            elif name == "table":
                found.setdefault("tables", parent)
        elif kind is Template:
            found.setdefault("templates", parent)
        elif kind is Wikilink:  # only file links contain links: an image caption
            found.setdefault("captions", parent)
    for context in ("references", "captions", "templates", "tables"):
        if context in separate and context in found:
            return context, id(found[context])
    return None

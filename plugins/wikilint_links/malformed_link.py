"""LNK006: internal links written in a way MediaWiki does not read as intended."""

from __future__ import annotations

import re

from wikilint import Edit, Finding, Fix, Page, Rule

from wikilint_links.links import PERCENT_ESCAPE, InternalLink, decode_percent, internal_links, unlink_replacement

#: Characters a decoded target may not contain: they would end or break the link.
_BREAKS_LINK = re.compile(r"[\[\]{}|<>\n\x00-\x1f\x7f]")
#: Escapes that must stay: of those characters, of "%" and of "#" (a target cannot hold them
#: plainly, as in a section anchor ``[[Foo#%5Bon hold%5D]]``, MediaWiki's parser test "Links 18").
_NEEDED_ESCAPE = re.compile(r"%(?:5[BDbd]|7[BCDFbcdf]|3[CEce]|2[35]|[01][0-9A-Fa-f])")

# MediaWiki's pipe trick (Parser::pstPass2): "page (context)", "page（context）",
# "page (context), context" all show "page".
_PIPE_TRICK_PATTERNS = (
    re.compile(r"(.+?) ?\(.+\)", re.DOTALL),
    re.compile(r"(.+?) ?（.+）", re.DOTALL),
    re.compile(r"(.+?)(?: ?\(.+\)|)(?:(?:, |，).+|)", re.DOTALL),
)


class MalformedLink(Rule):
    """Internal link that is empty, doubly piped, percent-encoded or padded with spaces.

    Reports ``[[]]`` and ``[[|text]]`` (no target: MediaWiki prints the brackets), double
    pipes ``[[A||B]]`` (the second pipe shows up in the text), an empty label ``[[A (b)|]]``
    where the pipe trick is not expanded on save (inside ``<ref>`` and template calls),
    percent escapes in a target (``[[A%20B]]`` shows the escapes; the page is "A B"), and
    spaces just inside the brackets or before the pipe. Fixes are safe: the extra pipe goes,
    the pipe trick is applied, escapes are decoded, the spaces go. A link without a target
    can only be unlinked (an unsafe fix) and an empty ``[[]]`` is only reported. Category,
    file and interwiki links are left alone.

    **Bad**

    ```wikitext
    See [[Paris||the capital]], [[Caf%C3%A9]] and [[ Rome ]].<ref>[[Mercury (planet)|]]</ref>
    ```

    **Good**

    ```wikitext
    See [[Paris|the capital]], [[Café]] and [[Rome]].<ref>[[Mercury (planet)|Mercury]]</ref>
    ```
    """

    code = "LNK006"
    name = "malformed-link"
    severity = "warning"
    default_enabled = True
    fix_applicability = "safe"

    def check(self, page: Page):
        for link in internal_links(page):
            if link.kind == "empty":
                yield self._empty(page, link)
            elif link.kind == "page":
                yield from self._page_link(page, link)

    @staticmethod
    def _empty(page: Page, link: InternalLink) -> Finding:
        if not link.label:
            return Finding(link.start, link.end, "empty link")
        replacement = unlink_replacement(page, link)
        fix = None if replacement is None else Fix.replace(link.start, link.end, replacement,
                                                           "unlink the text", applicability="unsafe")
        return Finding(link.start, link.end, "link without a target", fix)

    def _page_link(self, page: Page, link: InternalLink):
        label = link.label
        if label is not None and label.startswith("|"):
            fix = None
            extra = len(label) - len(label.lstrip("|"))
            if label[extra:].strip():  # every extra pipe goes in one fix: [[A|||B]] → [[A|B]]
                pipe = link.title_end + 1
                fix = Fix.replace(pipe, pipe + extra, "", "remove the extra pipe" + ("s" if extra > 1 else ""))
            yield Finding(link.start, link.end, "double pipe: the second '|' shows in the text", fix)
        elif label == "" and (link.located.in_template or link.located.inside_tag("ref")):
            yield self._unexpanded_pipe_trick(page, link)
        title = link.title
        if "%" in title and PERCENT_ESCAPE.search(_NEEDED_ESCAPE.sub("", title)):
            yield self._percent_escapes(link)
        if title and (title[0] in " \t" or title[-1] in " \t"):  # (most links: no spaces to look at)
            yield self._stray_spaces(page, link)

    @staticmethod
    def _unexpanded_pipe_trick(page: Page, link: InternalLink) -> Finding:
        title = link.title.strip(" ")
        shown = pipe_trick(page, link.bare_title.strip(" "))
        fix = None
        if shown:
            replacement = "[[" + title + "]]" if shown == title else "[[" + title + "|" + shown + "]]"
            fix = Fix.replace(link.start, link.end, replacement, "apply the pipe trick")
        return Finding(link.start, link.end, "empty label: the pipe trick does not work here", fix)

    @staticmethod
    def _percent_escapes(link: InternalLink) -> Finding:
        # Decode around the escapes that must stay (single bytes: no UTF-8 sequence is cut).
        kept = _NEEDED_ESCAPE.findall(link.title)
        parts = [decode_percent(part) for part in _NEEDED_ESCAPE.split(link.title)]
        fix = None
        if None not in parts and not any(_BREAKS_LINK.search(part) or PERCENT_ESCAPE.search(part) for part in parts):
            decoded = parts[0] + "".join(escape + part for escape, part in zip(kept, parts[1:]))
            fix = Fix.replace(link.title_start, link.title_end, decoded, "decode the percent escapes")
        return Finding(link.title_start, link.title_end, "percent-encoded link target", fix)

    @staticmethod
    def _stray_spaces(page: Page, link: InternalLink) -> Finding:
        title = link.title
        leading = len(title) - len(title.lstrip(" \t"))
        trailing = len(title) - len(title.rstrip(" \t"))
        edits = []
        if leading:
            edits.append(Edit(link.title_start, link.title_start + leading, ""))
        if trailing:
            edits.append(Edit(link.title_end - trailing, link.title_end, ""))
        trail = page.site.link_trail
        # "[[Foo ]]s" shows "Foo s": without the space the trail would join the word.
        joins_trail = (link.label is None and trailing and trail is not None
                       and trail.match(page.text, link.end) is not None)
        fix = None if joins_trail else Fix(tuple(edits), "remove the spaces")
        return Finding(link.start, link.end, "spaces inside the link brackets", fix)


def pipe_trick(page: Page, title: str) -> str:
    """What the pipe trick shows for ``title``: no namespace, no "(context)" or ", context"."""
    namespace, rest = page.site.split_namespace(title)
    if namespace is not None and namespace != "interwiki":
        title = rest
    for pattern in _PIPE_TRICK_PATTERNS:
        match = pattern.fullmatch(title)
        if match:
            return match.group(1)
    return title

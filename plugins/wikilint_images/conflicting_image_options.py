"""IMG004: image options that repeat or contradict each other."""

from __future__ import annotations

from typing import Iterable

from wikilint import Finding, Fix, Page, Rule
from wikilint_images.file_links import (
    FORMAT_OPTIONS, HORIZONTAL_ALIGN_OPTIONS, VERTICAL_ALIGN_OPTIONS, FileLink, ImageOption, Kind, page_images,
)

#: Option groups of which MediaWiki uses one member only (the last).
_EXCLUSIVE_GROUPS = (
    (FORMAT_OPTIONS, "image formats"),
    (HORIZONTAL_ALIGN_OPTIONS, "horizontal alignments"),
    (VERTICAL_ALIGN_OPTIONS, "vertical alignments"),
)


class ConflictingImageOptions(Rule):
    """Image options that repeat or contradict each other; MediaWiki silently uses one.

    Two captions (only the last shows), two sizes, ``left`` with ``right``, ``thumb``
    with ``frame`` or ``frameless``, ``upright`` with an explicit width (the width wins),
    two ``alt=`` or ``link=`` (Parsoid's *bogus-image-options*, wikilint's
    *no-duplicate*). Options follow the site's keywords, so on zh ``縮圖`` and ``thumb``
    are the same option.

    The safe fix removes an exact duplicate, which changes nothing in the rendering.
    Which of two different values was meant is for an editor to decide.

    **Bad**

    ```wikitext
    [[File:Berlin.jpg|thumb|left|thumb|The Reichstag]]
    ```

    **Good**

    ```wikitext
    [[File:Berlin.jpg|thumb|left|The Reichstag]]
    ```
    """

    code = "IMG004"
    name = "conflicting-image-options"
    severity = "warning"
    fix_applicability = "safe"

    def check(self, page: Page) -> Iterable[Finding]:
        for link in page_images(page).links:
            if len(link.options) > 1:
                yield from _check_link(link)


def _check_link(link: FileLink) -> Iterable[Finding]:
    seen: list[ImageOption] = []
    shown_caption = link.caption
    for option in link.options:
        if option.kind in (Kind.MALFORMED_SIZE, Kind.UNKNOWN, Kind.DYNAMIC, Kind.UNCERTAIN):
            # Suspect options are reported by their own rules (counting them as captions
            # would repeat it); what a template makes, or what a word of a wiki whose
            # keywords are not all known means, cannot be known here.
            continue
        if option.kind == Kind.CAPTION and not option.stripped:
            # An empty option is an empty caption to MediaWiki: harmless before the real
            # caption (removing it changes nothing), but last it hides the real one.
            if option is not shown_caption:
                yield Finding(option.start, option.end, "empty image option",
                              Fix.replace(option.start - 1, option.end, "", "remove the empty option"))
            elif any(other.kind == Kind.CAPTION and other.stripped for other in seen):
                yield Finding(option.start, option.end, "empty last option hides the caption before it")
            continue
        duplicate = next((earlier for earlier in seen if _same(earlier, option)), None)
        if duplicate is not None:
            yield Finding(option.start, option.end, f"duplicate image option `{option.stripped}`",
                          Fix.replace(option.start - 1, option.end, "", "remove the duplicate option"))
            continue
        message = _conflict(option, seen)
        if message:
            yield Finding(option.start, option.end, message)
        seen.append(option)


def _same(a: ImageOption, b: ImageOption) -> bool:
    """Identical text, or two spellings of one bare keyword (``thumb``, ``縮圖``)."""
    return a.kind == b.kind and (a.stripped == b.stripped or (a.kind == Kind.KEYWORD and a.name == b.name))


def _conflict(option: ImageOption, earlier: list[ImageOption]) -> str:
    name = option.name
    if option.kind == Kind.CAPTION:
        if any(other.kind == Kind.CAPTION for other in earlier):
            return "second caption: MediaWiki shows only the last one"
        return ""
    if option.kind == Kind.SIZE:
        if any(other.kind == Kind.SIZE for other in earlier):
            return "second size: MediaWiki uses only the last one"
        if option.stripped[:1].isdigit() and any(other.name == "upright" for other in earlier):
            return "an explicit width overrides `upright`"
        return ""
    if name == "upright" and any(other.kind == Kind.SIZE and other.stripped[:1].isdigit() for other in earlier):
        return "`upright` is ignored next to an explicit width"
    for group, label in _EXCLUSIVE_GROUPS:
        if name in group:
            clash = next((other for other in earlier if other.name in group and other.name != name), None)
            if clash is not None:
                return f"`{option.stripped}` conflicts with `{clash.stripped}`: only one of the {label} applies"
            return ""
    if option.kind == Kind.VALUE and any(other.name == name for other in earlier):
        return f"second `{option.stripped.partition('=')[0]}=`: MediaWiki uses only the last one"
    return ""

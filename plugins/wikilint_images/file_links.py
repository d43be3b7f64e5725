"""The file links of a page and their options, read the way MediaWiki reads them.

Every image rule needs the same facts: which ``[[…]]`` links are images (any alias of
the site's file namespace, never ``[[:File:…]]``), where each ``|``-separated option
starts and ends, and what MediaWiki makes of it (a keyword, a ``key=value``, a size or,
failing all of those, the caption). :func:`page_images` computes them once per page.

MediaWiki trims each option and then matches it *case-sensitively* against the site's
localised keywords (``Parser::makeImage``); anything that matches nothing becomes the
caption, and the last caption wins. That is why a typo such as ``thum`` is not an error
MediaWiki reports: it silently becomes the caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from mwparserfromhell.nodes import Tag, Text, Wikilink

from wikilint import Page, tag_name, wikicode_text

# Option names are the keys of the site's ``[image-options]`` table.
FORMAT_OPTIONS = frozenset({"thumbnail", "framed", "frameless", "manualthumb"})
#: Formats that show the caption under the image (the others show it as a tooltip only).
CAPTIONED_FORMATS = frozenset({"thumbnail", "framed", "manualthumb"})
HORIZONTAL_ALIGN_OPTIONS = frozenset({"left", "right", "center", "none"})
VERTICAL_ALIGN_OPTIONS = frozenset(
    {"baseline", "sub", "super", "top", "text-top", "middle", "bottom", "text-bottom"})
#: Options written ``key=value``; every other key of ``[image-options]`` is a bare keyword
#: (``upright`` is both, and a thumbnail keyword with ``=`` is a manual thumbnail, as is
#: a ``manualthumb`` word: ja ``代替画像=X.png``).
VALUE_OPTIONS = frozenset(
    {"alt", "link", "page", "class", "lang", "thumbtime", "start", "end", "disablecontrols", "lossy"})
PX_SUFFIX_KEY = "px-suffix"


class Kind:
    KEYWORD = "keyword"              # a bare keyword: thumb, left, border, upright…
    VALUE = "value"                  # key=value: alt=…, link=…, upright=0.8, thumb=X.png
    SIZE = "size"                    # 200px, x100px, 200x100px
    CAPTION = "caption"              # anything else: MediaWiki shows the last one
    MALFORMED_SIZE = "malformed-size"  # meant as a size, read as a caption (or tracked): 100pxpx, px100
    UNKNOWN = "unknown"              # meant as a keyword, read as a caption: thum, Thumb, width=
    DYNAMIC = "dynamic"              # wholly made by a template or parameter: unknowable here
    UNCERTAIN = "uncertain"          # one word of a wiki whose keywords are not all known


# Records of this module are never printed: without a generated __repr__ each class
# costs less at start-up, which every run pays for every rule family.
@dataclass(slots=True, repr=False)
class ImageOption:
    """One ``|``-separated option; ``start``/``end`` exclude the pipe before it."""

    start: int
    end: int
    text: str          # as written (untrimmed)
    kind: str
    name: str | None = None   # option name for keywords and values ("thumbnail", "alt"…)
    value: str | None = None  # the value of a key=value option or a size
    hint: str = ""            # for suspect options: what was probably meant

    @property
    def stripped(self) -> str:
        return self.text.strip()


#: Tags of a table (wiki ``{|`` tables parse into the same tags).
_TABLE_TAGS = frozenset({"table", "tr", "td", "th"})
_SIZE_NUMBERS = re.compile(r"(\d*)(?:x(\d+))?")


@dataclass(slots=True, repr=False)
class FileLink:
    start: int
    end: int
    title: str
    options: list[ImageOption]
    #: Inside a table cell (wiki or HTML).
    in_table: bool = False
    #: Inside a template call: how the template shows the image is unknowable here.
    in_template: bool = False

    def names(self) -> set[str]:
        return {option.name for option in self.options if option.name}

    @property
    def caption(self) -> ImageOption | None:
        """The caption MediaWiki shows: the last option read as a caption."""
        for option in reversed(self.options):
            if option.kind in CAPTION_LIKE:
                return option
        return None

    @property
    def shows_caption(self) -> bool:
        return bool(self.names() & CAPTIONED_FORMATS)

    @property
    def has_unknowable_options(self) -> bool:
        """An option made by a template, or a word that may be one of the wiki's keywords."""
        return any(option.kind in UNKNOWABLE for option in self.options)

    @property
    def size(self) -> tuple[int | None, int | None]:
        """``(width, height)`` in pixels as the last size option gives them (None: not given)."""
        for option in reversed(self.options):
            if option.kind == Kind.SIZE and option.value:
                width, height = _SIZE_NUMBERS.match(option.value).groups()
                return (int(width) if width else None), (int(height) if height else None)
        return None, None


#: Kinds that MediaWiki treats as the caption (suspect options are captions to it).
CAPTION_LIKE = frozenset({Kind.CAPTION, Kind.MALFORMED_SIZE, Kind.UNKNOWN})
#: Kinds whose meaning cannot be known from the page and the site's facts.
UNKNOWABLE = frozenset({Kind.DYNAMIC, Kind.UNCERTAIN})


# -- the vocabulary of a site ------------------------------------------------------

@dataclass(frozen=True, repr=False)
class Vocabulary:
    keywords: Mapping[str, str]      # exact word -> option name
    value_keys: Mapping[str, str]    # key before "=" -> option name
    upright_words: tuple[str, ...]
    valid_size: re.Pattern[str]
    malformed_size: re.Pattern[str]
    doubled_suffix: re.Pattern[str]
    #: False when the site's ``[image-options]`` may lack some of the wiki's own words
    #: (site key ``image-options-known``): a word that matches nothing is then uncertain.
    complete: bool = True

    @property
    def keyword_words(self) -> tuple[str, ...]:
        return tuple(self.keywords)


#: Keys people write expecting them to work, which MediaWiki does not know.
LIKELY_INTENDED_KEYS = frozenset(
    {"width", "height", "size", "caption", "align", "title", "float", "position", "thumb", "thumbnail", "upright",
     "frame", "border"})


#: PHP's ``\s`` (no /u flag): ASCII white space only.
_PHP_SPACE = r"[ \t\n\r\x0b\x0c]"


def vocabulary(page: Page) -> Vocabulary:
    table = page.site.get("image-options") or {}
    return _vocabulary(tuple(sorted((key, tuple(words)) for key, words in table.items()
                                    if isinstance(words, (list, tuple)))),
                       bool(page.site.get("image-options-known", True)))


@lru_cache(maxsize=32)
def _vocabulary(table: tuple[tuple[str, tuple[str, ...]], ...], complete: bool = True) -> Vocabulary:
    keywords: dict[str, str] = {}
    value_keys: dict[str, str] = {}
    suffixes: list[str] = []
    upright: tuple[str, ...] = ()
    for name, words in table:
        if name == PX_SUFFIX_KEY:
            suffixes.extend(words)
        elif name in VALUE_OPTIONS or name == "manualthumb":
            value_keys.update((word, name) for word in words)
        else:
            keywords.update((word, name) for word in words)
            if name == "thumbnail":
                value_keys.update((word, "manualthumb") for word in words)
            elif name == "upright":
                value_keys.update((word, "upright") for word in words)
                upright = tuple(words)
    suffix = "|".join(re.escape(s) for s in sorted(set(suffixes or ["px"]), key=len, reverse=True))
    # MediaWiki matches "$1px" and then reads $1 with /^[0-9]*\s*(?:px)?\s*$/ (or with "x"
    # and a height first; Parser::parseWidthParam): white space may stand before the suffix.
    valid = re.compile(rf"(?:\d+|\d*x\d+){_PHP_SPACE}*(?:{suffix})")
    # Looks like a size but is not one: doubled or spaced suffix, suffix first, "pixels"…
    # (case-insensitive: "100PX" is a caption to MediaWiki, whose keywords are case-sensitive).
    loose_suffix = rf"(?:{suffix}|pix|pixels?)"
    malformed = re.compile(
        rf"(?=.*\d)(?:{loose_suffix}\s*\d+(?:\s*[x×]\s*\d+)?\s*(?:{loose_suffix}\s*)*"
        rf"|\d*\s*(?:[x×]\s*\d+)?\s*(?:{loose_suffix}\s*)+)", re.IGNORECASE)
    doubled = re.compile(rf"(\d+|\d*x\d+)({suffix})(?:\2)+")
    return Vocabulary(keywords, value_keys, upright, valid, malformed, doubled, complete)


def classify(text: str, vocab: Vocabulary, start: int = 0) -> ImageOption:
    """What MediaWiki makes of one option (``text`` untrimmed, as written)."""
    word = text.strip()
    end = start + len(text)
    if word.startswith("{{") and word.endswith("}}"):
        return ImageOption(start, end, text, Kind.DYNAMIC)
    name = vocab.keywords.get(word)
    if name is not None:
        return ImageOption(start, end, text, Kind.KEYWORD, name)
    key, equals, value = word.partition("=")
    if equals and key in vocab.value_keys:
        return ImageOption(start, end, text, Kind.VALUE, vocab.value_keys[key], value)
    for upright in vocab.upright_words:
        if word.startswith(upright + " "):
            return ImageOption(start, end, text, Kind.VALUE, "upright", word[len(upright) + 1:])
    if vocab.valid_size.fullmatch(word):
        return ImageOption(start, end, text, Kind.SIZE, "size", word)
    if vocab.malformed_size.fullmatch(word):
        return ImageOption(start, end, text, Kind.MALFORMED_SIZE, hint="a size is written like 200px")
    hint = _unknown_keyword_hint(word, vocab)
    if hint:
        return ImageOption(start, end, text, Kind.UNKNOWN, hint=hint)
    if not vocab.complete and _ONE_WORD.fullmatch(word):
        return ImageOption(start, end, text, Kind.UNCERTAIN)
    return ImageOption(start, end, text, Kind.CAPTION)


#: A keyword or ``key=value`` as written: one word, no markup (``miniatura``, ``250пкс``,
#: ``collegamento=X``). On a wiki whose keywords are not all known it may be one.
_ONE_WORD = re.compile(r"[^\s=|\[\]{}<>'\"]+(?:=.*)?", re.DOTALL)


_ASCII_WORD = re.compile(r"[a-z][a-z-]{3,}")
_KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z -]*?)\s*=")


def _unknown_keyword_hint(word: str, vocab: Vocabulary) -> str:
    """Why ``word`` (read as a caption) looks like a keyword someone got wrong, or ""."""
    lowered = word.lower()
    for keyword in vocab.keywords:
        if keyword.lower() == lowered:
            return f"options are case-sensitive: did you mean `{keyword}`?"
    key_match = _KEY_VALUE.match(word)
    if key_match:
        key = key_match[1]
        for known in vocab.value_keys:
            if known.lower() == key.strip().lower():
                return f"did you mean `{known}=`?"
        if key.strip().lower() in LIKELY_INTENDED_KEYS:
            return f"`{key.strip()}=` is not an image option"
        return ""
    if _ASCII_WORD.fullmatch(word) and vocab.complete:  # else it may be a word of the wiki's (gl "centro")
        for keyword in vocab.keywords:
            if len(keyword) >= 4 and keyword.isascii() and _within_one_edit(word, keyword):
                return f"did you mean `{keyword}`?"
        for upright in vocab.upright_words:
            if word.startswith(upright):
                return f"write `{upright}=<factor>`"
    elif vocab.upright_words and re.fullmatch(r"upright\s*[:=]?\s*[\d.]+", word):
        return "write `upright=<factor>`"
    return ""


def _within_one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long)):
        if long[:i] + long[i + 1:] == short:
            return True
    return False


# -- the file links of a page -----------------------------------------------------

@dataclass(repr=False)
class PageImages:
    links: list[FileLink]
    #: Located file-link nodes, for rules that look at their neighbours.
    located: list[Any]


def page_images(page: Page) -> PageImages:
    """The page's file links with their options (computed once per page)."""
    return page.derived("wikilint_images.file_links", _find_file_links)


def is_file_title(page: Page, title: str) -> bool:
    # A leading colon makes it a plain link; split_namespace sees an empty prefix then.
    return page.site.split_namespace(title.lstrip())[0] == "file"


def _find_file_links(page: Page) -> PageImages:
    vocab = vocabulary(page)
    links: list[FileLink] = []
    located = []
    text = page.text
    for item in page.nodes(Wikilink):
        if text.find(":", item.start, item.end) == -1:
            continue  # no namespace: most links, ruled out without reading their title
        node = item.node
        title = wikicode_text(node.title)
        if not is_file_title(page, title) or item.in_literal or item.inside_tag("gallery"):
            continue
        located.append(item)
        options: list[ImageOption] = []
        if node.text is not None:
            position = item.start + 2 + len(title) + 1
            option_start = position
            for child in node.text.nodes:
                piece = str(child)
                if type(child) is Text:
                    pipe = piece.find("|")
                    while pipe != -1:
                        cut = position + pipe
                        options.append(classify(page.text[option_start:cut], vocab, option_start))
                        option_start = cut + 1
                        pipe = piece.find("|", pipe + 1)
                position += len(piece)
            options.append(classify(page.text[option_start:position], vocab, option_start))
        in_table = any(type(parent) is Tag and tag_name(parent) in _TABLE_TAGS for parent in item.ancestors)
        links.append(FileLink(item.start, item.end, title, options, in_table, item.in_template))
    return PageImages(links, located)


def file_namespace_pattern(page: Page) -> re.Pattern[str]:
    """``[[`` followed by any alias of the file namespace and a colon."""
    return _file_namespace_pattern(tuple(page.site.namespaces.get("file", ("File",))))


@lru_cache(maxsize=32)
def _file_namespace_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(
        r"[ _]+".join(re.escape(word) for word in alias.replace("_", " ").split())
        for alias in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"\[\[[ _]*(?:{names})[ _]*:", re.IGNORECASE)

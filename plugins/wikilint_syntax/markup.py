"""What the markup-syntax rules share: per-page scans of the page text, made once.

mwparserfromhell leaves markup it cannot pair up (an unclosed ``[[``, a stray ``}}``,
an unclosed ``<!--`` or ``<span>``) as plain text, and parses a few things MediaWiki does
not (``[[A|b [[c]] d]]``). The rules here need to know what *MediaWiki* makes of the text,
so each scan below follows MediaWiki's own algorithm on the page text, with the parse
tree as a cheap first check: on a page whose brackets, braces, comments and tags all
became nodes (most pages), the text scans are skipped entirely.

Everything is computed on first use and kept with the page (``page.derived``), so the
rules of the family share one scan of each kind.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from mwparserfromhell.definitions import PARSER_BLACKLIST
from mwparserfromhell.nodes import Argument, ExternalLink, Heading, Tag, Template, Wikilink

from wikilint import Located, Page, plain_text, tag_name, tag_spans, wikicode_text
from wikilint.page import LITERAL_TAGS

if TYPE_CHECKING:
    from wikilint import Located
    from wikilint.site import Site

#: Site key (contributed by this plugin's ``wikilint_site_presets`` hook): the names of
#: the DEFAULTSORT magic word on the site, without the colon.
DEFAULTSORT_KEY = "defaultsort-magic-words"

#: Tags whose content mwparserfromhell does not parse and MediaWiki does not read as
#: wikitext either: markup in them is nobody's business but the tag's.
OPAQUE_TAGS = (frozenset(PARSER_BLACKLIST) | LITERAL_TAGS) - {"code"}


# -- regions MediaWiki does not read as wikitext ---------------------------------------

# Records of this module are never printed: without a generated __repr__ each class
# costs less at start-up, which every run pays for every rule family.
@dataclass(slots=True, repr=False)
class Spans:
    """Sorted, non-overlapping ``[start, end)`` ranges of the page text."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def covers(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.ends, start + 1)
        return index < len(self.starts) and self.starts[index] < end


@dataclass(slots=True, repr=False)
class Literals:
    """Comments and the contents of literal tags (``<nowiki>``, ``<pre>``, ``<math>``…)."""

    spans: Spans
    #: Where a ``<!--`` that is never closed starts (it hides the rest of the page), or -1.
    unclosed_comment: int

    def covers(self, position: int) -> bool:
        return self.spans.covers(position)

    def count(self, text: str, needle: str) -> int:
        """How many times ``needle`` occurs inside these regions of ``text``."""
        spans = self.spans
        return sum(text.count(needle, start, end) for start, end in zip(spans.starts, spans.ends))


def literals(page: Page) -> Literals:
    return page.derived("wikilint_syntax.literals", _build_literals)


def _build_literals(page: Page) -> Literals:
    tags = sorted((item.start, item.end) for item in page.tags(*OPAQUE_TAGS))
    text = page.text
    # Comments are found in the text, as MediaWiki finds them: mwparserfromhell reads a
    # comment among a table row's attributes as attributes.
    comments: list[tuple[int, int]] = []
    unclosed = -1
    position = text.find("<!--")
    while position != -1:
        index = bisect.bisect_right(tags, (position, len(text))) - 1
        if index >= 0 and position < tags[index][1]:
            position = text.find("<!--", tags[index][1])  # inside <nowiki> or the like
            continue
        end = text.find("-->", position + 4)
        if end == -1:  # MediaWiki hides the rest of the page
            unclosed = position
            comments.append((position, len(text)))
            break
        comments.append((position, end + 3))
        position = text.find("<!--", end + 3)
    spans = Spans()
    for start, end in sorted(tags + comments):
        if spans.ends and start < spans.ends[-1]:
            continue  # a tag inside a comment, or a comment running over a tag
        spans.starts.append(start)
        spans.ends.append(end)
    return Literals(spans, unclosed)


def blanked_text(page: Page) -> str:
    """The page text with comments (as spaces) and literal tag contents (as ``\\x7f``,
    which no title or URL may hold) blanked out, offsets and line breaks kept."""
    return page.derived("wikilint_syntax.blanked", _build_blanked)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _build_blanked(page: Page) -> str:
    spans = literals(page).spans
    if not spans.starts:
        return page.text
    text = page.text
    pieces = []
    position = 0
    for start, end in zip(spans.starts, spans.ends):
        pieces.append(text[position:start])
        filler = " " if text.startswith("<!--", start) else "\x7f"
        pieces.append(_NOT_NEWLINE.sub(filler, text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


#: "Prefix:Name.ext" with a media extension: a file link in a namespace the site preset
#: does not know (a page from another wiki linted with the wrong site).
_FOREIGN_FILE_TITLE = re.compile(
    r"^\s*[^:\[\]{}|]+:[^\[\]{}|]+\.(?:jpe?g|png|gif|svg|tiff?|webp|xcf|ogg|oga|ogv|webm|mp3|wav|flac|midi?|pdf|djvu|stl)\s*$",
    re.IGNORECASE)


def is_file_target(site: Site, target: str) -> bool:
    """Whether a link target names a file (``[[File:…]]`` and the site's aliases)."""
    return site.is_namespace(target, "file") or _FOREIGN_FILE_TITLE.match(target) is not None


# -- internal-link brackets, as Parser::handleInternalLinks2 reads them ----------------

#: MediaWiki's legal title characters (Title::legalChars) plus "#" and "%", written as
#: what they exclude: the same set, and a class Python compiles in microseconds, not ms.
_TITLE = r"[^<>\[\]{|}\x00-\x1f\x7f]"
#: (An empty label, ``[[A (b)|]]``, is the pipe trick: a save turns it into a link.)
#: (After a "#", "<" and ">" are fine: the Sanitizer has turned them into entities.)
_LINK = re.compile(rf"({_TITLE}+|{_TITLE}*#[^|\[\]{{}}\n]*)(?:\|(.*?))?\]\]", re.DOTALL)
#: Internal-link targets that start with a URL protocol: MediaWiki leaves the "[[" as
#: text and reads an external link from the "[" after it.
_URL_TARGET = re.compile(r"\s*(?:https?:|ftps?:|//|mailto:|irc:|news:|gopher:|telnet:)", re.IGNORECASE)
_IMAGE_LINK = re.compile(rf"({_TITLE}+)\|", re.DOTALL)


@dataclass(slots=True, repr=False)
class BracketProblem:
    start: int
    end: int
    #: ``"unclosed"`` (a ``[[`` with no ``]]``), ``"invalid"`` (a ``[[…]]`` MediaWiki does
    #: not read as a link: its target cannot be a title) or ``"stray"`` (a ``]]`` that
    #: closes nothing).
    kind: str
    detail: str = ""


def link_bracket_problems(page: Page) -> list[BracketProblem]:
    return page.derived("wikilint_syntax.link_brackets", _build_link_bracket_problems)


def _links_need_scan(page: Page) -> bool:
    """Whether the tree leaves any doubt: some ``[[``/``]]`` outside comments and literal
    tags not part of a parsed link, or a link nested in a link that is not a file link
    (MediaWiki nests only those; mwparserfromhell nests any)."""
    text = page.text
    links = page.nodes(Wikilink)
    opens, closes = text.count("[["), text.count("]]")
    if opens != len(links) or closes != len(links):
        found = literals(page)
        if opens - found.count(text, "[[") != len(links) or closes - found.count(text, "]]") != len(links):
            return True
    site = page.site
    outer = None  # the last link that is in no other link (links come in text order)
    for item in links:
        if outer is not None and item.start < outer.end:
            if not is_file_target(site, wikicode_text(outer.node.title).lstrip(" ")):
                return True
        else:
            outer = item
    return False


def _build_link_bracket_problems(page: Page) -> list[BracketProblem]:
    if "[[" not in page.text and "]]" not in page.text:
        return []
    if not _links_need_scan(page):
        return []
    text = without_tag_attributes(blanked_text(page))
    spans = literals(page).spans
    opens = [match.start() for match in re.finditer(r"\[\[", text) if not spans.covers(match.start())]
    closes = [match.start() for match in re.finditer(r"\]\]", text) if not spans.covers(match.start())]
    problems: list[BracketProblem] = []
    consumed: set[int] = set()
    site = page.site
    # Parser::handleInternalLinks2 splits the text at every "[[" and reads each piece.
    boundaries = opens + [len(text)]

    def closes_in(piece: int) -> list[int]:
        low = bisect.bisect_left(closes, boundaries[piece] + 2)
        high = bisect.bisect_left(closes, boundaries[piece + 1])
        return closes[low:high]

    file_link_ends: list[int] = []  # where the file links (on their own, no nested links) end
    index = 0
    while index < len(opens):
        start = opens[index]
        piece = text[start + 2:boundaries[index + 1]]
        match = _LINK.match(piece)
        if _URL_TARGET.match(piece):  # "[[http://…]]": SYN006
            if match is not None:
                consumed.add(start + match.end())
            index += 1
            continue
        if match is not None:
            consumed.add(start + match.end())
            if is_file_target(site, match[1]):
                file_link_ends.append(start + 2 + match.end())
            index += 1
            continue
        image = _IMAGE_LINK.match(piece)
        if image is not None and is_file_target(site, image[1]):
            # A file link's caption may hold links: MediaWiki reads on, piece by piece,
            # while each piece closes exactly one inner link, until one closes two.
            # An unclosed file link is the image family's business (IMG002).
            following = index + 1
            while following < len(opens):
                inner = closes_in(following)
                if len(inner) >= 2:
                    consumed.update(inner[:2])
                    file_link_ends.append(inner[1] + 2)
                    break
                if len(inner) == 1:
                    consumed.add(inner[0])
                    following += 1
                    continue
                break
            index += 1
            continue
        inside = closes_in(index)
        target = piece.split("|", 1)[0] if not inside else text[start + 2:inside[0]].split("|", 1)[0]
        if "{{" in target:
            pass  # a computed target: what it expands to is unknown
        elif is_file_target(site, target):
            pass  # a file link that does not close: IMG002
        elif not inside or "\n\n" in target or len(target) > 255:
            # (No "]]", or one paragraphs away, or farther than a title is long: the
            # "[[" is the one left open, the "]]" if any a stray one.)
            problems.append(BracketProblem(start, start + 2, "unclosed"))
            index += 1
            continue
        else:
            end = inside[0] + 2
            problems.append(BracketProblem(start, end, "invalid", _invalid_title_reason(text[start:end])))
        if inside:
            consumed.add(inside[0])
        index += 1
    external_link_ends = {item.end for item in page.nodes(ExternalLink) if item.node.brackets}
    for close in closes:
        if close in consumed or _ends_spilled_caption(text, close, file_link_ends) or _escaped_pair(text, close, "["):
            continue
        if close + 1 in external_link_ends:  # "[http://… label]]": one "]" too many
            problems.append(BracketProblem(close + 1, close + 2, "stray", "]"))
        else:
            problems.append(BracketProblem(close, close + 2, "stray", "]]"))
    problems.sort(key=lambda problem: problem.start)
    return problems


def without_tag_attributes(text: str) -> str:
    """``text`` with the attributes of its HTML tags blanked: the Sanitizer, which runs
    before links are read, escapes brackets there (``<span title="[[x]]">``)."""
    if "<" not in text:
        return text
    return _TAG_TOKEN.sub(_blank_attributes, text)


def _blank_attributes(match: re.Match[str]) -> str:
    if match[2].lower() not in HTML_ELEMENTS or not match[3]:
        return match[0]
    return match[0][:match.start(3) - match.start()] + _NOT_NEWLINE.sub(" ", match[3]) + match[0][match.end(3) - match.start():]


def _ends_spilled_caption(text: str, close: int, file_link_ends: list[int]) -> bool:
    """Whether a stray ``]]`` follows a file link in the same paragraph: a caption that
    spilled out of the link, which IMG001 reports (and can fix)."""
    index = bisect.bisect_right(file_link_ends, close) - 1
    return index >= 0 and "\n\n" not in text[file_link_ends[index]:close]


#: Not a legal title character, "|" or "]" (the complement of _TITLE's class with those two).
_BAD_TITLE_CHARACTER = re.compile(r"[<>\[{}\x00-\x1f\x7f]")


def _invalid_title_reason(link: str) -> str:
    if link.startswith("[[["):
        return "three opening brackets"
    target = link[2:-2].split("|", 1)[0]
    bad = _BAD_TITLE_CHARACTER.search(target)
    if bad is None:
        return "the target is not a valid title"
    character = bad[0]
    if character == "\n":
        return "the target spans a line break"
    if character == "\x7f":
        return "the target holds a literal tag"
    return f"{character!r} cannot be in a page title"


_ESCAPED_OPENING = {
    "[": re.compile(r"&#0*91;|&#x0*5b;|&lsqb;|&lbrack;", re.IGNORECASE),
    "{": re.compile(r"&#0*123;|&#x0*7b;|&lcub;|&lbrace;", re.IGNORECASE),
}


def _escaped_pair(text: str, close: int, opening: str) -> bool:
    """Whether the line before a closing pair opens one with character references
    (``&#123;&#123;PAGENAME}}``): a way to show the markup, closing pair included."""
    line_start = text.rfind("\n", 0, close) + 1
    return _ESCAPED_OPENING[opening].search(text, line_start, close) is not None


# -- template braces, as the preprocessor (Preprocessor_Hash) pairs them ----------------

_BRACE_OR_BRACKET_RUN = re.compile(r"\{{2,}|\}{2,}|\[{2,}|\]{2,}")


@dataclass(slots=True, repr=False)
class _Open:
    char: str
    start: int
    count: int


#: What a template's name cannot hold: a line break inside it, a link.
_NOT_A_TEMPLATE_NAME = re.compile(r"\S\s*\n\s*\S|\[\[")


def _call_name(text: str, start: int, end: int) -> str | None:
    """The name of a template call (before its first "|"), or ``None`` for a parser
    function or magic word (``#if:``, ``DEFAULTSORT:``), whose argument follows a colon."""
    name = text[start:end].split("|", 1)[0]
    if ":" in name or "{" in name or "}" in name:
        return None
    return name


def brace_problems(page: Page) -> list[BracketProblem]:
    """``{{`` never closed (``"unclosed"``) and ``}}`` that close nothing (``"stray"``)."""
    return page.derived("wikilint_syntax.braces", _build_brace_problems)


def _build_brace_problems(page: Page) -> list[BracketProblem]:
    text = page.text
    if "{{" not in text and "}}" not in text:
        return []
    expected = len(page.nodes(Template)) + len(page.nodes(Argument))
    opens, closes = text.count("{{"), text.count("}}")
    if opens != expected or closes != expected:
        found = literals(page)
        if opens - found.count(text, "{{") == expected and closes - found.count(text, "}}") == expected:
            return []
    else:
        return []
    text = blanked_text(page)
    problems: list[BracketProblem] = []
    stack: list[_Open] = []
    for match in _BRACE_OR_BRACKET_RUN.finditer(text):
        run = match[0]
        char = run[0]
        position = match.start()
        if char in "{[":
            stack.append(_Open(char, position, len(run)))
            continue
        # A closing run only closes the innermost open run, and only if it is of its kind:
        # "}}" inside an open "[[" is text (the preprocessor does not look for it there).
        # Each step takes three braces (a parameter) when both runs have them, else two.
        wanted = "{" if char == "}" else "["
        left = len(run)
        if char == "}" and not stack and position and text[position - 1] == "|" and (
                position == 1 or text[position - 2] == "\n"):
            left -= 1  # "|}" ends a table; the brace after it closes a -{…}- conversion
        while left >= 2 and stack and stack[-1].char == wanted:
            top = stack[-1]
            taken = 3 if wanted == "{" and min(left, top.count) >= 3 else 2
            if wanted == "{" and taken == 2 and top.count == 2:
                name = _call_name(text, top.start + 2, match.end() - left)
                if name is not None and _NOT_A_TEMPLATE_NAME.search(name):
                    problems.append(BracketProblem(top.start, top.start + 2, "invalid", name))
            top.count -= taken
            left -= taken
            if top.count < 2:
                stack.pop()
        if (left >= 2 and char == "}" and not any(opened.char == "{" for opened in stack)
                and not _escaped_pair(text, position, "{")):
            # (A "}}" held up by an open "[[" is reported as the "{{" it fails to close.)
            problems.append(BracketProblem(match.end() - left, match.end(), "stray"))
    for opened in stack:
        if opened.char == "{" and opened.count >= 2:
            problems.append(BracketProblem(opened.start, opened.start + opened.count, "unclosed"))
    problems.sort(key=lambda problem: problem.start)
    return problems


# -- ISBNs ------------------------------------------------------------------------------

@dataclass(slots=True, repr=False)
class IsbnMentions:
    #: ``ISBN 978-…`` in text: where "ISBN" starts.
    magic: list[int] = field(default_factory=list)
    #: ``|isbn=978-…`` (any case): where the value starts, and the value as written.
    parameters: list[tuple[int, str]] = field(default_factory=list)
    #: ``isbn 978-…`` (not all upper case) in text: where the word starts.
    lower_case: list[int] = field(default_factory=list)


_PARAMETER_AFTER_NAME = re.compile(r"(?:1[03])?[ \t]*=[ \t]*([^|}\n<]*)")
_NUMBER_AFTER = re.compile(r"[ \t\xa0]+[0-9]")


def isbn_mentions(page: Page) -> IsbnMentions:
    return page.derived("wikilint_syntax.isbn", _build_isbn_mentions)


def _build_isbn_mentions(page: Page) -> IsbnMentions:
    """Every "ISBN" of the page, found through "SBN" and "sbn" (two quick searches)."""
    mentions = IsbnMentions()
    text = page.text
    for infix in ("SBN", "sbn"):
        position = text.find(infix, 1)
        while position != -1:
            start = position - 1
            position = text.find(infix, position + 3)
            if text[start] not in "iI" or start and text[start - 1].isascii() and text[start - 1].isalnum():
                continue
            end = start + 4
            before = text[text.rfind("\n", 0, start) + 1:start].rstrip(" \t")
            if before.endswith("|"):
                value = _PARAMETER_AFTER_NAME.match(text, end)
                if value is not None:
                    mentions.parameters.append((value.start(1), value[1]))
                continue
            if text.rfind("<", 0, start) > text.rfind(">", 0, start):
                continue  # inside a tag's attributes: no magic link there
            if text[start:end] == "ISBN":
                mentions.magic.append(start)
            elif _NUMBER_AFTER.match(text, end):
                mentions.lower_case.append(start)
    return mentions


# -- HTML and extension tags, as the preprocessor and the Sanitizer read them ----------

#: The HTML elements MediaWiki's Sanitizer lets through (Sanitizer::getRecognizedTagData).
HTML_ELEMENTS = frozenset({
    "b", "bdi", "del", "i", "ins", "u", "font", "big", "small", "sub", "sup", "h1", "h2", "h3", "h4", "h5", "h6",
    "cite", "code", "em", "s", "strike", "strong", "tt", "var", "div", "center", "blockquote", "ol", "ul", "dl",
    "table", "caption", "ruby", "rb", "rp", "rt", "rtc", "p", "span", "abbr", "dfn", "kbd", "samp", "data",
    "time", "mark", "br", "wbr", "hr", "li", "dt", "dd", "meta", "link", "tr", "td", "th", "q", "bdo",
})
#: Elements that have no content and no end tag.
VOID_ELEMENTS = frozenset({"br", "wbr", "hr", "meta", "link"})
#: Elements whose end tag HTML lets the writer leave out.
OPTIONAL_END_ELEMENTS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "rb", "rp", "rt", "rtc"})
#: Extension tags of Wikimedia wikis: the preprocessor takes what is between the opening
#: and the closing tag as the extension's input, and shows an opening tag that is never
#: closed as text (includeonly/noinclude/onlyinclude run to the end of the page instead).
EXTENSION_TAGS = frozenset({
    "ref", "references", "nowiki", "pre", "gallery", "math", "chem", "ce", "syntaxhighlight", "source", "poem",
    "score", "timeline", "graph", "templatedata", "templatestyles", "mapframe", "maplink", "hiero", "imagemap",
    "inputbox", "categorytree", "section", "indicator", "charinsert", "langconvert", "phonos", "rss",
    "dynamicpagelist", "includeonly", "noinclude", "onlyinclude",
})
#: Extension tags whose content is wikitext parsed on its own: a tag opened inside one
#: of them is closed at its end.
_WIKITEXT_EXTENSIONS = frozenset({"ref", "references", "poem", "indicator", "gallery"})
_INCLUDE_TAGS = frozenset({"includeonly", "noinclude", "onlyinclude"})

#: Elements that end with the block they are in (the HTML parser reopens the formatting
#: elements, <b>, <small>, <font>…, in the next block, and block elements hold blocks).
_INLINE_ELEMENTS = frozenset({"span", "sub", "sup", "abbr", "cite", "dfn", "kbd", "samp", "var", "q", "bdi", "bdo",
                              "mark", "data", "time", "ruby", "ins", "del"})
#: Where a block ends: a blank line, or a line that starts a list item, a table part or a
#: heading.
_BLOCK_BREAK = re.compile(r"\n(?:[ \t]*\n|[*#:;|!=]|\{\|)")

#: The tags whose "<" the quick check counts (literal tags are counted with their span).
_COUNTED_TAGS = (HTML_ELEMENTS | EXTENSION_TAGS) - OPAQUE_TAGS

#: A tag as the Sanitizer reads it: "<", an optional "/", a name, anything but "<" and ">",
#: and ">" (ELEMENT_BITS_REGEX: a tag that meets another "<" before its ">" is text).
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][^\t\n\v />\x00<]*)([^<>]*)>")
_EXTENSION_TAG_START = re.compile(rf"</?(?:{'|'.join(sorted(EXTENSION_TAGS))})\b", re.IGNORECASE)
#: The start of a tag that never gets its ">": MediaWiki shows it as text.
_TAG_WITHOUT_END = re.compile(r"<(/?)([A-Za-z][^\t\n\v />\x00<]*)[^<>]*(?=<|\Z)")


@dataclass(slots=True, repr=False)
class TagProblem:
    start: int
    end: int
    name: str
    #: ``"unclosed"``, ``"stray"`` (a closing tag with no opening one) or ``"literal"``
    #: (a known tag without its ">", shown as text).
    kind: str


@dataclass(slots=True, repr=False)
class _OpenTag:
    name: str
    start: int
    end: int


def tag_problems(page: Page) -> list[TagProblem]:
    return page.derived("wikilint_syntax.tags", _build_tag_problems)


@dataclass(slots=True, repr=False)
class TagSurvey:
    """One look at the page's HTML and extension tags, shared by the tag rules."""

    #: How many "<" the parsed tags account for (one per tag, two with a closing tag).
    tag_marks: int = 0
    #: HTML tags with attributes, and their element.
    with_attributes: list[tuple[Located, str]] = field(default_factory=list)
    #: Whether an inline element the tree pairs spans a block break (the HTML parser
    #: closes it there: the scan must see it).
    spans_blocks: bool = False


def tag_survey(page: Page) -> TagSurvey:
    return page.derived("wikilint_syntax.tag_survey", _build_tag_survey)


def _build_tag_survey(page: Page) -> TagSurvey:
    survey = TagSurvey()
    marks = 0
    with_attributes = survey.with_attributes
    text = page.text
    for name in _COUNTED_TAGS:
        items = page.tags(name)
        if not items:
            continue
        html = name in HTML_ELEMENTS
        inline = name in _INLINE_ELEMENTS
        for item in items:
            node = item.node
            marks += 1 if node.self_closing else 2
            if html and node.attributes:
                with_attributes.append((item, name))
            if inline and text.find("\n", item.start, item.end) != -1 and _breaks_block(
                    page, item.start, item.end):
                survey.spans_blocks = True
    survey.tag_marks = marks
    return survey


def _tags_need_scan(page: Page) -> bool:
    """Whether some "<" of the page is neither part of a parsed tag nor in a comment or a
    literal tag: only then can a tag be unclosed, stray or shown as text. (A tag of a name
    outside the known ones is not counted: the page is then scanned, to no harm.)"""
    text = page.text
    total = text.count("<")
    if not total:
        return False
    survey = tag_survey(page)
    return survey.spans_blocks or total != survey.tag_marks + literals(page).count(text, "<")


def _build_tag_problems(page: Page) -> list[TagProblem]:
    if not _tags_need_scan(page):
        return []
    text = blanked_text(page)
    problems: list[TagProblem] = []
    for match in _TAG_WITHOUT_END.finditer(text):
        name = match[2].lower()
        # (An extension tag may hold "<" among its attributes; and an extension tag met
        # before the ">" is taken out first, so the tag may still end after it.)
        if name in HTML_ELEMENTS and not _EXTENSION_TAG_START.match(text, match.end()):
            problems.append(TagProblem(match.start(), match.start() + len(match[1]) + len(match[2]) + 1, name,
                                       "literal"))
    # Open tags, in scopes: the page, and the content of each wikitext extension tag.
    scopes: list[list[_OpenTag]] = [[]]
    extension_ends: list[tuple[int, str]] = []  # (where the open extension tag closes, its name)
    position = 0
    lowered = text.lower()
    previous_end = 0
    for match in _TAG_TOKEN.finditer(text):
        if match.start() < position:
            continue  # inside a literal extension tag's content
        if scopes[-1] and _breaks_block(page, previous_end, match.start()):
            _end_inline_elements(scopes[-1], problems)
        previous_end = match.end()
        while extension_ends and match.start() >= extension_ends[-1][0]:
            _close_scope(scopes, problems)
            extension_ends.pop()
        closing, name, self_closing = match[1] == "/", match[2].lower(), match[3].endswith("/")
        if name in EXTENSION_TAGS:
            if closing or self_closing:
                continue  # a stray closing extension tag is matched by nothing; the Sanitizer escapes it
            end = _extension_close(lowered, name, match.end())
            if end == -1:
                if name not in _INCLUDE_TAGS and name != "ref":  # REF001 reports refs
                    problems.append(TagProblem(match.start(), match.end(), name, "unclosed"))
                continue
            if name in _WIKITEXT_EXTENSIONS:
                scopes.append([])
                extension_ends.append((end, name))
            elif name not in _INCLUDE_TAGS:
                position = end  # its content is not wikitext
            continue
        if name not in HTML_ELEMENTS or name in VOID_ELEMENTS:
            continue
        open_tags = scopes[-1]
        if not closing:
            if not self_closing:  # "<span/>" is read as an empty element
                open_tags.append(_OpenTag(name, match.start(), match.end()))
            continue
        for index in range(len(open_tags) - 1, -1, -1):
            if open_tags[index].name == name:
                del open_tags[index]
                break
        else:
            if name not in OPTIONAL_END_ELEMENTS:
                problems.append(TagProblem(match.start(), match.end(), name, "stray"))
    while scopes:
        _close_scope(scopes, problems)
    if any(problem.kind == "unclosed" for problem in problems):
        problems = _without_confined_tags(page, problems)
    if any(problem.kind != "literal" for problem in problems):
        problems = _without_template_pairs(page, problems)
    problems.sort(key=lambda problem: problem.start)
    return problems


def _without_confined_tags(page: Page, problems: list[TagProblem]) -> list[TagProblem]:
    """The problems but the HTML tags left open inside a table cell, a caption, a ref or a
    template call: the HTML parser closes them where that part ends, so what they format
    is what they were written around (``| <center>Berlin``)."""
    confined = _confining_spans(page)
    return [problem for problem in problems
            if not (problem.kind == "unclosed" and problem.name in HTML_ELEMENTS
                    and confined.covers(problem.start))]


def _confining_spans(page: Page) -> Spans:
    site = page.site
    ranges = [(item.start, item.end) for item in page.nodes(Template) if not item.ancestors]
    ranges += [(item.start, item.end) for item in wiki_tables(page)]
    ranges += [(item.start, item.end) for item in page.tags("ref", "table", "td", "th", "caption")]
    ranges += [(item.start, item.end) for item in page.nodes(Wikilink)
               if is_file_target(site, wikicode_text(item.node.title).lstrip(" "))]
    ranges.sort()
    spans = Spans()
    for start, end in ranges:
        if spans.ends and start < spans.ends[-1]:
            if end > spans.ends[-1]:
                spans.ends[-1] = end
            continue
        spans.starts.append(start)
        spans.ends.append(end)
    return spans


def _without_template_pairs(page: Page, problems: list[TagProblem]) -> list[TagProblem]:
    """The problems but the tags a template on its own line may pair: ``{{Div col}}`` …
    ``</div>``, ``<div>`` … ``{{Div end}}`` (in the same section)."""
    text = page.text
    standalone = []
    for item in page.nodes(Template):
        if item.ancestors:
            continue
        line_start = text.rfind("\n", 0, item.start) + 1
        line_end = text.find("\n", item.end)
        if not text[line_start:item.start].strip() and not text[item.end:line_end if line_end != -1 else None].strip():
            standalone.append(item.start)
    if not standalone:
        return problems
    sections = [item.start for item in page.nodes(Heading) if not item.ancestors]
    kept = []
    for problem in problems:
        index = bisect.bisect_right(sections, problem.start)
        section_start = sections[index - 1] if index else 0
        section_end = sections[index] if index < len(sections) else len(text)
        if problem.kind == "stray":
            low, high = section_start, problem.start
        elif problem.kind == "unclosed" and problem.name in HTML_ELEMENTS:
            low, high = problem.end, section_end
        else:
            kept.append(problem)
            continue
        first = bisect.bisect_left(standalone, low)
        if first < len(standalone) and standalone[first] < high:
            continue
        kept.append(problem)
    return kept


def _breaks_block(page: Page, start: int, end: int) -> bool:
    """Whether a block ends between ``start`` and ``end`` (line breaks inside a template
    call do not count: the call's output takes their place)."""
    calls = None
    for match in _BLOCK_BREAK.finditer(page.text, start, end):
        calls = calls or top_level_template_spans(page)
        if not calls.covers(match.start()):
            return True
    return False


def _end_inline_elements(open_tags: list[_OpenTag], problems: list[TagProblem]) -> None:
    """A paragraph, list item, cell or heading ends: the HTML parser closes the inline
    elements still open in it (formatting ones such as <small> go on in the next block)."""
    for opened in [opened for opened in open_tags if opened.name in _INLINE_ELEMENTS]:
        open_tags.remove(opened)
        problems.append(TagProblem(opened.start, opened.end, opened.name, "unclosed"))


def _close_scope(scopes: list[list[_OpenTag]], problems: list[TagProblem]) -> None:
    for opened in scopes.pop():
        if opened.name not in OPTIONAL_END_ELEMENTS:
            problems.append(TagProblem(opened.start, opened.end, opened.name, "unclosed"))


def _extension_close(lowered: str, name: str, after: int) -> int:
    """Where the closing tag of an extension tag opened before ``after`` ends, or -1."""
    match = re.compile(rf"</{re.escape(name)}\s*>").search(lowered, after)
    return match.end() if match else -1


# -- attributes, as the Sanitizer keeps or drops them -----------------------------------

_COMMON_ATTRIBUTES = frozenset({
    "id", "class", "style", "lang", "dir", "title", "tabindex", "aria-describedby", "aria-flowto", "aria-hidden",
    "aria-label", "aria-labelledby", "aria-level", "aria-owns", "role", "about", "property", "resource",
    "datatype", "typeof", "itemid", "itemprop", "itemref", "itemscope", "itemtype",
})
_BLOCK = _COMMON_ATTRIBUTES | {"align"}
_TABLE_CELL = _COMMON_ATTRIBUTES | {"abbr", "axis", "headers", "scope", "rowspan", "colspan", "nowrap", "width",
                                    "height", "bgcolor", "align", "valign"}
#: What the Sanitizer keeps on each element (Sanitizer::setupAttributesAllowedInternal);
#: ``data-*`` attributes are kept too. Everything else is silently dropped.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    **{name: _COMMON_ATTRIBUTES for name in (
        "center", "span", "bdo", "em", "strong", "cite", "dfn", "code", "samp", "kbd", "var", "abbr", "sub", "sup",
        "wbr", "dl", "dd", "dt", "thead", "tfoot", "tbody", "tt", "b", "i", "big", "small", "strike", "s", "u",
        "ruby", "rb", "rp", "rt", "rtc", "bdi", "mark")},
    **{name: _BLOCK for name in ("div", "h1", "h2", "h3", "h4", "h5", "h6", "p", "caption")},
    "blockquote": _COMMON_ATTRIBUTES | {"cite"},
    "q": _COMMON_ATTRIBUTES | {"cite"},
    "br": _COMMON_ATTRIBUTES | {"clear"},
    "ins": _COMMON_ATTRIBUTES | {"cite", "datetime"},
    "del": _COMMON_ATTRIBUTES | {"cite", "datetime"},
    "ul": _COMMON_ATTRIBUTES | {"type"},
    "ol": _COMMON_ATTRIBUTES | {"type", "start", "reversed"},
    "li": _COMMON_ATTRIBUTES | {"type", "value"},
    "table": _COMMON_ATTRIBUTES | {"summary", "width", "border", "frame", "rules", "cellspacing", "cellpadding",
                                   "align", "bgcolor"},
    "tr": _COMMON_ATTRIBUTES | {"bgcolor", "align", "valign"},
    "td": _TABLE_CELL,
    "th": _TABLE_CELL,
    "font": _COMMON_ATTRIBUTES | {"size", "color", "face"},
    "hr": _COMMON_ATTRIBUTES | {"width"},
    "data": _COMMON_ATTRIBUTES | {"value"},
    "time": _COMMON_ATTRIBUTES | {"datetime"},
    "meta": frozenset({"itemprop", "content"}),
    "link": frozenset({"itemprop", "href", "title"}),
}
#: ``data-`` attributes the Sanitizer drops: reserved for MediaWiki's own use.
_RESERVED_DATA = re.compile(r"data-(?:ooui|mw|parsoid)", re.IGNORECASE)
#: HTML attributes that only say how to present the element: obsolete in HTML5, where
#: CSS does it (the elements each one is obsolete on).
PRESENTATIONAL_ATTRIBUTES: dict[str, frozenset[str]] = {
    "align": frozenset({"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "table", "tr", "td", "th"}),
    "valign": frozenset({"tr", "td", "th"}),
    "bgcolor": frozenset({"table", "tr", "td", "th"}),
    "width": frozenset({"table", "td", "th", "hr", "pre"}),
    "height": frozenset({"td", "th"}),
    "border": frozenset({"table"}),
    "cellpadding": frozenset({"table"}),
    "cellspacing": frozenset({"table"}),
    "frame": frozenset({"table"}),
    "rules": frozenset({"table"}),
    "nowrap": frozenset({"td", "th"}),
    "clear": frozenset({"br"}),
}


#: Per element, the attributes no rule reports: allowed and not presentational.
_UNREMARKABLE_ATTRIBUTES: dict[str, frozenset[str]] = {}


@dataclass(slots=True, repr=False)
class AttributeUse:
    """One attribute of an HTML element (written as a tag or as table markup)."""

    node: Tag
    element: str
    #: The attribute's position among the tag's attributes.
    index: int
    #: Its name as written, and lower-cased (``None`` when the name is not plain text).
    name: str | None
    key: str | None
    #: Where the tag starts, or -1 for table markup: then ``table`` holds the table it is in.
    tag_start: int
    table: Located | None = None

    @property
    def attribute(self):
        return self.node.attributes[self.index]

    def span(self, page: Page) -> tuple[int, int]:
        """The attribute's offsets in the page, leading space excluded."""
        node = self.node
        tag_start = self.tag_start if self.tag_start >= 0 else _offset_in_table(self.table, node)
        if node.wiki_markup:
            position = tag_start + len(node.wiki_markup)
        else:
            position = tag_start + (2 if node.invalid else 1) + len(wikicode_text(node.tag))
        attributes = node.attributes
        for attribute in attributes[:self.index]:
            position += len(str(attribute))
        attribute = attributes[self.index]
        return position + len(attribute.pad_first), position + len(str(attribute))


def _offset_in_table(table: Located, wanted: Tag) -> int:
    """Where a row or cell of a table starts (it is a child of the table or of a row)."""
    return _table_part_offsets(table)[id(wanted)]


def _table_part_offsets(table: Located) -> dict[int, int]:
    """Where each row and cell of a table starts, by ``id()`` of its node (computed once
    per table: a table whose every cell has a finding is walked once, not once a cell)."""
    cache = _TABLE_OFFSETS.get(id(table))
    if cache is not None and cache[0] is table:
        return cache[1]
    offsets: dict[int, int] = {}
    position = tag_spans(table).contents_start
    for child in table.node.contents.nodes:
        length = len(str(child))
        if type(child) is Tag and child.wiki_markup:
            offsets[id(child)] = position
            if child.wiki_markup == "|-":
                inner = tag_spans(Located(child, position, position + length, ())).contents_start
                for grandchild in child.contents.nodes:
                    offsets[id(grandchild)] = inner
                    inner += len(str(grandchild))
        position += length
    _TABLE_OFFSETS.clear()  # one table at a time: rules report a table's attributes together
    _TABLE_OFFSETS[id(table)] = (table, offsets)
    return offsets


_TABLE_OFFSETS: dict[int, tuple[Located, dict[int, int]]] = {}


def attribute_uses(page: Page) -> list[AttributeUse]:
    return page.derived("wikilint_syntax.attributes", _build_attribute_uses)


#: The element each piece of table markup makes.
_TABLE_MARKUP_ELEMENTS = {"{|": "table", "|-": "tr", "|": "td", "||": "td", "!": "th", "!!": "th"}


def _build_attribute_uses(page: Page) -> list[AttributeUse]:
    """The attributes a rule of the family may report: those the element does not allow,
    the presentational ones, and those whose value opens a quote it never closes.
    (``class="x"`` and the like, nearly every attribute of a page, are not kept.)"""
    uses: list[AttributeUse] = []
    # (mwparserfromhell parses no tag inside a comment or a literal tag: nothing to skip.)
    for item, element in tag_survey(page).with_attributes:
        _add_uses(uses, item.node, element, item.node.attributes, item.start, None)
    for table in wiki_tables(page):
        node = table.node
        if node.attributes:
            _add_uses(uses, node, "table", node.attributes, table.start, None)
        for child in node.contents.nodes:
            if type(child) is not Tag or not child.wiki_markup:
                continue
            if child.attributes:
                _add_uses(uses, child, _TABLE_MARKUP_ELEMENTS.get(child.wiki_markup, "td"), child.attributes, -1,
                          table)
            if child.wiki_markup == "|-":
                for cell in child.contents.nodes:
                    if type(cell) is Tag and cell.wiki_markup and cell.attributes:
                        _add_uses(uses, cell, _TABLE_MARKUP_ELEMENTS.get(cell.wiki_markup, "td"), cell.attributes,
                                  -1, table)
    return uses


def _add_uses(uses: list[AttributeUse], node: Tag, element: str, attributes: list, tag_start: int,
              table: Located | None) -> None:
    boring = _UNREMARKABLE_ATTRIBUTES.get(element, frozenset())
    names = [wikicode_text(attribute.name) for attribute in attributes]
    if all(name.strip().lower() in boring for name in names) and not any(map(opens_quote, attributes)):
        return
    if any(name.startswith("<!--") for name in names):
        return  # a comment that mwparserfromhell read as attributes
    if table is not None and node.wiki_markup not in ("{|", "|-") and any(
            "[[" in str(attribute) for attribute in attributes):
        return  # a cell's "attributes" with a link in them are its content (Parser::handleTables)
    if element == "td" and names[0].startswith("+") and node.wiki_markup == "|":
        element, boring = "caption", _UNREMARKABLE_ATTRIBUTES["caption"]  # "|+ …": read as a cell
        names[0] = names[0][1:]
    for index, attribute in enumerate(attributes):
        name = names[index]
        plain = "{" not in name and "<" not in name
        key = name.strip().lower() if plain else None
        if key not in boring:
            uses.append(AttributeUse(node, element, index, name if plain else None, key, tag_start, table))
        if opens_quote(attribute):
            if key in boring:
                uses.append(AttributeUse(node, element, index, name, key, tag_start, table))
            break  # the attributes after it are inside its value (SYN015)


def opens_quote(attribute) -> bool:
    """Whether an attribute's value starts with a quote it never closes."""
    if attribute.quotes is not None or attribute.value is None:
        return False
    value = wikicode_text(attribute.value)
    return bool(value) and value[0] in "\"'" and not (len(value) > 1 and value.endswith(value[0]))


#: An attribute name as the Sanitizer accepts it (Sanitizer::getAttribNameRegex).
ATTRIBUTE_NAME = re.compile(r"[:_\w][:_.\-\w]*")


for _element in HTML_ELEMENTS:
    _UNREMARKABLE_ATTRIBUTES[_element] = frozenset(
        name for name in ALLOWED_ATTRIBUTES.get(_element, ()) if _element not in PRESENTATIONAL_ATTRIBUTES.get(name, ()))
_UNREMARKABLE_ATTRIBUTES["caption"] = frozenset(ALLOWED_ATTRIBUTES["caption"] - {"align"})


def is_dropped_attribute(element: str, key: str) -> bool:
    """Whether the Sanitizer drops an attribute (lower-cased name) from an element."""
    allowed = ALLOWED_ATTRIBUTES.get(element)
    if allowed is None or key in allowed or element in ("meta", "link"):
        return False  # (<meta> and <link> are microdata, which extensions extend)
    if key.startswith("data-") and ":" not in key and not _RESERVED_DATA.match(key):
        return False
    return True


# -- bold and italic quotes, as Parser::doQuotes reads a line -----------------------------

_QUOTE_RUN = re.compile(r"'{2,}")


def unclosed_quote(text: str, start: int = 0, end: int | None = None) -> tuple[int, int, str] | None:
    """The run of apostrophes left open at the end of ``text[start:end]``, read as one line
    by MediaWiki's doQuotes, as ``(start, end, "italic" | "bold")``; ``None`` when every
    bold and italic closes.

    doQuotes counts the ``''`` (italic), ``'''`` (bold, and ``''''``: an apostrophe and
    bold) and ``'''''`` (both) runs of the line; when both counts are odd it reads one
    ``'''`` as an apostrophe and ``''``, which balances them. So a line leaves something
    open exactly when the runs of two to four apostrophes are odd in number.
    """
    runs = list(_QUOTE_RUN.finditer(text, start, len(text) if end is None else end))
    italic = [match for match in runs if len(match[0]) == 2 or len(match[0]) >= 5]
    bold = [match for match in runs if len(match[0]) >= 3]
    if len(italic) % 2 == len(bold) % 2:
        return None  # both even, or both odd: one bold is then read as an apostrophe and an italic
    kind, toggles = ("italic", italic) if len(italic) % 2 else ("bold", bold)
    last = toggles[-1]
    return last.start(), last.end(), kind


# -- section headings -----------------------------------------------------------------------

@dataclass(slots=True, repr=False)
class HeadingLine:
    located: Located
    level: int
    #: The title as written between the ``=`` runs, and where it starts.
    title: str
    title_start: int
    #: What follows the closing ``=`` run on its line (comments included).
    after: str


def headings(page: Page) -> list[HeadingLine]:
    return page.derived("wikilint_syntax.headings", _build_headings)


def _build_headings(page: Page) -> list[HeadingLine]:
    text = page.text
    found = []
    for item in page.nodes(Heading):
        node = item.node
        level = node.level
        line_end = text.find("\n", item.end)
        after = text[item.end:line_end if line_end != -1 else len(text)]
        found.append(HeadingLine(item, level, text[item.start + level:item.end - level], item.start + level, after))
    return found


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def without_comments(text: str) -> str:
    return _COMMENT.sub("", text) if "<!--" in text else text


# -- tables --------------------------------------------------------------------------------


@dataclass(slots=True, repr=False)
class TableProblems:
    #: Where each ``{|`` that no ``|}`` closes starts.
    unclosed: list[int] = field(default_factory=list)
    #: Where each ``|}`` that closes no table starts.
    stray: list[int] = field(default_factory=list)


def table_problems(page: Page) -> TableProblems:
    return page.derived("wikilint_syntax.tables", _build_table_problems)


def _build_table_problems(page: Page) -> TableProblems:
    """Table starts and ends matched line by line, as Parser::handleTables does (a start
    may follow list indentation, ``:{|``); an open table is closed at the end of the page."""
    problems = TableProblems()
    text = page.text
    if "{|" not in text and "|}" not in text:
        return problems
    # (Comments go before tables are read: "::<!-- c -->{|" starts a table.)
    text = blanked_text(page)
    marks = _line_start_marks(text, "{|", " \t:") + _line_start_marks(text, "|}", " \t")
    if not marks:
        return problems
    marks.sort()
    spans = literals(page).spans
    opened: list[int] = []
    for position in marks:
        if spans.covers(position):
            continue
        if text.startswith("{|", position):
            opened.append(position)
        elif opened:
            opened.pop()
        elif not text.startswith("|}}", position):  # (the end of a template call, "|}}")
            problems.stray.append(position)
    problems.unclosed = [start for start in opened if not _closed_by_template(page, start)]
    return problems


def _line_start_marks(text: str, mark: str, indent: str) -> list[int]:
    """Where ``mark`` starts a line (after characters of ``indent``)."""
    found = []
    position = text.find(mark)
    while position != -1:
        if not position or text[position - 1] == "\n":
            found.append(position)
        elif text[position - 1] in indent:
            line_start = text.rfind("\n", 0, position) + 1
            if not text[line_start:position].strip(indent):
                found.append(position)
        position = text.find(mark, position + 2)
    return found


def _closed_by_template(page: Page, start: int) -> bool:
    """Whether a template on its own line after the table start may close it
    (``{{End}}``, ``{{S-end}}``, ``{{Col-end}}``…)."""
    text = page.text
    for item in page.nodes(Template):
        if item.start > start and not item.ancestors and text.startswith("\n", item.end) | (item.end == len(text)):
            if text.rfind("\n", 0, item.start) + 1 == item.start:
                return True
    return False


def wiki_tables(page: Page) -> list[Located]:
    """The tables written in wiki markup (``{|`` … ``|}``) that mwparserfromhell parsed."""
    return page.derived("wikilint_syntax.wiki_tables", _build_wiki_tables)


def _build_wiki_tables(page: Page) -> list[Located]:
    text = page.text
    if "{|" not in text:
        return []
    tags = page.nodes(Tag)
    tables = []
    for position in _line_start_marks(text, "{|", " \t:"):
        index = bisect.bisect_left(tags, position, key=_start)
        if index < len(tags) and tags[index].start == position and tags[index].node.wiki_markup == "{|":
            tables.append(tags[index])
    return tables


def _start(item: Located) -> int:
    return item.start


def top_level_template_spans(page: Page) -> Spans:
    """The spans of the page's outermost template calls (calls in no other call; they may
    be inside a tag or a link)."""
    return page.derived("wikilint_syntax.template_spans", _build_template_spans)


def _build_template_spans(page: Page) -> Spans:
    spans = Spans()
    outer_end = -1
    for item in page.nodes(Template):  # (in text order: a call comes before those inside it)
        if item.start >= outer_end:
            outer_end = item.end
            spans.starts.append(item.start)
            spans.ends.append(item.end)
    return spans


@dataclass(slots=True, repr=False)
class TemplateCalls:
    """The template calls the family's rules look at, found in one pass over the calls."""

    #: Calls (of templates, not parser functions) that give a parameter more than once.
    repeated_parameters: list[Located] = field(default_factory=list)
    #: ``{{#invoke:…}}`` calls.
    invokes: list[Located] = field(default_factory=list)
    #: ``{{DEFAULTSORT:…}}`` calls (any of the site's names), with the key as written.
    defaultsorts: list[tuple[Located, str]] = field(default_factory=list)


def template_calls(page: Page) -> TemplateCalls:
    return page.derived("wikilint_syntax.template_calls", _build_template_calls)


#: "|name=" in the text of a call (of the call's own parameters or of calls nested in it).
_PARAMETER_KEY = re.compile(r"\|[ \t\n]*([^|={}\[\]<>\n]*?)[ \t\n]*=")


def _build_template_calls(page: Page) -> TemplateCalls:
    calls = TemplateCalls()
    text = page.text
    templates = page.nodes(Template)
    # Repeated parameters: the text of each outermost call is searched for a "|name="
    # written twice (or a numbered one, "|2=", which may repeat an unnamed parameter); only the
    # calls in such a text get the exact test. This runs over every call of every page.
    key_in, find = _PARAMETER_KEY.findall, text.find
    outer_end, suspect = -1, False
    for item in templates:
        if item.start >= outer_end:
            if find("=", item.start, item.end) == -1:
                continue  # no named parameter here: nothing can repeat
            outer_end = item.end
            keys = key_in(text, item.start, item.end)
            suspect = len(set(keys)) != len(keys) or any(map(str.isdigit, keys))
        if suspect and _repeats_a_parameter(item.node.params):
            calls.repeated_parameters.append(item)
    if calls.repeated_parameters:
        calls.repeated_parameters = [item for item in calls.repeated_parameters
                                     if not is_parser_function(wikicode_text(item.node.name))]
    # #invoke and DEFAULTSORT: parser functions, named with a colon. The calls are found
    # from where their names occur in the text, not by reading every call's name.
    defaultsort = tuple(f"{name}:" for name in page.site.get(DEFAULTSORT_KEY) or ("DEFAULTSORT",))
    for item in _calls_around(page, ("nvoke", *_common_prefixes(defaultsort))):
        name = wikicode_text(item.node.name)
        if ":" not in name:
            continue
        name = name.lstrip()
        if name[:1] == "#":
            if name[1:].partition(":")[0].strip().lower() == "invoke":
                calls.invokes.append(item)
        elif name.startswith(defaultsort):
            calls.defaultsorts.append((item, name.partition(":")[2]))
    return calls


@lru_cache(maxsize=16)
def _common_prefixes(names: tuple[str, ...]) -> tuple[str, ...]:
    """Fewer strings to search the text for, one of which starts each name: the names
    grouped by their first two characters, each group by what its names share
    (``DEFAULTSORT:`` and ``DEFAULTCATEGORYSORT:`` → ``DEFAULT``)."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[:2], []).append(name)
    return tuple(os.path.commonprefix(group) for group in groups.values())


def _calls_around(page: Page, needles: tuple[str, ...]) -> list[Located]:
    """The template calls that open just before an occurrence of one of ``needles`` (the
    last ``{{`` before it), in text order: the calls whose name may hold it."""
    text = page.text
    openings = set()
    for needle in needles:
        position = text.find(needle)
        while position != -1:
            openings.add(text.rfind("{{", 0, position))
            position = text.find(needle, position + len(needle))
    openings.discard(-1)
    if not openings:
        return []
    templates = page.nodes(Template)
    found = []
    for opening in sorted(openings):
        index = bisect.bisect_left(templates, opening - 1, key=_start)  # ("{{{{X:…}}}}": one "{" before)
        found += [item for item in templates[index:index + 2] if opening - 1 <= item.start <= opening]
    return found


def _repeats_a_parameter(params) -> bool:
    seen = set()
    for param in params:
        key = plain_text(param.name)
        if key is None:
            continue
        key = key.strip()
        if key in seen:
            return True
        seen.add(key)
    return False


def parameter_spans(located: Located) -> list[tuple[int, int]]:
    """Where each parameter of a located template call is, its leading ``|`` included."""
    node = located.node
    position = located.start + 2 + len(wikicode_text(node.name))
    spans = []
    for param in node.params:
        length = 1 + len(str(param.value))
        if param.showkey:
            length += len(str(param.name)) + 1
        spans.append((position, position + length))
        position += length
    return spans


def is_parser_function(name: str) -> bool:
    """Whether a template call's name is a parser function or a magic word (``#if:``,
    ``DEFAULTSORT:``, ``subst:``…) rather than a template."""
    name = name.strip()
    return name.startswith("#") or ":" in name and not name.lower().startswith(("template:", "t:"))


def line_removal(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete to remove ``text[start:end]``: its whole line when nothing else is on
    it (a blank line would start a new paragraph), else just the range."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, min(line_end + 1, len(text))


#: A plain bold or italic span: the runs around it balance, whatever else is on the line.
#: (It does not run over a tag, whose text may be read on its own, nor over "||" or "!!",
#: which start another table cell.)
#: (Its inside is written as ``(?:[^'\n<|!]|\|(?!\|)|!(?!!))+`` unrolled: one such character,
#: then runs of ordinary ones between single "|" or "!"; the same text, read a third faster.)
_PLAIN_INSIDE = r"(?:[^'\n<|!]|\|(?!\|)|!(?!!))[^'\n<|!]*(?:(?:\|(?!\|)|!(?!!))[^'\n<|!]*)*"
_PLAIN_PAIR = re.compile(f"'''{_PLAIN_INSIDE}'''|''{_PLAIN_INSIDE}''")


def odd_quote_lines(page: Page) -> list[int]:
    """Where each line starts that may leave a bold or an italic open: a line that still
    holds a run of apostrophes once its plain ``''…''`` and ``'''…'''`` spans are taken out
    (the exact reading is :func:`unclosed_quote`'s)."""
    text = page.text
    if "''" not in text:
        return []
    reduced = _PLAIN_PAIR.sub("", text)  # line breaks stay: line numbers do not change
    position = reduced.find("''")
    found = []
    line, counted_to = 1, 0
    while position != -1:
        line += reduced.count("\n", counted_to, position)
        counted_to = position
        found.append(page.offset(line, 1))
        position = reduced.find("\n", position)
        if position == -1:
            break
        position = reduced.find("''", position)
    return found

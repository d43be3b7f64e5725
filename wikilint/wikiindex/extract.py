"""What the wiki index records of one page, read from its wikitext alone.

A worker turns each page of a dump into one compact row (:func:`FactExtractor.row`):
its normalised title, the redirect's target and fragment, its section anchors as
MediaWiki makes them, and a few flags (disambiguation page; for a template: prints
``<references />``, is a hatnote, infobox or maintenance template). Only regular
expressions run here, no parse: the pre-pass must cost little next to the lint pass, and
nothing in it may be quadratic.

Anchors are kept in the form link fragments are compared in (:func:`anchor_key`):
entities decoded, underscores as spaces, white space collapsed and trimmed. A page whose
anchors cannot all be known from its text (a heading holding a template call, a
``<ref>``, variant-dependent ``-{ }-`` markup, or a transcluded page) is flagged, and
rules then say nothing about its anchors.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple

from wikilint.site import Site

# -- flags --------------------------------------------------------------------------------

DISAMBIGUATION = 1
EMITS_REFERENCES = 2
HATNOTE = 4
INFOBOX = 8
MAINTENANCE = 16
#: Some anchors of the page come from what the index cannot see (template output).
ANCHORS_INCOMPLETE = 32

#: Site keys the index reads when a site has them (the ``wikilint_wiki`` plugin contributes
#: them for the shipped presets): templates whose positional arguments are anchors, and
#: the templates and categories that mark a disambiguation page (besides ``__DISAMBIG__``).
ANCHOR_TEMPLATES_KEY = "anchor-templates"
DISAMBIGUATION_TEMPLATES_KEY = "disambiguation-templates"
DISAMBIGUATION_CATEGORIES_KEY = "disambiguation-categories"
DEFAULT_ANCHOR_TEMPLATES = ("Anchor", "Anchors", "Visible anchor")


class PageRow(NamedTuple):
    """One page of the index, as a worker sends it back (small, picklable)."""

    title: str
    namespace: int
    #: A redirect's normalised target title (``None``: not a redirect).
    target: str | None
    #: A redirect's fragment (``[[Target#Section]]``), as :func:`anchor_key` gives it.
    fragment: str | None
    flags: int
    #: The page's anchors joined by newlines (``None``: none).
    anchors: str | None
    #: The title folded (case, and on zh sites the script): titles that differ only so.
    fold: str


# -- anchors ------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[\s_]+")
_LEGACY_ESCAPE = re.compile(r"(?:\.[0-9A-F]{2})+")


def anchor_key(text: str) -> str:
    """An anchor or link fragment as MediaWiki compares them: entities decoded, ``_`` as a
    space, white space collapsed and trimmed (``Early_life`` and `` Early  life`` match)."""
    if "&" in text:
        text = html.unescape(text)
    return _WHITESPACE.sub(" ", text).strip()


def fragment_forms(fragment: str) -> list[str]:
    """The anchors a link fragment may name: itself and, for an old link in MediaWiki's
    legacy encoding (``.E5.8E.86.E5.8F.B2``), the decoded form, which MediaWiki still finds."""
    forms = [anchor_key(fragment)]
    if "." in fragment:
        def decode(match: re.Match[str]) -> str:
            raw = bytes.fromhex(match[0].replace(".", ""))
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return match[0]
        decoded = _LEGACY_ESCAPE.sub(decode, fragment)
        if decoded != fragment:
            forms.append(anchor_key(decoded))
    return forms


#: Blocks whose content MediaWiki does not read as wikitext (no heading, no anchor there).
_LITERAL = re.compile(r"<!--.*?(?:-->|\Z)|<(nowiki|pre|syntaxhighlight|source|math|chem|score|timeline|templatedata"
                      r"|graph)\b[^>]*?(?:/>|>.*?(?:</\1\s*>|\Z))", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r"(=+)(.+?)(=+)[ \t]*")
_LINK = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
_EXTERNAL = re.compile(r"\[(?:https?:)?//[^\s\]]+\s*([^\]]*)\]")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_QUOTES = re.compile(r"'{2,}")
_SIMPLE_VARIANT = re.compile(r"-\{([^{}:;|]*)\}-")
#: What makes a heading's anchor unknowable from the text: template or parser-function
#: output, a reference marker, variant-dependent conversion markup.
_UNKNOWABLE = re.compile(r"\{\{|<ref\b|-\{|\{\|", re.IGNORECASE)
_ID_IN_TAG = re.compile(r"<[a-zA-Z][\w-]*\s[^<>]*?(?<![\w-])id\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>/]+))",
                        re.IGNORECASE)
#: A quoted ``id=`` anywhere; it counts on a table line (``{|``, ``|-``, ``|``, ``!``) when
#: no letter, digit or ``-`` comes before it. (Written so that the regex engine can search
#: for the literal ``id``: a look-behind or IGNORECASE here costs twenty times as much.)
_QUOTED_ID = re.compile(r"id\s*=\s*(?:\"([^\"\n]*)\"|'([^'\n]*)')")
_ID_ARGUMENT = re.compile(r"\|\s*(?:ref|id)\s*=\s*((?:\{\{[^{}]*\}\}|[^|{}\n])*)", re.IGNORECASE)
#: A template call without nested braces: its name and its arguments.
_CALL = re.compile(r"\{\{([^{}|]*)(\|[^{}]*)?\}\}")
_CATEGORY = re.compile(r"\[\[\s*([^\[\]|:]+?)\s*:\s*([^\[\]|]+?)\s*(?:\|[^\[\]]*)?\]\]")
_REDIRECT_LINK = re.compile(r"\[\[([^\[\]|]*)")
_NOINCLUDE = re.compile(r"<noinclude>.*?(?:</noinclude>|\Z)", re.DOTALL | re.IGNORECASE)
_REFERENCES = re.compile(r"<references\b|\{\{\s*#tag\s*:\s*references\b", re.IGNORECASE)
#: A template prints a hatnote when its text has the class, wraps the {{hatnote}} template or
#: calls Module:Hatnote or one of the hatnote modules enwiki's templates call (and wikis
#: that copied them): {{Main}}, {{See also}} (Labelled list hatnote), {{About}}, {{For}},
#: {{Distinguish}}, {{Redirect}} (Redirect hatnote), {{Other uses}}.
_HATNOTE = re.compile(r"class\s*=\s*\"[^\"]*\bhatnote\b|\{\{\s*hatnote\s*[|}]|#invoke\s*:\s*(?:hatnote|labelled list "
                      r"hatnote|about|for|distinguish|redirect hatnote|other uses)\s*\|", re.IGNORECASE)
_INFOBOX = re.compile(r"class\s*=\s*\"[^\"]*\binfobox\b|#invoke\s*:\s*infobox\b|\{\{\s*infobox\s*[|}]", re.IGNORECASE)
_MAINTENANCE = re.compile(r"\{\{\s*ambox\s*[|}]|class\s*=\s*\"[^\"]*\bambox\b|#invoke\s*:\s*message box\s*\|\s*ambox",
                          re.IGNORECASE)


def heading_text(inner: str) -> str | None:
    """What a heading's wikitext shows, as the anchor is made of it; ``None`` when that
    cannot be known from the text (a template call, a reference, variant markup)."""
    inner = _SIMPLE_VARIANT.sub(r"\1", inner)
    if _UNKNOWABLE.search(inner):
        return None
    inner = _LINK.sub(lambda m: m[2] if m[2] is not None else m[1].lstrip(":"), inner)
    inner = _EXTERNAL.sub(r"\1", inner)
    inner = _TAG.sub("", inner)
    inner = _QUOTES.sub("", inner)
    return anchor_key(inner)


def _lines_starting_with_equals(text: str) -> Iterator[str]:
    """The lines that may be headings (found with ``str.find``, much faster than a
    multi-line regular expression tried at every position)."""
    text = "\n" + text
    position = text.find("\n=")
    while position != -1:
        end = text.find("\n", position + 1)
        if end == -1:
            yield text[position + 1:]
            return
        yield text[position + 1:end]
        position = text.find("\n=", end)


def page_anchors(text: str, site: Site, anchor_templates: frozenset[str]) -> tuple[list[str], bool]:
    """The anchors of a page in document order (headings numbered ``_2``, ``_3`` on
    repetition as MediaWiki does), and whether they are complete."""
    text = _LITERAL.sub("", text) if ("<" in text) else text
    anchors: list[str] = []
    seen: set[str] = set()
    complete = True
    if "=" in text:
        for line in _lines_starting_with_equals(text):
            match = _HEADING.fullmatch(line)
            if match is None:
                continue
            level = min(len(match[1]), len(match[3]), 6)
            line = line.rstrip()
            inner = line[level:len(line) - level]
            if not inner.strip():
                continue
            shown = heading_text(inner)
            if shown is None:
                complete = False
                continue
            anchor, number = shown, 1
            while anchor.casefold() in seen:  # MediaWiki numbers a repeated heading (case-insensitively)
                number += 1
                anchor = f"{shown} {number}"
            seen.add(anchor.casefold())
            anchors.append(anchor)
    if "id" in text:
        values = [next(group for group in match.groups() if group is not None) for match in _ID_IN_TAG.finditer(text)]
        for match in _QUOTED_ID.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].lstrip(" \t")[:1] in ("{", "|", "!"):
                values.append(match[1] if match[1] is not None else match[2])
        for value in values:
            if "{{" in value:
                complete = False
            elif value.strip():
                anchors.append(anchor_key(value))
    if "{{" in text:
        # A citation's ``ref=`` and a template's ``id=`` name the anchor it makes (Harvard
        # references link to them); a value built by a template cannot be known.
        for match in _ID_ARGUMENT.finditer(text):
            if "{{" in match[1]:
                complete = False
            elif match[1].strip():
                anchors.append(anchor_key(match[1]))
        for match in _CALL.finditer(text):
            name = match[1].strip()
            if name.startswith(":"):  # a transcluded page: its headings are this page's too
                complete = False
            elif match[2] and site.template_key(name) in anchor_templates:
                anchors.extend(anchor_key(argument) for argument in match[2][1:].split("|")
                               if argument.strip() and "=" not in argument)
    return anchors, complete


# -- the row of a page ----------------------------------------------------------------------


class FactExtractor:
    """Rows for the pages of one site (built once per unit of work, in the worker)."""

    def __init__(self, site: Site):
        self.site = site
        self.anchor_templates = frozenset(site.template_key(name) for name in
                                          site.get(ANCHOR_TEMPLATES_KEY, DEFAULT_ANCHOR_TEMPLATES))
        self.disambiguation_templates = frozenset(site.template_key(name) for name in
                                                  site.get(DISAMBIGUATION_TEMPLATES_KEY, ()))
        self.disambiguation_categories = frozenset(site.template_key(name) for name in
                                                   site.get(DISAMBIGUATION_CATEGORIES_KEY, ()))
        self.fold = title_folder(site)

    def row(self, title: str, namespace: int, redirect: str | None, text: str) -> PageRow:
        site = self.site
        key = site.normalize_title(title)
        if redirect is not None:
            link = _REDIRECT_LINK.search(text)
            written = link[1] if link else redirect
            target, _hash, fragment = site.normalize_title(written.lstrip(": ")).partition("#")
            if redirect:  # the dump's own <redirect title>: MediaWiki's reading of the target
                target = site.normalize_title(redirect)
            return PageRow(key, namespace, target, anchor_key(fragment) or None, 0, None, self.fold(key))
        anchors, complete = page_anchors(text, site, self.anchor_templates)
        flags = 0 if complete else ANCHORS_INCOMPLETE
        if self._is_disambiguation(text):
            flags |= DISAMBIGUATION
        if namespace == 10:
            flags |= template_flags(text)
        return PageRow(key, namespace, None, None, flags, "\n".join(dict.fromkeys(anchors)) or None, self.fold(key))

    def _is_disambiguation(self, text: str) -> bool:
        if "__DISAMBIG__" in text:
            return True
        if self.disambiguation_templates and "{{" in text:
            template_key = self.site.template_key
            if any(template_key(match[1]) in self.disambiguation_templates for match in _CALL.finditer(text)):
                return True
        if self.disambiguation_categories and "[[" in text:
            for match in _CATEGORY.finditer(text):
                if (self.site.split_namespace(match[1] + ":x")[0] == "category"
                        and self.site.template_key(match[2]) in self.disambiguation_categories):
                    return True
        return False


def template_flags(text: str) -> int:
    """What a template's own text says it prints (its ``<noinclude>`` part left out)."""
    text = _NOINCLUDE.sub("", text)
    flags = 0
    if _REFERENCES.search(text):
        flags |= EMITS_REFERENCES
    if _HATNOTE.search(text):
        flags |= HATNOTE
    if _INFOBOX.search(text):
        flags |= INFOBOX
    if _MAINTENANCE.search(text):
        flags |= MAINTENANCE
    return flags


def title_folder(site: Site) -> Callable[[str], str]:
    """The fold of a title: case folded, and on a zh site converted to simplified script
    (with the optional zhconv-rs tables), so that titles differing only so fold alike."""
    if site.language == "zh":
        convert = zh_simplifier()
        if convert is not None:
            return lambda title: convert(title).casefold()
    return str.casefold


@lru_cache(maxsize=1)
def zh_simplifier() -> Callable[[str], str] | None:
    try:  # optional (the zh extra)
        from zhconv_rs import zhconv
    except ImportError:
        return None
    return lambda text: zhconv(text, "zh-hans")

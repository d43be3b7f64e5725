"""What every reference rule needs: the page's ``<ref>`` tags and reference lists, found once.

:func:`ref_index` walks the located tree a single time and keeps the result with the page,
so the rules of this family share one pass however many of them run.

Names and groups are compared the way MediaWiki's Sanitizer hands them to Cite: character
references decoded, white space runs collapsed, ends trimmed; case matters.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Comment, Heading, Tag, Template, Text
from mwparserfromhell.nodes.extras import Attribute

from wikilint import Located, Page, tag_name, tag_spans, wikicode_text
from wikilint.site import Site

_WHITESPACE_RUN = re.compile(r"\s+")
_MIGHT_HOLD_REFS = re.compile(r"</?ref|#tag:ref", re.IGNORECASE)

#: ``<ref …>``, ``<ref …/>`` and ``</ref>`` as MediaWiki's tag extractor sees them; used on
#: text that mwparserfromhell could not turn into a tag (an unclosed ``<ref>``, say).
REF_TOKEN = re.compile(r"<(/?)ref(?=[\s/>])([^>]*?)(/?)>", re.IGNORECASE)

#: List templates whose default group is not the default one (en's ``{{notelist}}`` family).
_NOTELIST_GROUPS = {
    "notelist": "lower-alpha",
    "notelist-ua": "upper-alpha",
    "notelist-lr": "lower-roman",
    "notelist-lg": "lower-greek",
}


def normalize_attribute(value: str) -> str:
    """An attribute value as Cite receives it."""
    return _WHITESPACE_RUN.sub(" ", html.unescape(value)).strip()


def ref_name_value(attribute: Attribute) -> str:
    """The name a ``name=`` attribute gives, as Cite sees it.

    MediaWiki's attribute parser accepts a quoted value whose closing quote is missing
    (``name="a``), so a stray quote at either end is not part of the name.
    """
    if attribute.value is None:
        return ""
    value = wikicode_text(attribute.value)
    if attribute.quotes is None:
        value = value.strip("\"'")
    return normalize_attribute(value)


def name_key(name: str) -> str:
    """What two names share when they differ only in case, spacing or underscores."""
    return re.sub(r"[\s_]+", "", name).casefold()


# Records of this module are never printed: without a generated __repr__ each class
# costs less at start-up, which every run pays for every rule family.
@dataclass(slots=True, repr=False)
class Ref:
    """One parsed ``<ref>`` tag."""

    located: Located
    #: The normalised ``name``, ``""`` when written empty, ``None`` when absent.
    name: str | None
    name_attribute: Attribute | None
    group: str
    #: The content, stripped (``""`` for a self-closing ref).
    content: str
    self_closing: bool
    #: Defined inside ``<references>…</references>`` or a list template's ``refs=``.
    list_defined: bool
    #: Inside a ``<ref>`` (mwparserfromhell nests them; MediaWiki does not).
    nested: bool
    #: Offset just after the last attribute of the opening tag (where an attribute can go).
    attributes_end: int

    @property
    def start(self) -> int:
        return self.located.start

    @property
    def end(self) -> int:
        return self.located.end

    @property
    def tag(self) -> Tag:
        return self.located.node  # type: ignore[return-value]

    @property
    def is_definition(self) -> bool:
        return bool(self.content)

    @property
    def key(self) -> tuple[str, str | None]:
        return self.group, self.name

    def attributes_text(self, without: str | None = None) -> str:
        """The opening tag's attribute text, optionally leaving one attribute out."""
        return "".join(
            str(attribute) for attribute in self.tag.attributes
            if without is None or str(attribute.name).strip().lower() != without
        )


@dataclass(slots=True, repr=False)
class RefList:
    """A reference list: ``<references />`` or a list template."""

    start: int
    end: int
    group: str


@dataclass(slots=True, repr=False)
class RefIndex:
    refs: list[Ref] = field(default_factory=list)
    lists: list[RefList] = field(default_factory=list)
    #: ``(group, name)`` of refs defined by ``{{#tag:ref|…|name=…}}``.
    parser_function_names: set[tuple[str, str]] = field(default_factory=set)
    #: ``(start, end, kind)`` of ``<ref>``/``</ref>`` left as plain text; kind is
    #: ``"open"``, ``"close"`` or ``"self-closing"``.
    text_tokens: list[tuple[int, int, str]] = field(default_factory=list)
    #: ``(start, end, title)`` of the page's section headings (outside templates and tags).
    headings: list[tuple[int, int, str]] = field(default_factory=list)

    def definitions(self) -> dict[tuple[str, str], list[Ref]]:
        """Named refs with content, by ``(group, name)``."""
        found: dict[tuple[str, str], list[Ref]] = {}
        for ref in self.refs:
            if ref.name and ref.is_definition and not ref.nested:
                found.setdefault((ref.group, ref.name), []).append(ref)
        return found


def _attribute(tag: Tag, wanted: str) -> Attribute | None:
    for attribute in tag.attributes:
        if wikicode_text(attribute.name).strip().lower() == wanted:
            return attribute
    return None


def _attribute_value(tag: Tag, wanted: str) -> str | None:
    attribute = _attribute(tag, wanted)
    if attribute is None:
        return None
    return normalize_attribute(wikicode_text(attribute.value)) if attribute.value is not None else ""


def _template_param(template: Template, wanted: str) -> str | None:
    for param in template.params:
        if wikicode_text(param.name).strip().lower() == wanted:
            value = normalize_attribute(wikicode_text(param.value))
            # {{#tag:}} (which list templates call) drops quotes around a value.
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1].strip()
            return value
    return None


def _list_templates(page: Page) -> dict[str, str]:
    """Site list-template names (normalised) → the group they list by default."""
    names: dict[str, str] = {}
    for raw in page.site.get("reference-list-templates", []) or []:
        name = page.site.template_key(str(raw))
        names[name] = _NOTELIST_GROUPS.get(name.lower(), "")
    return names


def _in_list(ancestors: tuple, list_templates: dict[str, str], site: Site) -> bool:
    for parent in ancestors:
        if isinstance(parent, Tag) and tag_name(parent) == "references":
            return True
        if isinstance(parent, Template) and site.template_key(wikicode_text(parent.name)) in list_templates:
            return True
    return False


def _build(page: Page) -> RefIndex:
    index = RefIndex()
    if not _MIGHT_HOLD_REFS.search(page.text):
        # Lists alone matter to nobody: every rule starts from a ref.
        return index
    list_templates = _list_templates(page)
    parsed_tokens = 0  # the <ref>/</ref> tokens that belong to parsed tags
    for item in page.tags("references"):
        if not item.in_literal:
            index.lists.append(RefList(item.start, item.end, _attribute_value(item.node, "group") or ""))
    for item in page.tags("ref"):
        node = item.node
        parsed_tokens += 1 if node.self_closing else 2
        if item.in_literal:
            continue
        name_attribute = _attribute(node, "name")
        name = None
        if name_attribute is not None:
            name = ref_name_value(name_attribute)
        spans = tag_spans(item)
        index.refs.append(Ref(
            located=item,
            name=name,
            name_attribute=name_attribute,
            group=_attribute_value(node, "group") or "",
            content="" if spans.contents_start is None else page.text[spans.contents_start:spans.contents_end].strip(),
            self_closing=bool(node.self_closing),
            list_defined=_in_list(item.ancestors, list_templates, page.site),
            nested=any(isinstance(parent, Tag) and tag_name(parent) == "ref"
                       for parent in item.ancestors),
            attributes_end=spans.attributes_end,
        ))
    # Tokens the parser left as text are rare: look for them node by node only when the
    # page holds more ``<ref``/``</ref>`` tokens than its parsed tags and its comments
    # (``<!-- <ref>…</ref> -->``, common) account for.
    commented_tokens = sum(len(REF_TOKEN.findall(page.text, item.start, item.end)) for item in page.nodes(Comment))
    if len(REF_TOKEN.findall(page.text)) != parsed_tokens + commented_tokens:
        for item in page.nodes(Text):
            value = item.node.value
            if "<" in value and _MIGHT_HOLD_REFS.search(value) and not item.in_literal:
                for match in REF_TOKEN.finditer(value):
                    token = "close" if match[1] else ("self-closing" if match[3] else "open")
                    index.text_tokens.append((item.start + match.start(), item.start + match.end(), token))
    index.headings = [(item.start, item.end, str(item.node.title).strip())
                      for item in page.nodes(Heading) if not item.ancestors]
    for item in page.nodes(Template):
        node = item.node
        name = page.site.template_key(wikicode_text(node.name))
        is_list = name in list_templates
        # (the context is read only for the few templates that matter: it walks the ancestors)
        if not (is_list or name[:5].lower() == "#tag:") or item.in_literal:
            continue
        if is_list:
            group = _template_param(node, "group")
            index.lists.append(RefList(item.start, item.end, group or list_templates[name]))
        else:
            parser_function_tag = name[5:].strip().lower()
            group = _template_param(node, "group") or ""
            if parser_function_tag == "ref":
                ref_name = _template_param(node, "name")
                if ref_name:
                    index.parser_function_names.add((group, ref_name))
            elif parser_function_tag == "references":
                index.lists.append(RefList(item.start, item.end, group))
    index.lists.sort(key=lambda ref_list: ref_list.start)
    return index


def ref_index(page: Page) -> RefIndex:
    """The page's refs and lists, computed on first use and shared by the family's rules."""
    return page.derived("wikilint_references.index", _build)
